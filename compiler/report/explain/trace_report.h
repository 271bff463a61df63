// `defen explain`: the trace behind each score, as an indented tree for people
// or JSON for programs — values read, the band that fired, checklist items,
// deductions, the 不考核 clause, the reviewer's or override's reason.
#pragma once

#include "compiler/ir/ir.h"
#include "compiler/core/result.h"

#include <ostream>
#include <vector>

namespace defen {

// `only` ≥ 0 limits the output to that indicator and the ones below it.
void writeTraceText(std::ostream& out, const ir::Program& program, const RecordResult& result, int only = -1);
void writeTraceJson(std::ostream& out, const ir::Program& program, const std::vector<RecordResult>& results, int only = -1);

}  // namespace defen

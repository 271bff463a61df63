// 评分说明: a Chinese sentence per indicator, built from the trace alone (the
// values read, the band that fired, the deductions, the policy applied), in
// the register of the seed tables: "支出完成率=100.00%，符合“结果 ≥ 100%”，得4分。"
#pragma once

#include "compiler/ir/ir.h"
#include "runtime/result.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace defen {

std::string explainNode(const ir::Program& program, const RecordResult& result, int node);

// A value as a person reads it: 3,974,522.77元, 35.74%, 5项, 4分, 是.
// `places` ≥ 0: that many decimals (rounded half up) instead of the usual ones ({执行率:0} → 82%).
std::string formatForPeople(const ir::Program& program, ir::Display display, const Value& v, int enumInput = -1, int places = -1);
std::string formatScore(Decimal v);
// The inputs and 令 a node read, as (name, value as people read it), in the node's static order.
std::vector<std::pair<std::string, std::string>> valuesOf(const ir::Program& program, const NodeResult& result, int skipInput = -1);
// "a、b、c": parts with `sep` between them.
std::string joined(const std::vector<std::string>& parts, std::string_view sep);
// Rule text quoted in a sentence: one line, single spaces.
std::string oneLine(const std::string& text);

}  // namespace defen

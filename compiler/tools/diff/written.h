// Text of a ruleset as its author wrote it, for showing a change: comments
// left out and runs of spaces and line breaks made one space, so a rule that
// spans three lines reads as one line of the diff.
#pragma once

#include "compiler/tools/diff/diff.h"
#include "compiler/ir/ir.h"

#include <string>
#include <string_view>

namespace defen::diff {

// Comments left out, then defen::oneLine (explain.h).
std::string oneLine(std::string_view text);
// The source text of `range` in `program`, on one line.
std::string written(const ir::Program& program, const SourceRange& range);
// Where `range` of `program`'s text was written.
Place placeIn(const ir::Program& program, const SourceRange& range);
// "3分", "1.5分".
std::string points(Decimal value);
// A band as its table writes it: "100% ＞ 结果 ≥ 90% → 3分".
std::string bandText(const ir::Program& program, const ir::BandCase& band);

}  // namespace defen::diff

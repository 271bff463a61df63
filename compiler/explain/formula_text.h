// A rule's formula as the seed tables write it in a 评分说明, with the
// record's numbers next to the names: "年度实际支出3,974,522.77元÷财政下达预算数3,974,522.77元×100%".
//
// The text is the ruleset's own source (so it reads the way staff wrote it,
// parentheses and all), with each input or 令 it names followed by that
// record's value. A band table inside a formula is shown as "分段(主体)".
#pragma once

#include "compiler/ir/ir.h"
#include "runtime/result.h"

#include <set>
#include <string>

namespace defen {

// `e` as written, values substituted from the trace in `n`; with `weight`,
// 分值/满分 is followed by it.
std::string substitutedText(const ir::Program& program, const ir::Expr* e, const NodeResult& n, const Decimal* weight = nullptr);

// "差异率=（收入决算数3,974,522.77元 - …）÷收入预算数2,928,000.00元=3.02%": a 令's equation.
std::string letEquation(const ir::Program& program, int let, const NodeResult& n);

// The inputs named directly in `e` (not through a 令), outside band tables' cases.
std::set<int> inputsNamedIn(const ir::Expr* e);

}  // namespace defen

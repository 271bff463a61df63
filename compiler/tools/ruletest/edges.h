// The edges of a program: values at which some expression changes its mind.
//
// A band's interval bound (结果 ≥ 90%), a multiple of a deduction step
// (每 5% 扣 0.5分), a constant an input is compared with (天数 ＞ 30), two
// inputs compared with each other (实际 ＞ 计划), the constant of 最小(1, …),
// a bonus cap, the bounds [0, 分值] of a formula's score, the integer steps of
// 向上取整 and the halves of 四舍五入. Each edge keeps where it was written, so
// `defen cases` can show staff the rule text an edge comes from, and the
// differential tests' record generator aims its records at the same values.
#pragma once

#include "compiler/ir/ir.h"

#include <optional>
#include <string>
#include <vector>

namespace defen::ruletest {

struct Edge {
  enum class Kind {
    Band,      // a band case's bound
    Step,      // multiples of a deduction step
    Formula,   // a formula's score at 0, 分值, just outside, and at rounding halves
    Bonus,     // a 加分/减分 line at 0, 1 and around its cap
    Compare,   // a comparison with a constant
    Equal,     // two non-constant sides compared: land `expr` on `other`
    Limit,     // the constants of 最小/最大/限定
    Rounding,  // 向上取整/向下取整/四舍五入 steps
  };
  Kind kind = Kind::Band;
  const ir::Expr* expr = nullptr;
  const ir::Expr* other = nullptr;  // Equal
  std::vector<Decimal> targets;
  std::optional<Decimal> score;  // Formula: the node's 分值
  int node = -1;                 // the indicator whose rule holds it (-1: a bonus line or a 令 no indicator reads)
  SourceRange range;             // where it is written
  std::string text;              // as written (a band case, a deduction line, a comparison, a bonus line)
};

// Every edge, in a stable order: band tables, then per node deduction steps
// and formula bounds, then bonus lines, then comparisons, limits and
// roundings in arena order.
std::vector<Edge> findEdges(const ir::Program& program);

// The value of an expression built from literals only (分值 is a literal).
std::optional<Decimal> constantValue(const ir::Expr* e);

}  // namespace defen::ruletest

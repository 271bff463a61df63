// What a condition tells about its operands on the path where it has a given
// truth value: the comparisons it implies (a ＞ 0 under 则, d ≠ 0 under the 否则
// of 若 d = 0). The checks that follow values along paths — division by zero,
// a score's range — each keep their own facts from these comparisons.
#pragma once

#include "compiler/ir/ir.h"

#include <functional>

namespace defen::sema {

// "not (a c b)" as "a c' b".
ir::Cmp negateCmp(ir::Cmp c);
// "a c b" as "b c' a".
ir::Cmp mirror(ir::Cmp c);

// Calls `each(x, c, y)` for every comparison "x c y" that holds when `cond`
// evaluates to `truth`: through 非, through 且 when true and 或 when false, each
// link of a true chain, and a single comparison that is false (negated).
void forEachImpliedComparison(const ir::Expr* cond, bool truth,
                              const std::function<void(const ir::Expr*, ir::Cmp, const ir::Expr*)>& each);

}  // namespace defen::sema

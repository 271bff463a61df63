#include "compiler/sema/implied_comparisons.h"

namespace defen::sema {

ir::Cmp negateCmp(ir::Cmp c) {
  switch (c) {
    case ir::Cmp::Ge: return ir::Cmp::Lt;
    case ir::Cmp::Gt: return ir::Cmp::Le;
    case ir::Cmp::Le: return ir::Cmp::Gt;
    case ir::Cmp::Lt: return ir::Cmp::Ge;
    case ir::Cmp::Eq: return ir::Cmp::Ne;
    case ir::Cmp::Ne: return ir::Cmp::Eq;
  }
  return c;
}

ir::Cmp mirror(ir::Cmp c) {
  switch (c) {
    case ir::Cmp::Ge: return ir::Cmp::Le;
    case ir::Cmp::Gt: return ir::Cmp::Lt;
    case ir::Cmp::Le: return ir::Cmp::Ge;
    case ir::Cmp::Lt: return ir::Cmp::Gt;
    default: return c;
  }
}

void forEachImpliedComparison(const ir::Expr* cond, bool truth,
                              const std::function<void(const ir::Expr*, ir::Cmp, const ir::Expr*)>& each) {
  switch (cond->op) {
    case ir::Op::Not: forEachImpliedComparison(cond->args[0], !truth, each); break;
    case ir::Op::And:
      if (truth) {
        forEachImpliedComparison(cond->args[0], true, each);
        forEachImpliedComparison(cond->args[1], true, each);
      }
      break;
    case ir::Op::Or:
      if (!truth) {
        forEachImpliedComparison(cond->args[0], false, each);
        forEachImpliedComparison(cond->args[1], false, each);
      }
      break;
    case ir::Op::Compare:
      if (truth) {
        for (size_t i = 0; i < cond->cmps.size(); ++i) each(cond->args[i], cond->cmps[i], cond->args[i + 1]);
      } else if (cond->cmps.size() == 1) {
        each(cond->args[0], negateCmp(cond->cmps[0]), cond->args[1]);
      }
      break;
    default: break;
  }
}

}  // namespace defen::sema

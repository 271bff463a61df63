#include "compiler/sema/expr_key.h"

namespace defen::sema {

std::string structuralKey(const ir::Expr* e) {
  switch (e->op) {
    case ir::Op::Const: return "c" + toString(e->number) + (e->boolean ? "t" : "");
    case ir::Op::Input: return "i" + std::to_string(e->slot);
    case ir::Op::Let: return "l" + std::to_string(e->slot);
    default: break;
  }
  std::string k = "o" + std::to_string(static_cast<int>(e->op)) + "(";
  for (auto* a : e->args) k += structuralKey(a) + ",";
  for (auto c : e->cmps) k += std::to_string(static_cast<int>(c));
  return k + ")";
}

}  // namespace defen::sema

// A structural key for an IR expression: two expressions with the same key
// compute the same value. The checks that remember facts about a value on one
// path (≠ 0 for a divisor, a window for a score) look them up by it.
#pragma once

#include "compiler/ir/ir.h"

#include <string>

namespace defen::sema {

std::string structuralKey(const ir::Expr* e);

}  // namespace defen::sema

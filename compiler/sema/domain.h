// The values an expression can take, as an interval: an input's declared
// range or its type's natural one (counts ≥ 0), propagated through arithmetic.
// Over-approximate by design: a wider domain can only add warnings, never hide one.
#pragma once

#include "compiler/ir/ir.h"
#include "compiler/sema/intervals.h"

namespace defen::sema {

Interval domainOf(const ir::Program& program, const ir::Expr* e);

// Renders a value of an expression of this type for messages: 35.74%, 5, 4分, 1,000元.
std::string formatValue(const ir::Type& type, Decimal v);

}  // namespace defen::sema

// Lowering of expressions: names to slots, units checked, types inferred.
#pragma once

#include "compiler/sema/context.h"

#include <optional>

namespace defen::sema {

// Never returns null: after an error it returns a flexible 0 so that one
// mistake does not cascade into a screen of follow-on errors.
const ir::Expr* lowerExpr(Context& cx, const ast::Expr& e, const Scope& scope);
// Lowers the 令 in `slot` on first use; reports a cycle among 令.
const ir::Expr* lowerLet(Context& cx, int slot);
// Band tables, as a rule or inside an expression (lower_bands.cpp).
const ir::Expr* lowerBands(Context& cx, const ast::BandTable& table, const Scope& scope, SourceRange range);

// The value of a constant expression (a literal, possibly negated or combined
// with other literals), if it is one.
std::optional<Decimal> constantOf(const ir::Expr* e);
// Requires a constant: reports `what` at the range otherwise.
std::optional<Decimal> requireConstant(Context& cx, const ir::Expr* e, const char* whatZh, const char* whatEn);

// Unit compatibility, for + − comparisons and if-branches; writes the joined
// type. Reports a mismatch at `range` and returns false.
bool joinNumeric(Context& cx, const ir::Type& a, const ir::Type& b, SourceRange range, const char* opZh, ir::Type& out);
// How a type is named in a message: "金额（元）", or "money (yuan)" in English.
std::string describeType(const ir::Type& t, Lang lang = Lang::Zh);

ir::Type scoreType();
ir::Type boolType();
ir::Type ratioType();

}  // namespace defen::sema

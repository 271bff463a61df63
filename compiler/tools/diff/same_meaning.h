// Whether two checked expressions, one from each standard, mean the same.
//
// Numbers compare as exact values (90% is 0.9), inputs and 令 by name (their
// declarations are compared on their own), 分值/满分 as itself (a changed
// 分值 is reported once, as a 分值 change, not again in every formula that
// uses it). Band tables compare by their intervals and values, whatever
// notation wrote them.
#pragma once

#include "compiler/ir/ir.h"
#include "compiler/sema/intervals.h"

#include <utility>
#include <vector>

namespace defen::diff {

class SameMeaning {
 public:
  SameMeaning(const ir::Program& before, const ir::Program& after) : a_(before), b_(after) {}

  // Exactly the same, band tables included.
  bool expr(const ir::Expr* x, const ir::Expr* y) const;
  // The same apart from the cases of band tables over the same subject;
  // those pairs of tables (before, after) are appended to `tables`, so a
  // caller can report band by band instead of the whole formula.
  bool shape(const ir::Expr* x, const ir::Expr* y, std::vector<std::pair<int, int>>& tables) const;

  bool bandCase(const ir::BandCase& x, const ir::BandCase& y, const ir::BandTable& tx, const ir::BandTable& ty) const;
  bool table(int x, int y) const;
  bool item(const ir::CheckItem& x, const ir::CheckItem& y) const;
  bool deduction(const ir::Deduction& x, const ir::Deduction& y) const;
  bool bonusLine(const ir::BonusLine& x, const ir::BonusLine& y) const;
  // The leaf rules of two nodes (not their 分值, names or 不考核).
  bool rule(const ir::Node& x, const ir::Node& y) const;

  static bool interval(const sema::Interval& x, const sema::Interval& y);

 private:
  bool walk(const ir::Expr* x, const ir::Expr* y, std::vector<std::pair<int, int>>* tables) const;
  std::string enumLabel(const ir::Program& p, const ir::Expr* e) const;

  const ir::Program& a_;
  const ir::Program& b_;
};

}  // namespace defen::diff

#include "compiler/tools/diff/same_meaning.h"

namespace defen::diff {
namespace {

bool sameBound(const sema::Bound& x, const sema::Bound& y) {
  if (x.infinite || y.infinite) return x.infinite == y.infinite;
  return x.value == y.value && x.closed == y.closed;
}

std::string labelOf(const ir::Program& p, int enumInput, int label) {
  if (enumInput < 0 || enumInput >= static_cast<int>(p.inputs.size())) return {};
  const auto& values = p.inputs[enumInput].spec.enumValues;
  return label >= 0 && label < static_cast<int>(values.size()) ? values[label] : std::string();
}

}  // namespace

bool SameMeaning::interval(const sema::Interval& x, const sema::Interval& y) {
  if (x.isEmpty() || y.isEmpty()) return x.isEmpty() == y.isEmpty();
  return sameBound(x.lower, y.lower) && sameBound(x.upper, y.upper);
}

std::string SameMeaning::enumLabel(const ir::Program& p, const ir::Expr* e) const {
  return labelOf(p, e->args.empty() ? -1 : e->args[0]->type.enumInput, e->slot);
}

bool SameMeaning::expr(const ir::Expr* x, const ir::Expr* y) const { return walk(x, y, nullptr); }

bool SameMeaning::shape(const ir::Expr* x, const ir::Expr* y, std::vector<std::pair<int, int>>& tables) const {
  return walk(x, y, &tables);
}

bool SameMeaning::walk(const ir::Expr* x, const ir::Expr* y, std::vector<std::pair<int, int>>* tables) const {
  if (!x || !y) return x == y;
  if (x->op != y->op || x->args.size() != y->args.size()) return false;
  switch (x->op) {
    case ir::Op::Const:
      if (x->weight || y->weight) return x->weight == y->weight;
      if (x->type.kind != y->type.kind) return false;
      return x->type.kind == ir::Type::Kind::Bool ? x->boolean == y->boolean : x->number == y->number;
    case ir::Op::Input:
    case ir::Op::HasValue:
      return a_.inputs[x->slot].spec.name == b_.inputs[y->slot].spec.name;
    case ir::Op::Let:
      return a_.lets[x->slot].name == b_.lets[y->slot].name;
    case ir::Op::EnumIs:
      if (enumLabel(a_, x) != enumLabel(b_, y)) return false;
      break;
    case ir::Op::Compare:
      if (x->cmps != y->cmps) return false;
      break;
    case ir::Op::Round:
      if (x->places != y->places) return false;
      break;
    case ir::Op::Bands:
      if (!walk(a_.tables[x->table].subject, b_.tables[y->table].subject, tables)) return false;
      if (table(x->table, y->table)) return true;
      if (!tables) return false;
      tables->emplace_back(x->table, y->table);
      return true;
    default:
      break;
  }
  for (size_t i = 0; i < x->args.size(); ++i)
    if (!walk(x->args[i], y->args[i], tables)) return false;
  return true;
}

bool SameMeaning::bandCase(const ir::BandCase& x, const ir::BandCase& y, const ir::BandTable& tx, const ir::BandTable& ty) const {
  if (x.kind != y.kind) return false;
  if (x.kind == ir::BandCase::Kind::Range && !interval(x.interval, y.interval)) return false;
  if (x.kind == ir::BandCase::Kind::Label &&
      labelOf(a_, tx.subject->type.enumInput, x.label) != labelOf(b_, ty.subject->type.enumInput, y.label))
    return false;
  return expr(x.value, y.value);
}

bool SameMeaning::table(int x, int y) const {
  const ir::BandTable& tx = a_.tables[x];
  const ir::BandTable& ty = b_.tables[y];
  if (tx.cases.size() != ty.cases.size() || !expr(tx.subject, ty.subject)) return false;
  for (size_t i = 0; i < tx.cases.size(); ++i)
    if (!bandCase(tx.cases[i], ty.cases[i], tx, ty)) return false;
  return true;
}

bool SameMeaning::item(const ir::CheckItem& x, const ir::CheckItem& y) const {
  return x.points == y.points && expr(x.condition, y.condition);
}

bool SameMeaning::deduction(const ir::Deduction& x, const ir::Deduction& y) const {
  if (x.kind != y.kind || x.partial != y.partial) return false;
  if (x.kind == ir::Deduction::Kind::Step && (x.step != y.step || !expr(x.subject, y.subject))) return false;
  return expr(x.points, y.points);
}

bool SameMeaning::bonusLine(const ir::BonusLine& x, const ir::BonusLine& y) const {
  return x.plus == y.plus && x.cap == y.cap && expr(x.points, y.points);
}

bool SameMeaning::rule(const ir::Node& x, const ir::Node& y) const {
  if (x.rule != y.rule) return false;
  switch (x.rule) {
    case ir::RuleKind::Sum: return true;
    case ir::RuleKind::Formula: return expr(x.formula, y.formula);
    case ir::RuleKind::Rows: return x.ruleText == y.ruleText;  // 逐行: compared as written
    case ir::RuleKind::Checklist:
      if (x.items.size() != y.items.size()) return false;
      for (size_t i = 0; i < x.items.size(); ++i)
        if (!item(x.items[i], y.items[i])) return false;
      return true;
    case ir::RuleKind::Deductions:
      if (x.deductions.size() != y.deductions.size() || x.deductionCap != y.deductionCap) return false;
      for (size_t i = 0; i < x.deductions.size(); ++i)
        if (!deduction(x.deductions[i], y.deductions[i])) return false;
      return true;
    case ir::RuleKind::Review:
      if (x.tiers.size() != y.tiers.size()) return false;
      for (size_t i = 0; i < x.tiers.size(); ++i)
        if (x.tiers[i].name != y.tiers[i].name || !interval(x.tiers[i].fraction, y.tiers[i].fraction)) return false;
      return true;
  }
  return false;
}

}  // namespace defen::diff

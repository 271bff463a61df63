// No division by a value that may be zero without a guard.
//
// Walks every rule with the set of facts known on that path: the condition of
// the enclosing 若 (or its negation in 否则), the left side of 且/或, the
// 不考核 conditions that must be false for the rule to run at all, and the
// interval of the band case being evaluated. A 令 is checked where it is used,
// so `令 r = a ÷ b` guarded by `若 b = 0 则 … 否则 r` is fine — the value is only
// computed on the path that reads it.
#include "compiler/sema/context.h"
#include "compiler/sema/expr_key.h"
#include "compiler/sema/implied_comparisons.h"
#include "compiler/sema/domain.h"
#include "compiler/sema/lower_expr.h"

#include <fmt/format.h>

#include <set>

namespace defen::sema {

namespace {

using ir::Op;

using Facts = std::set<std::string>;  // keys of expressions known to be nonzero

// Does "x c k" exclude x = 0?
bool excludesZero(ir::Cmp c, Decimal k) {
  Decimal z;
  switch (c) {
    case ir::Cmp::Ne: return k == z;
    case ir::Cmp::Eq: return k != z;
    case ir::Cmp::Gt: return k >= z;
    case ir::Cmp::Ge: return k > z;
    case ir::Cmp::Lt: return k <= z;
    case ir::Cmp::Le: return k < z;
  }
  return false;
}

void learnComparison(const ir::Expr* x, ir::Cmp c, const ir::Expr* y, Facts& facts) {
  if (auto k = constantOf(y); k && excludesZero(c, *k)) facts.insert(structuralKey(x));
  if (auto k = constantOf(x); k && excludesZero(mirror(c), *k)) facts.insert(structuralKey(y));
}

// Facts that hold when `cond` evaluates to `truth`.
void learn(const ir::Expr* cond, bool truth, Facts& facts) {
  forEachImpliedComparison(cond, truth, [&](const ir::Expr* x, ir::Cmp c, const ir::Expr* y) { learnComparison(x, c, y, facts); });
}

class DivisionChecker {
 public:
  explicit DivisionChecker(Context& cx) : cx_(cx) {}

  void run() {
    for (const auto& n : cx_.program.nodes) {
      node_ = n.id;
      Facts facts;
      for (const auto& na : n.na) {
        walk(na.when, facts);
        learn(na.when, false, facts);  // the rule runs only when every 不考核 is false
      }
      if (n.formula) walk(n.formula, facts);
      for (const auto& item : n.items) walk(item.condition, facts);
      for (const auto& d : n.deductions) {
        if (d.subject) walk(d.subject, facts);
        walk(d.points, facts);
      }
    }
    node_ = -1;
    // Per-row rules, aggregates and 校验 (compiler/sema/lower_row_sets.cpp).
    for (const auto* e : cx_.program.rowExprs) walk(e, Facts{});
    for (const auto& b : cx_.program.bonuses)
      for (const auto& l : b.lines) walk(l.points, Facts{});
  }

 private:
  Context& cx_;
  int node_ = -1;
  std::vector<int> letStack_;
  std::set<std::pair<int, int>> reported_;  // (line, col) of divisions already reported

  bool provablyNonzero(const ir::Expr* d, const Facts& facts) {
    if (facts.count(structuralKey(d))) return true;
    Interval dom = domainOf(cx_.program, d);
    if (!dom.contains(Decimal::zero())) return true;
    if (d->op == Op::Let) return provablyNonzero(cx_.program.lets[d->slot].value, facts);
    return false;
  }

  void walk(const ir::Expr* e, const Facts& facts) {
    switch (e->op) {
      case Op::If: {
        walk(e->args[0], facts);
        Facts yes = facts, no = facts;
        learn(e->args[0], true, yes);
        learn(e->args[0], false, no);
        walk(e->args[1], yes);
        walk(e->args[2], no);
        return;
      }
      case Op::And: case Op::Or: {
        walk(e->args[0], facts);
        Facts next = facts;
        learn(e->args[0], e->op == Op::And, next);
        walk(e->args[1], next);
        return;
      }
      case Op::Let: {
        if (std::find(letStack_.begin(), letStack_.end(), e->slot) != letStack_.end()) return;
        letStack_.push_back(e->slot);
        walk(cx_.program.lets[e->slot].value, facts);
        letStack_.pop_back();
        return;
      }
      case Op::Bands: {
        const auto& t = cx_.program.tables[e->table];
        walk(e->args[0], facts);
        for (const auto& c : t.cases) {
          Facts inCase = facts;
          if (c.kind == ir::BandCase::Kind::Range && !c.interval.contains(Decimal::zero())) inCase.insert(structuralKey(t.subject));
          walk(c.value, inCase);
        }
        return;
      }
      case Op::Div:
        if (!provablyNonzero(e->args[1], facts)) report(e);
        break;
      default: break;
    }
    for (auto* a : e->args) walk(a, facts);
  }

  void report(const ir::Expr* div) {
    if (!reported_.insert({div->range.line, div->range.col}).second) return;
    std::string divisor = cx_.text(div->args[1]->range);
    auto& d = cx_.diags.error("E253", div->args[1]->range, fmt::format("除数“{}”可能为0，且未加判断", divisor),
                              fmt::format("the divisor '{}' may be zero and is not guarded", divisor));
    if (!letStack_.empty())
      d.notes.push_back({cx_.program.lets[letStack_.front()].range,
                         fmt::format("经由“{}”在指标“{}”中使用", cx_.program.lets[letStack_.front()].name,
                                     node_ >= 0 ? cx_.program.nodes[node_].name : "加减分"),
                         "used through this 令"});
    d.notes.push_back({{}, fmt::format("可写作：若 {0} = 0 则 … 否则 …；或在输入中声明“{0}”的范围不含0", divisor),
                       fmt::format("guard it: 若 {0} = 0 则 … 否则 …, or declare a range for '{0}' that excludes 0", divisor)});
  }
};

}  // namespace

void checkDivision(Context& cx) { DivisionChecker(cx).run(); }

}  // namespace defen::sema

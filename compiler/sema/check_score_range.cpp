// A formula's score must stay within [0, 分值].
//
// The scorer does not cap a leaf's score: a score above the weight or below 0
// is a fault of that indicator at run time. This pass tells the drafters at
// check time, from the same interval reasoning the division check uses: the
// values each input can take (its declared 范围, or its type's natural one),
// propagated through the formula, narrowed on each branch by the conditions
// that lead there (`若 实际 ＞ 计划 则 0分 否则 分值 × 实际 ÷ 计划` cannot exceed
// the weight: on the 否则 branch 实际 ≤ 计划). For this check an input without
// a declared range is taken as ≥ 0: the amounts, ratios and counts a 评分表
// scores are not negative (a change rate that can be is declared
// `范围 (-∞, +∞)`), and a negative score from a negative value is reported
// at run time anyway. Warning about every `分值 × 最小(1, 执行率)` because 执行率
// could be -5% would bury the warnings that matter. For the same reason two
// readings of the table are taken at their word: a 数量 ÷ 数量 is a share of a
// whole, and an unranged 数值 ÷ a constant is a score on that scale (see
// quotient). What is left is what drafters get wrong: an amount ratio or a
// ratio input without 最小(1, …), a deduction without a floor, a band value
// over the weight.
#include "compiler/sema/context.h"
#include "compiler/sema/expr_key.h"
#include "compiler/sema/implied_comparisons.h"
#include "compiler/sema/domain.h"
#include "compiler/sema/lower_expr.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace defen::sema {

namespace {

using ir::Op;

// What is known on one path through a formula.
struct Facts {
  std::map<std::string, Interval> within;             // expression → interval it lies in
  std::set<std::pair<std::string, std::string>> atMost;  // (a, b): a ≤ b
  std::map<std::string, std::vector<Decimal>> excluded;  // expression → values it is known not to be
};

// The lower (or upper) of two lower bounds, for min/max and hulls.
Bound lesserLower(const Bound& a, const Bound& b) {
  if (a.infinite || b.infinite) return Bound::unbounded();
  if (a.value != b.value) return a.value < b.value ? a : b;
  return Bound::at(a.value, a.closed || b.closed);
}
Bound greaterLower(const Bound& a, const Bound& b) {
  if (a.infinite) return b;
  if (b.infinite) return a;
  if (a.value != b.value) return a.value > b.value ? a : b;
  return Bound::at(a.value, a.closed && b.closed);
}
Bound greaterUpper(const Bound& a, const Bound& b) {
  if (a.infinite || b.infinite) return Bound::unbounded();
  if (a.value != b.value) return a.value > b.value ? a : b;
  return Bound::at(a.value, a.closed || b.closed);
}
Bound lesserUpper(const Bound& a, const Bound& b) {
  if (a.infinite) return b;
  if (b.infinite) return a;
  if (a.value != b.value) return a.value < b.value ? a : b;
  return Bound::at(a.value, a.closed && b.closed);
}

Interval hull(const Interval& a, const Interval& b) {
  if (a.isEmpty()) return b;
  if (b.isEmpty()) return a;
  return Interval{lesserLower(a.lower, b.lower), greaterUpper(a.upper, b.upper)};
}

Bound scaled(const Bound& b, Decimal k, bool divide) {
  if (b.infinite) return b;
  Decimal out;
  DecimalStatus s = divide ? checkedDiv(b.value, k, out) : checkedMul(b.value, k, out);
  if (s != DecimalStatus::Ok) return Bound::unbounded();
  return Bound::at(out, b.closed);
}

// x × k for a constant k ≥ 0 (infinite ends stay infinite).
Interval scale(const Interval& x, Decimal k) {
  if (k == Decimal::zero()) return Interval::point(Decimal::zero());
  return Interval{scaled(x.lower, k, false), scaled(x.upper, k, false)};
}

Interval multiply(const Interval& a, const Interval& b) {
  if (auto k = a.asPoint(); k && *k >= Decimal::zero()) return scale(b, *k);
  if (auto k = b.asPoint(); k && *k >= Decimal::zero()) return scale(a, *k);
  if (nonNegative(a) && nonNegative(b)) return productOfNonNegatives(a, b);
  return Interval::all();
}

// The values x can take when "x c k" holds.
std::optional<Interval> whereHolds(ir::Cmp c, Decimal k) {
  switch (c) {
    case ir::Cmp::Eq: return Interval::point(k);
    case ir::Cmp::Ge: return Interval{Bound::at(k, true), Bound::unbounded()};
    case ir::Cmp::Gt: return Interval{Bound::at(k, false), Bound::unbounded()};
    case ir::Cmp::Le: return Interval{Bound::unbounded(), Bound::at(k, true)};
    case ir::Cmp::Lt: return Interval{Bound::unbounded(), Bound::at(k, false)};
    case ir::Cmp::Ne: return std::nullopt;
  }
  return std::nullopt;
}

void narrow(Facts& facts, const ir::Expr* x, const Interval& where) {
  auto [it, added] = facts.within.emplace(structuralKey(x), where);
  if (!added) it->second = it->second.intersect(where);
}

void learnBound(const ir::Expr* x, ir::Cmp c, Decimal k, Facts& facts) {
  if (auto where = whereHolds(c, k)) narrow(facts, x, *where);
  else facts.excluded[structuralKey(x)].push_back(k);  // x ≠ k
}

void learnComparison(const ir::Expr* x, ir::Cmp c, const ir::Expr* y, Facts& facts) {
  if (auto k = constantOf(y)) return learnBound(x, c, *k, facts);
  if (auto k = constantOf(x)) return learnBound(y, mirror(c), *k, facts);
  if (c == ir::Cmp::Le || c == ir::Cmp::Lt || c == ir::Cmp::Eq) facts.atMost.insert({structuralKey(x), structuralKey(y)});
  if (c == ir::Cmp::Ge || c == ir::Cmp::Gt || c == ir::Cmp::Eq) facts.atMost.insert({structuralKey(y), structuralKey(x)});
}

// Facts that hold when `cond` evaluates to `truth`.
void learn(const ir::Expr* cond, bool truth, Facts& facts) {
  forEachImpliedComparison(cond, truth, [&](const ir::Expr* x, ir::Cmp c, const ir::Expr* y) { learnComparison(x, c, y, facts); });
}

class ScoreRange {
 public:
  explicit ScoreRange(const ir::Program& p) : p_(p) {}

  Interval of(const ir::Expr* e, const Facts& facts) {
    Interval v = compute(e, facts);
    const std::string k = structuralKey(e);
    if (auto it = facts.within.find(k); it != facts.within.end()) v = v.intersect(it->second);
    if (auto it = facts.excluded.find(k); it != facts.excluded.end()) {
      for (Decimal x : it->second) {  // [0, +∞) without 0 is (0, +∞)
        if (!v.lower.infinite && v.lower.value == x) v.lower.closed = false;
        if (!v.upper.infinite && v.upper.value == x) v.upper.closed = false;
      }
    }
    return v;
  }

 private:
  const ir::Program& p_;
  std::set<int> lets_;  // 令 being evaluated, outermost first

  Interval input(int slot) {
    const ir::Input& in = p_.inputs[slot];
    if (in.range) return *in.range;
    return nonNegativeHalf();  // see the comment at the top
  }

  Interval compute(const ir::Expr* e, const Facts& facts) {
    switch (e->op) {
      case Op::Const: return e->type.kind == ir::Type::Kind::Number ? Interval::point(e->number) : Interval::all();
      case Op::Input: return input(e->slot);
      case Op::Let: {
        // A 令 defined through itself is an error of its own (E221); here it is just unknown.
        const ir::Expr* value = p_.lets[e->slot].value;
        if (!value || !lets_.insert(e->slot).second) return Interval::all();
        Interval v = of(value, facts);
        lets_.erase(e->slot);
        return v;
      }
      case Op::Neg: return negated(of(e->args[0], facts));
      case Op::Add: {
        Interval a = of(e->args[0], facts), b = of(e->args[1], facts);
        return sumOf(a, b);
      }
      case Op::Sub: {
        Interval a = of(e->args[0], facts), b = negated(of(e->args[1], facts));
        return sumOf(a, b);
      }
      case Op::Mul: return multiply(of(e->args[0], facts), of(e->args[1], facts));
      case Op::Div: return divide(e, facts);
      case Op::Min: case Op::Max: {
        Interval out = of(e->args[0], facts);
        for (size_t i = 1; i < e->args.size(); ++i) {
          Interval a = of(e->args[i], facts);
          out = e->op == Op::Min ? Interval{lesserLower(out.lower, a.lower), lesserUpper(out.upper, a.upper)}
                                 : Interval{greaterLower(out.lower, a.lower), greaterUpper(out.upper, a.upper)};
        }
        return out;
      }
      case Op::Avg: {
        Interval out = of(e->args[0], facts);
        for (size_t i = 1; i < e->args.size(); ++i) out = hull(out, of(e->args[i], facts));
        return out;
      }
      case Op::Clamp: {
        Interval x = of(e->args[0], facts), lo = of(e->args[1], facts), hi = of(e->args[2], facts);
        return Interval{greaterLower(x.lower, lo.lower), lesserUpper(x.upper, hi.upper)};
      }
      case Op::Abs: {
        Interval a = of(e->args[0], facts);
        return nonNegative(a) ? a : nonNegativeHalf();
      }
      case Op::If: {
        Facts yes = facts, no = facts;
        learn(e->args[0], true, yes);
        learn(e->args[0], false, no);
        return hull(of(e->args[1], yes), of(e->args[2], no));
      }
      case Op::Bands: {
        const auto& t = p_.tables[e->table];
        Interval out{Bound::at(Decimal::one(), false), Bound::at(Decimal::zero(), false)};  // empty
        for (const auto& c : t.cases) {
          Facts inCase = facts;
          if (c.kind == ir::BandCase::Kind::Range) narrow(inCase, t.subject, c.interval);
          out = hull(out, of(c.value, inCase));
        }
        return out;
      }
      default: return domainOf(p_, e);
    }
  }

  Interval divide(const ir::Expr* e, const Facts& facts) { return quotient(e->args[0], e->args[1], facts); }

  // A 数量 input without a declared range. Two of them divided are a share:
  // the items of a whole that meet a condition (按时回复信访件数 ÷ 信访件数)
  // are not more than the whole; data saying otherwise is wrong, and faults
  // the indicator at run time. Amounts are different: a budget over-spent or
  // over-delivered (执行率 103%) is ordinary, so an amount ratio is not a share.
  bool inputOf(const ir::Expr* e, InputKind kind) const {
    return e->op == Op::Input && p_.inputs[e->slot].spec.kind == kind && !p_.inputs[e->slot].range;
  }

  // 数值 inputs without a declared range (or their 平均/最小/最大): numbers
  // on a scale the ruleset does not state. Divided by a constant they are read
  // on that scale (督查得分 ÷ 100 is a share of 100 points).
  bool unscaledNumbers(const ir::Expr* e) const {
    if (e->op == Op::Avg || e->op == Op::Min || e->op == Op::Max)
      return std::all_of(e->args.begin(), e->args.end(), [&](const ir::Expr* a) { return unscaledNumbers(a); });
    return inputOf(e, InputKind::Number);
  }

  // n ÷ d. A division that runs has a divisor that is not 0 (E253 refuses any
  // other), so a divisor ≥ 0 is > 0 here. A constant factor of the numerator
  // is taken out first: 分值 × 计划 ÷ 实际 is 分值 × (计划 ÷ 实际).
  Interval quotient(const ir::Expr* n, const ir::Expr* d, const Facts& facts) {
    if (n->op == Op::Mul) {
      for (int i = 0; i < 2; ++i) {
        auto k = of(n->args[i], facts).asPoint();
        if (k && *k >= Decimal::zero()) return scale(quotient(n->args[1 - i], d, facts), *k);
      }
    }
    Interval a = of(n, facts), b = of(d, facts);
    const Interval share{Bound::at(Decimal::zero(), true), Bound::at(Decimal::one(), true)};
    if (auto k = b.asPoint(); k && *k > Decimal::zero()) {
      if (unscaledNumbers(n)) return share;  // 督查得分 ÷ 100: the constant is the score's scale
      return Interval{scaled(a.lower, *k, true), scaled(a.upper, *k, true)};
    }
    if (inputOf(n, InputKind::Count) && inputOf(d, InputKind::Count)) return share;  // 完成数 ÷ 目标数
    if (nonNegative(a) && !b.lower.infinite && b.lower.value > Decimal::zero()) {  // [a, b] ÷ [c, d] with c > 0
      Interval out = nonNegativeHalf();
      if (!a.upper.infinite) out.upper = scaled(a.upper, b.lower.value, true);
      if (!b.upper.infinite) out.lower = scaled(a.lower, b.upper.value, true);
      if (!facts.atMost.count({structuralKey(n), structuralKey(d)})) return out;
      return out.intersect(Interval{Bound::at(Decimal::zero(), true), Bound::at(Decimal::one(), true)});
    }
    if (nonNegative(a) && nonNegative(b) && facts.atMost.count({structuralKey(n), structuralKey(d)}))
      return Interval{Bound::at(Decimal::zero(), true), Bound::at(Decimal::one(), true)};  // a part of a whole
    if (nonNegative(a) && nonNegative(b)) return nonNegativeHalf();
    return Interval::all();
  }
};

bool above(const Bound& upper, Decimal limit) {
  return upper.infinite || upper.value > limit;
}
bool below(const Bound& lower, Decimal limit) {
  return lower.infinite || lower.value < limit;
}

std::string points(const Bound& b, bool lower) {
  if (b.infinite) return lower ? "-∞" : "+∞";
  return toString(b.value) + "分";
}

}  // namespace

void checkScoreRange(Context& cx) {
  ScoreRange range(cx.program);
  for (const auto& n : cx.program.nodes) {
    if (!n.formula || !n.children.empty()) continue;
    Facts facts;
    for (const auto& na : n.na) learn(na.when, false, facts);  // the rule runs only when every 不考核 is false
    Interval v = range.of(n.formula, facts);
    const bool over = above(v.upper, n.weight), under = below(v.lower, Decimal::zero());
    if (!over && !under) continue;
    const std::string weight = toString(n.weight) + "分";
    std::string zh, en;
    if (over && under) {
      zh = fmt::format("指标“{}”的得分可能超出 [0分, {}]：按各输入的取值范围，得分可在 {} 到 {} 之间", n.name, weight,
                       points(v.lower, true), points(v.upper, false));
      en = fmt::format("the score of '{}' may leave [0分, {}]: from the inputs' ranges it can be anywhere from {} to {}", n.name,
                       weight, points(v.lower, true), points(v.upper, false));
    } else if (over) {
      zh = fmt::format("指标“{}”的得分可能超过分值{}：按各输入的取值范围，最高可达 {}", n.name, weight, points(v.upper, false));
      en = fmt::format("the score of '{}' may exceed its weight {}: from the inputs' ranges it can reach {}", n.name, weight,
                       points(v.upper, false));
    } else {
      zh = fmt::format("指标“{}”的得分可能小于0分：按各输入的取值范围，最低可达 {}", n.name, points(v.lower, true));
      en = fmt::format("the score of '{}' may fall below 0分: from the inputs' ranges it can reach {}", n.name,
                       points(v.lower, true));
    }
    auto& d = cx.diags.warning("W254", n.formula->range, zh, en);
    if (over)
      d.notes.push_back({{}, "可写作 最小(…, 分值)，超过分值时按满分计；或为公式所用的输入声明范围（§4.3）",
                         "cap it with 最小(…, 分值), or declare a range for the inputs it uses (§4.3)"});
    if (under)
      d.notes.push_back({{}, "可写作 最大(…, 0分)；或为公式所用的输入声明范围（§4.3）",
                         "floor it with 最大(…, 0分), or declare a range for the inputs it uses (§4.3)"});
    d.notes.push_back({{}, "不改时，数据使得分超出 [0, 分值] 的那一行，该指标将报错、不计分",
                       "left as it is, a row whose data takes the score outside [0, 分值] faults this indicator"});
  }
}

}  // namespace defen::sema

#include "compiler/tools/ruletest/solver.h"

#include "compiler/tools/ruletest/checked_math.h"

#include "compiler/tools/ruletest/edges.h"

#include <algorithm>

namespace defen::ruletest {

namespace {

using ir::Op;
using namespace checked;  // add, sub, mul, div, neg, dec, ints, scaled, roundInt, Opt

}  // namespace

void Solver::reset(std::vector<Value> values) {
  vals = std::move(values);
  fixed.assign(vals.size(), 0);
  pinned.assign(vals.size(), 0);
}

bool Solver::isNumber(int slot) const {
  InputKind k = kind(slot);
  return k != InputKind::Bool && k != InputKind::Enum;
}

sema::Interval Solver::domain(int slot) const {
  const ir::Input& in = p.inputs[static_cast<size_t>(slot)];
  if (in.range) return *in.range;
  if (kind(slot) == InputKind::Count || kind(slot) == InputKind::Review)
    return sema::Interval{sema::Bound::at(Decimal(), true), sema::Bound::unbounded()};
  return sema::Interval::all();
}

Decimal Solver::unit(int slot) const {
  switch (kind(slot)) {
    case InputKind::Ratio: return dec("0.0001");
    case InputKind::Count: return ints(1);
    default: return dec("0.01");
  }
}

Opt Solver::fit(int slot, Decimal v) const {
  bool whole = kind(slot) == InputKind::Count;
  if (whole) v = roundInt(v);
  sema::Interval d = domain(slot);
  if (!d.contains(v) && !d.lower.infinite && v <= d.lower.value) {
    v = d.lower.value;
    if (whole) v = roundInt(v) < v ? *add(roundInt(v), ints(1)) : roundInt(v);
    if (!d.contains(v)) v = add(v, whole ? ints(1) : unit(slot)).value_or(v);
  }
  if (!d.contains(v) && !d.upper.infinite && v >= d.upper.value) {
    v = d.upper.value;
    if (whole) v = roundInt(v) > v ? *sub(roundInt(v), ints(1)) : roundInt(v);
    if (!d.contains(v)) v = sub(v, whole ? ints(1) : unit(slot)).value_or(v);
  }
  if (!d.contains(v)) return std::nullopt;
  return v;
}

Opt Solver::evaluate(const ir::Expr* e) {
  everything_ = true;
  Opt v = known(e);
  everything_ = false;
  return v;
}

// The operators known() leaves to a full evaluation: rounding, 限定, 平均 and
// band tables as expressions.
Opt Solver::evaluateRest(const ir::Expr* e) const {
  auto arg = [&](size_t i) { return known(e->args[i]); };
  Decimal out;
  switch (e->op) {
    case Op::Clamp: {
      Opt x = arg(0), lo = arg(1), hi = arg(2);
      if (!x || !lo || !hi) return std::nullopt;
      return min(max(*x, *lo), *hi);
    }
    case Op::Ceil: if (Opt x = arg(0); x && ceilTo(snapForRounding(*x), 0, out) == DecimalStatus::Ok) return out; return std::nullopt;
    case Op::Floor: if (Opt x = arg(0); x && floorTo(snapForRounding(*x), 0, out) == DecimalStatus::Ok) return out; return std::nullopt;
    case Op::Round: if (Opt x = arg(0); x && roundSnapped(*x, e->places, out) == DecimalStatus::Ok) return out; return std::nullopt;
    case Op::Avg: {
      Decimal sum;
      for (size_t i = 0; i < e->args.size(); ++i) {
        Opt v = arg(i);
        if (!v || checkedAdd(sum, *v, sum) != DecimalStatus::Ok) return std::nullopt;
      }
      return e->args.empty() ? std::nullopt : div(sum, ints(static_cast<int64_t>(e->args.size())));
    }
    case Op::Bands: {
      const ir::BandTable& t = p.tables[static_cast<size_t>(e->table)];
      const ir::Expr* subject = e->args[0];
      Opt x = subject->type.kind == ir::Type::Kind::Number ? known(subject) : std::nullopt;
      int label = subject->op == Op::Input && vals[static_cast<size_t>(subject->slot)].kind == Value::Kind::Enum
                      ? vals[static_cast<size_t>(subject->slot)].enumIndex : -1;
      for (const auto& c : t.cases) {
        bool match = c.kind == ir::BandCase::Kind::Else || (c.kind == ir::BandCase::Kind::Label && c.label == label) ||
                     (c.kind == ir::BandCase::Kind::Range && x && c.interval.contains(*x));
        if (match) return known(c.value);
      }
      return std::nullopt;
    }
    default: return std::nullopt;
  }
}

// The value of `e` from the inputs this objective has decided, if all it
// reads are decided.
Opt Solver::known(const ir::Expr* e) const {
  switch (e->op) {
    case Op::Const: return e->type.kind == ir::Type::Kind::Number ? Opt(e->number) : std::nullopt;
    case Op::Input:
      if ((everything_ || fixed[static_cast<size_t>(e->slot)]) && vals[static_cast<size_t>(e->slot)].kind == Value::Kind::Number)
        return vals[static_cast<size_t>(e->slot)].number;
      return std::nullopt;
    case Op::Let: return known(p.lets[static_cast<size_t>(e->slot)].value);
    case Op::Neg: if (auto a = known(e->args[0])) return neg(*a); return std::nullopt;
    case Op::Abs: if (auto a = known(e->args[0])) return abs(*a); return std::nullopt;
    case Op::Add: case Op::Sub: case Op::Mul: case Op::Div: {
      auto a = known(e->args[0]), b = known(e->args[1]);
      if (!a || !b) return std::nullopt;
      return checked::arithmetic(e->op, *a, *b);
    }
    case Op::If: {
      auto c = knownBool(e->args[0]);
      return c ? known(e->args[*c ? 1 : 2]) : std::nullopt;
    }
    case Op::CountTrue: {
      int64_t n = 0;
      for (const auto* a : e->args) {
        auto c = knownBool(a);
        if (!c) return std::nullopt;
        n += *c;
      }
      return ints(n);
    }
    case Op::Min: case Op::Max: {
      Opt best = known(e->args[0]);
      for (size_t i = 1; best && i < e->args.size(); ++i) {
        Opt v = known(e->args[i]);
        if (!v) return std::nullopt;
        best = e->op == Op::Min ? min(*best, *v) : max(*best, *v);
      }
      return best;
    }
    default: return everything_ ? evaluateRest(e) : std::nullopt;
  }
}

// A condition's value, where it is already decided. Yes/no and enum inputs
// are never solved for, so their row values count as decided.
std::optional<bool> Solver::knownBool(const ir::Expr* e) const {
  switch (e->op) {
    case Op::Const: return e->type.kind == ir::Type::Kind::Bool ? std::optional<bool>(e->boolean) : std::nullopt;
    case Op::Input: {
      const Value& v = vals[static_cast<size_t>(e->slot)];
      return v.kind == Value::Kind::Bool ? std::optional<bool>(v.boolean) : std::nullopt;
    }
    case Op::EnumIs: {
      const ir::Expr* a = e->args[0];
      if (a->op != Op::Input || vals[static_cast<size_t>(a->slot)].kind != Value::Kind::Enum) return std::nullopt;
      return vals[static_cast<size_t>(a->slot)].enumIndex == e->slot;
    }
    case Op::Not: if (auto a = knownBool(e->args[0])) return !*a; return std::nullopt;
    case Op::And: case Op::Or: {
      auto a = knownBool(e->args[0]), b = knownBool(e->args[1]);
      if (!a || !b) return std::nullopt;
      return e->op == Op::And ? (*a && *b) : (*a || *b);
    }
    case Op::Compare: {
      Opt left = known(e->args[0]);
      if (!left) return std::nullopt;
      bool holds = true;
      for (size_t i = 0; i < e->cmps.size(); ++i) {
        Opt right = known(e->args[i + 1]);
        if (!right) return std::nullopt;
        switch (e->cmps[i]) {
          case ir::Cmp::Ge: holds = holds && *left >= *right; break;
          case ir::Cmp::Gt: holds = holds && *left > *right; break;
          case ir::Cmp::Le: holds = holds && *left <= *right; break;
          case ir::Cmp::Lt: holds = holds && *left < *right; break;
          case ir::Cmp::Eq: holds = holds && *left == *right; break;
          case ir::Cmp::Ne: holds = holds && *left != *right; break;
        }
        left = right;
      }
      return holds;
    }
    default: return std::nullopt;
  }
}

// Sets inputs so that `e` evaluates to `target` (as nearly as the inputs'
// kinds allow). Returns the input that absorbed the target last — the one
// to nudge off the edge — or -1.
int Solver::solve(const ir::Expr* e, Decimal target, int depth) {
  if (depth > 24) return -1;
  auto args = [&](size_t i) { return e->args[i]; };
  switch (e->op) {
    case Op::Input: {
      size_t s = static_cast<size_t>(e->slot);
      if (fixed[s] || !isNumber(e->slot)) return -1;
      Opt v = fit(e->slot, target);
      if (!v) return -1;
      vals[s] = Value::ofNumber(*v);
      fixed[s] = pinned[s] = 1;
      return e->slot;
    }
    case Op::Let: return solve(p.lets[static_cast<size_t>(e->slot)].value, target, depth + 1);
    case Op::Neg: if (auto t = neg(target)) return solve(args(0), *t, depth + 1); return -1;
    case Op::Abs: {
      Opt t = choices_.coin() ? Opt(target) : neg(target);  // |x| = t: either sign
      return t ? solve(args(0), *t, depth + 1) : -1;
    }
    case Op::Add: case Op::Sub: {
      // a + b = t, a − b = t: decide one side (if not already), solve the other.
      bool sub_ = e->op == Op::Sub;
      Opt ka = known(args(0)), kb = known(args(1));
      if (!ka && !kb) {
        if (choices_.coin()) { solve(args(1), choices_.freeValue(args(1)), depth + 1); kb = known(args(1)); }
        else { solve(args(0), choices_.freeValue(args(0)), depth + 1); ka = known(args(0)); }
      }
      if (kb && !ka) {
        Opt t = sub_ ? add(target, *kb) : sub(target, *kb);
        return t ? solve(args(0), *t, depth + 1) : -1;
      }
      if (ka && !kb) {
        Opt t = sub_ ? sub(*ka, target) : sub(target, *ka);
        return t ? solve(args(1), *t, depth + 1) : -1;
      }
      return -1;
    }
    case Op::Mul: {
      Opt ka = known(args(0)), kb = known(args(1));
      if (!ka && !kb) {
        solve(args(1), choices_.denominator(args(1)), depth + 1);
        kb = known(args(1));
      }
      if (kb && !ka && !kb->isZero()) {
        Opt t = div(target, *kb);
        return t ? solve(args(0), *t, depth + 1) : -1;
      }
      if (ka && !kb && !ka->isZero()) {
        Opt t = div(target, *ka);
        return t ? solve(args(1), *t, depth + 1) : -1;
      }
      return -1;
    }
    case Op::Div: {
      // a ÷ b = t: the denominator first (1,000,000 makes the ratio exact),
      // then the numerator a = t × b, which absorbs the edge.
      Opt ka = known(args(0)), kb = known(args(1));
      if (!kb && !ka) {
        solve(args(1), choices_.denominator(args(1)), depth + 1);
        kb = known(args(1));
      }
      if (kb && !ka && !kb->isZero()) {
        Opt t = mul(target, *kb);
        return t ? solve(args(0), *t, depth + 1) : -1;
      }
      if (ka && !kb && !target.isZero()) {  // a constant over a variable: 2% ÷ 投诉率
        Opt t = div(*ka, target);
        return t ? solve(args(1), *t, depth + 1) : -1;
      }
      return -1;
    }
    case Op::If: {
      // The branch the condition takes, if decided; else the branch that can
      // carry the target (若 d = 0 … is an objective of its own).
      if (auto c = knownBool(args(0))) return solve(args(*c ? 1 : 2), target, depth + 1);
      bool thenConst = constantValue(args(1)).has_value(), elseConst = constantValue(args(2)).has_value();
      if (thenConst && !elseConst) return solve(args(2), target, depth + 1);
      if (elseConst && !thenConst) return solve(args(1), target, depth + 1);
      return solve(args(choices_.coin() ? 1 : 2), target, depth + 1);
    }
    case Op::Min: case Op::Max: {
      std::vector<const ir::Expr*> open;
      for (const auto* a : e->args)
        if (!known(a)) open.push_back(a);
      return open.empty() ? -1 : solve(open[choices_.below(open.size())], target, depth + 1);
    }
    case Op::Clamp: case Op::Ceil: case Op::Floor: case Op::Round:
      return solve(args(0), target, depth + 1);
    case Op::Avg: {
      int last = -1;
      for (const auto* a : e->args)
        if (int s = solve(a, target, depth + 1); s >= 0) last = s;
      return last;
    }
    case Op::Bands: return solveBands(e, target, depth);
    default: return -1;
  }
}

// A band table as an expression (令 达标比 = 分段 单位类型 {…}): choose a
// case, put the subject inside it, and solve that case's value.
int Solver::solveBands(const ir::Expr* e, Decimal target, int depth) {
  const ir::BandTable& t = p.tables[static_cast<size_t>(e->table)];
  if (t.cases.empty()) return -1;
  const ir::BandCase& c = t.cases[choices_.below(t.cases.size())];
  const ir::Expr* subject = e->args[0];
  if (c.kind == ir::BandCase::Kind::Label && subject->op == Op::Input && !fixed[static_cast<size_t>(subject->slot)]) {
    vals[static_cast<size_t>(subject->slot)] = Value::ofEnum(c.label);
    fixed[static_cast<size_t>(subject->slot)] = pinned[static_cast<size_t>(subject->slot)] = 1;
  } else if (c.kind == ir::BandCase::Kind::Range) {
    const sema::Interval& iv = c.interval;
    Opt inside;
    if (!iv.lower.infinite && iv.lower.closed) inside = iv.lower.value;
    else if (!iv.upper.infinite && iv.upper.closed) inside = iv.upper.value;
    else if (!iv.lower.infinite && !iv.upper.infinite) inside = div(add(iv.lower.value, iv.upper.value).value_or(iv.lower.value), ints(2));
    else if (!iv.lower.infinite) inside = add(iv.lower.value, Decimal::one());
    else if (!iv.upper.infinite) inside = sub(iv.upper.value, Decimal::one());
    else inside = Decimal();
    if (inside) solve(subject, *inside, depth + 1);
  }
  return solve(c.value, target, depth + 1);
}

}  // namespace defen::ruletest

#include "compiler/sema/domain.h"
#include "compiler/sema/lower_expr.h"

#include <algorithm>

namespace defen::sema {

namespace {

using ir::Op;

Interval hull(const Interval& a, const Interval& b) {
  if (a.isEmpty()) return b;
  if (b.isEmpty()) return a;
  Interval out;
  if (a.lower.infinite || b.lower.infinite) out.lower = Bound::unbounded();
  else if (a.lower.value != b.lower.value) out.lower = a.lower.value < b.lower.value ? a.lower : b.lower;
  else out.lower = Bound::at(a.lower.value, a.lower.closed || b.lower.closed);
  if (a.upper.infinite || b.upper.infinite) out.upper = Bound::unbounded();
  else if (a.upper.value != b.upper.value) out.upper = a.upper.value > b.upper.value ? a.upper : b.upper;
  else out.upper = Bound::at(a.upper.value, a.upper.closed || b.upper.closed);
  return out;
}

Interval mul(const Interval& a, const Interval& b) {
  if (nonNegative(a) && nonNegative(b)) return productOfNonNegatives(a, b);
  // A constant non-negative factor scales the other side.
  if (auto k = a.asPoint(); k && *k >= Decimal::zero() && !b.lower.infinite && !b.upper.infinite) {
    Decimal lo, hi;
    if (checkedMul(*k, b.lower.value, lo) == DecimalStatus::Ok && checkedMul(*k, b.upper.value, hi) == DecimalStatus::Ok)
      return Interval{Bound::at(lo, b.lower.closed), Bound::at(hi, b.upper.closed)};
  }
  if (b.asPoint() && !a.asPoint()) return mul(b, a);
  return Interval::all();
}

}  // namespace

Interval domainOf(const ir::Program& p, const ir::Expr* e) {
  switch (e->op) {
    case Op::Const: return e->type.kind == ir::Type::Kind::Number ? Interval::point(e->number) : Interval::all();
    case Op::Input: {
      const ir::Input& in = p.inputs[e->slot];
      if (in.range) return *in.range;
      if (in.spec.kind == InputKind::Count || in.spec.kind == InputKind::Review) return nonNegativeHalf();
      return Interval::all();
    }
    case Op::Let: return domainOf(p, p.lets[e->slot].value);
    case Op::Neg: return negated(domainOf(p, e->args[0]));
    case Op::Add: return sumOf(domainOf(p, e->args[0]), domainOf(p, e->args[1]));
    case Op::Sub: return sumOf(domainOf(p, e->args[0]), negated(domainOf(p, e->args[1])));
    case Op::Mul: return mul(domainOf(p, e->args[0]), domainOf(p, e->args[1]));
    case Op::Div: {
      Interval a = domainOf(p, e->args[0]), b = domainOf(p, e->args[1]);
      if (nonNegative(a) && nonNegative(b)) return nonNegativeHalf();
      return Interval::all();
    }
    case Op::Abs: {
      Interval a = domainOf(p, e->args[0]);
      return nonNegative(a) ? a : nonNegativeHalf();
    }
    case Op::Min: case Op::Max: case Op::Avg: {
      Interval out = domainOf(p, e->args[0]);
      for (size_t i = 1; i < e->args.size(); ++i) out = hull(out, domainOf(p, e->args[i]));
      if (e->op == Op::Min) {  // min(1, x) never exceeds 1
        for (const auto* a : e->args)
          if (auto k = constantOf(a)) out = out.intersect(Interval{Bound::unbounded(), Bound::at(*k, true)});
      } else if (e->op == Op::Max) {
        for (const auto* a : e->args)
          if (auto k = constantOf(a)) out = out.intersect(Interval{Bound::at(*k, true), Bound::unbounded()});
      }
      return out;
    }
    case Op::Clamp: {
      Interval lo = domainOf(p, e->args[1]), hi = domainOf(p, e->args[2]);
      return Interval{lo.lower, hi.upper};
    }
    case Op::Ceil: case Op::Floor: case Op::Round: {
      Interval a = domainOf(p, e->args[0]);
      // Rounding can move a bound by less than one unit; widen to be safe.
      Interval widen{Bound::at(Decimal::fromInt(-1), true), Bound::at(Decimal::one(), true)};
      return sumOf(a, widen);
    }
    case Op::If: return hull(domainOf(p, e->args[1]), domainOf(p, e->args[2]));
    case Op::Bands: {
      Interval out{Bound::at(Decimal::one(), false), Bound::at(Decimal::zero(), false)};  // empty
      for (const auto& c : p.tables[e->table].cases) out = hull(out, domainOf(p, c.value));
      return out;
    }
    case Op::CountTrue:
      return Interval{Bound::at(Decimal::zero(), true), Bound::at(Decimal::fromInt(static_cast<int64_t>(e->args.size())), true)};
    default: return Interval::all();
  }
}

std::string formatValue(const ir::Type& type, Decimal v) {
  switch (type.display) {
    case ir::Display::Percent: {
      Decimal pct;
      checkedMul(v, Decimal::fromInt(100), pct);
      return toString(pct) + "%";
    }
    case ir::Display::Money: return toString(v) + "元";
    case ir::Display::Score: return toString(v) + "分";
    default: return toString(v);
  }
}

}  // namespace defen::sema

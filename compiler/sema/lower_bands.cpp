// Band tables: each pattern becomes an interval of the subject (or an enum
// label), so the checker can prove coverage and the back ends can test it
// with two comparisons.
#include "compiler/sema/lower_expr.h"

#include <fmt/format.h>

namespace defen::sema {

namespace {

using ir::Op;

bool isSubject(const ast::Expr& e, const ast::Expr& subject) {
  if (e.kind == ast::Expr::Kind::Result) return true;
  return e.kind == ast::Expr::Kind::Name && subject.kind == ast::Expr::Kind::Name && e.name == subject.name;
}

class BandLowerer {
 public:
  BandLowerer(Context& cx, const ast::BandTable& table, const Scope& outer)
      : cx_(cx), table_(table), outer_(outer) {}

  const ir::Expr* lower(SourceRange range) {
    const ir::Expr* subject = lowerExpr(cx_, *table_.subject, outer_);
    ir::BandTable out;
    out.subject = subject;
    out.node = outer_.node;
    out.range = range;
    Scope inner{outer_.node, subject};
    ir::Type resultType;
    bool first = true;
    for (const ast::Band& band : table_.bands) {
      ir::BandCase c;
      c.range = band.range;
      c.text = cx_.text(band.pattern.range);
      if (!pattern(band.pattern, subject, c)) continue;
      c.value = lowerExpr(cx_, *band.value, inner);
      if (first) { resultType = c.value->type; first = false; }
      else if (c.value->type.kind != resultType.kind) {
        cx_.diags.error("E204", band.value->range, "分段各档的值类型不一致", "band values have different types");
      } else if (resultType.kind == ir::Type::Kind::Number) {
        joinNumeric(cx_, resultType, c.value->type, band.value->range, "作为同一分段表的值", resultType);
      }
      out.cases.push_back(std::move(c));
    }
    if (subject->type.poisoned) resultType.poisoned = true;  // its patterns could not be read either
    if (out.cases.empty() && !subject->type.poisoned)
      cx_.diags.error("E230", range, "分段表没有任何分段", "band table has no bands");
    cx_.program.tables.push_back(std::move(out));
    auto* x = cx_.make(Op::Bands, resultType, range);
    x->table = static_cast<int>(cx_.program.tables.size()) - 1;
    x->args = {subject};
    return x;
  }

 private:
  Context& cx_;
  const ast::BandTable& table_;
  const Scope& outer_;

  // A bound of an interval: constant, in the subject's unit.
  std::optional<Decimal> boundValue(const ast::Expr& e, const ir::Expr* subject) {
    const ir::Expr* v = lowerExpr(cx_, e, Scope{outer_.node, nullptr});
    auto c = requireConstant(cx_, v, "分段的边界", "a band bound");
    if (!c) return std::nullopt;
    ir::Type joined;
    if (!joinNumeric(cx_, subject->type, v->type, e.range, "比较", joined)) return std::nullopt;
    return c;
  }

  bool pattern(const ast::BandPattern& p, const ir::Expr* subject, ir::BandCase& c) {
    using PK = ast::BandPattern::Kind;
    bool isEnum = subject->type.kind == ir::Type::Kind::Enum;
    if (p.kind == PK::Else) { c.kind = ir::BandCase::Kind::Else; return true; }
    if (isEnum) {
      if (p.kind != PK::Expr || p.expr->kind != ast::Expr::Kind::Name) {
        cx_.diags.error("E231", p.range, "枚举的分段应逐个写出可选值，如“按时 → 1分”", "bands over an enum list its values");
        return false;
      }
      const auto& values = cx_.program.inputs[subject->type.enumInput].spec.enumValues;
      for (size_t i = 0; i < values.size(); ++i)
        if (values[i] == p.expr->name) { c.kind = ir::BandCase::Kind::Label; c.label = static_cast<int>(i); return true; }
      cx_.diags.error("E209", p.expr->range, fmt::format("“{}”不是“{}”的可选值", p.expr->name, cx_.program.inputs[subject->type.enumInput].spec.name),
                      fmt::format("'{}' is not a value of the enum", p.expr->name));
      return false;
    }
    if (subject->type.kind != ir::Type::Kind::Number) {
      cx_.diags.error("E232", table_.subject->range, "分段的主体必须是数值或枚举", "a band subject must be a number or an enum");
      return false;
    }
    c.kind = ir::BandCase::Kind::Range;
    switch (p.kind) {
      case PK::Interval: {
        Interval iv;
        if (p.interval.lower) {
          auto v = boundValue(*p.interval.lower, subject);
          if (!v) return false;
          iv.lower = Bound::at(*v, p.interval.lowerClosed);
        }
        if (p.interval.upper) {
          auto v = boundValue(*p.interval.upper, subject);
          if (!v) return false;
          iv.upper = Bound::at(*v, p.interval.upperClosed);
        }
        c.interval = iv;
        return true;
      }
      case PK::Half: {
        auto v = boundValue(*p.expr, subject);
        if (!v) return false;
        return constrain(c.interval, p.halfOp, *v, p.range);
      }
      case PK::Expr: return chain(*p.expr, subject, c);
      default: return false;
    }
  }

  // Narrows `iv` by "subject op v".
  bool constrain(Interval& iv, ast::CmpOp op, Decimal v, SourceRange range) {
    Interval add;
    switch (op) {
      case ast::CmpOp::Ge: add.lower = Bound::at(v, true); break;
      case ast::CmpOp::Gt: add.lower = Bound::at(v, false); break;
      case ast::CmpOp::Le: add.upper = Bound::at(v, true); break;
      case ast::CmpOp::Lt: add.upper = Bound::at(v, false); break;
      case ast::CmpOp::Eq: add = Interval::point(v); break;
      case ast::CmpOp::Ne:
        cx_.diags.error("E233", range, "分段条件不能用“≠”，请拆成两段", "a band cannot use ≠; split it into two bands");
        return false;
    }
    iv = iv.intersect(add);
    return true;
  }

  static ast::CmpOp flip(ast::CmpOp op) {
    switch (op) {
      case ast::CmpOp::Ge: return ast::CmpOp::Le;
      case ast::CmpOp::Gt: return ast::CmpOp::Lt;
      case ast::CmpOp::Le: return ast::CmpOp::Ge;
      case ast::CmpOp::Lt: return ast::CmpOp::Gt;
      default: return op;
    }
  }

  // 100% ＞ 结果 ≥ 90%: every comparison has the subject on one side and a
  // constant on the other; together they bound an interval.
  bool chain(const ast::Expr& e, const ir::Expr* subject, ir::BandCase& c) {
    if (e.kind != ast::Expr::Kind::Compare) {
      cx_.diags.error("E234", e.range, "分段条件应为对“结果”的比较，如“90% ≤ 结果 ＜ 100%”或区间“[90%, 100%)”",
                      "a band pattern compares 结果 with constants, or is an interval");
      return false;
    }
    for (size_t i = 0; i < e.ops.size(); ++i) {
      const ast::Expr& l = *e.args[i];
      const ast::Expr& r = *e.args[i + 1];
      bool ls = isSubject(l, *table_.subject), rs = isSubject(r, *table_.subject);
      if (ls == rs) {
        cx_.diags.error("E234", SourceRange::span(l.range, r.range), "分段条件的每个比较都应一边是“结果”、一边是常数",
                        "each comparison in a band pattern has 结果 on exactly one side");
        return false;
      }
      auto v = boundValue(ls ? r : l, subject);
      if (!v) return false;
      if (!constrain(c.interval, ls ? e.ops[i] : flip(e.ops[i]), *v, e.range)) return false;
    }
    return true;
  }
};

}  // namespace

const ir::Expr* lowerBands(Context& cx, const ast::BandTable& table, const Scope& scope, SourceRange range) {
  return BandLowerer(cx, table, scope).lower(range);
}

}  // namespace defen::sema

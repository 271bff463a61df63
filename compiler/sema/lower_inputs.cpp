// 输入 { … }: each declaration becomes an input slot with its data type.
#include "compiler/sema/context.h"

#include <fmt/format.h>

namespace defen::sema {

namespace {

std::optional<Decimal> rangeBound(Context& cx, const ast::ExprPtr& e) {
  if (!e) return std::nullopt;
  bool negative = false;
  const ast::Expr* x = e.get();
  if (x->kind == ast::Expr::Kind::Neg) { negative = true; x = x->args[0].get(); }
  if (x->kind != ast::Expr::Kind::Number) {
    cx.diags.error("E112", e->range, "范围的边界必须是常数", "a range bound must be a constant");
    return std::nullopt;
  }
  Decimal v = x->quantity.value, out;
  if (negative) checkedNeg(v, out); else out = v;
  return out;
}

// 范围 [a, b] (data outside is refused) or 通常 [a, b] (data outside is reported).
std::optional<Interval> declaredInterval(Context& cx, const ast::InputDecl& d, const std::optional<ast::IntervalSyntax>& syntax) {
  if (!syntax) return std::nullopt;
  if (d.type == ast::InputType::Bool || d.type == ast::InputType::Enum) {
    cx.diags.error("E113", syntax->range, "是否与枚举类型的输入不能规定范围", "yes/no and enum inputs take no range");
    return std::nullopt;
  }
  Interval iv;
  if (auto lo = rangeBound(cx, syntax->lower)) iv.lower = Bound::at(*lo, syntax->lowerClosed);
  if (auto hi = rangeBound(cx, syntax->upper)) iv.upper = Bound::at(*hi, syntax->upperClosed);
  if (iv.isEmpty()) cx.diags.error("E113", syntax->range, "范围是空的", "the range is empty");
  return iv;
}

}  // namespace

void declareInputs(Context& cx, const ast::File& file) {
  for (const auto& d : file.inputs) {
    if (cx.inputs.count(d.name)) {
      cx.diags.error("E102", d.nameRange, fmt::format("重复定义的输入“{}”", d.name), fmt::format("duplicate input '{}'", d.name));
      continue;
    }
    ir::Input in;
    in.spec.name = d.name;
    in.range_ = d.range_;
    switch (d.type) {
      case ast::InputType::Money:
        in.spec.kind = InputKind::Money;
        in.spec.unit = d.wanYuan ? MoneyUnit::WanYuan : MoneyUnit::Yuan;
        in.display = ir::Display::Money;
        break;
      case ast::InputType::Ratio:
        in.spec.kind = InputKind::Ratio;
        in.display = ir::Display::Percent;
        in.spec.bareRatio = d.bareRatio == ast::BareRatio::Fraction ? RatioReading::Fraction
                            : d.bareRatio == ast::BareRatio::Percentage ? RatioReading::Percentage
                                                                        : RatioReading::Refused;
        break;
      case ast::InputType::Count: in.spec.kind = InputKind::Count; in.display = ir::Display::Count; break;
      case ast::InputType::Number: in.spec.kind = InputKind::Number; break;
      case ast::InputType::Bool: in.spec.kind = InputKind::Bool; break;
      case ast::InputType::Review: in.spec.kind = InputKind::Review; in.display = ir::Display::Score; break;
      case ast::InputType::Points: in.spec.kind = InputKind::Review; in.display = ir::Display::Score; break;
      case ast::InputType::Text: in.spec.kind = InputKind::Text; break;
      case ast::InputType::RowSet: in.spec.kind = InputKind::RowSet; break;
      case ast::InputType::Target: case ast::InputType::Achieved:
        cx.diags.error("E114", d.nameRange, "指标值与完成值只能是行集的列", "target and achieved values are columns of a row set");
        in.spec.kind = InputKind::Text;
        break;
      case ast::InputType::Enum:
        in.spec.kind = InputKind::Enum;
        for (const auto& [value, range] : d.enumValues) {
          if (std::find(in.spec.enumValues.begin(), in.spec.enumValues.end(), value) != in.spec.enumValues.end())
            cx.diags.error("E102", range, fmt::format("枚举值“{}”重复", value), fmt::format("duplicate enum value '{}'", value));
          in.spec.enumValues.push_back(value);
        }
        break;
    }
    switch (d.missing) {
      case ast::MissingPolicy::Required: in.missing = ir::Input::Missing::Required; break;
      case ast::MissingPolicy::Full: in.missing = ir::Input::Missing::Full; break;
      case ast::MissingPolicy::Zero: in.missing = ir::Input::Missing::Zero; break;
      case ast::MissingPolicy::NotApplicable: in.missing = ir::Input::Missing::NotApplicable; break;
      case ast::MissingPolicy::Error: in.missing = ir::Input::Missing::Error; break;
    }
    in.range = declaredInterval(cx, d, d.range);
    in.usual = declaredInterval(cx, d, d.usual);
    int slot = static_cast<int>(cx.program.inputs.size());
    cx.inputs[d.name] = slot;
    cx.program.inputs.push_back(std::move(in));
    if (d.type == ast::InputType::RowSet) declareRowSetColumns(cx, d, slot);
  }
}

}  // namespace defen::sema

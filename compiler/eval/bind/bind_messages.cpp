#include "compiler/eval/bind/bind_messages.h"

#include "compiler/eval/value_text.h"
#include "compiler/ir/interval.h"

#include <fmt/format.h>

#include <functional>

namespace defen {

namespace {

// When a value is out of its range but the cell's other reading (元 for 万元,
// a fraction for a percentage) is within it, the unit was probably mistaken.
std::string unitSlip(const Cell& cell, const ir::Input& in, Decimal value, const ir::Interval& range,
                     const std::function<std::string(Decimal)>& shown) {
  auto other = otherReading(cell, in.spec, value);
  if (!other || !range.contains(*other)) return "";
  std::string meant = in.spec.kind == InputKind::Money ? (in.spec.unit == MoneyUnit::WanYuan ? "以元计的金额填进了万元列" : "以万元计的金额填进了元列")
                      : in.spec.bareRatio == RatioReading::Percentage ? "小数填进了百分数列" : "百分数填进了小数列";
  return fmt::format("（是否把{}？那样读是 {}）", meant, shown(*other));
}

// convertCell's own message for a cell it refused.
std::string refusal(Cell::Kind kind, const std::string& text, const InputSpec& spec) {
  Conversion conv = convertCell(Cell{kind, text}, spec);
  if (const auto* why = std::get_if<std::string>(&conv)) return *why;
  return "内部错误";  // the binder refused what convertCell takes: never
}

std::function<std::string(Decimal)> shownAs(const ir::Program& p, int slot) {
  return [&p, slot](Decimal d) { return formatForPeople(p, p.inputs[slot].display, Value::ofNumber(d)); };
}

}  // namespace

std::string bindFaultText(const ir::Program& p, const BindFault& f) {
  using Code = BindFault::Code;
  const bool node = f.code == Code::OverrideUnreadable || f.code == Code::OverrideOutOfRange || f.code == Code::OverrideNoReason;
  if (f.code == Code::None || f.code == Code::Reader || f.slot < 0 ||
      static_cast<size_t>(f.slot) >= (node ? p.nodes.size() : p.inputs.size()))
    return f.text;
  // Columns are matched to inputs and indicators by name (mapColumns), so the
  // column a fault names is the input's name, or `指标名.核定分`.
  switch (f.code) {
    case Code::Unreadable: {
      const ir::Input& in = p.inputs[f.slot];
      return fmt::format("列“{}”：{}", in.spec.name, refusal(f.cellKind, f.text, in.spec));
    }
    case Code::OutOfRange: {
      const ir::Input& in = p.inputs[f.slot];
      const auto shown = shownAs(p, f.slot);
      return fmt::format("列“{}”：值 {} 超出规定范围 {}{}", in.spec.name, shown(f.value), ir::formatInterval(*in.range, shown),
                         unitSlip(Cell{f.cellKind, f.text}, in, f.value, *in.range, shown));
    }
    case Code::ReviewNoReason: {
      const std::string& name = p.inputs[f.slot].spec.name;
      return fmt::format("评审分“{}”须在“{}.说明”列写明理由", name, name);
    }
    case Code::NotRows:
      return fmt::format("列“{}”：应为若干行（如 JSON 的对象数组），实际为“{}”", p.inputs[f.slot].spec.name, f.text);
    case Code::OverrideUnreadable:
      return fmt::format("列“{}.核定分”：{}", p.nodes[f.slot].name, refusal(f.cellKind, f.text, overrideSpec()));
    case Code::OverrideOutOfRange:
      return fmt::format("列“{}.核定分”：核定分 {} 超出 [0, {}分]", p.nodes[f.slot].name, toString(f.value), toString(p.nodes[f.slot].weight));
    case Code::OverrideNoReason: {
      const std::string& name = p.nodes[f.slot].name;
      return fmt::format("指标“{}”的核定分须在“{}.说明”列写明理由", name, name);
    }
    case Code::None: case Code::Reader: break;
  }
  return f.text;
}

std::string bindWarningText(const ir::Program& p, int row, const BindWarning& w) {
  const ir::Input& in = p.inputs[w.slot];
  const auto shown = shownAs(p, w.slot);
  return fmt::format("第{}行，列“{}”：值 {} 超出通常范围 {}，请核对{}", row, in.spec.name, shown(w.value), ir::formatInterval(*in.usual, shown),
                     unitSlip(Cell{w.cellKind, w.text}, in, w.value, *in.usual, shown));
}

}  // namespace defen

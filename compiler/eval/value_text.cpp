#include "compiler/eval/value_text.h"

#include "compiler/core/number_text.h"

namespace defen {

std::string wanText(Decimal yuan, int places) {
  Decimal wan;
  if (checkedDiv(yuan, Decimal::fromInt(10000), wan) != DecimalStatus::Ok) return toGrouped(yuan, 2) + "元";
  if (places < 0) {
    places = 2;
    while (places < 6 && truncTo(wan, places) != wan) ++places;
  }
  return toGrouped(wan, places) + "万元";
}

std::string formatForPeople(const ir::Program& p, ir::Display display, const Value& v, int enumInput, int places) {
  switch (v.kind) {
    case Value::Kind::Missing: return "（缺失）";
    case Value::Kind::Bool: return v.boolean ? "是" : "否";
    case Value::Kind::Enum:
      return enumInput >= 0 && v.enumIndex >= 0 ? p.inputs[enumInput].spec.enumValues[v.enumIndex] : std::to_string(v.enumIndex);
    case Value::Kind::Number: break;
  }
  auto plain = [&](Decimal d) { return places >= 0 ? toFixed(d, places) : toString(d); };
  switch (display) {
    case ir::Display::Money:
      // Units as declared: an amount the ruleset takes in 万元 is shown in 万元.
      if (enumInput >= 0 && p.inputs[enumInput].spec.kind == InputKind::Money && p.inputs[enumInput].spec.unit == MoneyUnit::WanYuan)
        return wanText(v.number, places);
      return toGrouped(v.number, places >= 0 ? places : 2) + "元";
    case ir::Display::Percent: {
      Decimal pct;
      if (checkedMul(v.number, Decimal::fromInt(100), pct) != DecimalStatus::Ok) return toString(v.number);
      return toFixed(pct, places >= 0 ? places : kRatePlaces) + "%";  // 77.50%, or more places near a band edge
    }
    case ir::Display::Score: return plain(v.number) + "分";
    case ir::Display::Count: return plain(v.number);
    case ir::Display::Plain: return plain(v.number);
  }
  return plain(v.number);
}

}  // namespace defen

// Typed input values and the conversion of raw cells into them.
//
// The ruleset declares each input's type; convertCell turns a raw Cell into a
// Value of that type, or explains in Chinese why it cannot ("应为金额（元），实际为
// “abc”"). Money is always held in 元, whatever unit the data used.
#pragma once

#include "runtime/decimal.h"
#include "runtime/table.h"

#include <string>
#include <variant>
#include <vector>

namespace defen {

enum class InputKind {
  Money,   // 金额(元|万元): "3,974,522.77", "12万元", "3974522.77元", JSON 3974522.77
  Ratio,   // 比率: "35.74%", "35.74％", or a plain fraction "0.3574"
  Count,   // 数量: a non-negative integer "142", "1,024"
  Number,  // 数值: any decimal "95", "-3.5"
  Bool,    // 是否: 是/否, 有/无, true/false, 1/0, yes/no, y/n, √/×
  Enum,    // 枚举{…}: exactly one of the listed names (surrounding spaces ignored)
  Review,  // 评审分: a reviewer's score, a non-negative decimal ("3", "3分")
};

enum class MoneyUnit { Yuan, WanYuan };

struct InputSpec {
  std::string name;
  InputKind kind = InputKind::Number;
  MoneyUnit unit = MoneyUnit::Yuan;     // for Money: the unit a bare number is in
  std::vector<std::string> enumValues;  // for Enum
};

struct Value {
  enum class Kind { Missing, Number, Bool, Enum };
  Kind kind = Kind::Missing;
  Decimal number;      // Money (in 元), Ratio (as a fraction), Count, Number, Review
  bool boolean = false;
  int enumIndex = -1;  // index into InputSpec::enumValues

  static Value missing() { return {}; }
  static Value ofNumber(Decimal d) { Value v; v.kind = Kind::Number; v.number = d; return v; }
  static Value ofBool(bool b) { Value v; v.kind = Kind::Bool; v.boolean = b; return v; }
  static Value ofEnum(int i) { Value v; v.kind = Kind::Enum; v.enumIndex = i; return v; }
};

// Either the value or a Chinese message saying what was expected and what was
// found, without location (the caller adds row and column).
using Conversion = std::variant<Value, std::string>;

// A Missing cell, or text that is empty or only spaces, converts to
// Value::missing(); the ruleset decides what missing means.
// Full-width digits, '．', '，' and '％' are accepted as their ASCII forms.
Conversion convertCell(const Cell& cell, const InputSpec& spec);

// Chinese name of a kind for messages: "金额（元）", "比率", "数量", ...
std::string describeKind(const InputSpec& spec);

}  // namespace defen

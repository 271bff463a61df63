// Typed input values and the conversion of raw cells into them.
//
// The ruleset declares each input's type; convertCell turns a raw Cell into a
// Value of that type, or explains in Chinese why it cannot ("应为金额（元），实际为
// “abc”"). Money is always held in 元, whatever unit the data used.
#pragma once

#include "compiler/core/decimal.h"
#include "compiler/core/table.h"

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace defen {

enum class InputKind {
  Money,   // 金额(元|万元): "3,974,522.77", "12万元", "3974522.77元", JSON 3974522.77
  Ratio,   // 比率: "35.74%", "35.74％", "3‰"; a number without % only as the ruleset declares (RatioReading)
  Count,   // 数量: a non-negative integer "142", "1,024"
  Number,  // 数值: any decimal "95", "-3.5"
  Bool,    // 是否: 是/否, 有/无, true/false, 1/0, yes/no, y/n, √/×
  Enum,    // 枚举{…}: exactly one of the listed names (surrounding spaces ignored)
  Review,  // 评审分: a reviewer's score, a non-negative decimal ("3", "3分")
  // Row sets (compiler/eval/bind/row_binder.cpp binds these; convertCell refuses them):
  Text,      // 文字: names and reasons, compared for equality only
  Target,    // 指标值: "≥95%", "≤90万元", words (compiler/core/target_value.h)
  Achieved,  // 完成值（指标值列）: a number in its target's unit
  RowSet,    // 行集: a list of rows (Cell::Kind::Rows)
};

enum class MoneyUnit { Yuan, WanYuan };

// How a ratio written without % or ‰ ("95", "0.95", a JSON number) reads. It
// is never guessed: 95 in a ratio column is 95% to one clerk and 9500% to the
// formula, so unless the ruleset says (比率（百分数） / 比率（小数）) it is an
// error naming both readings. 0 is 0 either way and is accepted.
enum class RatioReading { Refused, Fraction, Percentage };

struct InputSpec {
  std::string name;
  InputKind kind = InputKind::Number;
  MoneyUnit unit = MoneyUnit::Yuan;     // for Money: the unit a bare number is in
  std::vector<std::string> enumValues;  // for Enum
  RatioReading bareRatio = RatioReading::Refused;  // for Ratio: what a number without % means
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

// The value `cell` would have had if its unit had been the other one the
// column could mean: for a number written without a unit in a 金额（万元）
// column, the amount in 元 (and the reverse); in a 比率（百分数） column, the
// fraction reading (and the reverse). Nothing when the cell wrote its unit or
// the column has no second reading. Used to explain a value that is out of
// its range ("是否把以元计的金额填进了万元列？").
std::optional<Decimal> otherReading(const Cell& cell, const InputSpec& spec, Decimal value);

// Chinese name of a kind for messages: "金额（元）", "比率", "数量", ...
std::string describeKind(const InputSpec& spec);

}  // namespace defen

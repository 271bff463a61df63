// The 年度指标值 of a 项目支出绩效自评表, as units write it: a sign and a
// number with its unit ("≥95%", "≤90万元", "＝100%", "≥50个", "≥100百分比",
// full and half width alike), or words for a qualitative indicator
// ("严格执行相关制度规定"). And the 实际完成值 beside it, read in the target's
// unit when it states none ("95" under "≥95%" is 95%).
#pragma once

#include "compiler/core/decimal.h"

#include <string>
#include <string_view>
#include <variant>

namespace defen {

struct TargetValue {
  // 正向: reaching means at least the value (≥, ＞, ＝); 反向: at most (≤, ＜); 定性: words.
  enum class Direction { Higher = 0, Lower = 1, Qualitative = 2 };
  Direction direction = Direction::Qualitative;
  std::string sign;  // as written, normalised: "≥" "＞" "＝" "≤" "＜"
  Decimal value;     // a percentage as a fraction (95% → 0.95); other units as written (90万元 → 90)
  std::string unit;  // "%", "万元", "元", "个", …; "" for a bare number or words
  std::string text;  // the cell as written, trimmed
};

// The target, or a Chinese message saying why it cannot be read.
std::variant<TargetValue, std::string> parseTargetValue(std::string_view text);

// 实际完成值 under a quantitative `target`: in the target's unit unless it
// writes its own (which must be the same unit, or 元/万元 for money); or a
// message.
std::variant<Decimal, std::string> parseAchievedValue(std::string_view text, const TargetValue& target);

}  // namespace defen

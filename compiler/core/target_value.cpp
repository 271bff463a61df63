#include "compiler/core/target_value.h"

#include <fmt/format.h>

#include <array>
#include <optional>
#include <utility>

namespace defen {

namespace {

// Full-width digits and signs → ASCII; the comparison signs stay as written
// and are matched below. Spaces (ASCII and U+3000) are dropped.
std::string normalised(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
    if (i + 2 < s.size() && b(0) == 0xEF && b(1) == 0xBC) {
      unsigned char c = b(2);
      if (c >= 0x90 && c <= 0x99) { out += static_cast<char>('0' + (c - 0x90)); i += 3; continue; }
      if (c == 0x8E) { out += '.'; i += 3; continue; }
      if (c == 0x85) { out += '%'; i += 3; continue; }
      if (c == 0x8C) { out += ','; i += 3; continue; }
    }
    if (i + 2 < s.size() && b(0) == 0xE3 && b(1) == 0x80 && b(2) == 0x80) { i += 3; continue; }  // U+3000
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n') { ++i; continue; }
    out += s[i];
    ++i;
  }
  return out;
}

struct Sign {
  std::string_view spelling;
  const char* shown;
  TargetValue::Direction direction;
};

// Longest spellings first, so "＞＝" is one sign and not "＞". Published forms
// also write ≧ ≦ (the same signs in older fonts and input methods) and the
// small form ﹦ (U+FE66); a look-alike that is no sign (═, a box-drawing line)
// is not read as one.
constexpr std::array<Sign, 17> kSigns{{
    {"＞＝", "≥", TargetValue::Direction::Higher}, {"＜＝", "≤", TargetValue::Direction::Lower},
    {">=", "≥", TargetValue::Direction::Higher},   {"<=", "≤", TargetValue::Direction::Lower},
    {"≥", "≥", TargetValue::Direction::Higher},    {"⩾", "≥", TargetValue::Direction::Higher},
    {"≤", "≤", TargetValue::Direction::Lower},     {"⩽", "≤", TargetValue::Direction::Lower},
    {"＞", "＞", TargetValue::Direction::Higher},  {">", "＞", TargetValue::Direction::Higher},
    {"＜", "＜", TargetValue::Direction::Lower},   {"<", "＜", TargetValue::Direction::Lower},
    {"＝", "＝", TargetValue::Direction::Higher},  {"=", "＝", TargetValue::Direction::Higher},
    {"≧", "≥", TargetValue::Direction::Higher},    {"≦", "≤", TargetValue::Direction::Lower},
    {"﹦", "＝", TargetValue::Direction::Higher},
}};

// The number at the start of `s` (digits, one '.', ',' groups) and the rest.
std::optional<std::pair<Decimal, std::string>> leadingNumber(const std::string& s) {
  size_t end = 0;
  while (end < s.size() && ((s[end] >= '0' && s[end] <= '9') || s[end] == '.' || s[end] == ',')) ++end;
  if (end == 0) return std::nullopt;
  std::string digits;
  for (size_t i = 0; i < end; ++i)
    if (s[i] != ',') digits += s[i];
  auto d = Decimal::parse(digits);
  if (!d) return std::nullopt;
  return std::make_pair(*d, s.substr(end));
}

bool isPercent(const std::string& unit) { return unit == "%" || unit == "百分比" || unit == "百分点"; }

// The length in bytes of a leading symbol that is none of the signs — the
// look-alike ═ (U+2550) of a published form, an arrow, a stray dash: a
// character of the punctuation, symbol and small-form blocks (U+2000–U+2BFF,
// U+FE10–U+FE6F). 0 when `s` starts otherwise (a word, a digit).
size_t leadingSymbol(const std::string& s) {
  if (s.size() < 3) return 0;
  auto b = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  if ((b(0) & 0xF0) != 0xE0) return 0;  // three-byte UTF-8: U+0800–U+FFFF
  unsigned cp = ((b(0) & 0x0Fu) << 12) | ((b(1) & 0x3Fu) << 6) | (b(2) & 0x3Fu);
  return (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0xFE10 && cp <= 0xFE6F) ? 3 : 0;
}

}  // namespace

std::variant<TargetValue, std::string> parseTargetValue(std::string_view raw) {
  TargetValue t;
  t.text = normalised(raw);
  if (t.text.empty()) return std::string("年度指标值为空");
  std::string rest = t.text;
  const Sign* sign = nullptr;
  for (const auto& s : kSigns)
    if (rest.starts_with(s.spelling)) {
      sign = &s;
      rest = rest.substr(s.spelling.size());
      break;
    }
  auto number = leadingNumber(rest);
  if (!sign) {
    // Words: a qualitative indicator. A bare number has no sign to say which way it counts.
    if (number) return fmt::format("年度指标值“{}”没有写明≥、≤或＝，无法判断是正向还是反向指标", t.text);
    // A number behind a symbol that is no sign is no qualitative target either: say which symbol.
    if (size_t n = leadingSymbol(rest); n > 0 && leadingNumber(rest.substr(n)))
      return fmt::format("年度指标值“{}”开头的“{}”不是≥、≤或＝，无法判断是正向还是反向指标", t.text, rest.substr(0, n));
    t.direction = TargetValue::Direction::Qualitative;
    return t;
  }
  if (!number) return fmt::format("年度指标值“{}”的符号后不是数值", t.text);
  t.direction = sign->direction;
  t.sign = sign->shown;
  t.unit = number->second;
  t.value = number->first;
  if (isPercent(t.unit)) {
    t.unit = "%";
    Decimal fraction;
    if (checkedDiv(t.value, Decimal::fromInt(100), fraction) != DecimalStatus::Ok) return fmt::format("年度指标值“{}”超出可表示的范围", t.text);
    t.value = fraction;
  }
  return t;
}

std::variant<Decimal, std::string> parseAchievedValue(std::string_view raw, const TargetValue& target) {
  std::string text = normalised(raw);
  if (text.empty()) return std::string("实际完成值为空");
  auto number = leadingNumber(text);
  if (!number) return fmt::format("实际完成值“{}”不是数值（年度指标值“{}”是定量指标）", text, target.text);
  auto [value, unit] = *number;
  if (isPercent(unit)) unit = "%";
  if (unit.empty()) unit = target.unit;
  Decimal out = value;
  if (unit == target.unit) {
    if (unit == "%" && checkedDiv(value, Decimal::fromInt(100), out) != DecimalStatus::Ok) return std::string("实际完成值超出可表示的范围");
    return out;
  }
  // Money may be written in the other unit of the form: 元 under 万元, and back.
  if (unit == "元" && target.unit == "万元") {
    if (checkedDiv(value, Decimal::fromInt(10000), out) != DecimalStatus::Ok) return std::string("实际完成值超出可表示的范围");
    return out;
  }
  if (unit == "万元" && target.unit == "元") {
    if (checkedMul(value, Decimal::fromInt(10000), out) != DecimalStatus::Ok) return std::string("实际完成值超出可表示的范围");
    return out;
  }
  return fmt::format("实际完成值“{}”的单位与年度指标值“{}”不同", text, target.text);
}

}  // namespace defen

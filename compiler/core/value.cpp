// convertCell: raw cell text → typed Value, or a Chinese explanation.
//
// Data is typed by hand in Excel/WPS by finance staff, so the accepted forms
// follow how amounts are actually written in Chinese budget reports:
// full-width digits from Chinese input methods, "万元" units, "%" ratios,
// "142项" counts. Everything else is rejected with a message naming the
// expected form and echoing the text, so a department can fix its own file.
#include "compiler/core/value.h"

#include "compiler/core/convert_text.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace defen {
namespace {

// ---------------------------------------------------------------------------
// Text helpers.

bool isAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Trims ASCII whitespace, U+3000 (ideographic space) and U+00A0 (no-break
// space, common in spreadsheet exports).
std::string_view trim(std::string_view s) {
  while (true) {
    if (!s.empty() && isAsciiSpace(s.front())) s.remove_prefix(1);
    else if (s.starts_with("\xE3\x80\x80")) s.remove_prefix(3);
    else if (s.starts_with("\xC2\xA0")) s.remove_prefix(2);
    else break;
  }
  while (true) {
    if (!s.empty() && isAsciiSpace(s.back())) s.remove_suffix(1);
    else if (s.ends_with("\xE3\x80\x80")) s.remove_suffix(3);
    else if (s.ends_with("\xC2\xA0")) s.remove_suffix(2);
    else break;
  }
  return s;
}

// Full-width forms an input method produces → ASCII, then trimmed.
std::string normalise(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    // Full-width ASCII block U+FF01..U+FF5E is EF BC 81..BF / EF BD 80..9E.
    if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xEF &&
        static_cast<unsigned char>(s[i + 1]) == 0xBC) {
      const auto b = static_cast<unsigned char>(s[i + 2]);
      char ascii = 0;
      if (b >= 0x90 && b <= 0x99) ascii = static_cast<char>('0' + (b - 0x90));  // ０-９
      else if (b == 0x8E) ascii = '.';   // ．
      else if (b == 0x8C) ascii = ',';   // ，
      else if (b == 0x85) ascii = '%';   // ％
      else if (b == 0x8D) ascii = '-';   // －
      else if (b == 0x8B) ascii = '+';   // ＋
      if (ascii != 0) {
        out += ascii;
        i += 3;
        continue;
      }
    }
    if (s.substr(i).starts_with("\xE2\x88\x92")) {  // U+2212 minus sign
      out += '-';
      i += 3;
      continue;
    }
    out += s[i];
    ++i;
  }
  return std::string(trim(out));
}

// Removes `suffix` (and spaces before it, as in "12 万元") if present.
bool stripSuffix(std::string& s, std::string_view suffix) {
  if (!std::string_view(s).ends_with(suffix)) return false;
  s = std::string(trim(std::string_view(s).substr(0, s.size() - suffix.size())));
  return true;
}

bool stripPrefix(std::string& s, std::string_view prefix) {
  if (!std::string_view(s).starts_with(prefix)) return false;
  s = std::string(trim(std::string_view(s).substr(prefix.size())));
  return true;
}

bool contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

// The cell text as shown in a message: trimmed, and cut short if long.
std::string shown(std::string_view text) {
  text = trim(text);
  constexpr size_t kMaxChars = 30;
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (chars++ == kMaxChars) return std::string(text.substr(0, i)) + "…";
  }
  return std::string(text);
}

// ---------------------------------------------------------------------------
// Numbers.

enum class NumberStatus { Ok, NotANumber, OutOfRange };

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Rewrites "1.5E-2" as "0.015" by moving the point in the digit string, so no
// binary floating point is involved. Returns false if not of that form; sets
// `outOfRange` when the value cannot be a Decimal (too large, or more than 18
// fractional digits).
bool expandExponent(std::string_view s, std::string& plain, bool& outOfRange) {
  outOfRange = false;
  std::string sign;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    if (s[0] == '-') sign = "-";
    s.remove_prefix(1);
  }
  const size_t e = s.find_first_of("eE");
  if (e == std::string_view::npos) return false;
  std::string_view mantissa = s.substr(0, e);
  std::string_view exponent = s.substr(e + 1);

  const size_t dot = mantissa.find('.');
  const std::string_view intDigits = mantissa.substr(0, dot);
  const std::string_view fracDigits = dot == std::string_view::npos ? "" : mantissa.substr(dot + 1);
  if (intDigits.empty() && fracDigits.empty()) return false;
  for (char c : intDigits) if (!isDigit(c)) return false;
  for (char c : fracDigits) if (!isDigit(c)) return false;

  bool negativeExp = false;
  if (!exponent.empty() && (exponent[0] == '-' || exponent[0] == '+')) {
    negativeExp = exponent[0] == '-';
    exponent.remove_prefix(1);
  }
  if (exponent.empty()) return false;
  for (char c : exponent) if (!isDigit(c)) return false;

  std::string digits = std::string(intDigits) + std::string(fracDigits);
  const size_t firstNonZero = digits.find_first_not_of('0');
  if (firstNonZero == std::string::npos) {  // zero, whatever the exponent
    plain = "0";
    return true;
  }
  // Cap the exponent before converting: anything this large is out of range
  // for a non-zero mantissa, and it keeps the arithmetic below small.
  const std::string_view expDigits = exponent.substr(std::min(exponent.find_first_not_of('0'), exponent.size()));
  if (expDigits.size() > 4) {
    outOfRange = true;
    return true;
  }
  const long exp = expDigits.empty() ? 0 : std::stol(std::string(expDigits));

  // Value = 0.digits × 10^point after dropping leading zeros.
  long point = static_cast<long>(intDigits.size()) + (negativeExp ? -exp : exp);
  point -= static_cast<long>(firstNonZero);
  digits.erase(0, firstNonZero);
  digits.erase(digits.find_last_not_of('0') + 1);

  const long fraction = static_cast<long>(digits.size()) - point;
  if (point > 40 || fraction > Decimal::kScale) {
    outOfRange = true;
    return true;
  }
  if (point <= 0) {
    plain = sign + "0." + std::string(static_cast<size_t>(-point), '0') + digits;
  } else if (static_cast<size_t>(point) >= digits.size()) {
    plain = sign + digits + std::string(static_cast<size_t>(point) - digits.size(), '0');
  } else {
    plain = sign + digits.substr(0, static_cast<size_t>(point)) + "." + digits.substr(static_cast<size_t>(point));
  }
  return true;
}

// Looks like a plain decimal (ignoring grouping); used to tell "too big or
// too precise" apart from "not a number" when Decimal::parse refuses.
bool looksNumeric(std::string_view s) {
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  const size_t dot = s.find('.');
  const std::string_view intPart = s.substr(0, dot);
  const std::string_view frac = dot == std::string_view::npos ? "" : s.substr(dot + 1);
  if (intPart.empty() && frac.empty()) return false;
  for (char c : intPart) if (!isDigit(c)) return false;
  for (char c : frac) if (!isDigit(c)) return false;
  return dot == std::string_view::npos || !frac.empty();
}

// Exponent notation is accepted only from JSON numbers (`allowExponent`): in
// a CSV cell "3.97E+06" is Excel's rounded display of a wider column, and
// scoring it would silently lose digits.
NumberStatus parseNumber(std::string_view text, bool allowExponent, Decimal& out) {
  std::string plain(text);
  if (allowExponent && text.find_first_of("eE") != std::string_view::npos) {
    bool outOfRange = false;
    if (!expandExponent(text, plain, outOfRange)) return NumberStatus::NotANumber;
    if (outOfRange) return NumberStatus::OutOfRange;
  }
  if (auto d = Decimal::parse(plain)) {
    out = *d;
    return NumberStatus::Ok;
  }
  std::string ungrouped;
  for (char c : plain) if (c != ',') ungrouped += c;
  // Misplaced separators ("1,2,3") are not a number; valid digits that still
  // fail are out of range.
  if (looksNumeric(ungrouped) && !Decimal::parse(ungrouped)) return NumberStatus::OutOfRange;
  return NumberStatus::NotANumber;
}

// ---------------------------------------------------------------------------
// Messages.

// The expected form, as put after "应为".
std::string expectedForm(const InputSpec& spec) {
  switch (spec.kind) {
    case InputKind::Money: return describeKind(spec);
    case InputKind::Ratio: return "比率（如 35.74%）";
    case InputKind::Count: return "数量（非负整数）";
    case InputKind::Number: return "数值";
    case InputKind::Bool: return "是否（是/否、有/无、true/false、1/0、√/×）";
    case InputKind::Enum: {
      std::string list;
      for (const std::string& v : spec.enumValues) list += (list.empty() ? "" : "、") + v;
      return "以下之一：" + list;
    }
    case InputKind::Review: return "评审分（非负数）";
    case InputKind::Text: return "文字";
    case InputKind::Target: return "年度指标值（如 ≥95%、≤90万元，或文字）";
    case InputKind::Achieved: return "实际完成值（数值）";
    case InputKind::RowSet: return "若干行（如 JSON 的对象数组）";
  }
  return "数值";
}

Conversion mismatch(const InputSpec& spec, std::string_view text) {
  return "应为" + expectedForm(spec) + "，实际为“" + shown(text) + "”";
}

Conversion outOfRange(const InputSpec& spec, std::string_view text) {
  return "应为" + expectedForm(spec) + "，但“" + shown(text) +
         "”超出可表示的范围（绝对值应小于 10的20次方，小数最多 18 位）";
}

// Parses `number` (already stripped of units) and reports failures against
// the original `text`.
std::variant<Decimal, std::string> numberOrError(const InputSpec& spec, const Cell& cell,
                                                 std::string_view number) {
  Decimal d;
  switch (parseNumber(number, cell.kind == Cell::Kind::Number, d)) {
    case NumberStatus::Ok: return d;
    case NumberStatus::OutOfRange: return std::get<std::string>(outOfRange(spec, cell.text));
    case NumberStatus::NotANumber: break;
  }
  return std::get<std::string>(mismatch(spec, cell.text));
}

// ---------------------------------------------------------------------------
// One converter per kind. `text` is normalised and non-empty.

Conversion convertMoney(const Cell& cell, const InputSpec& spec, std::string text) {
  if (contains(text, "%") || contains(text, "‰")) return mismatch(spec, cell.text);
  if (!stripPrefix(text, "¥")) stripPrefix(text, "￥");
  std::int64_t multiplier = spec.unit == MoneyUnit::WanYuan ? 10000 : 1;
  // Longest suffixes first: "万元" before "元".
  static constexpr std::array<std::pair<std::string_view, std::int64_t>, 5> kUnits{{
      {"万元", 10000}, {"亿元", 100000000}, {"元", 1}, {"万", 10000}, {"亿", 100000000}}};
  for (const auto& [suffix, factor] : kUnits) {
    if (stripSuffix(text, suffix)) {
      multiplier = factor;
      break;
    }
  }
  auto parsed = numberOrError(spec, cell, text);
  if (auto* err = std::get_if<std::string>(&parsed)) return *err;
  Decimal yuan;
  if (checkedMul(std::get<Decimal>(parsed), Decimal::fromInt(multiplier), yuan) != DecimalStatus::Ok) {
    return outOfRange(spec, cell.text);
  }
  return Value::ofNumber(yuan);
}

// "103.4" as a percentage and as a fraction, each written with %.
std::string percentOf(Decimal number, std::int64_t factor) {
  Decimal shown;
  if (checkedMul(number, Decimal::fromInt(factor), shown) != DecimalStatus::Ok) return "";
  return toString(shown) + "%";
}

// A ratio without % in a column whose ruleset does not say how to read one.
std::string bareRatioRefused(const Cell& cell, Decimal number) {
  const std::string asPercentage = percentOf(number, 1), asFraction = percentOf(number, 100);
  if (asFraction.empty()) return "“" + shown(cell.text) + "”没有写%：请写成" + asPercentage;  // too large to be a fraction
  return "“" + shown(cell.text) + "”没有写%：是" + asPercentage + "还是" + asFraction + "？请写成" + asPercentage + "或" +
         asFraction + "（若本列的数都不写%，可在规则中把该输入声明为 比率（百分数） 或 比率（小数））";
}

Conversion convertRatio(const Cell& cell, const InputSpec& spec, std::string text) {
  std::int64_t divisor = 0;  // 0: written without % or ‰
  if (stripSuffix(text, "%")) divisor = 100;
  else if (stripSuffix(text, "‰")) divisor = 1000;
  auto parsed = numberOrError(spec, cell, text);
  if (auto* err = std::get_if<std::string>(&parsed)) return *err;
  const Decimal number = std::get<Decimal>(parsed);
  if (divisor == 0) {
    switch (spec.bareRatio) {
      case RatioReading::Fraction: divisor = 1; break;
      case RatioReading::Percentage: divisor = 100; break;
      case RatioReading::Refused:
        if (number.isZero()) return Value::ofNumber(number);  // 0 reads the same either way
        return bareRatioRefused(cell, number);
    }
  }
  Decimal fraction;
  if (checkedDiv(number, Decimal::fromInt(divisor), fraction) != DecimalStatus::Ok) {
    return outOfRange(spec, cell.text);
  }
  return Value::ofNumber(fraction);
}

Conversion convertCount(const Cell& cell, const InputSpec& spec, std::string text) {
  static constexpr std::array<std::string_view, 10> kUnits{"项", "个", "件", "次", "人",
                                                           "家", "户", "条", "篇", "份"};
  for (std::string_view unit : kUnits) {
    if (stripSuffix(text, unit)) break;
  }
  auto parsed = numberOrError(spec, cell, text);
  if (auto* err = std::get_if<std::string>(&parsed)) return *err;
  const Decimal d = std::get<Decimal>(parsed);
  if (d.isNegative() || !d.isInteger()) return mismatch(spec, cell.text);  // "1.0" is fine
  return Value::ofNumber(d);
}

// Number and Review: a decimal with an optional "分" (points) suffix.
Conversion convertScore(const Cell& cell, const InputSpec& spec, std::string text, bool nonNegative) {
  stripSuffix(text, "分");
  auto parsed = numberOrError(spec, cell, text);
  if (auto* err = std::get_if<std::string>(&parsed)) return *err;
  const Decimal d = std::get<Decimal>(parsed);
  if (nonNegative && d.isNegative()) return mismatch(spec, cell.text);
  return Value::ofNumber(d);
}

constexpr std::array<std::string_view, 9> kTrue{"是", "有", "true", "1", "yes", "y", "√", "✓", "✔"};
constexpr std::array<std::string_view, 9> kFalse{"否", "无", "false", "0", "no", "n", "×", "✗", "✘"};

Conversion convertBool(const Cell& cell, const InputSpec& spec, const std::string& text) {
  std::string lower = text;
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  for (std::string_view t : kTrue) if (lower == t) return Value::ofBool(true);
  for (std::string_view f : kFalse) if (lower == f) return Value::ofBool(false);
  return mismatch(spec, cell.text);
}

Conversion convertEnum(const Cell& cell, const InputSpec& spec, const std::string& normalised) {
  // Names are matched as written (after trimming); the normalised form is a
  // second chance for names with digits typed full-width.
  const std::string_view trimmed = trim(cell.text);
  for (size_t i = 0; i < spec.enumValues.size(); ++i) {
    if (spec.enumValues[i] == trimmed) return Value::ofEnum(static_cast<int>(i));
  }
  for (size_t i = 0; i < spec.enumValues.size(); ++i) {
    if (spec.enumValues[i] == normalised) return Value::ofEnum(static_cast<int>(i));
  }
  return mismatch(spec, cell.text);
}

// ---------------------------------------------------------------------------
// The usual forms, read in place (convertText). Each returns false when the
// text is anything but the plainest form of its kind; convertCell then reads
// it (full-width digits, 万元, ‰, units, every error message).

constexpr std::string_view kYuan = "元", kWan = "万", kYi = "亿", kFen = "分", kFullPercent = "％";

std::string_view trimAscii(std::string_view s) {
  while (!s.empty() && isAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && isAsciiSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool allAscii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

// Text that trim() would trim further (U+3000, U+00A0 at either end) is left
// to convertCell.
bool trimmedAlike(std::string_view s) {
  return !(s.starts_with("\xE3\x80\x80") || s.starts_with("\xC2\xA0") || s.ends_with("\xE3\x80\x80") || s.ends_with("\xC2\xA0"));
}

bool stripSuffixView(std::string_view& s, std::string_view suffix) {
  if (!s.ends_with(suffix)) return false;
  s = trimAscii(s.substr(0, s.size() - suffix.size()));
  return true;
}

// A number with no unit, as Decimal::parse reads it, in ASCII only.
bool plainNumber(std::string_view s, Decimal& out) {
  if (s.empty() || !allAscii(s)) return false;
  if (parsePlainDecimal(s, out)) return true;
  if (auto d = Decimal::parse(s)) {
    out = *d;
    return true;
  }
  return false;
}

bool fastMoney(std::string_view text, const InputSpec& spec, Value& out) {
  std::int64_t multiplier = spec.unit == MoneyUnit::WanYuan ? 10000 : 1;
  if (stripSuffixView(text, kYuan)) {
    if (text.ends_with(kWan) || text.ends_with(kYi)) return false;
    multiplier = 1;
  }
  Decimal d;
  if (text.find('%') != std::string_view::npos || !plainNumber(text, d)) return false;
  if (multiplier != 1 && checkedMul(d, Decimal::fromInt(multiplier), d) != DecimalStatus::Ok) return false;
  out = Value::ofNumber(d);
  return true;
}

bool fastRatio(std::string_view text, const InputSpec& spec, Value& out) {
  std::int64_t divisor = 0;
  if (stripSuffixView(text, "%") || stripSuffixView(text, kFullPercent)) divisor = 100;
  Decimal d;
  if (!plainNumber(text, d)) return false;
  if (divisor == 0) {
    switch (spec.bareRatio) {
      case RatioReading::Fraction: divisor = 1; break;
      case RatioReading::Percentage: divisor = 100; break;
      case RatioReading::Refused:
        if (!d.isZero()) return false;  // the message asking which reading was meant
        out = Value::ofNumber(d);
        return true;
    }
  }
  if (checkedDiv(d, Decimal::fromInt(divisor), d) != DecimalStatus::Ok) return false;
  out = Value::ofNumber(d);
  return true;
}

bool fastScore(std::string_view text, bool nonNegative, bool integer, Value& out) {
  if (!integer) stripSuffixView(text, kFen);
  Decimal d;
  if (!plainNumber(text, d)) return false;
  if ((nonNegative || integer) && d.isNegative()) return false;
  if (integer && !d.isInteger()) return false;
  out = Value::ofNumber(d);
  return true;
}

bool fastBool(std::string_view text, Value& out) {
  char lower[8];
  if (text.size() > sizeof lower) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    lower[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  const std::string_view l(lower, text.size());
  for (std::string_view t : kTrue) if (l == t) { out = Value::ofBool(true); return true; }
  for (std::string_view f : kFalse) if (l == f) { out = Value::ofBool(false); return true; }
  return false;
}

bool fastEnum(std::string_view text, const InputSpec& spec, Value& out) {
  for (size_t i = 0; i < spec.enumValues.size(); ++i)
    if (spec.enumValues[i] == text) {
      out = Value::ofEnum(static_cast<int>(i));
      return true;
    }
  return false;
}

bool convertPlain(std::string_view text, const InputSpec& spec, Value& out) {
  text = trimAscii(text);
  if (!trimmedAlike(text)) return false;
  if (text.empty()) {
    out = Value::missing();
    return true;
  }
  switch (spec.kind) {
    case InputKind::Money: return fastMoney(text, spec, out);
    case InputKind::Ratio: return fastRatio(text, spec, out);
    case InputKind::Count: return fastScore(text, true, true, out);
    case InputKind::Number: return fastScore(text, false, false, out);
    case InputKind::Review: return fastScore(text, true, false, out);
    case InputKind::Bool: return fastBool(text, out);
    case InputKind::Enum: return fastEnum(text, spec, out);
    // No fast path for the row sets' kinds: convertCell refuses them
    // (compiler/eval/bind/row_binder.cpp binds them).
    case InputKind::Text:
    case InputKind::Target:
    case InputKind::Achieved:
    case InputKind::RowSet: return false;
  }
  return false;
}

}  // namespace

bool parsePlainDecimal(std::string_view s, Decimal& out) {
  const char* p = s.data();
  const char* const e = p + s.size();
  bool negative = false;
  if (p < e && (*p == '+' || *p == '-')) negative = *p++ == '-';
  auto digit = [](char c) { return static_cast<unsigned>(c - '0') < 10u; };
  // Integer part: digits, or ','-separated groups (a first group of 1..3
  // digits not starting with '0', then groups of exactly three: Decimal::parse's rule).
  const char* const intStart = p;
  std::uint64_t whole = 0;
  while (p < e && digit(*p)) whole = whole * 10 + static_cast<std::uint64_t>(*p++ - '0');
  size_t digits = static_cast<size_t>(p - intStart);
  if (p < e && *p == ',') {
    if (digits == 0 || digits > 3 || *intStart == '0') return false;
    while (p < e && *p == ',') {
      if (e - p < 4 || !digit(p[1]) || !digit(p[2]) || !digit(p[3])) return false;
      whole = whole * 1000 + static_cast<std::uint64_t>((p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0'));
      digits += 3;
      p += 4;
      if (digits > 18) return false;
    }
    if (p < e && digit(*p)) return false;  // "1,2345"
  }
  if (digits > 18) return false;
  std::uint64_t fraction = 0;
  size_t places = 0;
  if (p < e) {
    if (*p != '.') return false;
    const char* const fracStart = ++p;
    while (p < e && digit(*p)) fraction = fraction * 10 + static_cast<std::uint64_t>(*p++ - '0');
    places = static_cast<size_t>(p - fracStart);
    if (p != e || places == 0 || places > 18) return false;  // "5." is refused by Decimal::parse too
  }
  if (digits == 0 && places == 0) return false;
  static constexpr std::uint64_t kScaleOf[] = {1000000000000000000ull, 100000000000000000ull, 10000000000000000ull,
                                               1000000000000000ull, 100000000000000ull, 10000000000000ull, 1000000000000ull,
                                               100000000000ull, 10000000000ull, 1000000000ull, 100000000ull, 10000000ull,
                                               1000000ull, 100000ull, 10000ull, 1000ull, 100ull, 10ull, 1ull};
  const Decimal::Raw raw = static_cast<Decimal::Raw>(whole) * Decimal::kOne + static_cast<Decimal::Raw>(fraction * kScaleOf[places]);
  out = Decimal::fromRaw(negative ? -raw : raw);
  return true;
}

Conversion convertText(Cell::Kind kind, std::string_view text, const InputSpec& spec) {
  if (kind == Cell::Kind::Missing) return Value::missing();
  Value v;
  if (kind == Cell::Kind::Text && convertPlain(text, spec, v)) return v;
  return convertCell(Cell{kind, std::string(text)}, spec);
}

Conversion convertCell(const Cell& cell, const InputSpec& spec) {
  if (cell.kind == Cell::Kind::Missing) return Value::missing();
  if (cell.kind == Cell::Kind::Rows) return "应为" + expectedForm(spec) + "，实际为一组行（列表）";
  std::string text = normalise(cell.text);
  if (text.empty()) return Value::missing();
  switch (spec.kind) {
    case InputKind::Money: return convertMoney(cell, spec, std::move(text));
    case InputKind::Ratio: return convertRatio(cell, spec, std::move(text));
    case InputKind::Count: return convertCount(cell, spec, std::move(text));
    case InputKind::Number: return convertScore(cell, spec, std::move(text), /*nonNegative=*/false);
    case InputKind::Review: return convertScore(cell, spec, std::move(text), /*nonNegative=*/true);
    case InputKind::Bool: return convertBool(cell, spec, text);
    case InputKind::Enum: return convertEnum(cell, spec, text);
    case InputKind::Text: case InputKind::Target: case InputKind::Achieved: case InputKind::RowSet: break;
  }
  return mismatch(spec, cell.text);
}

std::optional<Decimal> otherReading(const Cell& cell, const InputSpec& spec, Decimal value) {
  if (cell.kind == Cell::Kind::Missing || cell.kind == Cell::Kind::Rows) return std::nullopt;
  const std::string text = normalise(cell.text);
  // Only a number written without any unit has a second reading.
  if (!std::holds_alternative<Decimal>(numberOrError(spec, cell, text))) return std::nullopt;
  std::int64_t factor = 0;
  bool multiply = false;
  if (spec.kind == InputKind::Money) {
    factor = 10000;
    multiply = spec.unit == MoneyUnit::Yuan;  // 12 read as 12元 where 12万元 was meant
  } else if (spec.kind == InputKind::Ratio && spec.bareRatio != RatioReading::Refused) {
    factor = 100;
    multiply = spec.bareRatio == RatioReading::Percentage;  // 0.95 read as 0.95% where 95% was meant
  } else {
    return std::nullopt;
  }
  Decimal out;
  const DecimalStatus status = multiply ? checkedMul(value, Decimal::fromInt(factor), out)
                                        : checkedDiv(value, Decimal::fromInt(factor), out);
  if (status != DecimalStatus::Ok) return std::nullopt;
  return out;
}

std::string describeKind(const InputSpec& spec) {
  switch (spec.kind) {
    case InputKind::Money: return spec.unit == MoneyUnit::WanYuan ? "金额（万元）" : "金额（元）";
    case InputKind::Ratio:
      return spec.bareRatio == RatioReading::Fraction ? "比率（小数）"
             : spec.bareRatio == RatioReading::Percentage ? "比率（百分数）" : "比率";
    case InputKind::Count: return "数量";
    case InputKind::Number: return "数值";
    case InputKind::Bool: return "是否";
    case InputKind::Enum: {
      std::string list;
      for (const std::string& v : spec.enumValues) list += (list.empty() ? "" : "、") + v;
      return "枚举（" + list + "）";
    }
    case InputKind::Text: return "文字";
    case InputKind::Target: return "指标值";
    case InputKind::Achieved: return "完成值";
    case InputKind::RowSet: return "行集";
    case InputKind::Review: return "评审分";
  }
  return "数值";
}

}  // namespace defen

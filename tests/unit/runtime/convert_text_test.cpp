// convertText (cells read in place, the CSV data path) must give exactly what
// convertCell gives, value or message, for every form a department writes;
// parsePlainDecimal exactly what Decimal::parse gives.
#include "compiler/core/convert_text.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace defen {
namespace {

InputSpec spec(InputKind kind, MoneyUnit unit = MoneyUnit::Yuan, RatioReading bare = RatioReading::Refused) {
  InputSpec s;
  s.name = "x";
  s.kind = kind;
  s.unit = unit;
  s.bareRatio = bare;
  if (kind == InputKind::Enum) s.enumValues = {"按时", "超时", "未批复", "A1"};
  return s;
}

std::string describe(const Conversion& c) {
  if (const auto* err = std::get_if<std::string>(&c)) return "error: " + *err;
  const Value& v = std::get<Value>(c);
  switch (v.kind) {
    case Value::Kind::Missing: return "missing";
    case Value::Kind::Number: return "number " + toString(v.number);
    case Value::Kind::Bool: return v.boolean ? "true" : "false";
    case Value::Kind::Enum: return "enum " + std::to_string(v.enumIndex);
  }
  return "?";
}

TEST(ConvertText, SameAsConvertCellForEveryKindAndForm) {
  const std::vector<std::string> texts = {
      "", " ", "0", "-0", "+5", "3", "3.75", "3.", ".5", "-.5", "007", "1,234", "1,234.56", "3,974,522.77", "12,34", "0,123",
      ",123", "1,234,5678", "1234567890123456789", "123456789012345678", "0.123456789012345678", "0.1234567890123456789",
      "99999999999999999999", "1e5", "3.97E+06", " 42 ", "\t42\r", "42元", "42 元", "12万元", "12万", "3亿元", "¥42", "￥42",
      "87.53%", "87.53 %", "87.53％", "３.５", "５%", "3‰", "95", "0.95", "5%%", "-5%", "-3", "-3.5", "3分", "3 分", "4项",
      "1.0", "1.5", "是", "否", "有", "无", "TRUE", "Yes", "y", "N", "1", "0", "√", "×", "2", "按时", " 按时 ", "超时",
      "\xE3\x80\x80按时", "按时\xC2\xA0", "a1", "A1", "x", "１２３", "12\xE2\x88\x92", "−3", "100,000.00元",
  };
  const std::vector<InputSpec> specs = {
      spec(InputKind::Money), spec(InputKind::Money, MoneyUnit::WanYuan), spec(InputKind::Ratio),
      spec(InputKind::Ratio, MoneyUnit::Yuan, RatioReading::Fraction), spec(InputKind::Ratio, MoneyUnit::Yuan, RatioReading::Percentage),
      spec(InputKind::Count), spec(InputKind::Number), spec(InputKind::Review), spec(InputKind::Bool), spec(InputKind::Enum),
  };
  std::vector<std::string> all = texts;
  all.push_back(std::string("1\0" "00", 4));  // a NUL inside a number
  int fast = 0;
  for (const InputSpec& s : specs)
    for (const std::string& text : all) {
      const std::string expected = describe(convertCell(Cell{Cell::Kind::Text, text}, s));
      EXPECT_EQ(describe(convertText(Cell::Kind::Text, text, s)), expected) << describeKind(s) << " “" << text << "”";
      fast += expected.starts_with("number");
    }
  EXPECT_GT(fast, 100);  // the table exercises the fast forms, not only the fallbacks
  // Missing and JSON numbers take the same road as before.
  EXPECT_EQ(describe(convertText(Cell::Kind::Missing, "", spec(InputKind::Money))), "missing");
  EXPECT_EQ(describe(convertText(Cell::Kind::Number, "1.5E-2", spec(InputKind::Number))), "number 0.015");
}

TEST(ConvertText, PlainDecimalEqualsDecimalParse) {
  std::uint64_t state = 12345;
  auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33;
  };
  const char alphabet[] = "0123456789,.-+0123456789";
  int accepted = 0;
  for (int i = 0; i < 200000; ++i) {
    std::string s;
    const size_t len = 1 + next() % 24;
    for (size_t k = 0; k < len; ++k) s += alphabet[next() % (sizeof alphabet - 1)];
    Decimal fast;
    const auto slow = Decimal::parse(s);
    if (parsePlainDecimal(s, fast)) {
      ++accepted;
      ASSERT_TRUE(slow.has_value()) << s;
      ASSERT_EQ(fast, *slow) << s;
    }
  }
  EXPECT_GT(accepted, 1000);
  Decimal d;
  ASSERT_TRUE(parsePlainDecimal("-3,974,522.77", d));
  EXPECT_EQ(toString(d), "-3974522.77");
  ASSERT_TRUE(parsePlainDecimal(".5", d));
  EXPECT_EQ(toString(d), "0.5");
  EXPECT_FALSE(parsePlainDecimal("5.", d));
  EXPECT_FALSE(parsePlainDecimal("1,23", d));
  EXPECT_FALSE(parsePlainDecimal("0,123", d));
}

}  // namespace
}  // namespace defen

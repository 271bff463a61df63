// Tests for convertCell and describeKind.
#include "compiler/core/value.h"

#include <gtest/gtest.h>

#include <string>
#include <variant>

namespace defen {
namespace {

Cell text(const std::string& t) { return Cell{Cell::Kind::Text, t}; }
Cell number(const std::string& t) { return Cell{Cell::Kind::Number, t}; }

InputSpec spec(InputKind kind, MoneyUnit unit = MoneyUnit::Yuan) {
  InputSpec s;
  s.name = "x";
  s.kind = kind;
  s.unit = unit;
  return s;
}

InputSpec enumSpec() {
  InputSpec s = spec(InputKind::Enum);
  s.enumValues = {"按时", "超时", "未批复"};
  return s;
}

Decimal dec(const char* s) { return *Decimal::parse(s); }

// The converted number, failing the test if conversion did not give one.
Decimal num(const Cell& cell, const InputSpec& s) {
  const Conversion c = convertCell(cell, s);
  if (const auto* err = std::get_if<std::string>(&c)) {
    ADD_FAILURE() << "“" << cell.text << "”: " << *err;
    return Decimal();
  }
  const Value& v = std::get<Value>(c);
  EXPECT_EQ(v.kind, Value::Kind::Number) << cell.text;
  return v.number;
}

std::string error(const Cell& cell, const InputSpec& s) {
  const Conversion c = convertCell(cell, s);
  if (!std::holds_alternative<std::string>(c)) {
    ADD_FAILURE() << "“" << cell.text << "” unexpectedly converted";
    return "";
  }
  return std::get<std::string>(c);
}

bool isMissing(const Cell& cell, const InputSpec& s) {
  const Conversion c = convertCell(cell, s);
  return std::holds_alternative<Value>(c) && std::get<Value>(c).kind == Value::Kind::Missing;
}

TEST(ConvertCell, MissingAndBlankAreMissingForEveryKind) {
  for (InputKind k : {InputKind::Money, InputKind::Ratio, InputKind::Count, InputKind::Number,
                      InputKind::Bool, InputKind::Enum, InputKind::Review}) {
    EXPECT_TRUE(isMissing(Cell{}, spec(k)));
    EXPECT_TRUE(isMissing(text(""), spec(k)));
    EXPECT_TRUE(isMissing(text("  \t "), spec(k)));
    EXPECT_TRUE(isMissing(text("\u3000 \u3000"), spec(k)));  // full-width spaces
  }
}

TEST(ConvertCell, MoneyForms) {
  const InputSpec yuan = spec(InputKind::Money);
  EXPECT_EQ(num(text("3,974,522.77"), yuan), dec("3974522.77"));
  EXPECT_EQ(num(text("3974522.77元"), yuan), dec("3974522.77"));
  EXPECT_EQ(num(text("12万元"), yuan), dec("120000"));
  EXPECT_EQ(num(text("12 万元"), yuan), dec("120000"));
  EXPECT_EQ(num(text("12万"), yuan), dec("120000"));
  EXPECT_EQ(num(text("0.0001万元"), yuan), dec("1"));
  EXPECT_EQ(num(text("1.5亿元"), yuan), dec("150000000"));
  EXPECT_EQ(num(text("￥1,000"), yuan), dec("1000"));
  EXPECT_EQ(num(text("-500"), yuan), dec("-500"));
  EXPECT_EQ(num(number("3974522.77"), yuan), dec("3974522.77"));
}

TEST(ConvertCell, MoneyBareNumberIsInTheDeclaredUnit) {
  const InputSpec wan = spec(InputKind::Money, MoneyUnit::WanYuan);
  EXPECT_EQ(num(text("397.452277"), wan), dec("3974522.77"));
  EXPECT_EQ(num(number("12"), wan), dec("120000"));
  EXPECT_EQ(num(text("500元"), wan), dec("500"));  // an explicit unit wins
}

TEST(ConvertCell, FullWidthInput) {
  const InputSpec yuan = spec(InputKind::Money);
  EXPECT_EQ(num(text("３，９７４，５２２．７７"), yuan), dec("3974522.77"));
  EXPECT_EQ(num(text("\u3000１２万元\u3000"), yuan), dec("120000"));
  EXPECT_EQ(num(text("－５"), spec(InputKind::Number)), dec("-5"));
  EXPECT_EQ(num(text("＋５"), spec(InputKind::Number)), dec("5"));
  EXPECT_EQ(num(text("３５．７４％"), spec(InputKind::Ratio)), dec("0.3574"));
  EXPECT_EQ(num(text("１４２项"), spec(InputKind::Count)), dec("142"));
}

TEST(ConvertCell, MoneyErrors) {
  const InputSpec yuan = spec(InputKind::Money);
  EXPECT_EQ(error(text("35%"), yuan), "应为金额（元），实际为“35%”");
  EXPECT_EQ(error(text("abc"), yuan), "应为金额（元），实际为“abc”");
  EXPECT_EQ(error(text("1,2,3"), yuan), "应为金额（元），实际为“1,2,3”");
  EXPECT_EQ(error(text("3.97E+06"), yuan), "应为金额（元），实际为“3.97E+06”");  // Excel display form
  EXPECT_EQ(error(text("35%"), spec(InputKind::Money, MoneyUnit::WanYuan)), "应为金额（万元），实际为“35%”");
}

TEST(ConvertCell, OutOfRangeIsExplained) {
  const InputSpec yuan = spec(InputKind::Money);
  const std::string tail = "超出可表示的范围（绝对值应小于 10的20次方，小数最多 18 位）";
  EXPECT_EQ(error(text("999999999999999999999999"), yuan), "应为金额（元），但“999999999999999999999999”" + tail);
  EXPECT_EQ(error(text("0.0000000000000000001"), yuan), "应为金额（元），但“0.0000000000000000001”" + tail);
  EXPECT_EQ(error(text("99999999999999999万元"), yuan), "应为金额（元），但“99999999999999999万元”" + tail);
  EXPECT_EQ(error(number("1e400"), yuan), "应为金额（元），但“1e400”" + tail);
  EXPECT_EQ(error(number("1e-19"), yuan), "应为金额（元），但“1e-19”" + tail);
  EXPECT_EQ(error(number("1e99999999"), yuan), "应为金额（元），但“1e99999999”" + tail);
}

TEST(ConvertCell, JsonExponentNumbersAreExpandedExactly) {
  const InputSpec n = spec(InputKind::Number);
  EXPECT_EQ(num(number("1e3"), n), dec("1000"));
  EXPECT_EQ(num(number("1.5E-2"), n), dec("0.015"));
  EXPECT_EQ(num(number("-2.5e+1"), n), dec("-25"));
  EXPECT_EQ(num(number("123.456e1"), n), dec("1234.56"));
  EXPECT_EQ(num(number("0.1e-17"), n), dec("0.000000000000000001"));
  EXPECT_EQ(num(number("0e500"), n), dec("0"));
  EXPECT_EQ(num(number("100e-2"), n), dec("1"));
  EXPECT_EQ(num(number("3974522.77"), n), dec("3974522.77"));
}

TEST(ConvertCell, Ratio) {
  const InputSpec r = spec(InputKind::Ratio);
  EXPECT_EQ(num(text("35.74%"), r), dec("0.3574"));
  EXPECT_EQ(num(text("35.74 %"), r), dec("0.3574"));
  EXPECT_EQ(num(text("35.74‰"), r), dec("0.03574"));
  EXPECT_EQ(num(text("-5%"), r), dec("-0.05"));
  EXPECT_EQ(num(text("120%"), r), dec("1.2"));
  EXPECT_EQ(num(text("0.95%"), r), dec("0.0095"));
  EXPECT_EQ(error(text("abc"), r), "应为比率（如 35.74%），实际为“abc”");
  EXPECT_EQ(error(text("35.74%%"), r), "应为比率（如 35.74%），实际为“35.74%%”");
  EXPECT_EQ(error(text("12万元"), r), "应为比率（如 35.74%），实际为“12万元”");
}

InputSpec ratio(RatioReading reading) {
  InputSpec s = spec(InputKind::Ratio);
  s.bareRatio = reading;
  return s;
}

// A ratio without % is 95% to the clerk who typed it and 9500% to a formula
// that takes it as a fraction; unless the ruleset says which, it is refused
// with both readings spelled out.
TEST(ConvertCell, RatioWithoutPercentIsRefusedNamingBothReadings) {
  const InputSpec r = ratio(RatioReading::Refused);
  const std::string hint = "（若本列的数都不写%，可在规则中把该输入声明为 比率（百分数） 或 比率（小数））";
  EXPECT_EQ(error(text("103.4"), r), "“103.4”没有写%：是103.4%还是10340%？请写成103.4%或10340%" + hint);
  EXPECT_EQ(error(text("95"), r), "“95”没有写%：是95%还是9500%？请写成95%或9500%" + hint);
  EXPECT_EQ(error(text("0.3574"), r), "“0.3574”没有写%：是0.3574%还是35.74%？请写成0.3574%或35.74%" + hint);
  EXPECT_EQ(error(text("-5"), r), "“-5”没有写%：是-5%还是-500%？请写成-5%或-500%" + hint);
  // A JSON number has no % either: the same question.
  EXPECT_EQ(error(number("0.95"), r), "“0.95”没有写%：是0.95%还是95%？请写成0.95%或95%" + hint);
  EXPECT_EQ(error(text("１０３．４"), r), "“１０３．４”没有写%：是103.4%还是10340%？请写成103.4%或10340%" + hint);
  // Too large to be a fraction of anything representable: only one reading is left to suggest.
  EXPECT_EQ(error(text("170141183460469231731"), r), "“170141183460469231731”没有写%：请写成170141183460469231731%");
  // 0 reads the same either way.
  EXPECT_EQ(num(text("0"), r), dec("0"));
  EXPECT_EQ(num(number("0.00"), r), dec("0"));
  // Written with its unit, a ratio needs no declaration.
  EXPECT_EQ(num(text("103.4%"), r), dec("1.034"));
}

TEST(ConvertCell, RatioWithoutPercentReadsAsDeclared) {
  const InputSpec fraction = ratio(RatioReading::Fraction), percentage = ratio(RatioReading::Percentage);
  EXPECT_EQ(num(text("0.95"), fraction), dec("0.95"));
  EXPECT_EQ(num(number("1.034"), fraction), dec("1.034"));
  EXPECT_EQ(num(text("95"), fraction), dec("95"));  // 9500%: declared, so taken at its word
  EXPECT_EQ(num(text("95"), percentage), dec("0.95"));
  EXPECT_EQ(num(text("103.4"), percentage), dec("1.034"));
  EXPECT_EQ(num(number("0.95"), percentage), dec("0.0095"));
  // A written % or ‰ wins over the declaration.
  EXPECT_EQ(num(text("95%"), fraction), dec("0.95"));
  EXPECT_EQ(num(text("95%"), percentage), dec("0.95"));
  EXPECT_EQ(num(text("3‰"), percentage), dec("0.003"));
  EXPECT_EQ(error(text("abc"), percentage), "应为比率（如 35.74%），实际为“abc”");
  EXPECT_EQ(describeKind(fraction), "比率（小数）");
  EXPECT_EQ(describeKind(percentage), "比率（百分数）");
}

// The reading a number without a unit would have had with the column's other
// unit, used to say "是否把以元计的金额填进了万元列？".
TEST(OtherReading, OnlyForNumbersWrittenWithoutAUnit) {
  const InputSpec wan = spec(InputKind::Money, MoneyUnit::WanYuan), yuan = spec(InputKind::Money);
  EXPECT_EQ(otherReading(text("4200000"), wan, dec("42000000000")), dec("4200000"));
  EXPECT_EQ(otherReading(number("4200000"), wan, dec("42000000000")), dec("4200000"));
  EXPECT_EQ(otherReading(text("420"), yuan, dec("420")), dec("4200000"));
  EXPECT_FALSE(otherReading(text("4200000元"), wan, dec("4200000")));
  EXPECT_FALSE(otherReading(text("420万元"), yuan, dec("4200000")));
  EXPECT_EQ(otherReading(text("0.95"), ratio(RatioReading::Percentage), dec("0.0095")), dec("0.95"));
  EXPECT_EQ(otherReading(text("95"), ratio(RatioReading::Fraction), dec("95")), dec("0.95"));
  EXPECT_FALSE(otherReading(text("95%"), ratio(RatioReading::Fraction), dec("0.95")));
  EXPECT_FALSE(otherReading(text("5"), spec(InputKind::Count), dec("5")));
  EXPECT_FALSE(otherReading(Cell{}, wan, dec("0")));
}

TEST(ConvertCell, Count) {
  const InputSpec c = spec(InputKind::Count);
  EXPECT_EQ(num(text("142"), c), dec("142"));
  EXPECT_EQ(num(text("1,024"), c), dec("1024"));
  EXPECT_EQ(num(text("142项"), c), dec("142"));
  EXPECT_EQ(num(text("3个"), c), dec("3"));
  EXPECT_EQ(num(text("3 件"), c), dec("3"));
  EXPECT_EQ(num(text("7次"), c), dec("7"));
  EXPECT_EQ(num(text("0"), c), dec("0"));
  EXPECT_EQ(num(number("1.0"), c), dec("1"));  // an integer value
  EXPECT_EQ(num(number("2e2"), c), dec("200"));
  EXPECT_EQ(error(text("-3"), c), "应为数量（非负整数），实际为“-3”");
  EXPECT_EQ(error(text("2.5"), c), "应为数量（非负整数），实际为“2.5”");
  EXPECT_EQ(error(text("很多"), c), "应为数量（非负整数），实际为“很多”");
  EXPECT_EQ(error(text("3%"), c), "应为数量（非负整数），实际为“3%”");
}

TEST(ConvertCell, Number) {
  const InputSpec n = spec(InputKind::Number);
  EXPECT_EQ(num(text("95"), n), dec("95"));
  EXPECT_EQ(num(text("-3.5"), n), dec("-3.5"));
  EXPECT_EQ(num(text("95分"), n), dec("95"));
  EXPECT_EQ(num(text(".5"), n), dec("0.5"));
  EXPECT_EQ(error(text("九十五"), n), "应为数值，实际为“九十五”");
  EXPECT_EQ(error(Cell{Cell::Kind::Bool, "true"}, n), "应为数值，实际为“true”");
}

TEST(ConvertCell, Review) {
  const InputSpec r = spec(InputKind::Review);
  EXPECT_EQ(num(text("3"), r), dec("3"));
  EXPECT_EQ(num(text("3分"), r), dec("3"));
  EXPECT_EQ(num(text("4.5 分"), r), dec("4.5"));
  EXPECT_EQ(error(text("-1"), r), "应为评审分（非负数），实际为“-1”");
  EXPECT_EQ(error(text("优"), r), "应为评审分（非负数），实际为“优”");
}

TEST(ConvertCell, Bool) {
  const InputSpec b = spec(InputKind::Bool);
  auto boolOf = [&](const Cell& cell) {
    const Conversion c = convertCell(cell, b);
    EXPECT_TRUE(std::holds_alternative<Value>(c)) << cell.text;
    if (!std::holds_alternative<Value>(c)) return false;
    EXPECT_EQ(std::get<Value>(c).kind, Value::Kind::Bool) << cell.text;
    return std::get<Value>(c).boolean;
  };
  for (const char* t : {"是", "有", "true", "TRUE", "True", "1", "yes", "Y", "√", "✓", " 是 "}) {
    EXPECT_TRUE(boolOf(text(t))) << t;
  }
  for (const char* f : {"否", "无", "false", "False", "0", "no", "N", "×", "✗", "\u3000否"}) {
    EXPECT_FALSE(boolOf(text(f))) << f;
  }
  EXPECT_TRUE(boolOf(Cell{Cell::Kind::Bool, "true"}));
  EXPECT_FALSE(boolOf(Cell{Cell::Kind::Bool, "false"}));
  EXPECT_TRUE(boolOf(number("1")));
  EXPECT_TRUE(boolOf(text("１")));  // full-width digit
  EXPECT_EQ(error(text("对"), b), "应为是否（是/否、有/无、true/false、1/0、√/×），实际为“对”");
  EXPECT_EQ(error(text("2"), b), "应为是否（是/否、有/无、true/false、1/0、√/×），实际为“2”");
}

TEST(ConvertCell, Enum) {
  const InputSpec e = enumSpec();
  auto indexOf = [&](const Cell& cell) {
    const Conversion c = convertCell(cell, e);
    if (!std::holds_alternative<Value>(c)) return -2;
    EXPECT_EQ(std::get<Value>(c).kind, Value::Kind::Enum);
    return std::get<Value>(c).enumIndex;
  };
  EXPECT_EQ(indexOf(text("按时")), 0);
  EXPECT_EQ(indexOf(text(" 超时 ")), 1);
  EXPECT_EQ(indexOf(text("\u3000未批复")), 2);
  EXPECT_EQ(error(text("迟到"), e), "应为以下之一：按时、超时、未批复，实际为“迟到”");
  EXPECT_EQ(error(text("按 时"), e), "应为以下之一：按时、超时、未批复，实际为“按 时”");
}

TEST(ConvertCell, LongTextIsShortenedInMessages) {
  const std::string longText(50, 'a');
  EXPECT_EQ(error(text(longText), spec(InputKind::Number)),
            "应为数值，实际为“" + std::string(30, 'a') + "…”");
}

TEST(DescribeKind, Names) {
  EXPECT_EQ(describeKind(spec(InputKind::Money)), "金额（元）");
  EXPECT_EQ(describeKind(spec(InputKind::Money, MoneyUnit::WanYuan)), "金额（万元）");
  EXPECT_EQ(describeKind(spec(InputKind::Ratio)), "比率");
  EXPECT_EQ(describeKind(spec(InputKind::Count)), "数量");
  EXPECT_EQ(describeKind(spec(InputKind::Number)), "数值");
  EXPECT_EQ(describeKind(spec(InputKind::Bool)), "是否");
  EXPECT_EQ(describeKind(enumSpec()), "枚举（按时、超时、未批复）");
  EXPECT_EQ(describeKind(spec(InputKind::Review)), "评审分");
}

}  // namespace
}  // namespace defen

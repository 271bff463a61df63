#include "compiler/core/target_value.h"

#include <gtest/gtest.h>

namespace defen {
namespace {

TargetValue target(std::string_view text) {
  auto r = parseTargetValue(text);
  EXPECT_TRUE(std::holds_alternative<TargetValue>(r)) << std::get<std::string>(r);
  return std::holds_alternative<TargetValue>(r) ? std::get<TargetValue>(r) : TargetValue{};
}

std::string targetError(std::string_view text) {
  auto r = parseTargetValue(text);
  return std::holds_alternative<std::string>(r) ? std::get<std::string>(r) : "(read)";
}

std::string achieved(std::string_view text, std::string_view targetText) {
  auto r = parseAchievedValue(text, target(targetText));
  return std::holds_alternative<Decimal>(r) ? toString(std::get<Decimal>(r)) : std::get<std::string>(r);
}

TEST(TargetValue, SignsAndUnitsAsUnitsWriteThem) {
  TargetValue t = target("≥95%");
  EXPECT_EQ(t.direction, TargetValue::Direction::Higher);
  EXPECT_EQ(t.sign, "≥");
  EXPECT_EQ(toString(t.value), "0.95");
  EXPECT_EQ(t.unit, "%");
  t = target("≤90万元");
  EXPECT_EQ(t.direction, TargetValue::Direction::Lower);
  EXPECT_EQ(toString(t.value), "90");
  EXPECT_EQ(t.unit, "万元");
  t = target("＝100％");
  EXPECT_EQ(t.direction, TargetValue::Direction::Higher);
  EXPECT_EQ(t.sign, "＝");
  EXPECT_EQ(toString(t.value), "1");
  t = target(">=50个");
  EXPECT_EQ(t.sign, "≥");
  EXPECT_EQ(toString(t.value), "50");
  EXPECT_EQ(t.unit, "个");
  t = target("≥100百分比");
  EXPECT_EQ(t.unit, "%");
  EXPECT_EQ(toString(t.value), "1");
  t = target("＜＝ １２．５ 天");
  EXPECT_EQ(t.direction, TargetValue::Direction::Lower);
  EXPECT_EQ(toString(t.value), "12.5");
  EXPECT_EQ(t.unit, "天");
}

// As published forms write them (examples/project-self-2020/forms: 永德 ≧735人次, 丽江 ﹦100%).
TEST(TargetValue, SignsOfOlderFontsAndSmallForms) {
  TargetValue t = target("≧735人次");
  EXPECT_EQ(t.direction, TargetValue::Direction::Higher);
  EXPECT_EQ(t.sign, "≥");
  EXPECT_EQ(toString(t.value), "735");
  EXPECT_EQ(t.unit, "人次");
  t = target("≦3天");
  EXPECT_EQ(t.direction, TargetValue::Direction::Lower);
  EXPECT_EQ(t.sign, "≤");
  t = target("﹦100%");
  EXPECT_EQ(t.sign, "＝");
  EXPECT_EQ(toString(t.value), "1");
  // ═ (U+2550), as the 永德 form writes its ＝ targets, is a box-drawing line, not a
  // sign: never read as one, nor as the words of a qualitative target.
  EXPECT_EQ(targetError("═100%"), "年度指标值“═100%”开头的“═”不是≥、≤或＝，无法判断是正向还是反向指标");
  EXPECT_EQ(targetError("→95%"), "年度指标值“→95%”开头的“→”不是≥、≤或＝，无法判断是正向还是反向指标");
  EXPECT_EQ(target("“优良”").direction, TargetValue::Direction::Qualitative);  // a quoted word is words
}

TEST(TargetValue, WordsAreQualitative) {
  TargetValue t = target("严格执行相关制度规定");
  EXPECT_EQ(t.direction, TargetValue::Direction::Qualitative);
  EXPECT_EQ(t.text, "严格执行相关制度规定");
}

TEST(TargetValue, UnreadableTargetsSayWhy) {
  EXPECT_EQ(targetError(""), "年度指标值为空");
  EXPECT_EQ(targetError("95%"), "年度指标值“95%”没有写明≥、≤或＝，无法判断是正向还是反向指标");
  EXPECT_EQ(targetError("≥较好"), "年度指标值“≥较好”的符号后不是数值");
}

TEST(TargetValue, AchievedReadsInTheTargetsUnit) {
  EXPECT_EQ(achieved("95", "≥95%"), "0.95");
  EXPECT_EQ(achieved("96%", "≥95%"), "0.96");
  EXPECT_EQ(achieved("50", "≥50个"), "50");
  EXPECT_EQ(achieved("50个", "≥50个"), "50");
  EXPECT_EQ(achieved("89.974", "≤90万元"), "89.974");
  EXPECT_EQ(achieved("899,740元", "≤90万元"), "89.974");
  EXPECT_EQ(achieved("１００", "＝100%"), "1");
}

TEST(TargetValue, AchievedMismatchesSayWhy) {
  EXPECT_EQ(achieved("达成预期指标", "≥95%"), "实际完成值“达成预期指标”不是数值（年度指标值“≥95%”是定量指标）");
  EXPECT_EQ(achieved("50人", "≥50个"), "实际完成值“50人”的单位与年度指标值“≥50个”不同");
}

}  // namespace
}  // namespace defen

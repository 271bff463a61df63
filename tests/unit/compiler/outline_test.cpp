// What an editor shows of a ruleset as written (lib/driver/outline.h): the name
// under the cursor and the outline, for text that checks and text that does not.
#include "lib/driver/outline.h"

#include <gtest/gtest.h>

namespace defen {
namespace {

const char* kRules = R"(名称 "大纲示例"
年度 2024
总分 10分
输入 {
  实际支出：金额（元）
  预算数：金额（元）
}
指标 执行 10分 {
  指标 「支出 完成」 6分 {
    令 执行率 = 实际支出 ÷ 预算数
    分段 执行率 { 结果 ≥ 90% → 满分；结果 ＜ 90% → 0分 }
  }
  指标 时效 4分 { 得分 = 4分 }
}
)";

TEST(Outline, InputsThenTheIndicatorTreeWithWeightsAndRanges) {
  SourceFile file("outline.rules", kRules);
  std::vector<OutlineItem> items = outlineOf(file);
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].kind, OutlineItem::Kind::Input);
  EXPECT_EQ(items[0].name, "实际支出");
  EXPECT_EQ(items[0].nameRange.line, 5);
  EXPECT_EQ(items[1].name, "预算数");
  const OutlineItem& top = items[2];
  EXPECT_EQ(top.kind, OutlineItem::Kind::Indicator);
  EXPECT_EQ(top.name, "执行");
  EXPECT_EQ(top.weight, "10分");
  EXPECT_EQ(top.range.line, 8);
  EXPECT_EQ(top.range.endLine, 14);
  ASSERT_EQ(top.children.size(), 2u);
  EXPECT_EQ(top.children[0].name, "支出 完成");
  EXPECT_EQ(top.children[0].weight, "6分");
  EXPECT_EQ(top.children[1].name, "时效");
  EXPECT_EQ(top.children[1].nameRange.line, 13);
  EXPECT_EQ(top.children[1].nameRange.col, 6);
}

TEST(Outline, TextThatDoesNotParseStillHasWhatParsedBeforeTheError) {
  SourceFile file("broken.rules", "总分 5分\n输入 { 完成：是否 }\n指标 甲 5分 {\n得分 = 若 完成 则 满分 否则\n");
  std::vector<OutlineItem> items = outlineOf(file);
  ASSERT_FALSE(items.empty());
  EXPECT_EQ(items[0].kind, OutlineItem::Kind::Input);
  EXPECT_EQ(items[0].name, "完成");
}

TEST(Outline, NameAtTheCursorIsAPlainOrQuotedNameAndNothingElse) {
  SourceFile file("outline.rules", kRules);
  EXPECT_EQ(nameAt(file, 8, 4), "执行");           // 指标 执行: the second character of the name
  EXPECT_EQ(nameAt(file, 9, 8), "支出 完成");      // inside 「支出 完成」, quotes taken off
  EXPECT_EQ(nameAt(file, 10, 14), "实际支出");     // in the 令
  EXPECT_EQ(nameAt(file, 8, 1), std::nullopt);     // 指标 is a keyword
  EXPECT_EQ(nameAt(file, 8, 7), std::nullopt);     // 10分 is a number
  EXPECT_EQ(nameAt(file, 8, 3), std::nullopt);     // the space between
}

}  // namespace
}  // namespace defen

// The canonical layout, case by case: each test gives an input and the exact
// text defen fmt must produce (docs/formatter.md states the same rules).
#include "compiler/tools/format/formatter.h"

#include <gtest/gtest.h>

namespace defen {
namespace {

std::string formatted(const std::string& text) {
  SourceFile source("t.rules", text);
  Diagnostics diags;
  std::optional<std::string> out = formatRuleset(source, diags);
  EXPECT_TRUE(out.has_value()) << (diags.all().empty() ? "" : diags.all()[0].zh);
  return out.value_or("");
}

TEST(Format, IndentsTwoSpacesPerBraceLevel) {
  EXPECT_EQ(formatted("指标 甲 10分 {\n"
                      "指标 乙 10分 {\n"
                      "        评审\n"
                      "   }\n"
                      "}\n"),
            "指标 甲 10分 {\n"
            "  指标 乙 10分 {\n"
            "    评审\n"
            "  }\n"
            "}\n");
}

TEST(Format, ABaseNameStaysOneWordAndChangesIndentLikeIndicators) {
  EXPECT_EQ(formatted("基于   zhanjiang-2022-dept\n年度 2023\n修改 指标 甲 5分 {\n分段 a {\n结果 ≥ 1 → 满分\n否则 → 0分\n}\n}\n删除 指标 乙、丙\n"),
            "基于 zhanjiang-2022-dept\n"
            "年度 2023\n"
            "修改 指标 甲 5分 {\n"
            "  分段 a {\n"
            "    结果 ≥ 1 → 满分\n"
            "    否则 → 0分\n"
            "  }\n"
            "}\n"
            "删除 指标 乙、丙\n");
}

TEST(Format, FullWidthBracesCountAsBraces) {
  EXPECT_EQ(formatted("指标 甲 10分｛\n指标 乙 10分 ｛\n评审\n｝\n  ｝"),
            "指标 甲 10分｛\n"
            "  指标 乙 10分｛\n"
            "    评审\n"
            "  ｝\n"
            "｝\n");
}

TEST(Format, OneSpaceAroundOperatorsAndBetweenWords) {
  EXPECT_EQ(formatted("令   比例=a÷b\n令 c = 1分×最小( a ,b )\n令 d=若 a≥1 则 -1分 否则 2分\n"),
            "令 比例 = a ÷ b\n"
            "令 c = 1分 × 最小(a, b)\n"
            "令 d = 若 a ≥ 1 则 -1分 否则 2分\n");
}

TEST(Format, FullWidthPunctuationTakesNoSpaces) {
  EXPECT_EQ(formatted("输入 {\n"
                      "  收入 ： 金额 （ 元 ）\n"
                      "  批复 ：枚举 ｛ 按时 、 超时 ｝\n"
                      "  比例：比率 ， 缺失时 报错\n"
                      "  收入2 :金额 ( 元 )\n"
                      "  得分2:数值 ,缺失时 满分\n"
                      "}\n"),
            "输入 {\n"
            "  收入：金额（元）\n"
            "  批复：枚举｛按时、超时｝\n"
            "  比例：比率，缺失时 报错\n"
            "  收入2: 金额(元)\n"
            "  得分2: 数值, 缺失时 满分\n"
            "}\n");
}

TEST(Format, IntervalAfterANameIsNotACall) {
  // 良 (80分, 90分] opens an interval, so the space stays; 平均(…) is a call.
  EXPECT_EQ(formatted("等级 { 优[90分,100分]  良 (80分 ,90分)  差 [0分, 80分] }\n令 m = 平均 (a, b)\n"),
            "等级 { 优 [90分, 100分] 良 (80分, 90分) 差 [0分, 80分] }\n"
            "令 m = 平均(a, b)\n");
}

TEST(Format, BandLinesStartingWithMinusAreNewBands) {
  EXPECT_EQ(formatted("指标 存量 3分 {\n"
                      "  分段 变动率 {\n"
                      "  结果 ≤ - 15% → 3分\n"
                      "- 15% ＜ 结果 ≤ -10% → 2分\n"
                      "      -10% ＜ 结果 → 0分\n"
                      "  }\n"
                      "}\n"),
            "指标 存量 3分 {\n"
            "  分段 变动率 {\n"
            "    结果 ≤ -15% → 3分\n"
            "    -15% ＜ 结果 ≤ -10% → 2分\n"
            "    -10% ＜ 结果 → 0分\n"
            "  }\n"
            "}\n");
}

TEST(Format, ContinuationLinesAlignUnderTheFormula) {
  // 否则 goes under the first token after =; a line starting with + hangs
  // the operator so that the operands line up. 得分 is four columns wide.
  EXPECT_EQ(formatted("指标 采购 2分 {\n"
                      "得分 = 若 a ＞ b 则 0分\n"
                      "  否则 若 b = 0 则 满分\n"
                      "  否则 分值 × (a ÷ b)\n"
                      "}\n"
                      "指标 信访 2分 {\n"
                      "得分 = (若 c 则 1分 否则 0分)\n"
                      "+ (若 d = 0 则 1分 否则 0分)\n"
                      "}\n"),
            "指标 采购 2分 {\n"
            "  得分 = 若 a ＞ b 则 0分\n"
            "         否则 若 b = 0 则 满分\n"
            "         否则 分值 × (a ÷ b)\n"
            "}\n"
            "指标 信访 2分 {\n"
            "  得分 = (若 c 则 1分 否则 0分)\n"
            "       + (若 d = 0 则 1分 否则 0分)\n"
            "}\n");
}

TEST(Format, ContinuationLinesInsideParenthesesAlignUnderTheFirstArgument) {
  EXPECT_EQ(formatted("指标 及时 2分 {\n"
                      "  扣分 {\n"
                      "    扣 0.5分 × 计数(a ＞ 30, b ＞ 30,\n"
                      "  c ＞ 30)\n"
                      "  }\n"
                      "  得分 = 分值 × 计数(\n"
                      "a ≤ 1,\n"
                      "          b ≤ 2\n"
                      "  )\n"
                      "}\n"),
            "指标 及时 2分 {\n"
            "  扣分 {\n"
            "    扣 0.5分 × 计数(a ＞ 30, b ＞ 30,\n"
            "                    c ＞ 30)\n"
            "  }\n"
            "  得分 = 分值 × 计数(\n"
            "      a ≤ 1,\n"
            "      b ≤ 2\n"
            "  )\n"
            "}\n");
}

TEST(Format, BlankLinesCollapseAndNeverOpenOrCloseABlock) {
  EXPECT_EQ(formatted("\n\n名称 \"甲\"\n\n\n\n年度 2023\n指标 甲 1分 {\n\n\n  评审\n\n}\n\n\n"),
            "名称 \"甲\"\n"
            "\n"
            "年度 2023\n"
            "指标 甲 1分 {\n"
            "  评审\n"
            "}\n");
}

TEST(Format, TrailingCommentsOfConsecutiveLinesAlignByDisplayWidth) {
  // 舍入 四舍五入 2位 is 17 columns wide (Chinese characters take two), 总分 100分 is 10.
  EXPECT_EQ(formatted("总分 100分 # 满分\n舍入 四舍五入 2位     # 原表说明②\n\n年度 2022 // 年度\n"),
            "总分 100分         # 满分\n"
            "舍入 四舍五入 2位  # 原表说明②\n"
            "\n"
            "年度 2022  // 年度\n");
}

TEST(Format, CommentsKeepTheirTextAndMoveWithTheCode) {
  EXPECT_EQ(formatted("指标 甲 1分 {\n"
                      "        # 原文：“酌情扣分”   \n"
                      "/* 第一行\n"
                      "      第二行照写 */\n"
                      "评审\n"
                      "}\n"),
            "指标 甲 1分 {\n"
            "  # 原文：“酌情扣分”\n"
            "  /* 第一行\n"
            "      第二行照写 */\n"
            "  评审\n"
            "}\n");
}

TEST(Format, CommentLineInsideAFormulaGoesWithTheLineBelow) {
  EXPECT_EQ(formatted("令 合计 = a\n# 加上 b\n+ b\n"),
            "令 合计 = a\n"
            "        # 加上 b\n"
            "        + b\n");
}

TEST(Format, CrlfAndBomBecomeLfWithoutBom) {
  EXPECT_EQ(formatted("\xEF\xBB\xBF名称 \"甲\"\r\n指标 甲 1分 {\r\n评审 # 注\r\n}\r\n"),
            "名称 \"甲\"\n"
            "指标 甲 1分 {\n"
            "  评审  # 注\n"
            "}\n");
}

TEST(Format, SpellingsAreTheAuthorsChoice) {
  // English keywords, ASCII symbols, >= and ->: the formatter never respells.
  EXPECT_EQ(formatted("indicator a 1分{\nbands x{\n x>=90% -> full\n else->0分}\n}\n"),
            "indicator a 1分 {\n"
            "  bands x {\n"
            "    x >= 90% -> full\n"
            "    else -> 0分 }\n"
            "}\n");
}

TEST(Format, EndsWithExactlyOneNewline) {
  EXPECT_EQ(formatted("年度 2023"), "年度 2023\n");
  EXPECT_EQ(formatted("年度 2023   \n\n\n"), "年度 2023\n");
  EXPECT_EQ(formatted(""), "");
  EXPECT_EQ(formatted("\n\n  \n"), "");
}

TEST(Format, SyntaxErrorsAreReportedNotFormatted) {
  SourceFile source("bad.rules", "指标 甲 1分 {\n  得分 = = 1\n}\n");
  Diagnostics diags;
  EXPECT_FALSE(formatRuleset(source, diags).has_value());
  ASSERT_FALSE(diags.all().empty());
  EXPECT_EQ(diags.all()[0].code, "E002");
  EXPECT_EQ(diags.all()[0].range.line, 2);
  EXPECT_EQ(diags.all()[0].range.col, 8);
}

TEST(Format, BytesThatAreNotUtf8AreAnErrorNamingThePlace) {
  SourceFile source("gbk.rules", "年度 2023\n名称 \"\xB2\xE2\"\n");
  Diagnostics diags;
  EXPECT_FALSE(formatRuleset(source, diags).has_value());
  ASSERT_EQ(diags.all().size(), 1u);
  EXPECT_EQ(diags.all()[0].code, "E001");
  EXPECT_EQ(diags.all()[0].range.line, 2);
  EXPECT_EQ(diags.all()[0].range.col, 5);
  EXPECT_NE(diags.all()[0].zh.find("0xB2"), std::string::npos);
}

TEST(Format, SemanticErrorsDoNotStopFormatting) {
  // 未定义 is not an input; that is defen check's business, not the layout's.
  EXPECT_EQ(formatted("指标 甲 1分 { 得分=未定义 }"), "指标 甲 1分 { 得分 = 未定义 }\n");
}

}  // namespace
}  // namespace defen

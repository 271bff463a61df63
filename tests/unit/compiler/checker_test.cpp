// The checker's judgements that golden files do not pin down one by one:
// which guards make a division safe, which unit combinations are legal,
// and that a clean ruleset lowers to the IR the back ends expect.
#include "test_support.h"

#include "compiler/bind/binder.h"
#include "compiler/interp/interpreter.h"

#include <gtest/gtest.h>

namespace defen::testing {
namespace {

const char* kHeader = "名称 \"t\"\n年度 2022\n总分 10分\n";

std::vector<std::string> codes(const std::string& body) {
  Compilation c = compileSource("t.rules", std::string(kHeader) + body);
  std::vector<std::string> out;
  for (const auto& d : c.diags.all()) out.push_back(d.code);
  return out;
}

const char* kInputs = "输入 { a：金额（元）; b：金额（元）; n：数量; ok：是否 }\n";
// Guarded divisions over kInputs leave only the two unused inputs to warn about.
bool has(const std::vector<std::string>& codes, const char* code) {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

std::vector<std::string> unusedNAndOk() { return {"W270", "W270"}; }

TEST(DivisionGuard, UnguardedDivisionIsAnError) {
  EXPECT_TRUE(has(codes(std::string(kInputs) + "指标 甲 10分 { 得分 = 分值 × 最小(1, a ÷ b) }\n"), "E253"));
}

TEST(DivisionGuard, ElseBranchOfEqualsZero) {
  EXPECT_EQ(codes(std::string(kInputs) + "指标 甲 10分 { 得分 = 若 b = 0 则 满分 否则 分值 × 最小(1, a ÷ b) }\n"), unusedNAndOk());
}

TEST(DivisionGuard, ThenBranchOfGreaterThanZero) {
  EXPECT_EQ(codes(std::string(kInputs) + "指标 甲 10分 { 得分 = 若 b ＞ 0 则 分值 × 最小(1, a ÷ b) 否则 0分 }\n"), unusedNAndOk());
}

TEST(DivisionGuard, ZeroOnTheLeftAndConjunctions) {
  EXPECT_EQ(codes(std::string(kInputs) + "指标 甲 10分 { 得分 = 若 ok 且 0 ＜ b 则 分值 × 最小(1, a ÷ b) 否则 0分 }\n"),
            std::vector<std::string>{"W270"});  // n unused
}

TEST(DivisionGuard, GreaterOrEqualZeroIsNotEnough) {
  EXPECT_TRUE(has(codes(std::string(kInputs) + "指标 甲 10分 { 得分 = 若 b ≥ 0 则 分值 × 最小(1, a ÷ b) 否则 0分 }\n"), "E253"));
}

TEST(DivisionGuard, NotApplicableClauseGuardsTheRule) {
  EXPECT_EQ(codes(std::string(kInputs) + "指标 甲 10分 { 不考核 当 b = 0 → 满分; 得分 = 分值 × 最小(1, a ÷ b) }\n"), unusedNAndOk());
}

TEST(DivisionGuard, DeclaredRangeExcludingZero) {
  auto c = codes("输入 { a：金额（元）; b：金额（元），范围 (0, +∞) }\n指标 甲 10分 { 得分 = 分值 × 最小(1, a ÷ b) }\n");
  EXPECT_EQ(c, std::vector<std::string>{});
}

TEST(DivisionGuard, BandCaseExcludingZeroGuardsItsValue) {
  auto c = codes("输入 { n：数量 }\n指标 甲 10分 { 分段 n { 结果 = 0 → 满分; 结果 ≥ 1 → 分值 ÷ n } }\n");
  EXPECT_EQ(c, std::vector<std::string>{});
}

TEST(DivisionGuard, LetIsCheckedWhereItIsUsed) {
  std::string body = std::string(kInputs) + "令 r = a ÷ b\n指标 甲 10分 { 得分 = 若 b = 0 则 0分 否则 分值 × 最小(1, r) }\n";
  EXPECT_EQ(codes(body), unusedNAndOk());
}

TEST(Units, MoneyComparedWithPercentIsRefused) {
  EXPECT_TRUE(has(codes(std::string(kInputs) + "指标 甲 10分 { 得分 = 若 a ＞ 5% 则 满分 否则 0分 }\n"), "E202"));
}

TEST(Units, ScoreTimesRatioIsAScore) {
  EXPECT_EQ(codes("输入 { r：比率 }\n指标 甲 10分 { 得分 = 限定(分值 × r, 0分, 分值) }\n"), std::vector<std::string>{});
}

TEST(Units, BareNumbersAdapt) {
  EXPECT_EQ(codes(std::string(kInputs) + "指标 甲 10分 { 得分 = 若 a - b ＞ 0 且 n ≥ 3 则 0分 否则 10 }\n"),
            std::vector<std::string>{"W270"});  // ok unused
}

TEST(Enums, ComparisonWithALabel) {
  auto c = codes("输入 { s：枚举｛按时、超时｝ }\n指标 甲 10分 { 得分 = 若 s = 超时 则 5分 否则 满分 }\n");
  EXPECT_EQ(c, std::vector<std::string>{});
  EXPECT_TRUE(has(codes("输入 { s：枚举｛按时、超时｝ }\n指标 甲 10分 { 得分 = 若 s = 迟到 则 5分 否则 满分 }\n"), "E209"));
}

TEST(Rules, ParentWithARuleAndLeafWithout) {
  auto c = codes("指标 p 10分 { 指标 c 10分 { 得分 = 满分 }; 得分 = 满分 }\n指标 q 0分 { }\n");
  EXPECT_NE(std::find(c.begin(), c.end(), "E120"), c.end());
  EXPECT_NE(std::find(c.begin(), c.end(), "E121"), c.end());
}

TEST(Rules, MoveToAnAncestorIsRefused) {
  auto c = codes("输入 { ok：是否 }\n指标 p 10分 { 指标 c 10分 { 不考核 当 非 ok → 转入 p; 得分 = 满分 } }\n");
  EXPECT_NE(std::find(c.begin(), c.end(), "E123"), c.end());
}

TEST(Lowering, CleanRulesetHasEvaluationOrderWithTargetsFirst) {
  Compilation c = compileOk(std::string(kHeader) +
                            "输入 { ok：是否; r：比率 }\n"
                            "指标 甲 5分 { 不考核 当 非 ok → 转入 乙; 得分 = 满分 }\n"
                            "指标 乙 5分 { 得分 = 限定(分值 × r, 0分, 分值) }\n");
  ASSERT_TRUE(c.program);
  const auto& order = c.program->evalOrder;
  auto pos = [&](int id) { return std::find(order.begin(), order.end(), id) - order.begin(); };
  EXPECT_LT(pos(c.program->findNode("乙")), pos(c.program->findNode("甲")));
}

TEST(Binding, DeclaredReviewScoreNeedsItsReason) {
  Compilation c = compileOk(std::string(kHeader) + "输入 { 调减：评审分 }\n指标 甲 10分 { 扣分 { 扣 调减 } }\n");
  ASSERT_TRUE(c.program);
  // Without the reason the cell is refused: a fault of the indicators reading it, not of the row.
  BoundRecord without = bindFields(*c.program, {{"调减", "2"}});
  EXPECT_TRUE(without.errors.empty());
  ASSERT_EQ(without.inputFaults.size(), 1u);
  EXPECT_NE(without.inputFaults[0].find("调减.说明"), std::string::npos);
  RecordResult faulted = interpret(*c.program, without);
  EXPECT_TRUE(faulted.incomplete);
  EXPECT_EQ(faulted.nodes[0].status, NodeStatus::Failed);
  BoundRecord with = bindFields(*c.program, {{"调减", "2"}, {"调减.说明", "完成值偏离指标值较多"}});
  EXPECT_TRUE(with.errors.empty());
  EXPECT_TRUE(with.inputFaults[0].empty());
  RecordResult r = interpret(*c.program, with);
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(toString(r.total), "8");
}

}  // namespace
}  // namespace defen::testing

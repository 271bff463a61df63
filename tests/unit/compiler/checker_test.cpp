// The checker's judgements that golden files do not pin down one by one:
// which guards make a division safe, which unit combinations are legal,
// and that a clean ruleset lowers to the IR the back ends expect.
#include "test_support.h"

#include "compiler/eval/bind/bind_messages.h"
#include "compiler/eval/bind/binder.h"
#include "compiler/eval/interpret.h"
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

// W254: the score of a formula over the inputs' ranges, against [0, 分值].
// The check runs on a ruleset without errors, so the total is the one weight.
std::vector<std::string> messages(const std::string& body, const char* code) {
  const size_t weight = body.find("指标 甲 ") + std::string("指标 甲 ").size();
  const std::string total = body.substr(weight, body.find(' ', weight) - weight);
  Compilation c = compileSource("t.rules", "名称 \"t\"\n年度 2022\n总分 " + total + "\n" + body);
  std::vector<std::string> out;
  for (const auto& d : c.diags.all())
    if (d.code == code) out.push_back(d.zh);
  return out;
}

const char* kAmounts = "输入 { 实际：金额（元）; 计划：金额（元）; n：数量 }\n";

TEST(ScoreRange, AnUncappedRatioOfAmountsMayExceedTheWeight) {
  EXPECT_EQ(messages(std::string(kAmounts) + "指标 甲 2分 { 得分 = 若 计划 = 0 则 满分 否则 分值 × (实际 ÷ 计划) + 0分 × n }\n", "W254"),
            std::vector<std::string>{"指标“甲”的得分可能超过分值2分：按各输入的取值范围，最高可达 +∞"});
}

TEST(ScoreRange, CappedOrGuardedFormulasStayWithinTheWeight) {
  for (const char* rule : {
           "若 计划 = 0 则 满分 否则 最小(分值 × (实际 ÷ 计划), 分值)",        // the Zhanjiang fix
           "若 计划 = 0 则 满分 否则 分值 × 最小(1, 实际 ÷ 计划)",
           "若 实际 ＞ 计划 则 0分 否则 若 计划 = 0 则 满分 否则 分值 × (实际 ÷ 计划)",  // on 否则, 实际 ≤ 计划
           "若 实际 ≤ 计划 则 满分 否则 分值 × 计划 ÷ 实际",                      // the constant factor comes out
           "限定(分值 × 实际 ÷ 1元, 0分, 分值)",
       }) {
    EXPECT_EQ(messages(std::string(kAmounts) + "指标 甲 2分 { 得分 = " + rule + " + 0分 × n }\n", "W254"), std::vector<std::string>{})
        << rule;
  }
}

TEST(ScoreRange, ADeductionWithoutAFloorMayFallBelowZero) {
  EXPECT_EQ(messages(std::string(kAmounts) + "指标 甲 2分 { 得分 = 分值 - 0.5分 × n + 0分 × 实际 ÷ 1元 + 0分 × 计划 ÷ 1元 }\n", "W254"),
            std::vector<std::string>{"指标“甲”的得分可能小于0分：按各输入的取值范围，最低可达 -∞"});
  EXPECT_EQ(messages(std::string(kAmounts) + "指标 甲 2分 { 得分 = 最大(分值 - 0.5分 × n, 0分) + 0分 × 实际 ÷ 1元 + 0分 × 计划 ÷ 1元 }\n", "W254"),
            std::vector<std::string>{});
}

TEST(ScoreRange, DeclaredRangesAreWhatTheCheckerKnows) {
  // Undeclared, a ratio is taken as ≥ 0; declared as possibly negative, the score may be too.
  EXPECT_EQ(messages("输入 { r：比率 }\n指标 甲 2分 { 得分 = 分值 × 最小(1, r) }\n", "W254"), std::vector<std::string>{});
  EXPECT_EQ(messages("输入 { r：比率，范围 (-∞, +∞) }\n指标 甲 2分 { 得分 = 分值 × 最小(1, r) }\n", "W254"),
            std::vector<std::string>{"指标“甲”的得分可能小于0分：按各输入的取值范围，最低可达 -∞"});
  // An unranged 数值 divided by a constant is read on that scale (督查得分 ÷ 100); multiplied, it is unbounded.
  EXPECT_EQ(messages("输入 { s：数值 }\n指标 甲 5分 { 得分 = 平均(s, s) ÷ 100 × 分值 }\n", "W254"), std::vector<std::string>{});
  EXPECT_EQ(messages("输入 { s：数值 }\n指标 甲 5分 { 得分 = s × 0.05分 }\n", "W254"),
            std::vector<std::string>{"指标“甲”的得分可能超过分值5分：按各输入的取值范围，最高可达 +∞"});
  EXPECT_EQ(messages("输入 { s：数值，范围 [0, 100] }\n指标 甲 5分 { 得分 = s ÷ 100 × 分值 }\n", "W254"), std::vector<std::string>{});
  EXPECT_EQ(messages("输入 { s：数值，范围 [-10, 120] }\n指标 甲 5分 { 得分 = s ÷ 100 × 分值 }\n", "W254"),
            std::vector<std::string>{"指标“甲”的得分可能超出 [0分, 5分]：按各输入的取值范围，得分可在 -0.5分 到 6分 之间"});
}

TEST(ScoreRange, ACountOverACountIsAShareAnAmountOverAnAmountIsNot) {
  // 按时回复信访件数 ÷ 信访件数: the items of a whole that meet a condition.
  EXPECT_EQ(messages("输入 { 完成：数量; 目标：数量 }\n指标 甲 2分 { 不考核 当 目标 = 0 → 满分; 得分 = 分值 × 完成 ÷ 目标 }\n", "W254"),
            std::vector<std::string>{});
  // 执行率 103% is ordinary for amounts.
  EXPECT_EQ(messages("输入 { 完成：金额（元）; 目标：金额（元） }\n指标 甲 2分 { 不考核 当 目标 = 0 → 满分; 得分 = 分值 × 完成 ÷ 目标 }\n",
                     "W254"),
            std::vector<std::string>{"指标“甲”的得分可能超过分值2分：按各输入的取值范围，最高可达 +∞"});
  // So is a ratio input: 分值 × 执行率 needs 最小(1, …).
  EXPECT_EQ(messages("输入 { 执行率：比率 }\n指标 甲 2分 { 得分 = 分值 × 执行率 }\n", "W254"),
            std::vector<std::string>{"指标“甲”的得分可能超过分值2分：按各输入的取值范围，最高可达 +∞"});
}

TEST(ScoreRange, BandValuesAndNotApplicableConditionsCount) {
  EXPECT_EQ(messages("输入 { n：数量 }\n指标 甲 2分 { 分段 n { 结果 = 0 → 满分; 结果 ≥ 1 → 3分 } }\n", "W254"),
            std::vector<std::string>{"指标“甲”的得分可能超过分值2分：按各输入的取值范围，最高可达 3分"});
  // The rule runs only when 完成 ≤ 目标 (the 不考核 condition is false), so the share is at most 1.
  EXPECT_EQ(messages("输入 { 完成：金额（元）; 目标：金额（元） }\n指标 甲 2分 { 不考核 当 完成 ＞ 目标 或 目标 = 0 → 满分; 得分 = 分值 × 完成 ÷ 目标 }\n",
                     "W254"),
            std::vector<std::string>{});
}

// The binder: 范围 refuses, 通常 reports; either names a unit slip when the
// cell's other reading fits.
TEST(InputRanges, OutsideRangeIsAnErrorOutsideUsualAWarningBothNameAUnitSlip) {
  Compilation c = compileSource("t.rules", std::string(kHeader) +
                                                "输入 { 预算：金额（万元），范围 [10万元, 100000万元]; 执行：比率（小数），通常 [50%, 120%] }\n"
                                                "指标 甲 10分 { 得分 = 若 预算 ＞ 0元 则 分值 × 最小(1, 执行) 否则 0分 }\n");
  ASSERT_TRUE(c.program);
  // The binder keeps codes; the words are made when they are reported (compiler/eval/bind/bind_messages.h).
  auto fault = [&](const BindFault& f) { return f.refused() ? bindFaultText(*c.program, f) : std::string(); };
  auto warnings = [&](const BoundRecord& r) {
    std::vector<std::string> out;
    for (const BindWarning& w : r.warnings) out.push_back(bindWarningText(*c.program, r.row, w));
    return out;
  };
  BoundRecord wrong = bindFields(*c.program, {{"预算", "4200000"}, {"执行", "95"}});
  // A refused cell faults the input it feeds (and so only the indicators reading it), not the row.
  EXPECT_TRUE(wrong.errors.empty());
  EXPECT_EQ(fault(wrong.inputFaults[0]), "列“预算”：值 42,000,000,000.00元 超出规定范围 [100,000.00元, 1,000,000,000.00元]"
                                  "（是否把以元计的金额填进了万元列？那样读是 4,200,000.00元）");
  EXPECT_EQ(warnings(wrong), std::vector<std::string>{"第1行，列“执行”：值 9500.00% 超出通常范围 [50.00%, 120.00%]，请核对"
                                                     "（是否把百分数填进了小数列？那样读是 95.00%）"});
  // Written with units, nothing is guessed about them: out of range is only out of range.
  BoundRecord units = bindFields(*c.program, {{"预算", "4200000元"}, {"执行", "30%"}});
  EXPECT_EQ(units.errors, std::vector<std::string>{});
  EXPECT_EQ(fault(units.inputFaults[0]), "");
  EXPECT_EQ(warnings(units), std::vector<std::string>{"第1行，列“执行”：值 30.00% 超出通常范围 [50.00%, 120.00%]，请核对"});
  BoundRecord fine = bindFields(*c.program, {{"预算", "420"}, {"执行", "0.95"}});
  EXPECT_TRUE(fine.errors.empty());
  EXPECT_TRUE(fine.warnings.empty());
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
  EXPECT_NE(bindFaultText(*c.program, without.inputFaults[0]).find("调减.说明"), std::string::npos);
  RecordResult faulted = interpret(*c.program, without);
  EXPECT_TRUE(faulted.incomplete);
  EXPECT_EQ(faulted.nodes[0].status, NodeStatus::Failed);
  BoundRecord with = bindFields(*c.program, {{"调减", "2"}, {"调减.说明", "完成值偏离指标值较多"}});
  EXPECT_TRUE(with.errors.empty());
  EXPECT_FALSE(with.inputFaults[0].refused());
  RecordResult r = interpret(*c.program, with);
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(toString(r.total), "8");
}

}  // namespace
}  // namespace defen::testing

// Silent unit misreads (issue 17): a ratio typed without %, an amount in 元
// typed into a 万元 column. A number without % in a 比率 column is never
// guessed; a ruleset may declare how such numbers read (比率（百分数）,
// 比率（小数）) and a usual range (通常) whose outliers are reported; a 元
// figure in a 万元 column is caught by the usual range of the amount. The
// checker's W254 (a score that may leave [0, 分值]) is checked on the
// Zhanjiang ruleset as it was before its 转移支付部分 fix and as shipped.
#include "tests/cli/cli_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

namespace {

using namespace defen::clitest;

const char* kRules = R"(名称 "单位读错"
年度 2024
总分 10分

输入 {
  支出完成率：比率
  执行率：比率（百分数），通常 [50%, 120%]
  到位率：比率（小数）
  下达预算数：金额（万元），通常 [10万元, 100000万元]
  实际支出：金额（万元）
}

指标 完成 4分 { 得分 = 分值 × 最小(1, 支出完成率) }
指标 执行 2分 { 得分 = 分值 × 最小(1, 执行率) }
指标 到位 2分 { 得分 = 分值 × 最小(1, 到位率) }
指标 支出 2分 { 得分 = 若 下达预算数 = 0 则 0分 否则 分值 × 最小(1, 实际支出 ÷ 下达预算数) }
)";

std::string rulesFile() {
  static const std::string path = tempFile("unit_misread.rules", kRules);
  return path;
}

// The total of row `row` in `defen eval --format json`, or "" when it has none.
std::string totalOf(const nlohmann::json& doc, size_t row) {
  const auto& r = doc["results"][row];
  return r.contains("total") && !r["total"].is_null() ? r["total"].dump() : "";
}

TEST(UnitMisread, ARatioWithoutPercentIsAnErrorNamingBothReadings) {
  std::string data = tempFile("misread_bare.csv",
                              "名称,支出完成率,执行率,到位率,下达预算数,实际支出\n"
                              "甲,103.4,95,0.9,420,400\n"
                              "乙,95%,95,0.9,420,400\n");
  for (const char* engine : {"interp", "jit"}) {
    CliRun r = run(std::string("eval --engine ") + engine + " " + rulesFile() + " " + data);
    EXPECT_EQ(r.exit, 1) << r.out;
    EXPECT_NE(r.out.find("第1行，列“支出完成率”：“103.4”没有写%：是103.4%还是10340%？请写成103.4%或10340%"
                         "（若本列的数都不写%，可在规则中把该输入声明为 比率（百分数） 或 比率（小数））"),
              std::string::npos)
        << r.out;
  }
  // Row 2 wrote its %; it is scored: 4 × 95% + 2 × 95% + 2 × 90% + 2 × 400/420 = 3.8 + 1.9 + 1.8 + 1.90 = 9.40.
  CliRun json = runStdout("eval --format json " + rulesFile() + " " + data);
  auto doc = nlohmann::json::parse(json.out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << json.out;
  // Row 1: only 支出完成率 reads the refused cell; the others are scored (1.9 + 1.8 + 1.90 = 5.6), the total marked incomplete.
  EXPECT_EQ(totalOf(doc, 0), "5.6") << json.out;
  EXPECT_EQ(doc["results"][0]["incomplete"], true) << json.out;
  EXPECT_TRUE(doc["results"][0]["grade"].is_null()) << json.out;
  EXPECT_EQ(totalOf(doc, 1), "9.4") << json.out;
}

TEST(UnitMisread, JsonNumbersAreNumbersWithoutPercentToo) {
  std::string data = tempFile("misread_json.json",
                              R"([{"名称": "甲", "支出完成率": 0.95, "执行率": 95, "到位率": 0.9, "下达预算数": 420, "实际支出": 420},
                                  {"名称": "乙", "支出完成率": "95%", "执行率": 95, "到位率": 0.9, "下达预算数": 420, "实际支出": 420}])");
  CliRun r = run("eval " + rulesFile() + " " + data);
  EXPECT_EQ(r.exit, 1);
  EXPECT_NE(r.out.find("第1行，列“支出完成率”：“0.95”没有写%：是0.95%还是95%？"), std::string::npos) << r.out;
  // The declared columns read their JSON numbers as declared: 95 → 95%, 0.9 → 90%.
  CliRun json = runStdout("eval --format json " + rulesFile() + " " + data);
  auto doc = nlohmann::json::parse(json.out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << json.out;
  EXPECT_EQ(totalOf(doc, 1), "9.5") << json.out;  // 3.8 + 1.9 + 1.8 + 2
}

TEST(UnitMisread, AValueOutsideItsUsualRangeIsScoredAndReported) {
  // 执行率 0.95 in a 比率（百分数） column is 0.95%: outside 通常 [50%, 120%], and 95% would be inside.
  std::string data = tempFile("misread_usual.csv",
                              "名称,支出完成率,执行率,到位率,下达预算数,实际支出\n"
                              "甲,100%,0.95,1,420,420\n");
  CliRun r = run("eval " + rulesFile() + " " + data);
  EXPECT_EQ(r.exit, 0) << r.out;
  EXPECT_NE(r.out.find("警告：第1行，列“执行率”：值 0.95% 超出通常范围 [50.00%, 120.00%]，请核对"
                       "（是否把小数填进了百分数列？那样读是 95.00%）"),
            std::string::npos)
      << r.out;
  CliRun json = runStdout("eval --format json " + rulesFile() + " " + data);
  auto doc = nlohmann::json::parse(json.out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << json.out;
  EXPECT_EQ(totalOf(doc, 0), "8.02") << json.out;  // 4 + 2 × 0.95% (0.019 → 0.02) + 2 + 2
  ASSERT_EQ(doc["warnings"].size(), 1u) << json.out;
  EXPECT_NE(doc["warnings"][0].get<std::string>().find("超出通常范围"), std::string::npos);
}

TEST(UnitMisread, YuanTypedIntoAWanYuanColumnIsCaughtByTheUsualRange) {
  // 4,200,000 meant in 元; the column is in 万元, so it reads as 420亿元.
  std::string data = tempFile("misread_wan.csv",
                              "名称,支出完成率,执行率,到位率,下达预算数,实际支出\n"
                              "甲,100%,100,1,4200000,420\n");
  CliRun r = run("eval " + rulesFile() + " " + data);
  EXPECT_EQ(r.exit, 0) << r.out;
  EXPECT_NE(r.out.find("警告：第1行，列“下达预算数”：值 42,000,000,000.00元 超出通常范围 [100,000.00元, 1,000,000,000.00元]，请核对"
                       "（是否把以元计的金额填进了万元列？那样读是 4,200,000.00元）"),
            std::string::npos)
      << r.out;
}

TEST(UnitMisread, TheNewDeclarationsAreFormattedAsWritten) {
  std::string messy = tempFile("misread_fmt.rules",
                               "名称 \"甲\"\n年度 2024\n总分 1分\n输入 {\n  率：比率（小数），通常  [0%,100%]\n"
                               "  额：金额（万元），范围 [0元, +∞)，通常 [1万元, 10000万元]\n  比：ratio(percent) usually [0, 1]\n}\n"
                               "指标 甲 1分 { 得分 = 分值 × 最小(1, 率, 比) + 0分 × 额 ÷ 1元 }\n");
  CliRun printed = runStdout("fmt --stdout " + messy);
  EXPECT_EQ(printed.exit, 0);
  EXPECT_NE(printed.out.find("  率：比率（小数），通常 [0%, 100%]\n"), std::string::npos) << printed.out;
  EXPECT_NE(printed.out.find("  额：金额（万元），范围 [0元, +∞)，通常 [1万元, 10000万元]\n"), std::string::npos) << printed.out;
  std::string tidy = tempFile("misread_fmt_tidy.rules", printed.out);
  EXPECT_EQ(run("fmt --check " + tidy).exit, 0);
  CliRun check = run("check " + tidy);
  EXPECT_EQ(check.exit, 0) << check.out;
}

TEST(ScoreRange, TheZhanjiangTransferScoreWasUncappedAndIsCappedNow) {
  CliRun before = run("check " + src("tests/golden/check/score-overshoot-zhanjiang/case.rules"));
  EXPECT_EQ(before.exit, 0) << before.out;  // a warning, not an error
  EXPECT_NE(before.out.find("case.rules:209:14: 警告 [W254]: 指标“转移支付部分”的得分可能超过分值2分：按各输入的取值范围，最高可达 +∞\n"),
            std::string::npos)
      << before.out;
  EXPECT_NE(before.out.find("  注：可写作 最小(…, 分值)，超过分值时按满分计；或为公式所用的输入声明范围（§4.3）\n"), std::string::npos);
  EXPECT_NE(before.out.find("case.rules：0个错误，1个警告"), std::string::npos) << before.out;  // only this one
  CliRun after = run("check " + src("rulesets/zhanjiang-2022-dept.rules"));
  EXPECT_EQ(after.exit, 0) << after.out;
  EXPECT_NE(after.out.find("zhanjiang-2022-dept.rules：0个错误，0个警告"), std::string::npos) << after.out;
  CliRun english = run("check --lang en " + src("tests/golden/check/score-overshoot-zhanjiang/case.rules"));
  EXPECT_NE(english.out.find("warning [W254]: the score of '转移支付部分' may exceed its weight 2分"), std::string::npos)
      << english.out;
}

}  // namespace

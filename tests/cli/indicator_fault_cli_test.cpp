// One fault, one indicator (issue 17), as `defen eval` shows it: seed 001 with
// a transfer passed on one cent above what was due. With the shipped ruleset
// (capped) the row scores and the exit code is 0; with the formula uncapped,
// 转移支付部分 alone faults: JSON, table, CSV and explain say so, every other
// indicator keeps its score, the total is incomplete with no grade, and the
// exit code is 1. Both engines.
#include "tests/cli/cli_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <iterator>
#include <string>

namespace {

using namespace defen::clitest;

// Seed 001 with 有主管转移支付 and 按时下达 one cent above 应下达.
std::string overpaidData() {
  auto j = nlohmann::json::parse(std::ifstream(src("examples/zhanjiang-2022/data.json")));
  j["有主管转移支付"] = "是";
  j["一般性转移支付提前下达比例"] = "95%";
  j["专项转移支付提前下达比例"] = "80%";
  j["应下达转移支付金额"] = "1,000,000.00";
  j["按时下达转移支付金额"] = "1,000,000.01";
  return tempFile("overpaid.json", j.dump());
}

std::string uncappedRules() {
  std::ifstream in(src("rulesets/zhanjiang-2022-dept.rules"));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string capped = "最小(分值 × (按时下达转移支付金额 ÷ 应下达转移支付金额), 分值)";
  size_t at = text.find(capped);
  EXPECT_NE(at, std::string::npos);
  if (at != std::string::npos) text.replace(at, capped.size(), "分值 × (按时下达转移支付金额 ÷ 应下达转移支付金额)");
  return tempFile("uncapped.rules", text);
}

const nlohmann::json* indicator(const nlohmann::json& row, const std::string& name) {
  for (const auto& n : row["indicators"])
    if (n["path"].back() == name) return &n;
  return nullptr;
}

TEST(IndicatorFaultCli, CappedRulesetScoresTheOverpaidTransfer) {
  for (const char* engine : {"jit", "interp"}) {
    CliRun r = runStdout(std::string("eval --format json --engine ") + engine + " " + src("rulesets/zhanjiang-2022-dept.rules") + " " +
                         overpaidData());
    EXPECT_EQ(r.exit, 0) << engine << r.out;
    auto j = nlohmann::json::parse(r.out);
    const auto& row = j["results"][0];
    EXPECT_FALSE(row.contains("incomplete"));
    EXPECT_TRUE(row["grade"].is_string()) << row.dump();
    ASSERT_TRUE(indicator(row, "转移支付部分"));
    EXPECT_EQ((*indicator(row, "转移支付部分"))["score"].dump(), "2");
  }
}

TEST(IndicatorFaultCli, UncappedScoreFaultsOnlyItsIndicator) {
  const std::string rules = uncappedRules(), data = overpaidData();
  CliRun capped = runStdout("eval --format json " + src("rulesets/zhanjiang-2022-dept.rules") + " " + data);
  const auto reference = nlohmann::json::parse(capped.out)["results"][0];
  for (const char* engine : {"jit", "interp"}) {
    CliRun r = runStdout(std::string("eval --format json --engine ") + engine + " " + rules + " " + data);
    EXPECT_EQ(r.exit, 1) << engine;
    auto j = nlohmann::json::parse(r.out);
    const auto& row = j["results"][0];
    EXPECT_EQ(row["incomplete"], true) << row.dump();
    EXPECT_TRUE(row["grade"].is_null());
    // 2 points short of the capped run's 86.5: the known scores only.
    EXPECT_EQ(reference["total"].dump(), "86.5");
    EXPECT_EQ(row["total"].dump(), "84.5");
    ASSERT_EQ(row["errors"].size(), 1u);
    EXPECT_EQ(row["errors"][0], "第1行，指标“转移支付部分”：得分2.00000002超出[0, 2]");
    ASSERT_EQ(row["incompleteReasons"].size(), 1u);
    EXPECT_EQ(row["incompleteReasons"][0], "指标“转移支付部分”未能计分（得分2.00000002超出[0, 2]）");
    const auto* part = indicator(row, "转移支付部分");
    ASSERT_TRUE(part);
    EXPECT_EQ((*part)["status"], "failed");
    EXPECT_TRUE((*part)["score"].is_null());
    EXPECT_EQ((*part)["errors"], nlohmann::json::array({"得分2.00000002超出[0, 2]"}));
    const auto* parent = indicator(row, "资金下达合法性");
    ASSERT_TRUE(parent);
    EXPECT_EQ((*parent)["incomplete"], true);
    // Every indicator outside the faulted branch keeps the capped run's score.
    ASSERT_EQ(row["indicators"].size(), reference["indicators"].size());
    int same = 0;
    for (size_t i = 0; i < row["indicators"].size(); ++i) {
      const auto &a = row["indicators"][i], &b = reference["indicators"][i];
      if (a.contains("incomplete") || a["status"] == "failed") continue;
      EXPECT_EQ(a["score"], b["score"]) << a.dump();
      ++same;
    }
    EXPECT_GT(same, 30);
  }
}

TEST(IndicatorFaultCli, TableCsvAndExplainMarkTheFault) {
  const std::string rules = uncappedRules(), data = overpaidData();
  CliRun table = runStdout("eval " + rules + " " + data);
  EXPECT_EQ(table.exit, 1);
  EXPECT_NE(table.out.find("[出错] 未能计分：得分2.00000002超出[0, 2]。"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("84.50  [不完整] 等级：待定（未计入出错的指标）"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("[不完整] 下级指标得分合计36.00分（不完整：未计入出错的“转移支付部分”）。"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("错误：第1行，指标“转移支付部分”"), std::string::npos) << table.out;

  CliRun csv = runStdout("eval --format csv " + rules + " " + data);
  EXPECT_EQ(csv.exit, 1);
  EXPECT_NE(csv.out.find("（不完整）,待定,"), std::string::npos) << csv.out;
  EXPECT_NE(csv.out.find(",出错,"), std::string::npos) << csv.out;

  CliRun explain = runStdout("explain --format json " + rules + " " + data);
  EXPECT_EQ(explain.exit, 1);
  auto j = nlohmann::json::parse(explain.out);
  EXPECT_EQ(j["results"][0]["incomplete"], true);
  bool found = false;
  for (const auto& n : j["results"][0]["indicators"])
    if (n["path"].back() == "转移支付部分") {
      found = true;
      EXPECT_EQ(n["status"], "failed");
      EXPECT_EQ(n["values"]["按时下达转移支付金额"], "1,000,000.01元") << n.dump();
    }
  EXPECT_TRUE(found);
}

TEST(IndicatorFaultCli, UnreadReasonColumnWarns) {
  auto j = nlohmann::json::parse(std::ifstream(src("examples/zhanjiang-2022/data.json")));
  j["支出完成率.说明"] = "超支系上级追加";
  CliRun r = run("eval --format json " + src("rulesets/zhanjiang-2022-dept.rules") + " " + tempFile("reason.json", j.dump()));
  EXPECT_EQ(r.exit, 0) << r.out;
  EXPECT_NE(r.out.find("数据列“支出完成率.说明”已忽略：指标“支出完成率”不是评审指标，也没有“支出完成率.核定分”列"), std::string::npos)
      << r.out;
}

}  // namespace

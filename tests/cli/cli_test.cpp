// `defen` as a user runs it: exit codes 0/1/2, the JSON shape other tools
// depend on, diagnostics with file:line:col, bad rows reported by row and column.
#include "tests/cli/cli_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/wait.h>

namespace {

using namespace defen::clitest;

const char* kRules = "rulesets/zhanjiang-2022-dept.rules";

TEST(Cli, CheckCleanRulesetExitsZero) {
  CliRun r = run(std::string("check ") + src(kRules));
  EXPECT_EQ(r.exit, 0) << r.out;
  EXPECT_NE(r.out.find("0个错误，0个警告"), std::string::npos) << r.out;
}

TEST(Cli, CheckReportsErrorsWithLocationAndExitsOne) {
  CliRun r = run("check " + src("tests/golden/check/seed001-unresolved/case.rules"));
  EXPECT_EQ(r.exit, 1);
  EXPECT_NE(r.out.find("case.rules:17:3: 错误 [E250]: 分段不完整：(100%, +∞) 未覆盖"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("case.rules:32:7: 错误 [E251]: 分段重叠：5 同时落入两个分段"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[E253]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("3个错误"), std::string::npos) << r.out;
}

TEST(Cli, CheckSpeaksEnglish) {
  CliRun r = run("check --lang en " + src("tests/golden/check/seed001-unresolved/case.rules"));
  EXPECT_EQ(r.exit, 1);
  EXPECT_NE(r.out.find("error [E250]: bands are incomplete: (100%, +∞) is not covered"), std::string::npos) << r.out;
}

TEST(Cli, CheckJsonListsDiagnostics) {
  CliRun r = runStdout("check --format json " + src("tests/golden/check/seed001-unresolved/case.rules"));
  EXPECT_EQ(r.exit, 1);
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j.size(), 3u);
  EXPECT_EQ(j[0]["code"], "E250");
  EXPECT_EQ(j[0]["line"], 17);
  EXPECT_EQ(j[0]["column"], 3);
  EXPECT_EQ(j[1]["code"], "E251");
  EXPECT_EQ(j[2]["code"], "E253");
  EXPECT_EQ(j[2]["line"], 39);
}

TEST(Cli, EvalJsonHasTheDocumentedShape) {
  CliRun r = runStdout(std::string("eval --format json ") + src(kRules) + " " + src("examples/zhanjiang-2022/data.json"));
  ASSERT_EQ(r.exit, 0) << r.out;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["ruleset"]["name"], "湛江市市级部门整体支出绩效评价");
  EXPECT_EQ(j["ruleset"]["year"], 2022);
  ASSERT_EQ(j["results"].size(), 1u);
  const auto& res = j["results"][0];
  EXPECT_EQ(res["row"], 1);
  EXPECT_EQ(res["id"], "湛江市社会科学界联合会");
  EXPECT_EQ(res["total"].dump(), "86.5");
  EXPECT_EQ(res["grade"], "良");
  EXPECT_TRUE(res["errors"].empty());
  const auto& first = res["indicators"][0];
  EXPECT_EQ(first["path"], nlohmann::json::array({"预算编制情况"}));
  EXPECT_EQ(first["score"].dump(), "15.5");
  EXPECT_EQ(first["max"].dump(), "20");
  const auto& third = res["indicators"][2];
  EXPECT_EQ(third["path"], nlohmann::json::array({"预算编制情况", "预算编制", "预算编制合理性"}));
  EXPECT_EQ(third["score"].dump(), "3");
  EXPECT_EQ(third["max"].dump(), "3");
  EXPECT_EQ(third["status"], "scored");
  EXPECT_EQ(third["computed"].dump(), "3");
  EXPECT_FALSE(third["explanation"].get<std::string>().empty());
  bool sawOverride = false;
  for (const auto& ind : res["indicators"])
    if (ind["path"].back() == "政府采购执行率") {
      sawOverride = true;
      EXPECT_EQ(ind["status"], "overridden");
      EXPECT_EQ(ind["score"].dump(), "2");
      EXPECT_EQ(ind["computed"].dump(), "0");
    }
  EXPECT_TRUE(sawOverride);
}

TEST(Cli, EvalTablePrintsTheScoreCard) {
  CliRun r = runStdout(std::string("eval ") + src(kRules) + " " + src("examples/zhanjiang-2022/data.json"));
  EXPECT_EQ(r.exit, 0);
  EXPECT_NE(r.out.find("86.50  等级：良"), std::string::npos) << r.out;
}

TEST(Cli, BadRowIsReportedAndOtherRowsAreScored) {
  std::string rules = tempFile("bad.rules", R"(名称 "t"
年度 2022
总分 10分
等级 { 合格 [6分, 10分]; 不合格 [0分, 6分) }
输入 { 执行率：比率; 批复：枚举｛按时、超时｝ }
指标 执行 6分 { 分段 执行率 { 结果 ≥ 90% → 6分; 结果 < 90% → 0分 } }
指标 批复及时 4分 { 分段 批复 { 按时 → 4分; 超时 → 2分 } }
)");
  std::string csv = tempFile("bad.csv", "名称,执行率,批复\n甲,95%,按时\n乙,abc,按时\n丙,80%,迟到\n丁,90%,超时\n");
  CliRun r = runStdout("eval --format json " + rules + " " + csv);
  EXPECT_EQ(r.exit, 1);
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["results"].size(), 4u);
  EXPECT_EQ(j["results"][0]["total"].dump(), "10");
  // 乙's bad 执行率 faults 执行 only: 批复及时 keeps its 4, the total is incomplete.
  EXPECT_EQ(j["results"][1]["total"].dump(), "4");
  EXPECT_EQ(j["results"][1]["incomplete"], true);
  EXPECT_TRUE(j["results"][1]["grade"].is_null());
  EXPECT_EQ(j["results"][1]["indicators"][0]["status"], "failed");
  EXPECT_EQ(j["results"][1]["indicators"][1]["score"].dump(), "4");
  std::string err1 = j["results"][1]["errors"][0];
  EXPECT_NE(err1.find("第2行，列“执行率”"), std::string::npos) << err1;
  EXPECT_NE(err1.find("abc"), std::string::npos) << err1;
  std::string err2 = j["results"][2]["errors"][0];
  EXPECT_NE(err2.find("第3行，列“批复”"), std::string::npos) << err2;
  EXPECT_NE(err2.find("迟到"), std::string::npos) << err2;
  EXPECT_EQ(j["results"][3]["total"].dump(), "8");
  EXPECT_EQ(j["results"][3]["grade"], "合格");
}

TEST(Cli, EvalCsvOutputHasOneLinePerRow) {
  CliRun r = runStdout(std::string("eval --format csv ") + src(kRules) + " " + src("examples/zhanjiang-2022/data.json"));
  EXPECT_EQ(r.exit, 0);
  EXPECT_EQ(r.out.rfind("行,名称,总分,等级,预算编制情况", 0), 0u) << r.out.substr(0, 200);
  EXPECT_NE(r.out.find("\n1,湛江市社会科学界联合会,86.50,良,15.50"), std::string::npos);
}

TEST(Cli, EnginesAgreeAndThreadsKeepRowOrder) {
  // Many rows so the batch is split across threads; both engines, same bytes.
  std::string csv = "名称,执行率,批复\n";
  for (int i = 0; i < 3000; ++i) csv += "单位" + std::to_string(i) + "," + std::to_string(60 + i % 45) + "%," + (i % 3 ? "按时" : "超时") + "\n";
  std::string rules = tempFile("threads.rules", R"(名称 "t"
年度 2022
总分 10分
等级 { 合格 [6分, 10分]; 不合格 [0分, 6分) }
输入 { 执行率：比率; 批复：枚举｛按时、超时｝ }
指标 执行 6分 { 分段 执行率 { 结果 ≥ 90% → 6分; [80%, 90%) → 4分; 结果 < 80% → 0分 } }
指标 批复及时 4分 { 分段 批复 { 按时 → 4分; 超时 → 2分 } }
)");
  std::string data = tempFile("threads.csv", csv);
  CliRun jit = runStdout("eval --format csv --engine jit --threads 2 " + rules + " " + data);
  CliRun interp = runStdout("eval --format csv --engine interp --threads 1 " + rules + " " + data);
  EXPECT_EQ(jit.exit, 0);
  EXPECT_EQ(interp.exit, 0);
  EXPECT_EQ(jit.out, interp.out);
  EXPECT_NE(jit.out.find("\n2970,单位2969,10.00,合格"), std::string::npos);  // 104% → 6, 按时 → 4
  EXPECT_NE(jit.out.find("\n3000,单位2999,8.00,合格"), std::string::npos);   // 89% → 4, 按时 → 4
  EXPECT_NE(jit.out.find("\n1,单位0,2.00,不合格"), std::string::npos);       // 60% → 0, 超时 → 2
}

TEST(Cli, ExplainShowsTheTraceOfOneIndicator) {
  CliRun r = runStdout(std::string("explain ") + src(kRules) + " " + src("examples/zhanjiang-2022/data.json") +
                       " --row 1 --indicator 财政拨款收入预决算差异率");
  EXPECT_EQ(r.exit, 0) << r.out;
  EXPECT_NE(r.out.find("总分 86.50  良"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("财政拨款收入预决算差异率  2.50/3.00  [计分]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("数据：差异率 = 3.02%"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("扣分：差异率 每 5% 扣 0.5分，不足 进一：扣0.50分"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("支出完成率"), std::string::npos) << "other indicators are left out";
}

TEST(Cli, ExplainJsonCarriesValuesAndBands) {
  CliRun r = runStdout(std::string("explain --format json --engine interp ") + src(kRules) + " " +
                       src("examples/zhanjiang-2022/data.json") + " --indicator 支出完成率");
  ASSERT_EQ(r.exit, 0) << r.out;
  auto j = nlohmann::json::parse(r.out);
  const auto& ind = j["results"][0]["indicators"];
  ASSERT_EQ(ind.size(), 1u);
  EXPECT_EQ(ind[0]["score"], "4");
  EXPECT_EQ(ind[0]["values"]["支出完成率"], "100.00%");
  EXPECT_EQ(ind[0]["bands"][0], "结果 ≥ 100%");
}

TEST(Cli, ExplainRejectsUnknownIndicatorAndRow) {
  EXPECT_EQ(run(std::string("explain ") + src(kRules) + " " + src("examples/zhanjiang-2022/data.json") + " --indicator 不存在").exit, 2);
  CliRun missingRow = run(std::string("explain ") + src(kRules) + " " + src("examples/zhanjiang-2022/data.json") + " --row 9");
  EXPECT_EQ(missingRow.exit, 2);
  EXPECT_NE(missingRow.out.find("数据中没有第9行"), std::string::npos) << missingRow.out;
}

TEST(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(run("").exit, 2);
  EXPECT_EQ(run("frobnicate").exit, 2);
  EXPECT_EQ(run("eval " + src(kRules)).exit, 2);
  EXPECT_EQ(run("eval --format xml " + src(kRules) + " " + src("examples/zhanjiang-2022/data.json")).exit, 2);
}

TEST(Cli, HelpSpeaksTheChosenLanguageAndVersionPrints) {
  CliRun help = run("--help");
  EXPECT_EQ(help.exit, 0);
  EXPECT_NE(help.out.find("预算绩效评分标准编译器"), std::string::npos);
  EXPECT_EQ(help.out.find("compiles budget performance scoring standards"), std::string::npos);
  help = run("--help --lang en");
  EXPECT_NE(help.out.find("compiles budget performance scoring standards"), std::string::npos);
  CliRun version = run("--version");
  EXPECT_EQ(version.exit, 0);
  EXPECT_NE(version.out.find("defen 0.1.0"), std::string::npos);
}

TEST(Cli, UnreadableDataFileIsAnError) {
  std::string txt = tempFile("data.txt", "x");
  CliRun r = run(std::string("eval ") + src(kRules) + " " + txt);
  EXPECT_EQ(r.exit, 1);
  EXPECT_NE(r.out.find("不支持的数据文件类型"), std::string::npos) << r.out;
}

}  // namespace

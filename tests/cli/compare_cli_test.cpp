// `defen compare OLD NEW DATA`: the same departments under the 2022 and the
// 2023 Zhanjiang standards (rulesets/zhanjiang-2023-dept.rules lists its changes).
#include "tests/cli/cli_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace {

using namespace defen::clitest;

std::string compareArgs(const std::string& extra) {
  return "compare " + src("rulesets/zhanjiang-2022-dept.rules") + " " + src("rulesets/zhanjiang-2023-dept.rules") + " " +
         src("examples/zhanjiang-departments/data.json") + " " + extra;
}

TEST(Compare, TextShowsTotalsGradesAndChangedIndicators) {
  CliRun r = runStdout(compareArgs(""));
  ASSERT_EQ(r.exit, 0) << r.out;
  EXPECT_NE(r.out.find("第1行 湛江市社会科学界联合会：86.50 良 → 85.00 良（-1.50）"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("第2行 示例单位甲（虚构）：90.15 优 → 89.60 良（-0.55）  等级变化：优 → 良"), std::string::npos) << r.out;
  // 差异率 3.02%: one 5% step in 2022 (−0.5), two 3% steps in 2023 (−1).
  EXPECT_NE(r.out.find("财政拨款收入预决算差异率            3.00    2.50    3.00    2.00  -0.50"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("-1.00（分值3.00→2.00）"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("工作表现加减分指标：-2.00 → -3.00"), std::string::npos) << r.out;
  // Unchanged indicators are left out unless --all.
  EXPECT_EQ(r.out.find("支出完成率 "), std::string::npos) << r.out;
  CliRun all = runStdout(compareArgs("--all"));
  EXPECT_NE(all.out.find("支出完成率 "), std::string::npos) << all.out;
}

TEST(Compare, JsonGivesBothScoresAndTheChangeForEveryIndicator) {
  CliRun r = runStdout(compareArgs("--format json"));
  ASSERT_EQ(r.exit, 0) << r.out;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["before"]["year"], 2022);
  EXPECT_EQ(j["after"]["year"], 2023);
  ASSERT_EQ(j["departments"].size(), 3u);
  const auto& a = j["departments"][1];
  EXPECT_EQ(a["before"]["total"].dump(), "90.15");
  EXPECT_EQ(a["after"]["total"].dump(), "89.6");
  EXPECT_EQ(a["change"].dump(), "-0.55");
  EXPECT_TRUE(a["gradeChanged"].get<bool>());
  bool found = false;
  for (const auto& ic : a["indicators"]) {
    if (ic["name"] != "政府采购执行率") continue;
    found = true;
    EXPECT_EQ(ic["before"]["max"].dump(), "2");
    EXPECT_EQ(ic["before"]["score"].dump(), "1.9");
    EXPECT_EQ(ic["after"]["max"].dump(), "3");
    EXPECT_EQ(ic["after"]["score"].dump(), "2.85");
    EXPECT_EQ(ic["change"].dump(), "0.95");
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(a["adjustment"]["before"].dump(), "-2");
  EXPECT_EQ(a["adjustment"]["after"].dump(), "-3");
}

TEST(Compare, HtmlIsOneSelfContainedPageWithGradeChangesMarked) {
  std::string out = tempFile("compare.html", "");
  CliRun r = run(compareArgs("--format html -o " + out));
  ASSERT_EQ(r.exit, 0) << r.out;
  std::ifstream in(out);
  std::string page((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(page.find("<meta charset"), std::string::npos);
  EXPECT_NE(page.find("优 → 良"), std::string::npos);
  EXPECT_NE(page.find("89.60 良"), std::string::npos);
  EXPECT_NE(page.find("class=\"changed\""), std::string::npos);
  EXPECT_EQ(page.find("http://"), std::string::npos);
  EXPECT_EQ(page.find("https://"), std::string::npos);
  EXPECT_EQ(page.find("<script"), std::string::npos);
}

TEST(Compare, AStandardWithErrorsStopsWithItsDiagnostics) {
  CliRun r = run("compare " + src("rulesets/zhanjiang-2022-dept.rules") + " " + src("tests/golden/check/seed001-unresolved/case.rules") +
                 " " + src("examples/zhanjiang-departments/data.json"));
  EXPECT_EQ(r.exit, 1);
  EXPECT_NE(r.out.find("[E250]"), std::string::npos) << r.out;
}

}  // namespace

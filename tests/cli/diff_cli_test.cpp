// `defen diff OLD NEW`: formats, -o, --lang, exit codes, and rulesets that do
// not check.
#include "tests/cli/cli_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace {

using namespace defen::clitest;

std::string zhanjiang(const std::string& extra) {
  return "diff " + src("rulesets/zhanjiang-2022-dept.rules") + " " + src("rulesets/zhanjiang-2023-dept.rules") + " " + extra;
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The 1-based line of `path` holding `text` (0 if none): the expected places
// follow the rulesets when they are re-laid out.
int lineOf(const std::string& path, const std::string& text) {
  std::ifstream in(path, std::ios::binary);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n)
    if (line.find(text) != std::string::npos) return n;
  return 0;
}

TEST(DiffCli, TextListsTheChangesByIndicator) {
  CliRun r = runStdout(zhanjiang(""));
  ASSERT_EQ(r.exit, 0) << r.out;
  EXPECT_NE(r.out.find("共18处差异：文件头2处，评分规则11处，措辞5处。"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\n预算执行情况 › 支出管理\n  支出完成率：分段 100% ＞ 结果 ≥ 90% → 3分 改为 100% ＞ 结果 ≥ 95% → 3分"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("  结转结余率：分值 3分 → 2分"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  年度：2022 → 2023"), std::string::npos) << r.out;
}

TEST(DiffCli, EnglishText) {
  CliRun r = runStdout(zhanjiang("--lang en"));
  ASSERT_EQ(r.exit, 0) << r.out;
  EXPECT_NE(r.out.find("18 difference(s): 2 in the header, 11 in the rules, 5 in wording."), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  政府采购执行率: weight 2分 → 3分"), std::string::npos) << r.out;
}

TEST(DiffCli, JsonHasKindsPathsAndLines) {
  CliRun r = runStdout(zhanjiang("--format json"));
  ASSERT_EQ(r.exit, 0) << r.out;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["before"]["year"], 2022);
  EXPECT_EQ(j["after"]["version"], "2023.1");
  EXPECT_EQ(j["summary"]["changes"], 18);
  const auto& weight = j["changes"][10];
  EXPECT_EQ(weight["kind"], "weight-changed");
  EXPECT_EQ(weight["path"], nlohmann::json({"预算执行情况", "支出管理", "结转结余率"}));
  EXPECT_EQ(weight["before"], "3分");
  EXPECT_EQ(weight["after"], "2分");
  int oldLine = lineOf(src("rulesets/zhanjiang-2022-dept.rules"), "指标 结转结余率 3分");
  int newLine = lineOf(src("rulesets/zhanjiang-2023-dept.rules"), "指标 结转结余率 2分");
  ASSERT_GT(oldLine, 0);
  ASSERT_GT(newLine, 0);
  EXPECT_EQ(weight["old"]["line"], oldLine);
  EXPECT_EQ(weight["new"]["line"], newLine);
}

TEST(DiffCli, HtmlToAFile) {
  std::string path = tempFile("diff.html", "");
  CliRun r = run(zhanjiang("--format html -o " + path));
  ASSERT_EQ(r.exit, 0) << r.out;
  EXPECT_TRUE(r.out.empty()) << r.out;
  std::string page = readFile(path);
  EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(page.find("<h2>预算执行情况 › 支出管理</h2>"), std::string::npos);
  EXPECT_NE(page.find("100% ＞ 结果 ≥ 95% → 3分"), std::string::npos);
  EXPECT_NE(page.find("</html>"), std::string::npos);
  std::filesystem::remove(path);
}

TEST(DiffCli, ExitCodeOnlyWhenAsked) {
  std::string same = "diff " + src("rulesets/zhanjiang-2022-dept.rules") + " " + src("rulesets/zhanjiang-2022-dept.rules");
  CliRun r = runStdout(same + " --exit-code");
  EXPECT_EQ(r.exit, 0) << r.out;
  EXPECT_NE(r.out.find("两套标准没有差异"), std::string::npos) << r.out;
  EXPECT_EQ(runStdout(zhanjiang("--exit-code")).exit, 3);
  EXPECT_EQ(runStdout(zhanjiang("")).exit, 0);
}

TEST(DiffCli, ARulesetWithErrorsPrintsItsDiagnosticsAndExits1) {
  std::string broken = tempFile("broken.rules", "名称 \"坏\"\n年度 2023\n指标 甲 100分 { 得分 = 未定义的名称 }\n");
  CliRun r = run("diff " + src("rulesets/zhanjiang-2022-dept.rules") + " " + broken);
  EXPECT_EQ(r.exit, 1) << r.out;
  EXPECT_NE(r.out.find(broken + ":3:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("未定义的名称"), std::string::npos) << r.out;
  std::filesystem::remove(broken);
}

TEST(DiffCli, UsageErrors) {
  EXPECT_EQ(run("diff " + src("rulesets/zhanjiang-2022-dept.rules")).exit, 2);
  EXPECT_EQ(run("diff " + src("rulesets/zhanjiang-2022-dept.rules") + " /no/such/file.rules").exit, 2);
  EXPECT_EQ(run(zhanjiang("--format xml")).exit, 2);
}

TEST(DiffCli, UnwritableOutputIsAnError) {
  CliRun r = run(zhanjiang("-o /no/such/dir/diff.txt"));
  EXPECT_EQ(r.exit, 1);
  EXPECT_NE(r.out.find("无法写入 /no/such/dir/diff.txt"), std::string::npos) << r.out;
}

}  // namespace

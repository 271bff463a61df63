// `defen test` and `defen cases` as a user runs them: exit codes, failures
// with expected and actual scores and the 评分说明, JUnit XML that parses,
// coverage naming the unreached band's line, and saved cases that pass.
#include "tests/cli/cli_support.h"

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <filesystem>
#include <string>

namespace {

using namespace defen::clitest;

const char* kRules = R"(名称 "测试用小规则"
年度 2024
总分 10分
等级 {
  好 [6分, 10分]
  差 [0分, 6分)
}
输入 {
  实际支出：金额（元）
  预算：金额（元）
  问题数：数量
}
指标 完成率 6分 {
  不考核 当 预算 = 0 → 满分
  令 完成率 = 实际支出 ÷ 预算
  分段 完成率 {
    结果 ≥ 90% → 6分
    结果 ＜ 90% → 3分
  }
}
指标 问题 4分 {
  扣分 {
    问题数 每 1个 扣 1分
  }
}
)";

const char* kPassing = R"(用例 恰为90%
  实际支出 = 900,000.00
  预算 = 1,000,000.00
  问题数 = 1
  期望 完成率 6分
  期望 总分 9分
  期望 等级 好
用例 89.99%
  实际支出 = 899,900.00
  预算 = 1,000,000.00
  问题数 = 0
  期望 完成率 3分
用例 预算为0
  实际支出 = 0
  预算 = 0
  问题数 = 0
  期望 完成率 不考核 6分
)";

// A ruleset and its test file side by side in the temporary directory.
std::string pair(const std::string& stem, const std::string& tests) {
  std::string rules = tempFile(stem + ".rules", kRules);
  if (!tests.empty()) tempFile(stem + ".tests", tests);
  return rules;
}

TEST(CliTest, TheRulesetsInTheRepositoryPassWithFullCoverage) {
  CliRun r = run("test " + src("rulesets") + " --coverage --require-full-coverage");
  EXPECT_EQ(r.exit, 0) << r.out;
  EXPECT_NE(r.out.find("zhanjiang-2022-dept.tests：45个用例，全部通过，解释器与JIT一致"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("覆盖：分段 22/22，逐项（符合） 5/5，逐项（不符合） 5/5，扣分 4/4，不考核 9/9，加减分 2/2，缺数据 2/2"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("未到达"), std::string::npos) << r.out;
}

// A bureau copies the rulesets folder on its own: its tests read their data
// from testdata/ inside it, and a data file left behind is named with the way out.
TEST(CliTest, ARulesetsFolderCopiedOnItsOwnStillRunsItsTests) {
  namespace fs = std::filesystem;
  const fs::path copy = fs::temp_directory_path() / ("defen_cli_" + std::to_string(::getpid()) + "_rulesets_copy");
  fs::remove_all(copy);
  fs::copy(src("rulesets"), copy, fs::copy_options::recursive);
  CliRun r = run("test " + copy.string());
  EXPECT_EQ(r.exit, 0) << r.out;
  EXPECT_NE(r.out.find("共6个测试文件，184个用例，0个失败"), std::string::npos) << r.out;

  fs::remove(copy / "testdata" / "zhanjiang-2022.json");
  r = run("test " + (copy / "zhanjiang-2022-dept.tests").string());
  EXPECT_EQ(r.exit, 1) << r.out;
  EXPECT_NE(r.out.find("zhanjiang-2022-dept.tests:5:4: 错误 [T006]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("注：“testdata/zhanjiang-2022.json”相对于本测试文件所在的目录，即 " +
                       (copy / "testdata" / "zhanjiang-2022.json").string() + "；复制规则目录时须把测试数据一并复制"),
            std::string::npos)
      << r.out;
  fs::remove_all(copy);
}

TEST(CliTest, PassingFileExitsZero) {
  CliRun r = run("test " + pair("pass", kPassing) + " --coverage");
  EXPECT_EQ(r.exit, 0) << r.out;
  EXPECT_NE(r.out.find("3个用例，全部通过"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("覆盖：分段 2/2，扣分 1/1，不考核 1/1"), std::string::npos) << r.out;
}

TEST(CliTest, FailureShowsExpectedActualAndExplanation) {
  std::string rules = pair("fail", "用例 错的期望\n  实际支出 = 899,900.00\n  预算 = 1,000,000.00\n  问题数 = 0\n  期望 完成率 6分\n");
  CliRun r = run("test " + rules);
  EXPECT_EQ(r.exit, 1) << r.out;
  EXPECT_NE(r.out.find("✗ 用例“错的期望”"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("fail.tests:5:3: 期望 完成率 6分，实际 3分"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("评分说明：完成率=实际支出899,900.00元÷预算1,000,000.00元×100%=89.99%，完成率低于90%，得3.00分。"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1个用例，1个失败"), std::string::npos) << r.out;
  CliRun en = run("test --lang en " + rules);
  EXPECT_NE(en.out.find("fail.tests:5:3: expected 完成率 6分, got 3分"), std::string::npos) << en.out;
}

TEST(CliTest, JunitXmlParsesBackWithTheFailure) {
  std::string rules = pair("junit", std::string(kPassing) + "用例 错的\n  实际支出 = 0\n  预算 = 0\n  问题数 = 5\n  期望 问题 4分\n");
  std::string xml = tempFile("report.xml", "");
  CliRun r = run("test " + rules + " --junit " + xml);
  EXPECT_EQ(r.exit, 1) << r.out;
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_file(xml.c_str())) << "JUnit XML does not parse";
  pugi::xml_node suites = doc.child("testsuites");
  EXPECT_EQ(suites.attribute("tests").as_int(), 4);
  EXPECT_EQ(suites.attribute("failures").as_int(), 1);
  pugi::xml_node suite = suites.child("testsuite");
  EXPECT_EQ(std::string(suite.attribute("name").value()), rules.substr(0, rules.size() - 6) + ".tests");
  int failures = 0;
  for (pugi::xml_node tc : suite.children("testcase")) {
    pugi::xml_node failure = tc.child("failure");
    if (!failure) continue;
    ++failures;
    EXPECT_EQ(std::string(tc.attribute("name").value()), "错的");
    EXPECT_EQ(tc.attribute("line").as_int(), 18);
    EXPECT_NE(std::string(failure.attribute("message").value()).find("期望 问题 4分，实际 0分"), std::string::npos);
    EXPECT_NE(std::string(failure.text().get()).find("评分说明"), std::string::npos);
  }
  EXPECT_EQ(failures, 1);
}

TEST(CliTest, ErrorsInTheTestFileAreReportedWithTheirPlace) {
  CliRun r = run("test " + pair("bad", "用例 甲\n  预算 = 一百\n  期望 总分 9分\n"));
  EXPECT_EQ(r.exit, 1) << r.out;
  EXPECT_NE(r.out.find("bad.tests:2:8: 错误 [T012]: “预算”的值有误"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("测试文件有1个错误，测试未运行"), std::string::npos) << r.out;
}

TEST(CliTest, CoverageNamesTheUnreachedBandAndCanBeRequired) {
  std::string rules = pair("partial", "用例 只有高档\n  实际支出 = 1\n  预算 = 1\n  问题数 = 1\n  期望 完成率 6分\n");
  CliRun soft = run("test " + rules + " --coverage");
  EXPECT_EQ(soft.exit, 0) << soft.out;
  EXPECT_NE(soft.out.find("覆盖：分段 1/2，扣分 1/1，不考核 0/1"), std::string::npos) << soft.out;
  EXPECT_NE(soft.out.find("partial.rules:18:5: 没有用例落入分段“结果 ＜ 90% → 3分”（指标“完成率”）"), std::string::npos) << soft.out;
  CliRun hard = run("test " + rules + " --require-full-coverage");
  EXPECT_EQ(hard.exit, 1) << hard.out;
}

TEST(CliTest, ARulesetWithoutTestsWarnsOrFails) {
  std::string rules = pair("untested", "");
  CliRun warn = run("test " + rules);
  EXPECT_EQ(warn.exit, 0) << warn.out;
  EXPECT_NE(warn.out.find("警告：没有测试文件"), std::string::npos) << warn.out;
  CliRun strict = run("test " + rules + " --require-full-coverage");
  EXPECT_EQ(strict.exit, 1) << strict.out;
  EXPECT_EQ(run("test /nonexistent/path.rules").exit, 2);
}

TEST(CliCases, TableShowsTheEdgeAndBothSides) {
  CliRun r = run("cases " + pair("cases", "") + " --indicator 完成率");
  EXPECT_EQ(r.exit, 0) << r.out;
  EXPECT_NE(r.out.find("“结果 ≥ 90% → 6分”，边界 90.00%"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("完成率=89.99%  →  3分    实际支出=899,900.00元，预算=1,000,000.00元"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("完成率=90.00%  →  6分    实际支出=900,000.00元，预算=1,000,000.00元"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("完成率=90.01%  →  6分"), std::string::npos) << r.out;
  EXPECT_EQ(run("cases " + pair("cases2", "") + " --indicator 不存在").exit, 2);
}

TEST(CliCases, SavedCasesPassAndSavingAgainAddsNothing) {
  std::string rules = pair("saved", std::string(kPassing));
  std::string tests = rules.substr(0, rules.size() - 6) + ".tests";
  CliRun first = run("cases " + rules + " --save " + tests);
  EXPECT_EQ(first.exit, 0) << first.out;
  EXPECT_EQ(first.out.find("已写入0个用例"), std::string::npos) << first.out;
  CliRun again = run("cases " + rules + " --save " + tests);
  EXPECT_NE(again.out.find("已写入0个用例"), std::string::npos) << again.out;
  CliRun r = run("test " + rules + " --require-full-coverage");
  EXPECT_EQ(r.exit, 0) << r.out;
  EXPECT_NE(r.out.find("全部通过"), std::string::npos) << r.out;
}

}  // namespace

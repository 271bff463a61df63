// `.tests` files (compiler/tools/ruletest/test_file.h), the runner, coverage and
// boundary cases, on a small ruleset written here so every figure below can
// be checked by hand.
#include "compiler/tools/ruletest/boundary_cases.h"
#include "compiler/tools/ruletest/test_runner.h"
#include "tests/unit/compiler/test_support.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace defen::testing {
namespace {

// The `defen test` machinery under test (compiler/tools/ruletest/).
using namespace ::defen::ruletest;

// Line numbers matter below: the band 结果 ＜ 90% is on line 20, the
// deduction on line 25, the 不考核 clause on line 16.
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
  单位类型：枚举｛行政、事业｝
  有项目：是否
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

class TestFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    c_ = compileSource("small.rules", kRules);
    ASSERT_TRUE(c_.program) << (c_.diags.all().empty() ? "" : c_.diags.all().front().zh);
  }
  TestFile parse(const std::string& text) {
    diags_ = Diagnostics();
    return parseTestFile(std::make_shared<SourceFile>("small.tests", text), *c_.program, diags_);
  }
  // "line:col code" of every diagnostic, in order.
  std::vector<std::string> where() const {
    std::vector<std::string> out;
    for (const auto& d : diags_.all()) out.push_back(std::to_string(d.range.line) + ":" + std::to_string(d.range.col) + " " + d.code);
    return out;
  }
  Compilation c_;
  Diagnostics diags_;
};

const char* kGood = R"(# 两个用例
用例 完成率恰为90%
  实际支出 = 900,000.00
  预算 = 1,000,000.00
  问题数 = 1
  期望 完成率 6分
  期望 问题 3分
  期望 总分 9分
  期望 等级 好

用例 预算为0
  实际支出 = 5
  预算 = 0
  问题数 = 9   # 扣完为止
  期望 完成率 不考核 6分
  期望 问题 0分

用例 完成率89.99%
  实际支出 = 899,900.00
  预算 = 1,000,000.00
  问题数 = 0
  期望 完成率 3分
)";

TEST_F(TestFileTest, ReadsCasesFieldsAndExpectations) {
  TestFile f = parse(kGood);
  EXPECT_FALSE(diags_.hasErrors()) << ::testing::PrintToString(where());
  ASSERT_EQ(f.cases.size(), 3u);
  EXPECT_EQ(f.cases[0].name, "完成率恰为90%");
  EXPECT_EQ(f.cases[0].range.line, 2);
  ASSERT_EQ(f.cases[0].fields.size(), 3u);
  EXPECT_EQ(f.cases[0].fields[0].column, "实际支出");
  EXPECT_EQ(f.cases[0].fields[0].text, "900,000.00");
  ASSERT_EQ(f.cases[0].expectations.size(), 4u);
  EXPECT_EQ(f.cases[0].expectations[2].kind, Expectation::Kind::Total);
  EXPECT_EQ(toString(f.cases[0].expectations[2].score), "9");
  EXPECT_EQ(f.cases[1].fields[2].text, "9");  // the comment is not part of the value
  ASSERT_EQ(f.cases[1].expectations.size(), 3u);
  EXPECT_EQ(f.cases[1].expectations[0].kind, Expectation::Kind::Status);
  EXPECT_EQ(f.cases[1].expectations[0].status, NodeStatus::NotApplicable);
  EXPECT_EQ(f.cases[1].expectations[1].kind, Expectation::Kind::Score);
}

TEST_F(TestFileTest, ErrorsInTheFileHaveLineAndColumn) {
  parse(
      "数据行 在用例之前\n"            // 1: not allowed before a case
      "用例 甲\n"                     // 2
      "  未知输入 = 3\n"               // 3: unknown input at col 3
      "  预算 = 一百万\n"              // 4: not a money amount, value at col 8
      "  期望 不存在的指标 3分\n"       // 5: unknown indicator at col 6
      "  期望 完成率 三分\n"            // 6: not a score, at col 10
      "  期望 等级 优\n"               // 7: no such grade, at col 9
      "用例 甲\n"                     // 8: duplicate name at col 4
      "  期望 总分 9分\n");
  // W030: case 甲 is left with no expectation that could be read.
  EXPECT_EQ(where(), (std::vector<std::string>{"1:1 T001", "2:1 W030", "3:3 T011", "4:8 T012", "5:6 T022", "6:10 T023", "7:9 T021", "8:4 T004"}));
  EXPECT_EQ(diags_.errorCount(), 7);
  EXPECT_NE(diags_.all()[3].zh.find("“预算”的值有误"), std::string::npos) << diags_.all()[3].zh;
  std::string rendered = renderDiagnostic(diags_.all()[2], SourceFile("small.tests", ""), Lang::Zh);
  EXPECT_EQ(rendered.rfind("small.tests:3:3: 错误 [T011]: 规则中没有名为“未知输入”的输入", 0), 0u) << rendered;
}

TEST_F(TestFileTest, AMissingBaselineRowIsAnError) {
  std::string data = (sourceDir() / "examples" / "zhanjiang-2022" / "data.json").string();
  parse("数据 " + data + " 第3行\n用例 甲\n  期望 总分 9分\n");
  EXPECT_EQ(where(), (std::vector<std::string>{"1:" + std::to_string(5 + static_cast<int>(data.size())) + " T007"}));
}

TEST_F(TestFileTest, RunnerReportsExpectedActualAndExplanation) {
  TestFile f = parse(
      "用例 错误的期望\n"
      "  实际支出 = 899,900.00\n"
      "  预算 = 1,000,000.00\n"
      "  问题数 = 0\n"
      "  期望 完成率 6分\n"
      "  期望 问题 4分\n");
  ASSERT_FALSE(diags_.hasErrors());
  FileOutcome out = runTests(*c_.program, f, RunOptions{true, false});
  ASSERT_EQ(out.cases.size(), 1u);
  EXPECT_EQ(out.failed(), 1);
  ASSERT_EQ(out.cases[0].mismatches.size(), 1u);
  const Mismatch& m = out.cases[0].mismatches[0];
  EXPECT_EQ(m.range.line, 5);
  EXPECT_EQ(m.subject, "完成率");
  EXPECT_EQ(m.expected, "6分");
  EXPECT_EQ(m.actual, "3分");
  EXPECT_NE(m.explanation.find("完成率=实际支出899,900.00元÷预算1,000,000.00元×100%=89.99%"), std::string::npos) << m.explanation;
  EXPECT_NE(m.explanation.find("完成率低于90%，得3.00分。"), std::string::npos) << m.explanation;
}

TEST_F(TestFileTest, InterpreterAndJitAgreeAndTheGoodFilePasses) {
  TestFile f = parse(kGood);
  FileOutcome out = runTests(*c_.program, f, RunOptions{true, true});
  EXPECT_TRUE(out.engineError.empty()) << out.engineError;
  EXPECT_EQ(out.failed(), 0);
  for (const auto& c : out.cases)
    for (const auto& m : c.mismatches) ADD_FAILURE() << c.test->name << ": " << m.subject << " " << m.expected << " / " << m.actual;
}

TEST_F(TestFileTest, UnexpectedRowErrorsFailTheCaseAndExpectedOnesPass) {
  TestFile f = parse(
      "用例 缺数据\n"
      "  预算 = 100\n"
      "  问题数 = 0\n"
      "  期望 问题 4分\n"
      "用例 预期的错误\n"
      "  预算 = 100\n"
      "  问题数 = 0\n"
      "  期望 错误 缺少必填数据“实际支出”\n");
  FileOutcome out = runTests(*c_.program, f, RunOptions{true, false});
  ASSERT_EQ(out.cases.size(), 2u);
  ASSERT_EQ(out.cases[0].mismatches.size(), 1u);
  EXPECT_EQ(out.cases[0].mismatches[0].kind, Mismatch::Kind::Error);
  EXPECT_NE(out.cases[0].mismatches[0].actual.find("缺少必填数据“实际支出”"), std::string::npos);
  EXPECT_TRUE(out.cases[1].passed());
}

TEST_F(TestFileTest, CoverageNamesExactlyTheBandNoCaseReaches) {
  // Only the ≥ 90% band, and only with a deduction: the ＜ 90% band (line 20)
  // and the 不考核 clause (line 16) are not reached.
  TestFile f = parse(
      "用例 甲\n"
      "  实际支出 = 950,000.00\n"
      "  预算 = 1,000,000.00\n"
      "  问题数 = 2\n"
      "  期望 完成率 6分\n");
  FileOutcome out = runTests(*c_.program, f, RunOptions{true, false});
  EXPECT_FALSE(out.coverage.full());
  EXPECT_EQ(out.coverage.summary(), "分段 1/2，扣分 1/1，不考核 0/1");
  std::vector<std::string> missed = out.coverage.unreached();
  ASSERT_EQ(missed.size(), 2u);
  EXPECT_EQ(missed[0], "small.rules:16:3: 没有用例适用“不考核 当 预算 = 0 → 满分”（指标“完成率”）");
  EXPECT_EQ(missed[1], "small.rules:20:5: 没有用例落入分段“结果 ＜ 90% → 3分”（指标“完成率”）");
  // The good file reaches everything.
  EXPECT_TRUE(runTests(*c_.program, parse(kGood), RunOptions{true, false}).coverage.full());
}

TEST_F(TestFileTest, BoundaryCasesSitOnAndBesideEachEdge) {
  CasesOptions options;
  options.node = c_.program->findNode("完成率");
  std::vector<BoundaryGroup> groups = boundaryCases(*c_.program, options);
  auto band = std::find_if(groups.begin(), groups.end(), [](const BoundaryGroup& g) { return g.edge == "90.00%"; });
  ASSERT_NE(band, groups.end());
  EXPECT_EQ(band->range.line, 19);
  ASSERT_EQ(band->points.size(), 3u);
  std::vector<std::string> seen;
  for (const auto& pt : band->points) {
    std::string row = pt.value + " " + toString(pt.score) + "分 |";
    for (const auto& f : pt.fields) row += " " + f.column + "=" + f.text;
    seen.push_back(row);
  }
  EXPECT_EQ(seen, (std::vector<std::string>{
                      "完成率=89.99% 3分 | 实际支出=899,900.00元 预算=1,000,000.00元",
                      "完成率=90.00% 6分 | 实际支出=900,000.00元 预算=1,000,000.00元",
                      "完成率=90.01% 6分 | 实际支出=900,100.00元 预算=1,000,000.00元",
                  }));
  // Saved as cases, they pass as written, and saving again adds nothing.
  std::set<std::string> names;
  int written = 0;
  inlineBaseline(groups, *neutralBaseline(*c_.program));
  std::string text = casesAsTests(*c_.program, groups, names, "", &written);
  EXPECT_GE(written, 3);
  TestFile saved = parse(text);
  ASSERT_FALSE(diags_.hasErrors()) << ::testing::PrintToString(where()) << text;
  EXPECT_EQ(static_cast<int>(saved.cases.size()), written);
  EXPECT_EQ(runTests(*c_.program, saved, RunOptions{true, false}).failed(), 0) << text;
  int again = 0;
  EXPECT_EQ(casesAsTests(*c_.program, groups, names, "", &again), "");
  EXPECT_EQ(again, 0);
}

}  // namespace
}  // namespace defen::testing

// Limits of the language (issue 6): a ruleset too deep or too long to walk is
// a clear error (E007), never a stack overflow; what only looks deep works.
#include "tests/cli/cli_support.h"

#include <gtest/gtest.h>

#include <string>

namespace {

using namespace defen::clitest;

std::string rulesWith(const std::string& name, const std::string& body) {
  return tempFile(name, "名称 \"深\"\n年度 2024\n总分 10分\n输入 {\n  a：数值\n}\n" + body);
}

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

TEST(Limits, LongOperatorChainIsAnErrorNotAStackOverflow) {
  // 100,000 terms crashed the AST builder (one frame per operator) before
  // the parse tree's depth was bounded.
  std::string chain = "a" + repeat("+a", 99999);
  CliRun r = run("check " + rulesWith("chain.rules", "指标 甲 10分 {\n  得分 = 最小(分值, 1分 × (" + chain + "))\n}\n"));
  EXPECT_EQ(r.exit, 1) << r.out.substr(0, 300);
  EXPECT_NE(r.out.find("[E007]: 表达式过长或嵌套过深（超过 2000 层）"), std::string::npos) << r.out.substr(0, 300);

  // 1,000 terms are fine, and the sum is right.
  std::string ok = rulesWith("chain_ok.rules", "指标 甲 10分 {\n  得分 = 最小(分值, 1分 × (a" + repeat("+a", 999) + ") ÷ 200)\n}\n");
  r = runStdout("eval --engine interp --format json " + ok + " " + tempFile("a.json", "[{\"a\": 1}]"));
  EXPECT_EQ(r.exit, 0) << r.out;
  EXPECT_NE(r.out.find("\"total\":5"), std::string::npos) << r.out;
}

TEST(Limits, DeepBracketsAndNestedIfs) {
  CliRun r = run("check " + rulesWith("parens.rules", "指标 甲 10分 {\n  得分 = 1分 × " + repeat("(", 250) + "a" +
                                                         repeat(")", 250) + "\n}\n"));
  EXPECT_EQ(r.exit, 1);
  EXPECT_NE(r.out.find("[E007]: 嵌套层数超过上限 200"), std::string::npos) << r.out.substr(0, 300);

  // 190 nested 若 are within the limit and score through both engines.
  std::string ifs = rulesWith("ifs.rules", "指标 甲 10分 {\n  得分 = " + repeat("若 a > 0 则 ", 190) + "1分" +
                                              repeat(" 否则 0分", 190) + "\n}\n");
  for (const char* engine : {"interp", "jit"}) {
    r = runStdout(std::string("eval --no-cache --format json --engine ") + engine + " " + ifs + " " +
                  tempFile("a.json", "[{\"a\": 1}]"));
    EXPECT_EQ(r.exit, 0) << engine << r.out;
    EXPECT_NE(r.out.find("\"total\":1"), std::string::npos) << engine << r.out;
  }
}

// The nesting limit counts 若, 非 and minus signs only while their expression
// lasts: 300 indicators each with a 若 and a subtraction check and score (the
// count once ran to the end of the file, so the 201st 若 was E007), while 201
// 若 nested with brackets inside them are still refused.
TEST(Limits, ManyIfsAndSubtractionsAreNotNesting) {
  std::string body;
  for (int i = 0; i < 300; ++i)
    body += "指标 甲" + std::to_string(i) + " 1分 { 得分 = 若 a - 1 > 0 则 满分 否则 1分 - 分值 }\n";
  std::string many = tempFile("many_ifs.rules", "名称 \"t\"\n年度 2022\n总分 300分\n输入 { a：数值 }\n" + body);
  for (const char* engine : {"interp", "jit"}) {
    CliRun r = runStdout(std::string("eval --no-cache --format json --engine ") + engine + " " + many + " " +
                         tempFile("a.json", "[{\"a\": 2}]"));
    EXPECT_EQ(r.exit, 0) << engine << r.out.substr(0, 300);
    EXPECT_NE(r.out.find("\"total\":300"), std::string::npos) << engine << r.out.substr(0, 300);
  }
  CliRun r = run("check " + rulesWith("nested_ifs.rules", "指标 甲 10分 {\n  得分 = " + repeat("若 (a) > 0 则 ", 201) + "1分" +
                                                               repeat(" 否则 0分", 201) + "\n}\n"));
  EXPECT_EQ(r.exit, 1);
  EXPECT_NE(r.out.find("[E007]: 嵌套层数超过上限 200"), std::string::npos) << r.out.substr(0, 300);
}

TEST(Limits, ChainOfThousandsOfLetsIsAnError) {
  // 令 are lowered where they are used, once per link; 20,000 links crashed.
  std::string body = "指标 甲 10分 {\n";
  for (int i = 0; i < 20000; ++i) body += "  令 值" + std::to_string(i) + " = " + (i ? "值" + std::to_string(i - 1) : "a") + " + 1\n";
  body += "  得分 = 最小(分值, 1分 × 值19999)\n}\n";
  CliRun r = run("check " + rulesWith("lets.rules", body));
  EXPECT_EQ(r.exit, 1);
  EXPECT_NE(r.out.find("[E007]: “值19799”经过的“令”层层相套超过上限 200"), std::string::npos);
  EXPECT_NE(r.out.find("1个错误"), std::string::npos);
}

}  // namespace

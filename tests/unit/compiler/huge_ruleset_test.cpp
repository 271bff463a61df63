// Rulesets far beyond any real standard still compile natively and score
// exactly like the interpreter. The JIT cuts a huge expression into functions
// of bounded size and stops inlining 令 past a budget (compiler/jit/codegen.cpp);
// these tests run records through those cut points, including faults raised
// deep inside them. Compile times are in docs/reliability.md, not asserted here.
#include "test_support.h"

#include "compiler/eval/bind/binder.h"
#include "compiler/eval/scorer.h"
#include "compiler/interp/interpreter.h"
#include "compiler/jit/jit.h"

#include <gtest/gtest.h>

#include <random>

namespace defen::testing {
namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

std::string header(int total) { return "名称 \"huge\"\n年度 2024\n总分 " + std::to_string(total) + "分\n"; }

// a0 … a9, each 1,000 times, in a fixed shuffled order (a repeated group would
// be computed once by LLVM), in bracketed groups of 1,000: one chain of
// operators is limited to about 1,990 (E007).
std::string tenThousandTerms() {
  std::vector<std::string> names;
  for (int i = 0; i < 10000; ++i) names.push_back("a" + std::to_string(i % 10));
  std::mt19937 random(7);
  for (size_t i = names.size() - 1; i > 0; --i) std::swap(names[i], names[random() % (i + 1)]);
  std::string sum;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i % 1000 == 0) sum += i ? ") + (" : "(";
    else sum += " + ";
    sum += names[i];
  }
  std::string text = header(10) + "输入 {\n";
  for (int i = 0; i < 10; ++i) text += "  a" + std::to_string(i) + "：数值\n";
  return text + "}\n指标 甲 10分 {\n  令 合计 = " + sum + ")\n  得分 = 限定(分值 × 合计 ÷ 100000, 0分, 分值)\n}\n";
}

// 2,000 leaf indicators of 1分, each a five-band table on one of 20 inputs.
std::string twoThousandIndicators() {
  std::string text = header(2000) + "输入 {\n";
  for (int i = 0; i < 20; ++i) text += "  r" + std::to_string(i) + "：比率\n";
  text += "}\n";
  for (int k = 0; k < 2000; ++k)
    text += "指标 指标" + std::to_string(k) + " 1分 {\n  分段 r" + std::to_string(k % 20) +
            " { 结果 ≥ 95% → 1分；[85%, 95%) → 0.8分；[70%, 85%) → 0.6分；[50%, 70%) → 0.3分；结果 ＜ 50% → 0分 }\n}\n";
  return text;
}

// 200 令, each the next plus a × b (the 200-level limit, E007): far past the
// inlining budget, so most of the chain is real calls.
std::string letChain() {
  std::string text = header(10) + "输入 {\n  a：数值\n  b：数值\n}\n";
  for (int k = 0; k < 199; ++k) text += "令 值" + std::to_string(k) + " = 值" + std::to_string(k + 1) + " + a × b\n";
  return text + "令 值199 = a\n指标 甲 10分 { 得分 = 限定(分值 × 值0 ÷ 5, 0分, 分值) }\n";
}

// Compiles `text` with the JIT (no cache) and scores each record with both
// engines; every indicator score, error and total must agree. Returns the
// JIT's results for the caller's own checks. `fastCodegen`: whether the JIT
// should take its path for huge code (jit.cpp, kFastCodegenNodes).
std::vector<eval::Scored> scoreBoth(const std::string& text, const std::vector<Fields>& records, bool fastCodegen) {
  Compilation c = compileOk(text);
  if (!c.program) return {};
  std::string error;
  auto jit = JitProgram::compile(*c.program, c.source->text(), JitOptions{false, ""}, error);
  EXPECT_TRUE(jit) << error;
  if (!jit) return {};
  EXPECT_EQ(jit->stats().fastCodegen, fastCodegen);
  InterpreterKernels interp(*c.program);
  eval::Scorer native(*c.program, jit->kernels()), walker(*c.program, interp);
  std::vector<eval::Scored> results;
  for (const Fields& fields : records) {
    BoundRecord bound = bindFields(*c.program, fields);
    const eval::Scored& x = native.score(bound);
    const eval::Scored& y = walker.score(bound);
    EXPECT_EQ(x.ok, y.ok);
    EXPECT_EQ(x.errors, y.errors);
    EXPECT_EQ(toString(x.total), toString(y.total));
    EXPECT_EQ(x.nodes.size(), y.nodes.size());
    for (size_t n = 0; n < x.nodes.size() && n < y.nodes.size(); ++n) {
      EXPECT_EQ(toString(x.nodes[n].score), toString(y.nodes[n].score)) << "node " << n;
      EXPECT_EQ(x.nodes[n].status, y.nodes[n].status) << "node " << n;
    }
    results.push_back(x);
  }
  return results;
}

Fields tenInputs(std::vector<std::string> values) {
  Fields fields;
  for (size_t i = 0; i < values.size(); ++i)
    if (!values[i].empty()) fields.emplace_back("a" + std::to_string(i), values[i]);
  return fields;
}

TEST(HugeRulesets, TenThousandTermsScoreLikeTheInterpreter) {
  auto results = scoreBoth(tenThousandTerms(), {
      tenInputs({"1", "2", "3", "4", "5", "6", "7", "8", "9", "10"}),       // 1,000 × 55 = 55,000
      tenInputs({"1", "2", "3", "", "5", "6", "7", "8", "9", "10"}),        // a3 missing, deep in the sum
      tenInputs({"1", "2", "3", "4", "5", "6", "7", "8", "9", "1000000000000000000"}),  // overflows part-way through
      tenInputs({"-1", "-2", "-3", "-4", "-5", "-6", "-7", "-8", "-9", "-10"}),
  }, true);
  ASSERT_EQ(results.size(), 4u);
  EXPECT_TRUE(results[0].ok);
  EXPECT_EQ(toString(results[0].total), "5.5");
  ASSERT_EQ(results[1].errors.size(), 1u);
  EXPECT_NE(results[1].errors[0].find("a3"), std::string::npos) << results[1].errors[0];
  ASSERT_EQ(results[2].errors.size(), 1u);
  EXPECT_NE(results[2].errors[0].find("计算溢出"), std::string::npos) << results[2].errors[0];
  EXPECT_EQ(toString(results[3].total), "0");
}

TEST(HugeRulesets, TwoThousandIndicatorsScoreLikeTheInterpreter) {
  Fields fields;
  for (int i = 0; i < 20; ++i) fields.emplace_back("r" + std::to_string(i), std::to_string(40 + 3 * i) + "%");
  Fields missing = fields;
  missing.erase(missing.begin() + 5);  // r5: the 100 indicators on it fail
  auto results = scoreBoth(twoThousandIndicators(), {fields, missing}, true);
  ASSERT_EQ(results.size(), 2u);
  // Per 20 indicators: 97% → 1; 85–94% → 4 × 0.8; 70–82% → 5 × 0.6; 52–67% → 6 × 0.3; under 50% → 0.
  EXPECT_EQ(toString(results[0].total), "900");
  EXPECT_EQ(results[1].errors.size(), 100u);
}

TEST(HugeRulesets, ChainOfTwoHundredLetsScoresLikeTheInterpreter) {
  auto results = scoreBoth(letChain(), {
      {{"a", "1"}, {"b", "0.01"}},   // 值0 = 1 + 199 × 0.01 = 2.99; 10 × 2.99 ÷ 5
      {{"a", "1000000000000000000"}, {"b", "1000"}},  // a × b overflows in the last 令 of the chain
      {{"a", "1"}},                    // b missing, read 199 令 down
  }, false);
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(toString(results[0].total), "5.98");
  ASSERT_EQ(results[1].errors.size(), 1u);
  EXPECT_NE(results[1].errors[0].find("计算溢出"), std::string::npos) << results[1].errors[0];
  ASSERT_EQ(results[2].errors.size(), 1u);
  EXPECT_NE(results[2].errors[0].find("b"), std::string::npos) << results[2].errors[0];
}

}  // namespace
}  // namespace defen::testing

// The JIT's own promises: code is cached by ruleset text and reused; the
// cached code scores exactly like freshly compiled code and the interpreter.
#include "test_support.h"

#include "compiler/eval/scorer.h"
#include "compiler/interp/interpreter.h"
#include "compiler/jit/jit.h"
#include "compiler/io/readers.h"

#include <gtest/gtest.h>

namespace defen::testing {
namespace {

std::filesystem::path freshCacheDir() {
  auto dir = std::filesystem::temp_directory_path() / ("defen_jit_cache_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  return dir;
}

TEST(Jit, SecondCompileComesFromTheCache) {
  Compilation c = compileFile((sourceDir() / "rulesets" / "zhanjiang-2022-dept.rules").string());
  ASSERT_TRUE(c.program);
  JitOptions options;
  options.cacheDir = freshCacheDir().string();
  std::string error;
  auto cold = JitProgram::compile(*c.program, c.source->text(), options, error);
  ASSERT_TRUE(cold) << error;
  EXPECT_FALSE(cold->stats().fromCache);
  EXPECT_GT(cold->stats().codegenMillis, 0.0);
  auto warm = JitProgram::compile(*c.program, c.source->text(), options, error);
  ASSERT_TRUE(warm) << error;
  EXPECT_TRUE(warm->stats().fromCache);
  EXPECT_EQ(warm->stats().codegenMillis, 0.0);
  // A different ruleset text is a different key.
  auto other = JitProgram::compile(*c.program, c.source->text() + "\n# 改动\n", options, error);
  ASSERT_TRUE(other) << error;
  EXPECT_FALSE(other->stats().fromCache);

  Table table = readDataFile((sourceDir() / "examples" / "zhanjiang-2022" / "data.json").string());
  std::vector<std::string> warnings;
  ColumnMap map = mapColumns(*c.program, table, warnings);
  BoundRecord bound = bindRecord(*c.program, map, table, table.records[0]);
  for (JitProgram* jit : {cold.get(), warm.get()}) {
    eval::Scorer scorer(*c.program, jit->kernels());
    const eval::Scored& s = scorer.score(bound);
    ASSERT_TRUE(s.ok);
    EXPECT_EQ(toFixed(s.total, 2), "86.50");
  }
  std::filesystem::remove_all(options.cacheDir);
}

TEST(Jit, NoCacheWritesNothing) {
  Compilation c = compileOk("名称 \"t\"\n年度 2022\n总分 10分\n输入 { r：比率 }\n指标 甲 10分 { 得分 = 限定(分值 × r, 0分, 分值) }\n");
  ASSERT_TRUE(c.program);
  JitOptions options;
  options.cacheDir = freshCacheDir().string();
  options.useCache = false;
  std::string error;
  auto jit = JitProgram::compile(*c.program, c.source->text(), options, error);
  ASSERT_TRUE(jit) << error;
  EXPECT_FALSE(std::filesystem::exists(options.cacheDir));
}

// Faults in native code are reported exactly as the interpreter reports them.
TEST(Jit, FaultsMatchTheInterpreter) {
  Compilation c = compileOk(
      "名称 \"t\"\n年度 2022\n总分 10分\n"
      "输入 { a：金额（元）; b：金额（元），范围 [0, +∞); n：数量 }\n"
      "指标 甲 5分 { 得分 = 若 b ＞ 0 则 限定(分值 × a ÷ b, 0分, 分值) 否则 满分 }\n"
      "指标 乙 5分 { 扣分 { n 每 1项 扣 1分 } }\n");
  ASSERT_TRUE(c.program);
  std::string error;
  auto jit = JitProgram::compile(*c.program, c.source->text(), JitOptions{false, ""}, error);
  ASSERT_TRUE(jit) << error;
  InterpreterKernels interp(*c.program);
  for (auto fields : std::vector<std::vector<std::pair<std::string, std::string>>>{
           {{"a", "100000000000000000000"}, {"b", "0.000000000000000001"}, {"n", "1"}},  // overflow in ×
           {{"a", "5"}, {"n", "2"}},                                                      // b missing, required
           {{"a", "50"}, {"b", "100"}, {"n", "7"}},                                       // deductions floor at 0
       }) {
    BoundRecord bound = bindFields(*c.program, fields);
    eval::Scorer native(*c.program, jit->kernels()), walker(*c.program, interp);
    const eval::Scored& x = native.score(bound);
    const eval::Scored& y = walker.score(bound);
    EXPECT_EQ(x.ok, y.ok);
    EXPECT_EQ(x.errors, y.errors);
    EXPECT_EQ(toString(x.total), toString(y.total));
  }
  BoundRecord overflow = bindFields(*c.program, {{"a", "100000000000000000000"}, {"b", "0.000000000000000001"}, {"n", "1"}});
  eval::Scorer native(*c.program, jit->kernels());
  const eval::Scored& s = native.score(overflow);
  ASSERT_EQ(s.errors.size(), 1u);
  EXPECT_NE(s.errors[0].find("第1行，指标“甲”：计算溢出"), std::string::npos) << s.errors[0];
}

}  // namespace
}  // namespace defen::testing

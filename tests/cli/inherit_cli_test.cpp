// `defen check --emit flat` and the commands on a ruleset based on another.
#include "cli_support.h"

#include <gtest/gtest.h>

namespace defen::clitest {
namespace {

TEST(InheritCli, EmitFlatPrintsTheEffectiveRulesetWhichScoresTheSame) {
  CliRun flat = runStdout("check --emit flat " + src("rulesets/zhanjiang-2023-dept.rules"));
  ASSERT_EQ(flat.exit, 0) << flat.out;
  EXPECT_EQ(flat.out.find("基于"), std::string::npos);
  EXPECT_EQ(flat.out.find("修改 指标"), std::string::npos);
  EXPECT_NE(flat.out.find("年度 2023"), std::string::npos);
  EXPECT_NE(flat.out.find("差异率 每 3% 扣 0.5分"), std::string::npos);
  EXPECT_NE(flat.out.find("指标 结转结余率 2分"), std::string::npos);
  EXPECT_NE(flat.out.find("减分 问责次数 × 3分"), std::string::npos);

  // The printed ruleset stands on its own and scores like the inherited one.
  std::string standalone = tempFile("zhanjiang-2023-flat.rules", flat.out);
  std::string data = src("examples/zhanjiang-departments/data.json");
  CliRun a = runStdout("eval " + src("rulesets/zhanjiang-2023-dept.rules") + " " + data + " --format json");
  CliRun b = runStdout("eval " + standalone + " " + data + " --format json");
  ASSERT_EQ(a.exit, 0) << a.out;
  EXPECT_EQ(a.out, b.out);
  EXPECT_NE(a.out.find("\"total\":85,\"grade\":\"良\""), std::string::npos) << a.out;
}

TEST(InheritCli, EmitFlatOfABrokenChangePrintsOnlyDiagnostics) {
  std::string base = tempFile("emit-base.rules", "名称 \"底\"\n年度 2022\n总分 10分\n输入 { 完成：是否 }\n指标 甲 10分 { 得分 = 若 完成 则 满分 否则 0分 }\n");
  std::string next = tempFile("emit-next.rules", "基于 " + std::filesystem::path(base).stem().string() + "\n修改 指标 甲 8分\n");
  CliRun out = runStdout("check --emit flat " + next);
  EXPECT_EQ(out.exit, 1);
  EXPECT_EQ(out.out, "");
  CliRun all = run("check --emit flat " + next);
  EXPECT_NE(all.out.find(":2:1: 错误 [E131]"), std::string::npos) << all.out;
  EXPECT_NE(all.out.find("一级指标分值合计8分，与总分10分不等"), std::string::npos) << all.out;
}

TEST(InheritCli, EmitFlatTakesOneFile) {
  CliRun r = run("check --emit flat " + src("rulesets/zhanjiang-2022-dept.rules") + " " + src("rulesets/zhanjiang-2023-dept.rules"));
  EXPECT_EQ(r.exit, 2);
  EXPECT_NE(r.out.find("--emit flat"), std::string::npos);
}

}  // namespace
}  // namespace defen::clitest

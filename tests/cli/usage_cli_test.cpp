// The command line's own words: help and usage errors in Chinese by default,
// in English with --lang en; an unknown command gets "是否指 …？".
#include "cli_support.h"

#include <gtest/gtest.h>

namespace defen::clitest {
namespace {

const std::string kRules = src("rulesets/zhanjiang-2022-dept.rules");
const std::string kData = src("examples/zhanjiang-2022/data.json");

TEST(Usage, MisspeltCommandIsNamedWithTheLikelyOne) {
  CliRun r = run("evl x");
  EXPECT_EQ(r.exit, 2);
  EXPECT_EQ(r.out, "未知的命令“evl”，是否指 eval？\n");
  r = run("evl x --lang en");
  EXPECT_EQ(r.exit, 2);
  EXPECT_EQ(r.out, "unknown command 'evl'; did you mean eval?\n");
}

TEST(Usage, AnUnknownWordListsTheCommands) {
  CliRun r = run("xyz");
  EXPECT_EQ(r.exit, 2);
  EXPECT_NE(r.out.find("未知的命令“xyz”；可用的命令：check、eval、explain"), std::string::npos) << r.out;
}

TEST(Usage, ErrorsAreWordedInChinese) {
  struct Case {
    std::string args, message;
  } cases[] = {
      {"", "请给出要执行的命令，如 defen check 规则文件、defen eval 规则文件 数据文件"},
      {"check", "缺少必填参数 RULES"},
      {"eval " + kRules + " nofile.json", "DATA：文件不存在：nofile.json"},
      {"eval " + kRules + " " + kData + " --format pdf", "--format：“pdf”不是可选的值；可选：table、json、csv、md、html、xlsx、docx"},
      {"eval " + kRules + " " + kData + " --threads -2", "--threads：“-2”应为不小于 0 的数"},
      {"serve --port 99999", "--port：“99999”应在 0～65535 之间"},
      {"check --format", "--format 后面缺少取值"},
      {"fmt --check --stdout x.rules", "--check 与 --stdout 不能同时使用"},
  };
  for (const auto& c : cases) {
    CliRun r = run(c.args);
    EXPECT_EQ(r.exit, 2) << c.args;
    EXPECT_EQ(r.out, c.message + "\n运行 defen --help 或 defen 命令 --help 查看用法。\n") << c.args;
  }
}

TEST(Usage, ErrorsInEnglishWithLangEn) {
  CliRun r = run("eval " + kRules + " nofile.json --lang en");
  EXPECT_EQ(r.exit, 2);
  EXPECT_EQ(r.out, "DATA: (File does not exist: nofile.json) OR (nofile.json not in {-})\nRun with --help for more information.\n");
  r = run("eval " + kRules + " " + kData + " --threads abc --lang en");
  EXPECT_EQ(r.out, "--threads: 'abc' must be a number of at least 0\nRun with --help for more information.\n");
}

TEST(Usage, HelpIsChineseWithItsColumnAligned) {
  CliRun r = runStdout("--help");
  EXPECT_EQ(r.exit, 0);
  EXPECT_NE(r.out.find("用法："), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\n命令：\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  eval                        按规则为数据计分\n"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("Subcommands"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("score data with a ruleset"), std::string::npos) << r.out;

  r = runStdout("eval --help");
  // Chinese type names are two columns wide: the descriptions still start at column 31.
  EXPECT_NE(r.out.find("  --sheet 文字                Excel 工作表名（默认第一张）\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  -j,--threads 非负整数       线程数，0 为全部核心\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  --lang {zh,en}              诊断语言 zh|en\n"), std::string::npos) << r.out;
}

TEST(Usage, HelpInEnglishWithLangEn) {
  CliRun r = runStdout("--help --lang en");
  EXPECT_EQ(r.exit, 0);
  EXPECT_NE(r.out.find("Usage:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  eval                        score data with a ruleset\n"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("按规则为数据计分"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace defen::clitest

// `defen fmt [--check] [--stdout] FILES|DIRS`: rewriting in place, the CI
// check, printing, directories, and the errors a user can run into.
#include "tests/cli/cli_support.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace {

namespace fs = std::filesystem;
using namespace defen::clitest;

const char* kMessy = "名称   \"甲\"\n指标 甲 1分 {\n得分=满分   # 全给\n}\n";
const char* kTidy = "名称 \"甲\"\n指标 甲 1分 {\n  得分 = 满分  # 全给\n}\n";

std::string readBack(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A fresh directory in the temporary directory, unique to this process and test.
fs::path tempDir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("defen_cli_" + std::to_string(::getpid()) + "_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

TEST(Fmt, RewritesAFileInPlaceAndSaysSo) {
  std::string path = tempFile("fmt_inplace.rules", kMessy);
  CliRun r = run("fmt " + path);
  EXPECT_EQ(r.exit, 0) << r.out;
  EXPECT_EQ(r.out, "已格式化 " + path + "\n");
  EXPECT_EQ(readBack(path), kTidy);
  EXPECT_FALSE(fs::exists(path + ".defen-fmt.tmp"));
  // A formatted file is left alone, and nothing is printed.
  CliRun again = run("fmt " + path);
  EXPECT_EQ(again.exit, 0);
  EXPECT_EQ(again.out, "");
}

TEST(Fmt, ASymbolicLinkStaysALink) {
  fs::path dir = tempDir("fmt_link");
  std::ofstream(dir / "real.rules", std::ios::binary) << kMessy;
  fs::create_symlink(dir / "real.rules", dir / "link.rules");
  CliRun r = run("fmt " + (dir / "link.rules").string());
  EXPECT_EQ(r.exit, 0) << r.out;
  EXPECT_TRUE(fs::is_symlink(dir / "link.rules"));
  EXPECT_EQ(readBack((dir / "real.rules").string()), kTidy);
  fs::remove_all(dir);
}

TEST(Fmt, CheckListsTheFirstDifferenceAndChangesNothing) {
  std::string path = tempFile("fmt_check.rules", kMessy);
  CliRun r = run("fmt --check " + path);
  EXPECT_EQ(r.exit, 1);
  EXPECT_EQ(r.out, path + ":1: 未按 defen fmt 格式化\n"
                   "  应为：名称 \"甲\"\n"
                   "  实际：名称   \"甲\"\n"
                   "1 个文件未按 defen fmt 格式化；运行 defen fmt 加文件名即可改正\n");
  EXPECT_EQ(readBack(path), kMessy);

  CliRun en = run("fmt --check --lang en " + path);
  EXPECT_EQ(en.exit, 1);
  EXPECT_NE(en.out.find(path + ":1: not formatted as defen fmt would\n  expected: 名称 \"甲\"\n  actual:   名称   \"甲\"\n"),
            std::string::npos) << en.out;

  std::string tidy = tempFile("fmt_check_tidy.rules", kTidy);
  CliRun ok = run("fmt --check " + tidy);
  EXPECT_EQ(ok.exit, 0) << ok.out;
  EXPECT_EQ(ok.out, "");
}

TEST(Fmt, CheckNamesLineEndingsAndTrailingSpaces) {
  std::string crlf = tempFile("fmt_crlf.rules", "名称 \"甲\"\r\n年度 2023\r\n");
  CliRun r = run("fmt --check " + crlf);
  EXPECT_EQ(r.exit, 1);
  EXPECT_NE(r.out.find(crlf + ":1: 未按 defen fmt 格式化：行尾为 CRLF，应为 LF\n"), std::string::npos) << r.out;

  std::string spaces = tempFile("fmt_spaces.rules", "名称 \"甲\"\n年度 2023  \n");
  r = run("fmt --check " + spaces);
  EXPECT_NE(r.out.find(spaces + ":2: 未按 defen fmt 格式化：行尾有空白\n"), std::string::npos) << r.out;

  std::string bom = tempFile("fmt_bom.rules", "\xEF\xBB\xBF名称 \"甲\"\n");
  r = run("fmt --check " + bom);
  EXPECT_NE(r.out.find(bom + ":1: 未按 defen fmt 格式化：文件开头有 BOM（字节顺序标记）\n"), std::string::npos) << r.out;
}

TEST(Fmt, StdoutPrintsTheFormattedTextOnly) {
  std::string path = tempFile("fmt_stdout.rules", kMessy);
  CliRun r = runStdout("fmt --stdout " + path);
  EXPECT_EQ(r.exit, 0);
  EXPECT_EQ(r.out, kTidy);
  EXPECT_EQ(readBack(path), kMessy);
}

TEST(Fmt, DirectoriesMeanEveryRulesFileInThem) {
  fs::path dir = tempDir("fmt_dir");
  fs::create_directories(dir / "sub");
  std::ofstream(dir / "a.rules", std::ios::binary) << kTidy;
  std::ofstream(dir / "sub" / "b.rules", std::ios::binary) << kMessy;
  std::ofstream(dir / "notes.txt", std::ios::binary) << kMessy;
  std::string b = (dir / "sub" / "b.rules").string();

  CliRun check = run("fmt --check " + dir.string());
  EXPECT_EQ(check.exit, 1);
  EXPECT_EQ(check.out.rfind(b + ":1: 未按 defen fmt 格式化\n", 0), 0u) << check.out;
  EXPECT_EQ(check.out.find("a.rules"), std::string::npos) << check.out;
  EXPECT_EQ(check.out.find("notes.txt"), std::string::npos) << check.out;

  CliRun r = run("fmt " + dir.string());
  EXPECT_EQ(r.exit, 0) << r.out;
  EXPECT_EQ(r.out, "已格式化 " + b + "\n");
  EXPECT_EQ(readBack(b), kTidy);
  EXPECT_EQ(readBack((dir / "notes.txt").string()), kMessy);
  EXPECT_EQ(run("fmt --check " + dir.string()).exit, 0);
  fs::remove_all(dir);
}

TEST(Fmt, SyntaxErrorsAreShownAndTheFileIsLeftAlone) {
  std::string text = "指标 甲 1分 {\n  得分 = = 1\n}\n";
  std::string path = tempFile("fmt_syntax.rules", text);
  CliRun r = run("fmt " + path);
  EXPECT_EQ(r.exit, 1);
  EXPECT_NE(r.out.find(path + ":2:8: 错误 [E002]: 语法错误：此处不应出现“=”"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("defen fmt：" + path + " 无法解析（见上），未格式化"), std::string::npos) << r.out;
  EXPECT_EQ(readBack(path), text);
}

TEST(Fmt, MissingFilesAndEmptyDirectoriesAreErrors) {
  CliRun r = run("fmt /nonexistent/defen/a.rules");
  EXPECT_EQ(r.exit, 1);
  EXPECT_EQ(r.out, "defen fmt：找不到文件 /nonexistent/defen/a.rules\n");
  fs::path empty = tempDir("fmt_empty");
  r = run("fmt --lang en " + empty.string());
  EXPECT_EQ(r.exit, 1);
  EXPECT_EQ(r.out, "defen fmt: no .rules files in directory " + empty.string() + "\n");
  fs::remove_all(empty);
}

TEST(Fmt, CheckAndStdoutTogetherAreAUsageError) {
  std::string path = tempFile("fmt_usage.rules", kTidy);
  EXPECT_EQ(run("fmt --check --stdout " + path).exit, 2);
  EXPECT_EQ(run("fmt").exit, 2);
}

TEST(Fmt, TheShippedZhanjiang2022RulesetIsFormatted) {
  CliRun r = run("fmt --check " + src("rulesets/zhanjiang-2022-dept.rules"));
  EXPECT_EQ(r.exit, 0) << r.out;
}

}  // namespace

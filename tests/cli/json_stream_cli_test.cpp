// `defen eval` reads a .json file a chunk of 512 records at a time: the rows
// are those of the whole file, and what is found in a later chunk (a column
// that matches nothing, a file cut off) is said once.
#include "tests/cli/cli_support.h"

#include <gtest/gtest.h>

#include <string>

namespace defen::clitest {
namespace {

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

// 1,200 departments of the Zhanjiang example, one a line; record 1,001 (in
// the second chunk) has a column the ruleset does not know.
std::string departments(size_t count) {
  std::string record = "{\"名称\": \"单位@\", \"收入预算数\": \"2,928,000.00\", \"收入决算数\": 3974522.77}";
  std::string text = "[";
  for (size_t i = 1; i <= count; ++i) {
    std::string r = record;
    r.replace(r.find('@'), 1, std::to_string(i));
    if (i == 1001) r.insert(r.size() - 1, ", \"怪列\": 1");
    text += (i > 1 ? ",\n" : "\n") + r;
  }
  return text + "\n]\n";
}

TEST(JsonStreamCli, RowsAndLinesOfTheWholeFileAndALateColumnWarnedOnce) {
  const std::string data = tempFile("stream.json", departments(1200));
  const CliRun r = run("eval " + src("rulesets/zhanjiang-2022-dept.rules") + " " + data + " --format csv --engine interp");
  EXPECT_EQ(count(r.out, "数据列“怪列”不对应任何输入或指标，已忽略"), 1u) << r.out.substr(0, 2000);
  EXPECT_NE(r.out.find("\n1200,单位1200,"), std::string::npos);
  EXPECT_NE(r.out.find("\n513,单位513,"), std::string::npos);
}

TEST(JsonStreamCli, AFileCutOffInALaterChunkScoresTheRecordsBeforeAndSaysWhereOnce) {
  std::string text = departments(1200);
  text.resize(text.find("单位1100"));  // an upload cut off in the third chunk
  const std::string data = tempFile("cut.json", text);
  const CliRun r = run("eval " + src("rulesets/zhanjiang-2022-dept.rules") + " " + data + " --format csv --engine interp");
  EXPECT_EQ(r.exit, 1);
  EXPECT_EQ(count(r.out, "JSON 格式错误（第1101行第"), 2u) << r.out.substr(r.out.size() > 3000 ? r.out.size() - 3000 : 0);
  EXPECT_EQ(count(r.out, "内容不完整，文件意外结束；此后的内容无法读取"), 1u);
  EXPECT_NE(r.out.find("\n1099,单位1099,"), std::string::npos);
  EXPECT_EQ(r.out.find("\n1101,"), std::string::npos);
}

}  // namespace
}  // namespace defen::clitest

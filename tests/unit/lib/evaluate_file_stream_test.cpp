// Ruleset::evaluateFile reads a data file a chunk at a time; the overload
// with a callback hands each score card out instead of keeping it. Both must
// score every record as reading the text whole does (evaluateJson), in order.
#include "defen/defen.hpp"
#include "tests/unit/lib/lib_support.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using defen::libtest::readText;
using defen::libtest::src;
using defen::libtest::TempDir;
using defen::libtest::writeText;

defen::LoadOptions interpreter() {
  defen::LoadOptions o;
  o.engine = defen::EngineType::Interpreter;
  return o;
}

// The Zhanjiang department `count` times (three chunks of 512 and a part),
// with its 名称 numbered and, every 100th record, an amount that is not one.
std::string manyDepartments(int count) {
  std::string one = readText(src("examples/zhanjiang-2022/data.json"));
  const std::string name = "\"湛江市社会科学界联合会\"";
  const std::string amount = "\"3,974,522.77\"";
  std::string text = "[";
  for (int i = 1; i <= count; ++i) {
    std::string record = one;
    record.replace(record.find(name), name.size(), "\"单位" + std::to_string(i) + "\"");
    if (i % 100 == 0) record.replace(record.find(amount), amount.size(), "\"三百万\"");
    text += (i > 1 ? ",\n" : "\n") + record;
  }
  return text + "]\n";
}

std::string summary(const defen::Scorecard& c) {
  std::string s = std::to_string(c.row) + " " + c.id + " " + c.total.text + " " + c.grade + (c.ok ? " ok" : " not-ok");
  for (const auto& e : c.errors) s += " | " + e;
  return s;
}

TEST(EvaluateFileStream, EveryCardInFileOrderAsReadingTheTextWhole) {
  defen::LoadResult loaded = defen::Ruleset::load(src("rulesets/zhanjiang-2022-dept.rules"), interpreter());
  ASSERT_TRUE(loaded.ok()) << loaded.errorText();
  const defen::Ruleset& rules = *loaded.ruleset;
  TempDir dir("stream");
  const std::string text = manyDepartments(1300);
  writeText(dir.path() / "many.json", text);
  const defen::BatchResult whole = rules.evaluateJson(text);
  ASSERT_EQ(whole.scorecards.size(), 1300u);

  std::vector<std::string> streamed;
  const defen::BatchResult result =
      rules.evaluateFile((dir.path() / "many.json").string(), [&](defen::Scorecard&& card) { streamed.push_back(summary(card)); });
  EXPECT_TRUE(result.scorecards.empty());
  EXPECT_TRUE(result.fileErrors.empty());
  ASSERT_EQ(streamed.size(), 1300u);
  for (size_t i = 0; i < streamed.size(); ++i) ASSERT_EQ(streamed[i], summary(whole.scorecards[i]));
  EXPECT_EQ(streamed[0].rfind("1 单位1 ", 0), 0u) << streamed[0];
  EXPECT_NE(streamed[99].find("三百万"), std::string::npos) << streamed[99];

  const defen::BatchResult kept = rules.evaluateFile((dir.path() / "many.json").string());
  ASSERT_EQ(kept.scorecards.size(), 1300u);
  for (size_t i = 0; i < streamed.size(); ++i) ASSERT_EQ(summary(kept.scorecards[i]), streamed[i]);
  EXPECT_EQ(kept.warnings, whole.warnings);
}

TEST(EvaluateFileStream, ASyntaxErrorLateInTheFileKeepsTheCardsBeforeItAndSaysSoOnce) {
  defen::LoadResult loaded = defen::Ruleset::load(src("rulesets/zhanjiang-2022-dept.rules"), interpreter());
  ASSERT_TRUE(loaded.ok()) << loaded.errorText();
  TempDir dir("stream-cut");
  std::string text = manyDepartments(1100);
  text.resize(text.size() * 3 / 4);  // an upload cut off
  writeText(dir.path() / "cut.json", text);
  const defen::BatchResult whole = loaded.ruleset->evaluateJson(text);
  size_t cards = 0;
  const defen::BatchResult result =
      loaded.ruleset->evaluateFile((dir.path() / "cut.json").string(), [&](defen::Scorecard&&) { ++cards; });
  EXPECT_EQ(cards, whole.scorecards.size());
  EXPECT_GT(cards, 800u);
  ASSERT_EQ(result.fileErrors.size(), 1u);
  EXPECT_EQ(result.fileErrors, whole.fileErrors);
  EXPECT_NE(result.fileErrors[0].find("文件意外结束"), std::string::npos) << result.fileErrors[0];
}

TEST(EvaluateFileStream, AFileThatCannotBeReadIsAFileErrorAndNoCard) {
  defen::LoadResult loaded = defen::Ruleset::load(src("rulesets/zhanjiang-2022-dept.rules"), interpreter());
  ASSERT_TRUE(loaded.ok()) << loaded.errorText();
  size_t cards = 0;
  const defen::BatchResult result = loaded.ruleset->evaluateFile("/nonexistent/defen.json", [&](defen::Scorecard&&) { ++cards; });
  EXPECT_EQ(cards, 0u);
  ASSERT_EQ(result.fileErrors.size(), 1u);
  EXPECT_EQ(result.fileErrors[0], "无法打开数据文件 /nonexistent/defen.json");
  EXPECT_EQ(loaded.ruleset->evaluateFile("data.xls").fileErrors.at(0),
            "不支持的数据文件类型“.xls”：应为 .csv、.json 或 .xlsx 文件（data.xls）");
}

}  // namespace

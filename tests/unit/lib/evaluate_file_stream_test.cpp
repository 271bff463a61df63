// Ruleset::evaluateFile reads a data file a chunk at a time; the overload
// with a callback hands each score card out instead of keeping it. Both must
// score every record as reading the text whole does (evaluateJson), in order.
#include "defen/defen.hpp"
#include "tests/unit/lib/lib_support.h"

#include <gtest/gtest.h>

#include <sstream>
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


// The Zhanjiang department as a CSV: its JSON object's fields (one "key": value
// a line) as columns, then `count` rows of it, 名称 numbered, 年度实际支出
// varied so the 支出 indicators differ from row to row, and every 97th row's
// 收入决算数 an amount that is not one.
std::string departmentsCsv(int count) {
  std::vector<std::pair<std::string, std::string>> fields;
  std::istringstream lines(readText(src("examples/zhanjiang-2022/data.json")));
  for (std::string line; std::getline(lines, line);) {
    const size_t open = line.find('"'), close = line.find("\": ");
    if (open == std::string::npos || close == std::string::npos) continue;
    std::string value = line.substr(close + 3);
    while (!value.empty() && (value.back() == ',' || value.back() == ' ' || value.back() == '\r')) value.pop_back();
    if (value.size() >= 2 && value.front() == '"') value = value.substr(1, value.size() - 2);
    fields.emplace_back(line.substr(open + 1, close - open - 1), value);
  }
  auto cell = [](const std::string& v) { return v.find_first_of(",\"") == std::string::npos ? v : "\"" + v + "\""; };
  std::string csv;
  for (size_t k = 0; k < fields.size(); ++k) csv += (k ? "," : "") + cell(fields[k].first);
  csv += "\n";
  for (int i = 1; i <= count; ++i) {
    for (size_t k = 0; k < fields.size(); ++k) {
      std::string v = fields[k].second;
      if (fields[k].first == "名称") v = "单位" + std::to_string(i);
      if (fields[k].first == "年度实际支出") v = std::to_string(2000000 + 7919 * (i % 300)) + ".77";
      if (fields[k].first == "收入决算数" && i % 97 == 0) v = "三百万";
      csv += (k ? "," : "") + cell(v);
    }
    csv += "\n";
  }
  return csv;
}

std::string everything(const defen::Scorecard& c) {
  std::string s = summary(c) + (c.incomplete ? " incomplete" : "");
  for (const auto& r : c.incompleteReasons) s += " / " + r;
  for (const auto& n : c.indicators) {
    s += "\n  " + n.name + " " + n.score.text + " " + n.statusName + " " + n.explanation;
    for (const auto& e : n.errors) s += " ! " + e;
  }
  return s;
}

// The library's batch call runs the pipeline `defen eval` runs: a CSV of
// many pieces (about 1.5 KB a row, 64 KB a piece) scored on two threads
// gives every card, in file order, exactly as on one thread and as reading
// the same rows whole (evaluate of a table, the serial path).
TEST(EvaluateFileStream, ACsvScoredOnTwoThreadsGivesWhatOneThreadGives) {
  TempDir dir("threads");
  const std::string csv = departmentsCsv(1500);
  ASSERT_GT(csv.size(), 20u * 64 * 1024);  // pieces for both workers
  writeText(dir.path() / "many.csv", csv);
  std::vector<std::vector<std::string>> runs;
  std::vector<defen::BatchResult> results;
  for (int threads : {1, 2}) {
    defen::LoadOptions options = interpreter();
    options.batchThreads = threads;
    defen::LoadResult loaded = defen::Ruleset::load(src("rulesets/zhanjiang-2022-dept.rules"), options);
    ASSERT_TRUE(loaded.ok()) << loaded.errorText();
    std::vector<std::string> cards;
    results.push_back(
        loaded.ruleset->evaluateFile((dir.path() / "many.csv").string(), [&](defen::Scorecard&& card) { cards.push_back(everything(card)); }));
    runs.push_back(std::move(cards));
  }
  ASSERT_EQ(runs[0].size(), 1500u);
  ASSERT_EQ(runs[1].size(), 1500u);
  for (size_t i = 0; i < runs[0].size(); ++i) ASSERT_EQ(runs[1][i], runs[0][i]) << "card " << i;
  EXPECT_EQ(results[1].fileErrors, results[0].fileErrors);
  EXPECT_EQ(results[1].warnings, results[0].warnings);
  // Real values, not just agreement: the first card, and a refused amount that fails only what reads it.
  EXPECT_EQ(runs[0][0].rfind("1 单位1 ", 0), 0u) << runs[0][0];
  EXPECT_NE(runs[0][96].find("97 单位97 "), std::string::npos) << runs[0][96];
  EXPECT_NE(runs[0][96].find("列“收入决算数”"), std::string::npos) << runs[0][96];
  EXPECT_NE(runs[0][96].find(" not-ok"), std::string::npos) << runs[0][96];

  // The serial path: the same rows as records in memory, one table scored on one thread.
  defen::LoadResult loaded = defen::Ruleset::load(src("rulesets/zhanjiang-2022-dept.rules"), interpreter());
  ASSERT_TRUE(loaded.ok());
  std::istringstream rows(csv);
  std::string header, line;
  std::getline(rows, header);
  std::vector<defen::Inputs> records;
  auto split = [](const std::string& text) {  // the cells of one line: quotes only around commas here
    std::vector<std::string> out(1);
    bool quoted = false;
    for (char c : text) {
      if (c == '"') quoted = !quoted;
      else if (c == ',' && !quoted) out.emplace_back();
      else out.back() += c;
    }
    return out;
  };
  const std::vector<std::string> names = split(header);
  while (std::getline(rows, line)) {
    defen::Inputs in;
    const std::vector<std::string> cells = split(line);
    for (size_t k = 0; k < names.size(); ++k)
      if (!cells[k].empty()) in.text(names[k], cells[k]);
    records.push_back(std::move(in));
  }
  const defen::BatchResult serial = loaded.ruleset->evaluate(records);
  ASSERT_EQ(serial.scorecards.size(), 1500u);
  for (size_t i = 0; i < serial.scorecards.size(); ++i) ASSERT_EQ(runs[0][i], everything(serial.scorecards[i])) << "card " << i;
}

}  // namespace

// The C++ embedding API (include/defen/ruleset.hpp) on the real Zhanjiang
// standard: loading, diagnostics, records built in code, files, both engines.
#include "defen/defen.hpp"
#include "tests/unit/lib/lib_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace {

using defen::libtest::readText;
using defen::libtest::src;

defen::LoadOptions interpreter() {
  defen::LoadOptions o;
  o.engine = defen::EngineType::Interpreter;
  return o;
}

// The Zhanjiang data file as a record built in code: JSON strings as text,
// numbers as exact numbers.
defen::Inputs inputsFromJson(const std::string& path) {
  defen::Inputs in;
  nlohmann::json object = nlohmann::json::parse(readText(path));
  for (const auto& [name, value] : object.items()) {
    if (value.is_string()) in.text(name, value.get<std::string>());
    else if (value.is_boolean()) in.flag(name, value.get<bool>());
    else if (value.is_number()) in.number(name, value.dump());
  }
  return in;
}

TEST(RulesetApi, ScoresTheZhanjiangDepartmentFromItsDataFile) {
  for (auto engine : {defen::EngineType::Interpreter, defen::EngineType::Jit}) {
    defen::LoadOptions options;
    options.engine = engine;
    defen::LoadResult loaded = defen::Ruleset::load(src("rulesets/zhanjiang-2022-dept.rules"), options);
    ASSERT_TRUE(loaded.ok()) << loaded.errorText();
    const defen::Ruleset& rules = *loaded.ruleset;
    EXPECT_EQ(rules.name(), "湛江市市级部门整体支出绩效评价");
    EXPECT_EQ(rules.region(), "湛江市");
    EXPECT_EQ(rules.year(), 2022);
    EXPECT_EQ(rules.version(), "2022.1");
    EXPECT_EQ(rules.total(), "100");
    defen::BatchResult batch = rules.evaluateFile(src("examples/zhanjiang-2022/data.json"));
    ASSERT_TRUE(batch.ok());
    ASSERT_EQ(batch.scorecards.size(), 1u);
    const defen::Scorecard& card = batch.scorecards[0];
    EXPECT_EQ(card.id, "湛江市社会科学界联合会");
    EXPECT_EQ(card.total, "86.5");
    EXPECT_DOUBLE_EQ(card.total.value, 86.5);
    EXPECT_EQ(card.grade, "良");
    const defen::IndicatorScore* rate = card.indicator("财政拨款收入预决算差异率");
    ASSERT_NE(rate, nullptr);
    EXPECT_EQ(rate->max, "3");
    EXPECT_EQ(rate->score, "2.5");  // 差异率 3.02%: one 5% step, −0.5
    EXPECT_EQ(rate->status, defen::ScoreStatus::Scored);
    EXPECT_NE(rate->explanation.find("差异率"), std::string::npos) << rate->explanation;
    const defen::IndicatorScore* purchase = card.indicator("政府采购执行率");
    ASSERT_NE(purchase, nullptr);
    EXPECT_EQ(purchase->status, defen::ScoreStatus::Overridden);
    EXPECT_EQ(purchase->statusLabel, "核定");
    EXPECT_EQ(purchase->score, "2");
    EXPECT_EQ(card.indicator("没有这个指标"), nullptr);
  }
}

TEST(RulesetApi, ARecordBuiltInCodeScoresLikeTheFile) {
  defen::LoadResult loaded = defen::Ruleset::load(src("rulesets/zhanjiang-2022-dept.rules"), interpreter());
  ASSERT_TRUE(loaded.ok()) << loaded.errorText();
  defen::Inputs in = inputsFromJson(src("examples/zhanjiang-2022/data.json"));
  defen::Scorecard card = loaded.ruleset->evaluate(in);
  EXPECT_TRUE(card.ok) << (card.errors.empty() ? "" : card.errors[0]);
  EXPECT_EQ(card.total, "86.5");
  EXPECT_EQ(card.grade, "良");
  EXPECT_TRUE(card.warnings.empty());

  // A bad value is an error in the card naming the field, not an exception;
  // it faults the indicators reading it, the others keep their scores, and
  // the total is incomplete without a grade (86.5 less the 2.5 points the
  // faulted 财政拨款收入预决算差异率 had: 84).
  in.text("收入预算数", "两百万");
  defen::Scorecard bad = loaded.ruleset->evaluate(in);
  EXPECT_FALSE(bad.ok);
  EXPECT_TRUE(bad.incomplete);
  ASSERT_FALSE(bad.errors.empty());
  EXPECT_NE(bad.errors[0].find("收入预算数"), std::string::npos) << bad.errors[0];
  EXPECT_NE(bad.errors[0].find("两百万"), std::string::npos) << bad.errors[0];
  EXPECT_EQ(bad.grade, "");
  const defen::IndicatorScore* rate = bad.indicator("财政拨款收入预决算差异率");
  ASSERT_TRUE(rate);
  EXPECT_EQ(rate->status, defen::ScoreStatus::Failed);
  EXPECT_EQ(rate->statusName, "failed");
  ASSERT_EQ(rate->errors.size(), 1u);
  EXPECT_NE(rate->errors[0].find("两百万"), std::string::npos) << rate->errors[0];
  ASSERT_TRUE(bad.indicator("支出完成率"));
  EXPECT_EQ(bad.indicator("支出完成率")->score, card.indicator("支出完成率")->score);
  EXPECT_EQ(bad.total, "84");
  ASSERT_EQ(bad.incompleteReasons.size(), 1u);
  EXPECT_EQ(bad.incompleteReasons[0].rfind("指标“财政拨款收入预决算差异率”未能计分（列“收入预算数”", 0), 0u) << bad.incompleteReasons[0];

  // A field the ruleset does not know is a warning.
  in.text("收入预算数", "2,928,000.00").text("收入预算书", "1");
  defen::Scorecard typo = loaded.ruleset->evaluate(in);
  EXPECT_EQ(typo.total, "86.5");
  ASSERT_EQ(typo.warnings.size(), 1u);
  EXPECT_NE(typo.warnings[0].find("收入预算书"), std::string::npos) << typo.warnings[0];
}

TEST(RulesetApi, BatchesFromJsonTextAndFromRecordsKeepTheirOrder) {
  defen::LoadResult loaded = defen::Ruleset::load(src("rulesets/zhanjiang-2022-dept.rules"), interpreter());
  ASSERT_TRUE(loaded.ok()) << loaded.errorText();
  defen::BatchResult batch = loaded.ruleset->evaluateJson(readText(src("examples/zhanjiang-departments/data.json")));
  ASSERT_EQ(batch.scorecards.size(), 3u);
  EXPECT_EQ(batch.scorecards[0].total, "86.5");
  EXPECT_EQ(batch.scorecards[1].id, "示例单位甲（虚构）");
  EXPECT_EQ(batch.scorecards[1].total, "90.15");
  EXPECT_EQ(batch.scorecards[1].grade, "优");

  std::vector<defen::Inputs> records{inputsFromJson(src("examples/zhanjiang-2022/data.json")), defen::Inputs{{"名称", "空白单位"}}};
  defen::BatchResult two = loaded.ruleset->evaluate(records);
  ASSERT_EQ(two.scorecards.size(), 2u);
  EXPECT_EQ(two.scorecards[0].row, 1);
  EXPECT_EQ(two.scorecards[0].total, "86.5");
  EXPECT_EQ(two.scorecards[1].row, 2);
  EXPECT_FALSE(two.scorecards[1].ok);  // 缺失时 报错 inputs are absent
  EXPECT_FALSE(two.ok());

  defen::BatchResult broken = loaded.ruleset->evaluateJson("{\"名称\": ");
  ASSERT_FALSE(broken.fileErrors.empty());
  EXPECT_FALSE(broken.ok());
}

TEST(RulesetApi, ABasedOnRulesetLoadsWithItsBase) {
  defen::LoadResult loaded = defen::Ruleset::load(src("rulesets/zhanjiang-2023-dept.rules"), interpreter());
  ASSERT_TRUE(loaded.ok()) << loaded.errorText();
  EXPECT_EQ(loaded.ruleset->year(), 2023);
  EXPECT_EQ(loaded.ruleset->version(), "2023.1");
  defen::BatchResult batch = loaded.ruleset->evaluateFile(src("examples/zhanjiang-2022/data.json"));
  ASSERT_EQ(batch.scorecards.size(), 1u);
  EXPECT_EQ(batch.scorecards[0].total, "85");
  EXPECT_EQ(batch.scorecards[0].grade, "良");
}

TEST(RulesetApi, ErrorsAreMessagesNamingThePlace) {
  defen::LoadResult missing = defen::Ruleset::load(src("rulesets/no-such-file.rules"));
  EXPECT_FALSE(missing.ok());
  ASSERT_EQ(missing.messages.size(), 1u);
  EXPECT_EQ(missing.messages[0].code, "E000");
  EXPECT_NE(missing.messages[0].text.find("no-such-file.rules"), std::string::npos);

  std::string text = "名称 \"测试\"\n年度 2024\n输入 { 甲：数值 }\n指标 一 100分 { 得分 = 乙 }\n";
  defen::LoadResult bad = defen::Ruleset::fromText(text, "test.rules", interpreter());
  EXPECT_FALSE(bad.ok());
  // Warnings and errors come in source order: 甲 unused (line 3), then 乙 undefined (line 4).
  ASSERT_EQ(bad.messages.size(), 2u) << bad.errorText();
  EXPECT_FALSE(bad.messages[0].error);
  EXPECT_EQ(bad.messages[0].line, 3);
  const defen::Message& m = bad.messages[1];
  EXPECT_TRUE(m.error);
  EXPECT_EQ(m.file, "test.rules");
  EXPECT_EQ(m.line, 4);
  EXPECT_FALSE(m.code.empty());
  EXPECT_NE(m.text.find("乙"), std::string::npos) << m.text;
  EXPECT_NE(bad.errorText().find("test.rules:4:"), std::string::npos) << bad.errorText();
}

TEST(RulesetApi, RulesetTextInMemoryLoadsAndScores) {
  std::string text =
      "名称 \"测试\"\n年度 2024\n输入 { 甲：数值 }\n"
      "指标 一 100分 { 分段 甲 { 结果 ≥ 60 → 100分\n结果 ＜ 60 → 0分 } }\n";
  defen::LoadResult loaded = defen::Ruleset::fromText(text, "test.rules", interpreter());
  ASSERT_TRUE(loaded.ok()) << loaded.errorText();
  EXPECT_EQ(loaded.ruleset->inputNames(), std::vector<std::string>{"甲"});
  EXPECT_EQ(loaded.ruleset->evaluate(defen::Inputs().number("甲", 75)).total, "100");
  EXPECT_EQ(loaded.ruleset->evaluate(defen::Inputs().number("甲", "59.99")).total, "0");
  EXPECT_EQ(loaded.ruleset->evaluate(defen::Inputs{{"甲", "60"}}).total, "100");
}

TEST(RulesetApi, CopiesShareOneCompiledProgram) {
  defen::LoadResult loaded = defen::Ruleset::load(src("rulesets/zhanjiang-2022-dept.rules"), interpreter());
  ASSERT_TRUE(loaded.ok()) << loaded.errorText();
  defen::Ruleset copy = *loaded.ruleset;
  loaded.ruleset.reset();  // the copy keeps the program alive
  EXPECT_EQ(copy.evaluateFile(src("examples/zhanjiang-2022/data.json")).scorecards.at(0).total, "86.5");
  EXPECT_FALSE(std::string(defen::libraryVersion()).empty());
}

}  // namespace

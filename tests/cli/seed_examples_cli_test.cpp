// The seed examples (issue 5) as a user runs them: `defen eval RULES DATA
// --format json` through both engines must give the seed's own figures — the
// total, the grade, the indicator scores, and explanations that show the
// numbers the seed's report quotes.
#include "tests/cli/cli_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>

namespace {

using namespace defen::clitest;
using nlohmann::json;

// The indicator entries of one result, by their last path element.
std::map<std::string, json> byName(const json& result) {
  std::map<std::string, json> out;
  for (const auto& ind : result.at("indicators")) out[ind.at("path").back().get<std::string>()] = ind;
  return out;
}

json evalJson(const std::string& rules, const std::string& data, const std::string& engine) {
  CliRun r = runStdout("eval --format json --engine " + engine + " " + src(rules) + " " + src(data));
  EXPECT_EQ(r.exit, 0) << r.out;
  return json::parse(r.out);
}

bool contains(const json& indicator, const std::string& text) {
  return indicator.at("explanation").get<std::string>().find(text) != std::string::npos;
}

class SeedExamples : public ::testing::TestWithParam<std::string> {};

// Seed 004: 攀枝花市委社会工作部 2024 self-evaluation, 93.2 (优秀).
TEST_P(SeedExamples, Panzhihua2024ScoresTheSeedsTotal) {
  json j = evalJson("rulesets/panzhihua-2024-self.rules", "examples/panzhihua-2024/data.json", GetParam());
  ASSERT_EQ(j.at("results").size(), 1u);
  const json& r = j.at("results")[0];
  EXPECT_EQ(r.at("id"), "中共攀枝花市委社会工作部");
  EXPECT_EQ(r.at("total").dump(), "93.2");
  EXPECT_EQ(r.at("grade"), "优");
  EXPECT_TRUE(r.at("errors").empty());
  auto ind = byName(r);
  // The seed's subtotals: 履职效能15, 预算管理21.4, 财务管理9, 资产管理9, 采购管理5.8,
  // 项目决策12, 项目执行12, 目标实现9.
  const std::pair<const char*, const char*> subtotals[] = {
      {"履职效能", "15"}, {"预算管理", "21.4"}, {"财务管理", "9"},  {"资产管理", "9"},
      {"采购管理", "5.8"}, {"项目决策", "12"},  {"项目执行", "12"}, {"目标实现", "9"}};
  for (const auto& [name, score] : subtotals) EXPECT_EQ(ind.at(name).at("score").dump(), score) << name;
  // Computed from the seed's figures, not reviewed.
  EXPECT_EQ(ind.at("预算年终结余").at("status"), "scored");
  EXPECT_EQ(ind.at("预算年终结余").at("score").dump(), "1.8");
  EXPECT_TRUE(contains(ind.at("预算年终结余"), "6.14%")) << ind.at("预算年终结余");
  EXPECT_EQ(ind.at("采购执行率").at("status"), "scored");
  EXPECT_EQ(ind.at("采购执行率").at("score").dump(), "2.8");
  EXPECT_TRUE(contains(ind.at("采购执行率"), "93.61%")) << ind.at("采购执行率");
  // 人均资产变化率: no figures for last year, full marks as the seed gives them.
  EXPECT_EQ(ind.at("人均资产变化率").at("status"), "not_applicable");
  EXPECT_EQ(ind.at("人均资产变化率").at("score").dump(), "3");
  // A judgement keeps the seed's reason, with the figures it cites.
  EXPECT_EQ(ind.at("支出执行进度").at("status"), "reviewed");
  EXPECT_EQ(ind.at("支出执行进度").at("score").dump(), "2.6");
  EXPECT_TRUE(contains(ind.at("支出执行进度"), "19.64%"));
  EXPECT_EQ(ind.at("财务岗位设置").at("score").dump(), "1");
  EXPECT_TRUE(contains(ind.at("财务岗位设置"), "无专业的财务人员"));
}

TEST_P(SeedExamples, Panzhihua2024TableShowsTheTotal) {
  CliRun r = runStdout("eval --engine " + GetParam() + " " + src("rulesets/panzhihua-2024-self.rules") + " " +
                       src("examples/panzhihua-2024/data.json"));
  EXPECT_EQ(r.exit, 0) << r.out;
  EXPECT_NE(r.out.find("93.2  等级：优"), std::string::npos) << r.out;
}

INSTANTIATE_TEST_SUITE_P(Engines, SeedExamples, ::testing::Values("interp", "jit"));

TEST(SeedExamplesCheck, NewRulesetsCheckClean) {
  for (const char* rules : {"rulesets/panzhihua-2024-self.rules"}) {
    CliRun r = run(std::string("check ") + src(rules));
    EXPECT_EQ(r.exit, 0) << r.out;
    EXPECT_NE(r.out.find("0个错误，0个警告"), std::string::npos) << r.out;
  }
}

}  // namespace

// The seed examples (issue 5) as a user runs them: `defen eval RULES DATA
// --format json` through both engines must give the seed's own figures — the
// total, the grade, the indicator scores, and explanations that show the
// numbers the seed's report quotes.
#include "tests/cli/cli_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <vector>

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

// project-common-2020 on its own: a made-up project (not a seed) whose every
// framework formula gives a round figure, worked by hand below.
const char* kProject = R"({"名称": "示例项目",
 "预算资金": "1,000,000", "实际到位资金": "900,000", "实际支出资金": "810,000",
 "计划产出数": 50, "实际产出数": 45, "质量达标产出数": 42,
 "计划完成天数": 180, "实际完成天数": 200, "计划成本": "1,000,000", "实际成本": "1,050,000",
 "调查总人数": 100, "满意人数": 95,
 "立项依据充分性": 3, "立项依据充分性.说明": "依据充分",
 "立项程序规范性": 2, "立项程序规范性.说明": "程序规范",
 "绩效目标合理性": 2.5, "绩效目标合理性.说明": "目标与资金量不完全匹配",
 "绩效指标明确性": 2, "绩效指标明确性.说明": "指标可衡量",
 "预算编制科学性": 3, "预算编制科学性.说明": "测算依据充分",
 "资金分配合理性": 2, "资金分配合理性.说明": "分配合理",
 "资金使用合规性": 3, "资金使用合规性.说明": "合规",
 "管理制度健全性": 4, "管理制度健全性.说明": "制度健全",
 "制度执行有效性": 3.5, "制度执行有效性.说明": "验收资料归档不及时",
 "实施效益": 12, "实施效益.档次": "达成预期指标", "实施效益.说明": "达成预期效益"})";

TEST_P(SeedExamples, ProjectCommonAppliesTheFrameworkFormulas) {
  std::string data = tempFile("project.json", kProject);
  CliRun r = runStdout("eval --format json --engine " + GetParam() + " " + src("rulesets/project-common-2020.rules") + " " + data);
  std::filesystem::remove(data);
  ASSERT_EQ(r.exit, 0) << r.out;
  const json res = json::parse(r.out).at("results")[0];
  auto ind = byName(res);
  const std::pair<const char*, const char*> scores[] = {
      {"资金到位率", "3.6"},   // 4 × 900,000 ÷ 1,000,000
      {"预算执行率", "4.5"},   // 5 × 810,000 ÷ 900,000
      {"实际完成率", "13.5"},  // 15 × 45 ÷ 50
      {"质量达标率", "9.33"},  // 10 × 42 ÷ 45
      {"完成及时性", "9"},     // 10 × 180 ÷ 200 days
      {"成本节约率", "4.75"},  // 5 × (1 − 5%) overrun
      {"满意度", "9.5"},       // 10 × 95 ÷ 100
      {"决策", "14.5"},       {"过程", "18.6"}, {"产出", "36.58"}, {"效益", "21.5"}};
  for (const auto& [name, score] : scores) EXPECT_EQ(ind.at(name).at("score").dump(), score) << name << ind.at(name);
  EXPECT_EQ(res.at("total").dump(), "91.18");
  EXPECT_EQ(res.at("grade"), "优");
  EXPECT_TRUE(contains(ind.at("成本节约率"), "-5.00%")) << ind.at("成本节约率");
}

// Seed 000: 鄂州市社科联's five 2023 projects, budget and spending in 万元; the
// seed writes the rates as whole percents (82%, 100%, 100%, 70%, 100%) — the
// first is 49 ÷ 60 = 81.67%, scored exactly; the 评分说明 shows both, in 万元 as declared.
TEST_P(SeedExamples, Ezhou2023ProjectsShowTheSeedsExecutionRates) {
  json j = evalJson("rulesets/ezhou-2023-projects.rules", "examples/ezhou-2023-projects/data.csv", GetParam());
  const json& results = j.at("results");
  ASSERT_EQ(results.size(), 5u);
  struct Row {
    const char* project;
    const char* rate;
    const char* score;
  };
  const Row rows[] = {{"扶持优势文旅产业发展（宣传文化事业）专项资金", "全年执行数49.00万元÷全年预算数60.00万元×100%=81.67%（原文记作82%）", "8.17"},
                      {"延安精神研究会工作", "全年执行数15.00万元÷全年预算数15.00万元×100%=100.00%（原文记作100%）", "10"},
                      {"社科普及研究工作经费", "全年执行数30.00万元÷全年预算数30.00万元×100%=100.00%（原文记作100%）", "10"},
                      {"鄂州市社科界第三次代表大会会议费", "全年执行数7.00万元÷全年预算数10.00万元×100%=70.00%（原文记作70%）", "7"},
                      {"社科联工作运行保障经费", "全年执行数6.00万元÷全年预算数6.00万元×100%=100.00%（原文记作100%）", "10"}};
  for (size_t i = 0; i < 5; ++i) {
    const json& r = results[i];
    EXPECT_EQ(r.at("id"), rows[i].project);
    EXPECT_EQ(r.at("total").dump(), rows[i].score) << rows[i].project;
    EXPECT_TRUE(r.at("grade").is_null());  // 10 of the 100 self-evaluation points: no grade
    auto ind = byName(r);
    EXPECT_EQ(ind.at("预算资金执行率").at("score").dump(), rows[i].score);
    EXPECT_TRUE(contains(ind.at("预算资金执行率"), rows[i].rate)) << ind.at("预算资金执行率");
  }
}

// project-self-2020: the national 项目支出绩效自评表, one generic ruleset for
// every form (issue 15). The example's first form: the rows of the form become
// 三级 lines, the unit's 得分 stands beside the rule's, and the rule-only total
// and the warnings come with the result.
TEST_P(SeedExamples, ProjectSelfEvaluationForm) {
  std::ifstream in(src("examples/project-self-2020/data.json"));
  const json forms = json::parse(in);
  std::string data = tempFile("self.json", json::array({forms[0], forms[1]}).dump());
  CliRun r = runStdout("eval --format json --engine " + GetParam() + " " + src("rulesets/project-self-2020.rules") + " " + data);
  std::filesystem::remove(data);
  ASSERT_EQ(r.exit, 0) << r.out;
  const json res = json::parse(r.out).at("results")[0];
  EXPECT_EQ(res.at("id"), "委托业务项目");
  EXPECT_EQ(res.at("total").dump(), "91.79");
  EXPECT_EQ(res.at("computed").dump(), "89.79");  // 项目成果持续发挥作用年限: the rule gives 10, the unit wrote 12
  EXPECT_EQ(res.at("grade"), "优");
  auto ind = byName(res);
  EXPECT_EQ(ind.at("预算执行率").at("score").dump(), "10");  // 89.974 ÷ 89.974 万元
  const json& rows = ind.at("产出效益满意度").at("rows");
  ASSERT_EQ(rows.size(), 8u);
  EXPECT_EQ(rows[0].at("groups"), json::array({"产出指标", "数量指标"}));
  EXPECT_EQ(rows[0].at("name"), "基建工程委托业务项目数量");
  EXPECT_EQ(rows[0].at("target"), "≥50个");
  EXPECT_EQ(rows[7].at("score").dump(), "9.79");  // 10 × 93% ÷ 95%
  EXPECT_TRUE(rows[7].at("self").is_null());
  EXPECT_EQ(rows[6].at("status"), "overridden");
  EXPECT_EQ(rows[6].at("computed").dump(), "10");
  EXPECT_EQ(rows[6].at("self").dump(), "12");
  EXPECT_EQ(rows[1].at("status"), "reviewed");
  EXPECT_EQ(rows[1].at("tier"), "达成");
  ASSERT_EQ(res.at("warnings").size(), 2u);
  EXPECT_NE(res.at("warnings")[1].get<std::string>().find("自评得分12分高于按规则计算的10分"), std::string::npos);
  // The wage project: 60/30 with no 满意度 row is scored, and flagged.
  const json wage = json::parse(r.out).at("results")[1];
  EXPECT_EQ(wage.at("total").dump(), "97.6");
  EXPECT_EQ(wage.at("computed").dump(), "97.1");
  EXPECT_NE(wage.at("warnings").dump().find("“产出指标”各行分值合计60分，规定为50分"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Engines, SeedExamples, ::testing::Values("interp", "jit"));

TEST(SeedExamplesCheck, NewRulesetsCheckClean) {
  for (const char* rules : {"rulesets/panzhihua-2024-self.rules", "rulesets/project-common-2020.rules", "rulesets/project-self-2020.rules",
                            "rulesets/ezhou-2023-projects.rules"}) {
    CliRun r = run(std::string("check ") + src(rules));
    EXPECT_EQ(r.exit, 0) << r.out;
    EXPECT_NE(r.out.find("0个错误，0个警告"), std::string::npos) << r.out;
  }
}

}  // namespace

// `defen template --form`: the national 项目支出绩效自评表 as an Excel form
// (read back by `defen eval` as forms) and the long CSV form's header.
#include "tests/cli/cli_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

using namespace defen::clitest;

const char* kRules = "rulesets/project-self-2020.rules";

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(ProjectFormCli, TheFormTemplateIsReadBackAsForms) {
  const std::string form = tempFile("自评表.xlsx", "");
  std::filesystem::remove(form);
  const CliRun t = run("template " + src(kRules) + " --form --year 2024 -o " + form);
  ASSERT_EQ(t.exit, 0) << t.out;
  EXPECT_EQ(slurp(form).substr(0, 2), "PK");
  // Read through the eval path: one record per sheet in the form's shape, its
  // lists and the form's header fields all read by the generic ruleset; the
  // blank form has no 年度资金总额 figures, which its 校验 says.
  const CliRun e = run("eval " + src(kRules) + " " + form + " --format json");
  EXPECT_EQ(e.out.find("不对应任何输入或指标"), std::string::npos) << e.out;
  EXPECT_NE(e.out.find("\"errors\":[\"第1行：年度资金总额的全年预算数为0，无法计算预算执行率\"]"), std::string::npos) << e.out;
  std::filesystem::remove(form);
}

TEST(ProjectFormCli, ASheetThatIsNoFormIsAWarningOfEval) {
  const std::string file = tempFile("两表.xlsx", "");
  lxw_workbook* wb = workbook_new(file.c_str());
  lxw_worksheet* form = workbook_add_worksheet(wb, "项目甲");
  worksheet_write_string(form, 0, 0, "项目名称", nullptr);
  worksheet_write_string(form, 0, 1, "甲", nullptr);
  worksheet_write_string(form, 1, 0, "绩效指标", nullptr);
  worksheet_write_string(form, 1, 1, "一级指标", nullptr);
  worksheet_write_string(form, 1, 2, "三级指标", nullptr);
  lxw_worksheet* notes = workbook_add_worksheet(wb, "说明");
  worksheet_write_string(notes, 0, 0, "各项目一张表", nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  const CliRun e = run("eval " + src(kRules) + " " + file);
  EXPECT_NE(e.out.find("两表.xlsx：警告：工作表“说明”不是项目支出绩效自评表（没有“项目名称”“绩效指标”），未读取"), std::string::npos)
      << e.out;
  std::filesystem::remove(file);
}

TEST(ProjectFormCli, TheLongFormHeaderAsCsv) {
  const CliRun t = runStdout("template " + src(kRules) + " --form --format csv");
  ASSERT_EQ(t.exit, 0) << t.out;
  EXPECT_EQ(t.out,
            "项目名称,主管部门,实施单位,年度,年度资金总额.年初预算数,年度资金总额.全年预算数,年度资金总额.全年执行数,"
            "当年财政拨款.年初预算数,当年财政拨款.全年预算数,当年财政拨款.全年执行数,年度总体目标,实际完成情况,"
            "一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,偏差原因分析及改进措施,总分\r\n");
}

TEST(ProjectFormCli, YearWithoutFormIsAUsageError) {
  const CliRun t = run("template " + src(kRules) + " --year 2024 --format csv");
  EXPECT_EQ(t.exit, 2);
  EXPECT_NE(t.out.find("--year 只与 --form 同用"), std::string::npos) << t.out;
}

// A long CSV (one line per indicator row) is grouped into the same forms as
// its JSON, through defen eval's chunked path, for published forms.
TEST(ProjectFormCli, ALongCsvScoresLikeItsJson) {
  const std::pair<const char*, const char*> forms[] = {{"yongde-nutrition-2022", "义务教育营养改善计划专项资金,96.00,优,10.00,86.00"},
                                                       {"tianchang-flood-defence-2022", "水旱灾害防御经费,100.00,优,10.00,90.00"}};
  for (const auto& [form, line] : forms) {
    const std::string base = src(std::string("examples/project-self-2020/forms/") + form);
    const CliRun json = runStdout("eval " + src(kRules) + " " + base + ".json --format csv");
    const CliRun csv = runStdout("eval " + src(kRules) + " " + base + ".csv --format csv");
    EXPECT_NE(json.out.find(line), std::string::npos) << json.out;
    EXPECT_EQ(csv.out, json.out) << form;
  }
}

}  // namespace


namespace {

// The published forms of examples/project-self-2020/forms, scored by the
// generic ruleset through both engines, from their JSON and from their long
// CSV: each result is what expected.json's "defen" entry records — total,
// grade, rule-only total and whether it is complete, every error and every
// warning word for word. Where the unit's 得分 is the published score and the
// rule cannot check a row, the unit's score stands (a warning names the row),
// so 永德 (96), 天长 (100) and 普陀 (98.62) reproduce their published totals; 中江's 分值
// add up to 110 and keep it from a total while the other forms are scored.
TEST(ProjectFormCli, PublishedFormsScoreAsRecordedInBothEnginesAndFormats) {
  const std::string dir = src("examples/project-self-2020/forms/");
  const nlohmann::json expected = nlohmann::json::parse(slurp(dir + "expected.json"));
  int reproduced = 0;
  for (const auto& [form, entry] : expected.items()) {
    ASSERT_TRUE(entry.contains("defen")) << form;
    const nlohmann::json& want = entry.at("defen");
    if (want.at("reproduces_published_total").get<bool>()) {
      EXPECT_EQ(want.at("total"), entry.at("total_published")) << form;
      ++reproduced;
    }
    for (const char* engine : {"jit", "interp"})
      for (const char* format : {".json", ".csv"}) {
        const std::string where = form + format + " (" + engine + ")";
        const CliRun r = runStdout("eval " + src(kRules) + " " + dir + form + format + " --format json --engine " + engine);
        const nlohmann::json out = nlohmann::json::parse(r.out, nullptr, false);
        ASSERT_TRUE(out.is_object()) << where << "\n" << r.out;
        ASSERT_EQ(out.at("results").size(), 1u) << where;
        const nlohmann::json& got = out.at("results").at(0);
        EXPECT_EQ(got.at("total").dump(), want.at("total").dump()) << where;
        EXPECT_EQ(got.value("incomplete", false), !want.at("total_complete").get<bool>()) << where;
        EXPECT_EQ(got.at("grade"), want.at("grade")) << where;
        EXPECT_EQ(got.at("computed").dump(), want.at("computed").dump()) << where;
        EXPECT_EQ(got.value("computedIncomplete", false), !want.at("computed_complete").get<bool>()) << where;
        EXPECT_EQ(got.at("errors"), want.at("errors")) << where;
        EXPECT_EQ(got.at("warnings"), want.at("warnings")) << where;
        EXPECT_EQ(r.exit, want.at("errors").empty() ? 0 : 1) << where;
      }
  }
  EXPECT_GE(reproduced, 3);
}

}  // namespace

namespace {

// A published form's JSON record written into the national layout as a unit
// fills it in Excel: title, 项目名称, 主管部门/实施单位, the 项目资金 block, the
// 绩效指标 table and its 总分 row, every cell as the record writes it.
void writeNationalForm(const nlohmann::json& form, const std::string& file) {
  lxw_workbook* wb = workbook_new(file.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "自评表");
  auto put = [&](lxw_row_t r, lxw_col_t c, const nlohmann::json& v) {
    if (v.is_string() && !v.get<std::string>().empty()) worksheet_write_string(ws, r, c, v.get<std::string>().c_str(), nullptr);
  };
  lxw_row_t r = 0;
  worksheet_write_string(ws, r++, 0, "项目支出绩效自评表", nullptr);
  if (form.contains("年度")) put(r, 0, "（" + form.at("年度").get<std::string>() + "年度）");
  ++r;
  worksheet_write_string(ws, r, 0, "项目名称", nullptr);
  put(r++, 1, form.at("项目名称"));
  worksheet_write_string(ws, r, 0, "主管部门", nullptr);
  put(r, 1, form.value("主管部门", ""));
  worksheet_write_string(ws, r, 4, "实施单位", nullptr);
  put(r++, 5, form.value("实施单位", ""));
  const char* amounts[] = {"年初预算数", "全年预算数", "全年执行数"};
  worksheet_write_string(ws, r, 0, "项目资金（万元）", nullptr);
  for (lxw_col_t c = 0; c < 3; ++c) worksheet_write_string(ws, r, 3 + c, amounts[c], nullptr);
  ++r;
  for (const auto& fund : form.at("项目资金")) {
    put(r, 1, fund.at("资金来源"));
    for (lxw_col_t c = 0; c < 3; ++c) put(r, 3 + c, fund.value(amounts[c], ""));
    ++r;
  }
  const char* heads[] = {"一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"};
  worksheet_write_string(ws, r, 0, "绩效指标", nullptr);
  for (lxw_col_t c = 0; c < 8; ++c) worksheet_write_string(ws, r, 1 + c, heads[c], nullptr);
  ++r;
  for (const auto& row : form.at("绩效指标")) {
    for (lxw_col_t c = 0; c < 8; ++c) put(r, 1 + c, row.value(heads[c], ""));
    ++r;
  }
  worksheet_write_string(ws, r, 1, "总分", nullptr);
  put(r, 7, form.value("总分", ""));
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
}

// The published forms filled into the Excel form score as their JSON does,
// through both engines: the same total, grade, rule-only total, errors and
// warnings (永德 96.00 优, 天长 100.00 优 among them).
TEST(ProjectFormCli, PublishedFormsScoreAlikeFromTheExcelForm) {
  const std::string dir = src("examples/project-self-2020/forms/");
  const nlohmann::json expected = nlohmann::json::parse(slurp(dir + "expected.json"));
  for (const auto& [form, entry] : expected.items()) {
    const std::string file = tempFile(form + ".xlsx", "");
    writeNationalForm(nlohmann::json::parse(slurp(dir + form + ".json")), file);
    const nlohmann::json& want = entry.at("defen");
    for (const char* engine : {"jit", "interp"}) {
      const std::string where = form + ".xlsx (" + engine + ")";
      const CliRun r = runStdout("eval " + src(kRules) + " " + file + " --format json --engine " + engine);
      const nlohmann::json out = nlohmann::json::parse(r.out, nullptr, false);
      ASSERT_TRUE(out.is_object()) << where << "\n" << r.out;
      ASSERT_EQ(out.at("results").size(), 1u) << where << "\n" << r.out;
      const nlohmann::json& got = out.at("results").at(0);
      EXPECT_EQ(got.at("total").dump(), want.at("total").dump()) << where;
      EXPECT_EQ(got.at("grade"), want.at("grade")) << where;
      EXPECT_EQ(got.at("computed").dump(), want.at("computed").dump()) << where;
      EXPECT_EQ(got.at("errors"), want.at("errors")) << where;
      EXPECT_EQ(got.at("warnings"), want.at("warnings")) << where;
    }
    std::filesystem::remove(file);
  }
}

}  // namespace

// `defen template`: the columns a ruleset's data needs, their notes, and the
// round trip — write the template, fill a row, read it back, score it with no
// warning and no error.
#include "test_support.h"

#include "compiler/eval/bind/binder.h"
#include "compiler/report/data_template.h"
#include "compiler/io/readers.h"
#include "compiler/report/template_sheet.h"
#include "compiler/io/xlsx_package.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace defen::testing {
namespace {

// Every kind of column: money in 万元 with a range, an optional number, an
// enum, a yes/no, a declared 评审分, and two reviewed indicators, one with tiers.
const char* kRules = R"(名称 "模板测试"
年度 2023
总分 10分
等级 { 合格 [6分, 10分]；不合格 [0分, 6分) }
输入 {
  财政下达预算数：金额（万元），范围 (0元, +∞)
  年度实际支出：金额（万元）
  督查得分：数值，缺失时 满分
  批复：枚举｛按时、超时｝
  有制度：是否
  专家分：评审分
}
指标 执行 4分 {
  令 率 = 年度实际支出 ÷ 财政下达预算数
  得分 = 若 率 ≥ 90% 且 批复 = 按时 且 有制度 则 满分 否则 2分
}
指标 督查 2分 { 得分 = 督查得分 ÷ 100 × 分值 }
指标 专家 1分 { 得分 = 最小(专家分, 满分) }
指标 效益 2分 { 评审 { 达成 [80%, 100%]；未达成 [0, 80%) } }
指标 规范 1分 { 评审 }
)";

std::vector<std::string> names(const DataTemplate& t) {
  std::vector<std::string> out;
  for (const auto& c : t.columns) out.push_back(c.name);
  return out;
}

const TemplateColumn& column(const DataTemplate& t, const std::string& name) {
  for (const auto& c : t.columns)
    if (c.name == name) return c;
  ADD_FAILURE() << "no column " << name;
  return t.columns.front();
}

std::string tempPath(const std::string& name) {
  return (std::filesystem::path(::testing::TempDir()) / ("defen_tmpl_" + std::to_string(::getpid()) + "_" + name)).string();
}

// One filled row, as a person would type it.
const std::map<std::string, std::string> kRow{
    {"名称", "某局"},       {"财政下达预算数", "420"},  {"年度实际支出", "4,000,000元"}, {"批复", "按时"},
    {"有制度", "是"},       {"专家分", "1"},           {"专家分.说明", "材料齐全"},     {"效益", "1.8"},
    {"效益.档次", "达成"},  {"效益.说明", "目标基本实现"}, {"规范", "1"},                {"规范.说明", "规范"}};

void expectScoresCleanly(const ir::Program& p, const Table& table) {
  ASSERT_TRUE(table.errors.empty()) << table.errors[0].message;
  Evaluation ev = evaluateTable(p, table);
  EXPECT_TRUE(ev.warnings.empty()) << ev.warnings[0];
  EXPECT_TRUE(ev.fileErrors.empty());
  ASSERT_EQ(ev.results.size(), 1u);
  const RecordResult& r = ev.results[0];
  ASSERT_TRUE(r.errors.empty()) << r.errors[0];
  EXPECT_EQ(r.id, "某局");
  // 4,000,000 ÷ 4,200,000 = 95.2% → 4; 督查 missing → 2; 专家 1; 效益 1.8; 规范 1.
  EXPECT_EQ(toString(r.total), "9.8");
  EXPECT_EQ(r.grade, "合格");
}

TEST(DataTemplate, ColumnsAreWhatTheBinderReads) {
  Compilation c = compileOk(kRules);
  const DataTemplate t = dataTemplate(*c.program);
  EXPECT_EQ(t.title, "模板测试（2023年度）");
  EXPECT_EQ(names(t), (std::vector<std::string>{"名称", "财政下达预算数", "年度实际支出", "督查得分", "批复", "有制度", "专家分",
                                                "专家分.说明", "效益", "效益.档次", "效益.说明", "规范", "规范.说明"}));
  // Matching the header against the program finds every column and warns of none.
  Table header;
  header.columns = names(t);
  std::vector<std::string> warnings;
  ColumnMap m = mapColumns(*c.program, header, warnings);
  EXPECT_TRUE(warnings.empty());
  EXPECT_EQ(m.id, 0);
  for (size_t i = 0; i < c.program->inputs.size(); ++i) EXPECT_GE(m.input[i], 0) << c.program->inputs[i].spec.name;
}

TEST(DataTemplate, NotesGiveTypeUnitValuesRangeAndMissingPolicy) {
  Compilation c = compileOk(kRules);
  const DataTemplate t = dataTemplate(*c.program);
  EXPECT_EQ(column(t, "财政下达预算数").note,
            "金额，单位万元：如 420（即 420万元）；也可带单位写 4,200,000元\n取值范围：(0.00元, +∞)\n"
            "必填：规则用到它而它为空时，该行报错、不计分\n用于：执行");
  EXPECT_TRUE(column(t, "财政下达预算数").required);
  EXPECT_EQ(column(t, "督查得分").note, "数值：如 95、-3.5\n可空：缺失时，用到它的指标得满分\n用于：督查");
  EXPECT_FALSE(column(t, "督查得分").required);
  EXPECT_EQ(column(t, "批复").choices, (std::vector<std::string>{"按时", "超时"}));
  EXPECT_EQ(column(t, "批复").note.substr(0, column(t, "批复").note.find('\n')), "填以下之一：按时、超时");
  EXPECT_EQ(column(t, "有制度").choices, (std::vector<std::string>{"是", "否"}));
  EXPECT_EQ(column(t, "专家分.说明").note, "评审分“专家分”的打分理由（文字）\n“专家分”有值时必填，为空则该行报错");
  EXPECT_EQ(column(t, "效益").note,
            "评审指标“效益”（分值2分）的评审得分：0～2分，如 3 或 3分\n必填：为空时该行报错、不计分\n"
            "须在“效益.说明”列写明打分理由\n分数须落在“效益.档次”所填档次的范围内");
  EXPECT_EQ(column(t, "效益.档次").note,
            "评审指标“效益”的档次，填以下之一：\n达成：分值的 [80%, 100%]，即 [1.6分, 2分]\n未达成：分值的 [0%, 80%)，即 [0分, 1.6分)\n"
            "必填：为空时该行报错、不计分");
  EXPECT_EQ(column(t, "效益.档次").choices, (std::vector<std::string>{"达成", "未达成"}));
  EXPECT_EQ(column(t, "规范.说明").note, "评审指标“规范”的打分理由（文字）\n必填：为空时该行报错、不计分");
}

// A ratio column says how a number without % reads, and a usual range is shown.
TEST(DataTemplate, RatioNotesSayHowANumberWithoutPercentReads) {
  Compilation c = compileOk("名称 \"比率\"\n年度 2024\n总分 3分\n输入 {\n  甲：比率\n  乙：比率（百分数），通常 [50%, 120%]\n  丙：比率（小数）\n}\n"
                            "指标 一 3分 { 得分 = 分值 × 最小(1, 甲, 乙, 丙) }\n");
  const DataTemplate t = dataTemplate(*c.program);
  EXPECT_EQ(column(t, "甲").note.substr(0, column(t, "甲").note.find('\n')),
            "比率：如 35.74%（须写 %；不带 % 的数不知是百分数还是小数，会报错）");
  EXPECT_EQ(column(t, "乙").note,
            "比率，不带 % 的数按百分数读：如 35.74（即 35.74%），也可写 35.74%\n通常在 [50.00%, 120.00%] 之内，超出时提示核对\n"
            "必填：规则用到它而它为空时，该行报错、不计分\n用于：一");
  EXPECT_EQ(column(t, "丙").kind, "比率（小数）");
  EXPECT_EQ(column(t, "丙").note.substr(0, column(t, "丙").note.find('\n')), "比率，不带 % 的数按小数读：如 0.3574（即 35.74%），也可写 35.74%");
}

TEST(DataTemplate, ZhanjiangTemplateCoversEveryInputOnce) {
  Compilation c = compileFile((sourceDir() / "rulesets" / "zhanjiang-2022-dept.rules").string());
  ASSERT_TRUE(c.program);
  const DataTemplate t = dataTemplate(*c.program);
  const auto cols = names(t);
  EXPECT_EQ(cols.front(), "名称");
  for (const auto& in : c.program->inputs)
    EXPECT_EQ(std::count(cols.begin(), cols.end(), in.spec.name), 1) << in.spec.name;
  EXPECT_EQ(std::count(cols.begin(), cols.end(), "目标完整性.说明"), 1);
  EXPECT_EQ(column(t, "下属单位预算批复").choices, (std::vector<std::string>{"按时", "超时", "未批复"}));
  EXPECT_NE(column(t, "市委督查得分").note.find("可空：缺失时，用到它的指标得满分"), std::string::npos);
  EXPECT_NE(column(t, "有主管转移支付").note.find("用于：转移支付提前下达、转移支付部分"), std::string::npos);
}

TEST(DataTemplate, CsvRoundTrip) {
  Compilation c = compileOk(kRules);
  const DataTemplate t = dataTemplate(*c.program);
  std::ostringstream csv;
  writeTemplateCsv(csv, t);
  // The text only: `defen template -o` adds the BOM for a file (tests/cli/files_outputs_cli_test.cpp).
  EXPECT_EQ(csv.str().substr(0, 6), "名称");
  std::string filled = csv.str();
  for (size_t i = 0; i < t.columns.size(); ++i) {
    const auto it = kRow.find(t.columns[i].name);
    const std::string v = it == kRow.end() ? "" : it->second;
    filled += (i ? "," : "") + (v.find(',') != std::string::npos ? "\"" + v + "\"" : v);
  }
  filled += "\r\n";
  const std::string path = tempPath("filled.csv");
  std::ofstream(path, std::ios::binary) << filled;
  expectScoresCleanly(*c.program, readDataFile(path));
  std::filesystem::remove(path);

  std::ostringstream notes;
  writeTemplateNotes(notes, t);
  EXPECT_NE(notes.str().find("效益.档次（档次，必填）\n  评审指标“效益”的档次，填以下之一：\n  达成："), std::string::npos) << notes.str();
}

TEST(DataTemplate, XlsxRoundTrip) {
  Compilation c = compileOk(kRules);
  const DataTemplate t = dataTemplate(*c.program);
  const std::string path = tempPath("template.xlsx");
  std::string error;
  ASSERT_TRUE(writeTemplateXlsx(path, t, error)) << error;

  // The empty template: the header only, on the first sheet.
  const Table empty = readDataFile(path);
  ASSERT_TRUE(empty.errors.empty()) << empty.errors[0].message;
  EXPECT_EQ(empty.columns, names(t));
  EXPECT_TRUE(empty.records.empty());
  // 填写说明 lists every column with its note.
  xlsx::Grid notes;
  ASSERT_TRUE(xlsx::readGrid(path, "填写说明", notes, error)) << error;
  ASSERT_GE(notes.rows.size(), 2 + t.columns.size());  // title, header, one row a column
  EXPECT_EQ(notes.rows[0].cells.at(0).cell.text, "模板测试（2023年度） — 数据填写说明");
  for (size_t i = 0; i < t.columns.size(); ++i) {
    const auto& row = notes.rows[2 + i];
    ASSERT_EQ(row.cells.size(), 4u);
    EXPECT_EQ(row.cells[0].cell.text, t.columns[i].name);
    EXPECT_EQ(row.cells[2].cell.text, t.columns[i].required ? "是" : "否");
    EXPECT_EQ(row.cells[3].cell.text, t.columns[i].note);
  }
  // Header notes are cell comments; 枚举, 是否 and 档次 columns get drop-down lists.
  xlsx::Package pkg;
  ASSERT_TRUE(pkg.open(path, error)) << error;
  pugi::xml_document comments, sheet;
  ASSERT_TRUE(pkg.loadXml("xl/comments1.xml", comments, error)) << error;
  EXPECT_TRUE(comments.child("comments").child("commentList").find_child_by_attribute("comment", "ref", "E1"));
  std::ostringstream commentXml;
  comments.save(commentXml);
  EXPECT_NE(commentXml.str().find("填以下之一：按时、超时"), std::string::npos);
  ASSERT_TRUE(pkg.loadXml(pkg.sheets().front().part, sheet, error)) << error;
  std::vector<std::pair<std::string, std::string>> lists;
  // Numeric columns are checked by range: the 评审分 of 效益 (2分) and 规范 (1分)
  // in [0, 分值], the declared 专家分 and the 范围 (0元, +∞) of 财政下达预算数 ≥ 0.
  std::vector<std::string> ranges;
  std::string scoreError;
  for (auto dv : sheet.child("worksheet").child("dataValidations").children("dataValidation")) {
    const std::string type = dv.attribute("type").value(), sqref = dv.attribute("sqref").value();
    if (type == "list") {
      lists.emplace_back(sqref, dv.child_value("formula1"));
      continue;
    }
    const std::string op = dv.attribute("operator").value();
    ranges.push_back(sqref + " " + type + " " + (op.empty() ? "between" : op) + " " + dv.child_value("formula1") + " " +  // between: the default, not written
                     dv.child_value("formula2"));
    if (sqref == "I2:I1048576") {
      scoreError = dv.attribute("error").value();
      EXPECT_STREQ(dv.attribute("errorStyle").value(), "");  // stop: the default
      EXPECT_STREQ(dv.attribute("promptTitle").value(), "填写提示");
      EXPECT_STREQ(dv.attribute("prompt").value(), "取值范围：0～2分");
    }
  }
  EXPECT_EQ(lists, (std::vector<std::pair<std::string, std::string>>{
                       {"E2:E1048576", "\"按时,超时\""}, {"F2:F1048576", "\"是,否\""}, {"J2:J1048576", "\"达成,未达成\""}}));
  EXPECT_EQ(ranges, (std::vector<std::string>{"B2:B1048576 decimal greaterThanOrEqual 0 ", "G2:G1048576 decimal greaterThanOrEqual 0 ",
                                              "I2:I1048576 decimal between 0 2", "L2:L1048576 decimal between 0 1"}));
  EXPECT_EQ(scoreError, "“效益”的取值范围：0～2分，请重新输入。");
  // Amounts and scores are number cells with a number format, names text (@):
  // each column's style, through its cell format to the format's code.
  pugi::xml_document styles;
  ASSERT_TRUE(pkg.loadXml("xl/styles.xml", styles, error)) << error;
  std::map<int, std::string> codes;
  for (auto nf : styles.child("styleSheet").child("numFmts").children("numFmt"))
    codes[nf.attribute("numFmtId").as_int()] = nf.attribute("formatCode").value();
  std::vector<int> xfFormat;
  for (auto xf : styles.child("styleSheet").child("cellXfs").children("xf")) xfFormat.push_back(xf.attribute("numFmtId").as_int());
  std::map<int, std::string> columnFormat;  // 1-based column → format code
  for (auto col : sheet.child("worksheet").child("cols").children("col"))
    for (int c = col.attribute("min").as_int(); c <= col.attribute("max").as_int(); ++c)
      columnFormat[c] = codes[xfFormat.at(static_cast<size_t>(col.attribute("style").as_int()))];
  EXPECT_EQ(columnFormat[1], "@");         // 名称
  EXPECT_EQ(columnFormat[2], "#,##0.00");  // 财政下达预算数
  EXPECT_EQ(columnFormat[9], "0.00");      // 效益 (评审分)
  EXPECT_EQ(columnFormat[11], "@");        // 效益.说明

  // Filled in (a workbook with the template's header and one row) and read back.
  const std::string filledPath = tempPath("filled.xlsx");
  lxw_workbook* wb = workbook_new(filledPath.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "数据");
  for (size_t i = 0; i < empty.columns.size(); ++i) {
    const auto col = static_cast<lxw_col_t>(i);
    worksheet_write_string(ws, 0, col, empty.columns[i].c_str(), nullptr);
    const auto it = kRow.find(empty.columns[i]);
    if (it == kRow.end()) continue;
    if (it->first == "财政下达预算数" || it->first == "效益") worksheet_write_number(ws, 1, col, std::stod(it->second), nullptr);
    else if (it->first == "有制度") worksheet_write_boolean(ws, 1, col, 1, nullptr);
    else worksheet_write_string(ws, 1, col, it->second.c_str(), nullptr);
  }
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  expectScoresCleanly(*c.program, readDataFile(filledPath));
  std::filesystem::remove(path);
  std::filesystem::remove(filledPath);
}

}  // namespace
}  // namespace defen::testing

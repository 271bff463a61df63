// Excel through the command line: .xlsx data (first sheet or --sheet) scores
// exactly like the same data in JSON; bad workbooks are errors, not crashes;
// --format xlsx writes a workbook; `defen template` round trips through CSV
// and XLSX. Workbooks are built here with libxlsxwriter, as Excel would save them.
#include "tests/cli/cli_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace defen::clitest;
using ordered = nlohmann::ordered_json;

const char* kRules = "rulesets/zhanjiang-2022-dept.rules";

ordered exampleRecord() {
  std::ifstream in(src("examples/zhanjiang-2022/data.json"));
  return ordered::parse(in);
}

std::string tempPath(const std::string& name) { return tempFile(name, ""); }

// One cell as a person types it in Excel: amounts like 3,974,522.77 become
// numbers, 是/否 become TRUE/FALSE, the rest stays text.
void writeCell(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const ordered& v) {
  static const std::regex amount(R"(-?[0-9][0-9,]*(\.[0-9]+)?)");
  if (v.is_number()) {
    worksheet_write_number(ws, row, col, v.get<double>(), nullptr);
    return;
  }
  std::string s = v.get<std::string>();
  if (s == "是" || s == "否") {
    worksheet_write_boolean(ws, row, col, s == "是", nullptr);
  } else if (std::regex_match(s, amount)) {
    s.erase(std::remove(s.begin(), s.end(), ','), s.end());
    worksheet_write_number(ws, row, col, std::stod(s), nullptr);
  } else {
    worksheet_write_string(ws, row, col, s.c_str(), nullptr);
  }
}

// A workbook with `columns` as the header and one row from `record` (columns
// it lacks stay empty). `before`: a sheet to put first.
std::string writeWorkbook(const std::string& name, const std::vector<std::string>& columns, const ordered& record,
                          const std::string& sheet = "Sheet1", const std::string& before = "") {
  const std::string path = tempPath(name);
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!before.empty()) worksheet_write_string(workbook_add_worksheet(wb, before.c_str()), 0, 0, "说明", nullptr);
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.c_str());
  for (size_t i = 0; i < columns.size(); ++i) {
    const auto col = static_cast<lxw_col_t>(i);
    worksheet_write_string(ws, 0, col, columns[i].c_str(), nullptr);
    if (record.contains(columns[i])) writeCell(ws, 1, col, record[columns[i]]);
  }
  EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
  return path;
}

std::vector<std::string> keys(const ordered& record) {
  std::vector<std::string> out;
  for (const auto& [k, v] : record.items()) out.push_back(k);
  return out;
}

ordered evalJson(const std::string& data, const std::string& extra = "") {
  CliRun r = runStdout("eval --format json " + extra + " " + src(kRules) + " " + data);
  EXPECT_EQ(r.exit, 0) << r.out;
  return ordered::parse(r.out, nullptr, false);
}

TEST(ExcelCli, XlsxDataScoresLikeTheJsonExample) {
  const ordered record = exampleRecord();
  const std::string xlsx = writeWorkbook("data.xlsx", keys(record), record);
  const ordered fromXlsx = evalJson(xlsx);
  const ordered fromJson = evalJson(src("examples/zhanjiang-2022/data.json"));
  ASSERT_EQ(fromXlsx["results"].size(), 1u);
  const auto& res = fromXlsx["results"][0];
  EXPECT_EQ(res["id"], "湛江市社会科学界联合会");
  EXPECT_EQ(res["total"].dump(), "86.5");
  EXPECT_EQ(res["grade"], "良");
  EXPECT_FALSE(fromXlsx.contains("warnings"));
  // Every indicator's score, status and explanation as from the JSON file.
  EXPECT_EQ(res["indicators"], fromJson["results"][0]["indicators"]);

  CliRun explain = run("explain --indicator 支出完成率 " + src(kRules) + " " + xlsx);
  EXPECT_EQ(explain.exit, 0) << explain.out;
  EXPECT_NE(explain.out.find("3,974,522.77元"), std::string::npos) << explain.out;
}

TEST(ExcelCli, SheetOptionChoosesTheSheet) {
  const ordered record = exampleRecord();
  const std::string xlsx = writeWorkbook("sheets.xlsx", keys(record), record, "数据", "封面");
  const ordered chosen = evalJson(xlsx, "--sheet 数据");
  EXPECT_EQ(chosen["results"][0]["total"].dump(), "86.5");

  CliRun first = run(std::string("eval ") + src(kRules) + " " + xlsx);  // the cover sheet has no data
  EXPECT_EQ(first.exit, 0) << first.out;
  EXPECT_NE(first.out.find("数据列“说明”不对应任何输入或指标，已忽略"), std::string::npos) << first.out;

  CliRun missing = run("eval --sheet 汇总表 " + src(kRules) + " " + xlsx);
  EXPECT_EQ(missing.exit, 1) << missing.out;
  EXPECT_NE(missing.out.find("中没有名为“汇总表”的工作表；现有工作表：“封面”、“数据”"), std::string::npos) << missing.out;
}

TEST(ExcelCli, BadWorkbooksAreErrorsNotCrashes) {
  const std::string text = tempFile("notzip.xlsx", "名称,收入预算数\n甲,1\n");
  CliRun notZip = run(std::string("eval ") + src(kRules) + " " + text);
  EXPECT_EQ(notZip.exit, 1) << notZip.out;
  EXPECT_NE(notZip.out.find("不是有效的 Excel 文件"), std::string::npos) << notZip.out;

  const std::string empty = tempFile("empty.xlsx", "");
  CliRun e = run(std::string("explain ") + src(kRules) + " " + empty);
  EXPECT_EQ(e.exit, 1) << e.out;
  EXPECT_NE(e.out.find(empty), std::string::npos) << e.out;
}

TEST(ExcelCli, FormatXlsxWritesAWorkbook) {
  const std::string out = tempPath("report.xlsx");
  std::filesystem::remove(out);
  CliRun r = run(std::string("eval --format xlsx -o ") + out + " " + src(kRules) + " " + src("examples/zhanjiang-2022/data.json"));
  EXPECT_EQ(r.exit, 0) << r.out;
  std::ifstream in(out, std::ios::binary);
  std::string magic(2, '\0');
  in.read(magic.data(), 2);
  EXPECT_EQ(magic, "PK");  // a zip archive
  CliRun noOutput = run(std::string("eval --format xlsx ") + src(kRules) + " " + src("examples/zhanjiang-2022/data.json"));
  EXPECT_EQ(noOutput.exit, 2) << noOutput.out;
}

// The template's columns, then the override columns the example also uses
// (the template's notes say to add them when needed).
std::vector<std::string> filledColumns(const std::vector<std::string>& templateColumns, const ordered& record) {
  std::vector<std::string> cols = templateColumns;
  for (const auto& k : keys(record))
    if (std::find(cols.begin(), cols.end(), k) == cols.end()) {
      EXPECT_TRUE(k.find(".核定分") != std::string::npos || k.find(".说明") != std::string::npos) << k;
      cols.push_back(k);
    }
  return cols;
}

TEST(ExcelCli, CsvTemplateRoundTrip) {
  const std::string path = tempPath("template.csv");
  CliRun t = run("template " + src(kRules) + " -o " + path);
  EXPECT_EQ(t.exit, 0) << t.out;
  EXPECT_NE(t.out.find("下属单位预算批复（枚举，必填）\n  填以下之一：按时、超时、未批复"), std::string::npos) << t.out;
  std::ifstream in(path, std::ios::binary);
  std::string header;
  std::getline(in, header);
  ASSERT_EQ(header.substr(0, 3), "\xEF\xBB\xBF");
  ASSERT_EQ(header.back(), '\r');
  std::vector<std::string> columns;
  std::stringstream ss(header.substr(3, header.size() - 4));
  for (std::string c; std::getline(ss, c, ',');) columns.push_back(c);
  EXPECT_EQ(columns.front(), "名称");
  EXPECT_EQ(columns.size(), 80u);  // 名称, 47 inputs, 16 评审 indicators × (score, 说明)

  const ordered record = exampleRecord();
  const auto cols = filledColumns(columns, record);
  std::string csv = "\xEF\xBB\xBF";
  for (size_t i = 0; i < cols.size(); ++i) csv += (i ? "," : "") + cols[i];
  csv += "\r\n";
  for (size_t i = 0; i < cols.size(); ++i) {
    std::string v = !record.contains(cols[i]) ? "" : record[cols[i]].is_string() ? record[cols[i]].get<std::string>() : record[cols[i]].dump();
    csv += (i ? "," : "") + ("\"" + v + "\"");
  }
  const ordered result = evalJson(tempFile("filled.csv", csv + "\r\n"));
  EXPECT_FALSE(result.contains("warnings")) << result.dump();
  EXPECT_EQ(result["results"][0]["total"].dump(), "86.5");
  EXPECT_EQ(result["results"][0]["grade"], "良");
}

TEST(ExcelCli, XlsxTemplateRoundTrip) {
  const std::string path = tempPath("template.xlsx");
  CliRun t = run("template --format xlsx " + src(kRules) + " -o " + path);
  EXPECT_EQ(t.exit, 0) << t.out;
  EXPECT_EQ(t.out, "");
  // The empty template reads with every column recognised and no rows.
  CliRun empty = run("eval --format csv " + src(kRules) + " " + path);
  EXPECT_EQ(empty.exit, 0) << empty.out;
  EXPECT_EQ(empty.out.find("警告"), std::string::npos) << empty.out;
  EXPECT_EQ(std::count(empty.out.begin(), empty.out.end(), '\n'), 1) << empty.out;  // the CSV header only

  // Filled in with the template's own columns (from its CSV twin) and scored.
  const std::string csvPath = tempPath("twin.csv");
  ASSERT_EQ(run("template " + src(kRules) + " -o " + csvPath).exit, 0);
  std::ifstream in(csvPath, std::ios::binary);
  std::string header;
  std::getline(in, header);
  std::vector<std::string> columns;
  std::stringstream ss(header.substr(3, header.size() - 4));
  for (std::string c; std::getline(ss, c, ',');) columns.push_back(c);
  const ordered record = exampleRecord();
  const ordered result = evalJson(writeWorkbook("filled.xlsx", filledColumns(columns, record), record, "数据"));
  EXPECT_FALSE(result.contains("warnings")) << result.dump();
  EXPECT_EQ(result["results"][0]["total"].dump(), "86.5");

  CliRun noOutput = run("template --format xlsx " + src(kRules));
  EXPECT_EQ(noOutput.exit, 2) << noOutput.out;
}

}  // namespace

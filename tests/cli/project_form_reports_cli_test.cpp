// The 项目支出绩效自评表 in the documents (issue 15): `defen eval … --format
// html|xlsx|docx` on examples/project-self-2020 prints each project as the
// national form — its 三级 lines with 年度指标值, 实际完成值, 分值 and 得分, the
// rule's score beside a unit's that differs, the 项目资金 block, 总分 and grade,
// and the 提示 under it — through both engines, read back from the files.
#include "tests/cli/cli_support.h"

#include "compiler/io/xlsx_package.h"

#include <gtest/gtest.h>
#include <pugixml.hpp>
#include <zip.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace defen::clitest;
using defen::Cell;

const char* kRules = "rulesets/project-self-2020.rules";
const char* kData = "examples/project-self-2020/data.json";

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// `defen eval` of the example into `path` with one engine; exit 1: some forms have errors.
void evalTo(const std::string& format, const std::string& engine, const std::string& path) {
  std::filesystem::remove(path);
  const CliRun r = run("eval " + src(kRules) + " " + src(kData) + " --engine " + engine + " --format " + format + " -o " + path);
  ASSERT_EQ(r.exit, 1) << r.out;  // 资金行矛盾的项目 and others are not scored, as the example intends
  ASSERT_TRUE(std::filesystem::exists(path)) << r.out;
}

TEST(ProjectFormReports, HtmlPrintsTheNationalFormThroughBothEngines) {
  std::string pages[2];
  const char* engines[2] = {"interp", "jit"};
  for (int e = 0; e < 2; ++e) {
    const std::string path = tempFile(std::string("form-") + engines[e] + ".html", "");
    evalTo("html", engines[e], path);
    pages[e] = slurp(path);
    std::filesystem::remove(path);
  }
  EXPECT_EQ(pages[0], pages[1]) << "the interpreter and the JIT print different forms";
  const std::string& html = pages[1];
  EXPECT_NE(html.find("<h2 class=\"form-title\">项目支出绩效自评表</h2>"), std::string::npos);
  EXPECT_NE(html.find("<th class=\"label\">项目名称</th><td colspan=\"9\">委托业务项目</td>"), std::string::npos);
  // 项目资金: the 预算执行率 on the 年度资金总额 line (89.974 of 89.974 万元).
  EXPECT_NE(html.find("<td colspan=\"2\">年度资金总额</td><td class=\"num\">90</td><td class=\"num\">89.974</td><td class=\"num\">89.974</td>"
                      "<td class=\"num\">10.00</td><td class=\"num\">100.00%</td><td class=\"num\">10.00</td>"),
            std::string::npos);
  // A 三级 line: 年度指标值 as written, 分值 and 得分 to two places, no rule score (the same).
  EXPECT_NE(html.find("<td>委托业务按时完成率</td><td>≥95％</td><td>96%</td><td class=\"num\">8.00</td><td class=\"num\">8.00</td>"
                      "<td class=\"num\"></td>"),
            std::string::npos);
  // The unit's 12 stands; the rule's 10 beside it.
  EXPECT_NE(html.find("<td>项目成果持续发挥作用年限</td><td>≥3年</td><td>2</td><td class=\"num\">15.00</td><td class=\"num\">12.00</td>"
                      "<td class=\"num\">10.00</td>"),
            std::string::npos);
  EXPECT_NE(html.find("<td class=\"num\">100.00</td><td class=\"num\">91.79</td><td class=\"num\">89.79</td><td>等级：优</td>"),
            std::string::npos);
  EXPECT_NE(html.find("<li>第1行，绩效指标第7行（项目成果持续发挥作用年限）：自评得分12分高于按规则计算的10分</li>"), std::string::npos);
  // Each line's 评分说明 under the form, in words.
  EXPECT_NE(html.find("<li><b>项目成果持续发挥作用年限</b>：年度指标值为不低于3年，实际完成值“2”，按规则得10.00分（分值15.00分）；"
                      "单位自评12.00分，以自评为准。</li>"),
            std::string::npos);
  EXPECT_NE(html.find("<li><b>预算执行率</b>：预算数="), std::string::npos);
  // A form that cannot be scored keeps its header and says why.
  EXPECT_NE(html.find("<li>第3行：项目资金中“年度资金总额”一行与各项资金来源之和不符</li>"), std::string::npos);
  // An indicator row in error: no score, its message in the reason column.
  EXPECT_NE(html.find("—<span class=\"badge badge-error\">出错</span>"), std::string::npos);
  EXPECT_NE(html.find("@page{size:A4 landscape"), std::string::npos);
}

// A numeric cell to the cent. Excel holds a binary double (91.79 is stored as
// 91.79000000000001) and shows it with the cell's format 0.00.
long long cents(const Cell& cell) {
  EXPECT_EQ(cell.kind, Cell::Kind::Number) << cell.text;
  return cell.kind == Cell::Kind::Number ? std::llround(std::stod(cell.text) * 100) : -1;
}

// A report sheet read back as a grid: per Excel row (1-based), the cells by column.
std::vector<std::vector<Cell>> readSheet(const std::string& path, const std::string& sheet) {
  defen::xlsx::Grid grid;
  std::string error;
  EXPECT_TRUE(defen::xlsx::readGrid(path, sheet, grid, error)) << error;
  std::vector<std::vector<Cell>> rows;
  for (const auto& r : grid.rows) {
    rows.resize(static_cast<size_t>(r.number) + 1);
    rows[static_cast<size_t>(r.number)].resize(static_cast<size_t>(r.lastColumn()) + 1);
    for (const auto& c : r.cells) rows[static_cast<size_t>(r.number)][static_cast<size_t>(c.col)] = c.cell;
  }
  return rows;
}

// The row whose column `col` reads `text`, as the form's ten columns (blank
// cells at the end are not stored); empty when none does.
std::vector<Cell> rowWith(const std::vector<std::vector<Cell>>& rows, size_t col, const std::string& text) {
  for (auto r : rows)
    if (r.size() > col && r[col].text == text) {
      r.resize(std::max<size_t>(r.size(), 10));
      return r;
    }
  return {};
}

// A published form whose rows the rule cannot all check (永德: ═100%, 有效):
// the unit's 得分 stands with no rule score beside it, and the rule-only
// total under the form says it lacks those rows.
TEST(ProjectFormReports, HtmlShowsNoRuleScoreWhereTheRuleCouldNotCheckARow) {
  for (const char* engine : {"interp", "jit"}) {
    const std::string path = tempFile(std::string("yongde-") + engine + ".html", "");
    std::filesystem::remove(path);
    const CliRun r = run("eval " + src(kRules) + " " + src("examples/project-self-2020/forms/yongde-nutrition-2022.json") +
                         " --engine " + engine + " --format html -o " + path);
    ASSERT_EQ(r.exit, 0) << r.out;
    const std::string html = slurp(path);
    std::filesystem::remove(path);
    EXPECT_NE(html.find("<td>政策知晓率</td><td>═100%</td><td>98%</td><td class=\"num\">10.00</td><td class=\"num\">9.00</td>"
                        "<td class=\"num\"></td>"),
              std::string::npos)
        << engine;
    EXPECT_NE(html.find("按规则计算的总分为70.00分（不完整：有的行按规则无法核对，以单位自评计），规则得分一栏列出与自评不同的各行。"),
              std::string::npos)
        << engine;
  }
}

TEST(ProjectFormReports, XlsxHasOneLandscapeFormSheetPerProject) {
  for (const char* engine : {"interp", "jit"}) {
    SCOPED_TRACE(engine);
    const std::string path = tempFile(std::string("form-") + engine + ".xlsx", "");
    evalTo("xlsx", engine, path);
    const auto rows = readSheet(path, "委托业务项目");
    ASSERT_FALSE(rows.empty());
    EXPECT_EQ(rows[1][0].text, "项目支出绩效自评表");
    // 一级 and 二级 are merged down their runs: the text is on the run's first row.
    const auto first = rowWith(rows, 3, "基建工程委托业务项目数量");
    ASSERT_EQ(first.size(), 10u);
    EXPECT_EQ(first[1].text, "产出指标");
    EXPECT_EQ(first[2].text, "数量指标");
    const auto line = rowWith(rows, 3, "委托业务按时完成率");
    ASSERT_EQ(line.size(), 10u);
    EXPECT_EQ(line[1].text, "");
    EXPECT_EQ(line[2].text, "时效指标");
    EXPECT_EQ(line[4].text, "≥95％");
    EXPECT_EQ(line[5].text, "96%");
    EXPECT_EQ(cents(line[6]), 800);
    EXPECT_EQ(cents(line[7]), 800);
    const auto self = rowWith(rows, 3, "项目成果持续发挥作用年限");
    ASSERT_EQ(self.size(), 10u);
    EXPECT_EQ(cents(self[7]), 1200);
    EXPECT_EQ(cents(self[8]), 1000);
    const auto total = rowWith(rows, 0, "总分");
    ASSERT_EQ(total.size(), 10u);
    EXPECT_EQ(cents(total[6]), 10000);
    EXPECT_EQ(cents(total[7]), 9179);
    EXPECT_EQ(cents(total[8]), 8979);
    EXPECT_EQ(total[9].text, "等级：优");
    const auto funds = rowWith(rows, 1, "年度资金总额");
    ASSERT_EQ(funds.size(), 10u);
    EXPECT_EQ(cents(funds[6]), 1000);
    EXPECT_EQ(funds[7].text, "100%");  // a rate: the reader gives the percentage Excel shows
    EXPECT_EQ(cents(funds[8]), 1000);
    EXPECT_FALSE(rowWith(rows, 0, "委托业务按时完成率：年度指标值为不低于95％，实际完成值“96%”，按规则得8.00分（分值8.00分）。").empty());
    // The 总分 follows the 得分 cells and the grade the 总分 (a reviewer's correction moves both).
    defen::xlsx::Package pkg;
    std::string error;
    ASSERT_TRUE(pkg.open(path, error)) << error;
    std::string part;
    for (const auto& s : pkg.sheets())
      if (s.name == "委托业务项目") part = s.part;
    pugi::xml_document sheet;
    ASSERT_TRUE(pkg.loadXml(part, sheet, error)) << error;
    const auto ws = sheet.child("worksheet");
    EXPECT_STREQ(ws.child("pageSetup").attribute("orientation").value(), "landscape");
    EXPECT_STREQ(ws.child("pageSetup").attribute("paperSize").value(), "9");
    std::vector<std::string> formulas;
    for (auto c : ws.child("sheetData").select_nodes("row/c[f]")) formulas.push_back(c.node().child_value("f"));
    ASSERT_EQ(formulas.size(), 2u);
    EXPECT_EQ(formulas[0], "ROUND(SUM(I6,H12:H19),2)");
    EXPECT_EQ(formulas[1].rfind("IF(AND(H20>=90,H20<=100),\"等级：优\"", 0), 0u) << formulas[1];
    // A form with a row in error: the row reads 出错 and the provisional total stays a plain number.
    const auto faulted = readSheet(path, "指标值无法读取的项目");
    const auto bad = rowWith(faulted, 3, "培训合格率");
    ASSERT_EQ(bad.size(), 10u);
    EXPECT_EQ(bad[7].text, "出错");
    EXPECT_NE(bad[9].text.find("年度指标值"), std::string::npos) << bad[9].text;
    const auto provisional = rowWith(faulted, 0, "总分");
    ASSERT_EQ(provisional.size(), 10u);
    EXPECT_EQ(cents(provisional[7]), 7000);
    EXPECT_EQ(provisional[9].text, "不完整，等级待定");
    std::string faultedPart;
    for (const auto& s : pkg.sheets())
      if (s.name == "指标值无法读取的项目") faultedPart = s.part;
    pugi::xml_document faultedSheet;
    ASSERT_TRUE(pkg.loadXml(faultedPart, faultedSheet, error)) << error;
    EXPECT_TRUE(faultedSheet.child("worksheet").child("sheetData").select_nodes("row/c[f]").empty());
    std::filesystem::remove(path);
  }
}

// One part of a zip archive (a .docx), whole.
std::string zipPart(const std::string& path, const char* part) {
  int err = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_RDONLY, &err);
  if (!zip) return {};
  std::string bytes;
  if (zip_file_t* f = zip_fopen(zip, part, 0)) {
    char buf[65536];
    for (zip_int64_t n; (n = zip_fread(f, buf, sizeof buf)) > 0;) bytes.append(buf, static_cast<size_t>(n));
    zip_fclose(f);
  }
  zip_close(zip);
  return bytes;
}

// The text of each cell of each row of every table in word/document.xml.
std::vector<std::vector<std::string>> docxRows(const std::string& path, std::string& documentXml) {
  documentXml = zipPart(path, "word/document.xml");
  pugi::xml_document doc;
  EXPECT_TRUE(doc.load_string(documentXml.c_str())) << path;
  std::vector<std::vector<std::string>> rows;
  for (auto tr : doc.select_nodes("//w:tr")) {
    std::vector<std::string> cells;
    for (auto tc : tr.node().children("w:tc")) {
      std::string text;
      for (auto t : tc.select_nodes(".//w:t")) text += t.node().child_value();
      cells.push_back(text);
    }
    rows.push_back(std::move(cells));
  }
  return rows;
}

TEST(ProjectFormReports, WordPrintsTheFormOnLandscapeA4) {
  for (const char* engine : {"interp", "jit"}) {
    SCOPED_TRACE(engine);
    const std::string path = tempFile(std::string("form-") + engine + ".docx", "");
    evalTo("docx", engine, path);
    std::string xml;
    const auto rows = docxRows(path, xml);
    EXPECT_NE(xml.find("w:orient=\"landscape\""), std::string::npos);
    EXPECT_NE(xml.find("<w:t xml:space=\"preserve\">项目支出绩效自评表</w:t>"), std::string::npos);
    auto find = [&](const std::vector<std::string>& cells) {
      return std::any_of(rows.begin(), rows.end(), [&](const std::vector<std::string>& r) {
        return std::search(r.begin(), r.end(), cells.begin(), cells.end()) != r.end();
      });
    };
    EXPECT_TRUE(find({"委托业务按时完成率", "≥95％", "96%", "8.00", "8.00", ""}));
    EXPECT_TRUE(find({"项目成果持续发挥作用年限", "≥3年", "2", "15.00", "12.00", "10.00"}));
    EXPECT_TRUE(find({"总分", "100.00", "91.79", "89.79", "等级：优"}));
    EXPECT_TRUE(find({"年度资金总额", "90", "89.974", "89.974", "10.00", "100.00%", "10.00"}));
    EXPECT_NE(xml.find("第1行，绩效指标第7行（项目成果持续发挥作用年限）：自评得分12分高于按规则计算的10分"), std::string::npos);
    EXPECT_NE(xml.find("委托单位满意度：年度指标值为不低于95%，实际完成值“93”，按规则得9.79分（分值10.00分）。"), std::string::npos);
    std::filesystem::remove(path);
  }
}

}  // namespace

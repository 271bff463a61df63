// The XLSX report, written then read back by our own reader and compared cell
// by cell with the results it was written from.
#include "test_support.h"

#include "compiler/report/report_schema.h"
#include "compiler/report/attachment_layout.h"
#include "compiler/io/readers.h"
#include "compiler/io/xlsx_package.h"
#include "compiler/report/xlsx_report.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

namespace defen::testing {
namespace {

std::string tempPath(const std::string& name) {
  return (std::filesystem::path(::testing::TempDir()) / ("defen_report_" + std::to_string(::getpid()) + "_" + name)).string();
}

// A numeric cell equal to `expected` (as a decimal: "4" == "4.00").
void expectNumber(const Cell& cell, Decimal expected, const std::string& where) {
  ASSERT_EQ(cell.kind, Cell::Kind::Number) << where << ": " << cell.text;
  const auto d = Decimal::parse(cell.text);
  ASSERT_TRUE(d.has_value()) << where << ": " << cell.text;
  EXPECT_EQ(*d, expected) << where << ": " << cell.text << " vs " << toString(expected);
}

// A report sheet is not a data table (its title row is one merged cell), so
// it is read as a grid: per Excel row (1-based index), the cells by column.
std::vector<std::vector<Cell>> readSheet(const std::string& path, const std::string& sheet) {
  xlsx::Grid grid;
  std::string error;
  EXPECT_TRUE(xlsx::readGrid(path, sheet, grid, error)) << error;
  std::vector<std::vector<Cell>> rows;
  for (const auto& r : grid.rows) {
    EXPECT_TRUE(r.error.empty()) << r.error;
    rows.resize(static_cast<size_t>(r.number) + 1);
    rows[static_cast<size_t>(r.number)].resize(static_cast<size_t>(r.lastColumn()) + 1);
    for (const auto& c : r.cells) rows[static_cast<size_t>(r.number)][static_cast<size_t>(c.col)] = c.cell;
  }
  return rows;
}

// The XML of a sheet or other part, as stored in the archive.
struct Parts {
  xlsx::Package pkg;
  explicit Parts(const std::string& path) {
    std::string error;
    EXPECT_TRUE(pkg.open(path, error)) << error;
  }
  pugi::xml_document part(const std::string& name) {
    pugi::xml_document doc;
    std::string error;
    EXPECT_TRUE(pkg.loadXml(name, doc, error)) << error;
    return doc;
  }
  pugi::xml_document sheet(const std::string& name) {
    for (const auto& e : pkg.sheets())
      if (e.name == name) return part(e.part);
    ADD_FAILURE() << "no sheet " << name;
    return {};
  }
};

pugi::xml_node cellAt(const pugi::xml_document& sheet, const std::string& ref) {
  return sheet.child("worksheet").child("sheetData").find_node(
      [&](pugi::xml_node n) { return std::string(n.name()) == "c" && ref == n.attribute("r").value(); });
}

struct Scored {
  Compilation compilation;
  ReportSchema schema;
  std::vector<RecordResult> results;
};

Scored scoreZhanjiang(Table data) {
  Scored s;
  s.compilation = compileFile((sourceDir() / "rulesets" / "zhanjiang-2022-dept.rules").string());
  EXPECT_TRUE(s.compilation.program);
  Evaluation ev = evaluateTable(*s.compilation.program, data);
  EXPECT_TRUE(ev.fileErrors.empty());
  s.schema = reportSchema(*s.compilation.program);
  s.results = std::move(ev.results);
  return s;
}

TEST(XlsxReport, SummarySheetReadsBackCellByCell) {
  Scored s = scoreZhanjiang(readDataFile((sourceDir() / "examples" / "zhanjiang-2022" / "data.json").string()));
  ASSERT_EQ(s.results.size(), 1u);
  const std::string path = tempPath("summary.xlsx");
  std::string error;
  ASSERT_TRUE(writeXlsxReport(path, s.schema, s.results, error)) << error;

  const auto rows = readSheet(path, "汇总");
  const size_t nodes = s.schema.nodes.size();
  ASSERT_EQ(rows.size(), 1 + 3 + 1u);  // (unused 0), two header rows, 分值, the department
  const auto& top = rows[1];
  const auto& names = rows[2];
  ASSERT_EQ(top.size(), 4 + nodes + 2);  // 行 名称 总分 等级, indicators, 加减分, 错误
  EXPECT_EQ(top[0].text, "行");
  EXPECT_EQ(top[2].text, "总分");
  EXPECT_EQ(top[4 + nodes].text, "工作表现加减分指标");
  EXPECT_EQ(top.back().text, "错误");
  // Short headers: the 一级 indicator above, merged over its columns (text in
  // its first cell only), each column's own name below; a parent's is its 小计.
  EXPECT_EQ(top[4].text, "预算编制情况");
  EXPECT_EQ(top[5].kind, Cell::Kind::Missing);
  EXPECT_EQ(names[4].text, "小计");
  for (size_t i = 0; i < nodes; ++i) {
    const ReportNode& n = s.schema.nodes[i];
    if (n.path.size() > 1) {
      EXPECT_EQ(names[4 + i].text, n.leaf ? n.path.back() : n.path.back() + "小计") << i;
    }
  }
  const auto spend = std::find_if(s.schema.nodes.begin(), s.schema.nodes.end(), [](const ReportNode& n) { return n.path.back() == "支出完成率"; });
  ASSERT_NE(spend, s.schema.nodes.end());
  const size_t spendCol = 4 + static_cast<size_t>(spend - s.schema.nodes.begin());
  EXPECT_EQ(names[spendCol].text, "支出完成率");

  const auto& weights = rows[3];
  EXPECT_EQ(weights[0].text, "分值");
  expectNumber(weights[2], Decimal::fromInt(100), "总分值");
  const auto& dept = rows[4];
  expectNumber(dept[0], Decimal::fromInt(1), "行");
  EXPECT_EQ(dept[1].text, "湛江市社会科学界联合会");
  expectNumber(dept[2], *Decimal::parse("86.5"), "总分");
  EXPECT_EQ(dept[3].text, "良");
  expectNumber(dept[spendCol], Decimal::fromInt(4), "支出完成率");
  // Every indicator: its 分值 in the third header row, its score below.
  for (size_t i = 0; i < nodes; ++i) {
    expectNumber(weights[4 + i], s.schema.nodes[i].max, s.schema.nodes[i].path.back());
    expectNumber(dept[4 + i], s.results[0].nodes[i].score, s.schema.nodes[i].path.back());
  }
  expectNumber(dept[4 + nodes], Decimal(), "加减分");
  EXPECT_EQ(dept.size(), 4 + nodes + 1);  // no errors: the last cell is empty
  std::filesystem::remove(path);
}

// The 排名 sheet: examples/zhanjiang-departments by total, then grades,
// histogram and indicator rates below, read back cell by cell.
TEST(XlsxReport, RankingSheetNamesTheDepartments) {
  Scored s = scoreZhanjiang(readDataFile((sourceDir() / "examples" / "zhanjiang-departments" / "data.json").string()));
  ASSERT_EQ(s.results.size(), 3u);
  const std::string path = tempPath("ranking.xlsx");
  std::string error;
  ASSERT_TRUE(writeXlsxReport(path, s.schema, s.results, error)) << error;
  const auto rows = readSheet(path, "排名");
  ASSERT_GE(rows.size(), 5u);
  EXPECT_EQ(rows[1][0].text, "名次");
  EXPECT_EQ(rows[1][4].text, "失分最多的三个指标");
  const char* const names[] = {"示例单位甲（虚构）", "示例单位乙（虚构）", "湛江市社会科学界联合会"};
  const char* const totals[] = {"90.15", "88.4", "86.5"};
  for (int i = 0; i < 3; ++i) {
    const auto& row = rows[static_cast<size_t>(i) + 2];
    expectNumber(row[0], Decimal::fromInt(i + 1), "名次");
    EXPECT_EQ(row[1].text, names[i]);
    // Excel holds a double: 90.15 reads back as 90.150000000000006, so compare to the cent.
    ASSERT_EQ(row[2].kind, Cell::Kind::Number) << names[i];
    EXPECT_EQ(toFixed(*Decimal::parse(row[2].text), 2), toFixed(*Decimal::parse(totals[i]), 2)) << names[i];
  }
  EXPECT_EQ(rows[2][3].text, "优");
  EXPECT_EQ(rows[4][4].text, "目标科学性 −3.00、主要指标体现履职效果 −3.00、项目监管 −2.00");
  EXPECT_EQ(rows[6][0].text, "等级");  // after a blank row
  EXPECT_EQ(rows[7][0].text, "优");
  expectNumber(rows[8][2], Decimal::fromInt(2), "良");
  EXPECT_EQ(rows[12][0].text, "总分区间（分）");
  EXPECT_EQ(rows[13][0].text, "[86.00, 88.00)");
  // Each indicator's average score rate is a number shown as a percentage.
  const auto header = std::find_if(rows.begin(), rows.end(), [](const auto& r) { return !r.empty() && r[0].text == "指标"; });
  ASSERT_NE(header, rows.end());
  ASSERT_LT(header + 1, rows.end());
  EXPECT_EQ((*header)[3].text, "平均得分率");
  // The reader gives a number in a percent format as Excel shows it ("76.67%"),
  // so the % proves the cell is a number formatted 0.00%, not text.
  const std::string shown = (*(header + 1))[3].text;
  ASSERT_TRUE(!shown.empty() && shown.back() == '%') << shown;
  const Decimal rate = *Decimal::parse(shown.substr(0, shown.size() - 1));
  EXPECT_TRUE(rate >= Decimal() && rate <= Decimal::fromInt(100)) << shown;  // 76.67%: the fraction 0.7667 formatted
  std::filesystem::remove(path);
}

TEST(XlsxReport, DepartmentSheetFollowsTheAttachmentLayout) {
  Scored s = scoreZhanjiang(readDataFile((sourceDir() / "examples" / "zhanjiang-2022" / "data.json").string()));
  const std::string path = tempPath("department.xlsx");
  std::string error;
  ASSERT_TRUE(writeXlsxReport(path, s.schema, s.results, error)) << error;

  const auto rows = readSheet(path, "湛江市社会科学界联合会");
  EXPECT_EQ(rows.at(1).at(0).text, "湛江市市级部门整体支出绩效评价（2022年度）\n湛江市社会科学界联合会");
  const AttachmentLayout layout = attachmentLayout(s.schema);
  const size_t depth = static_cast<size_t>(layout.depth);
  ASSERT_EQ(depth, 4u);
  // (unused 0), title, header, leaves, 加减分, 合计, a blank row, the signature line.
  ASSERT_EQ(rows.size(), 1 + 2 + layout.rows.size() + 2 + 2);
  EXPECT_EQ(rows.back().at(0).text, "评价机构（盖章）：");
  EXPECT_EQ(rows.back().at(depth + 1).text, "评价人（签字）：");
  EXPECT_EQ(rows.back().at(depth + 2).text, "日期：　　年　　月　　日");
  const auto& header = rows[2];
  EXPECT_EQ(header[0].text, "一级指标");
  EXPECT_EQ(header[3].text, "四级指标");
  EXPECT_EQ(header[depth].text, "分值");
  EXPECT_EQ(header[depth + 1].text, "评分标准");
  EXPECT_EQ(header[depth + 2].text, "评分说明");
  EXPECT_EQ(header[depth + 3].text, "得分");
  EXPECT_EQ(header[depth + 4].text, "状态");

  const RecordResult& r = s.results[0];
  for (size_t k = 0; k < layout.rows.size(); ++k) {
    const LayoutRow& lr = layout.rows[k];
    const auto& row = rows[3 + k];
    ASSERT_EQ(row.size(), depth + 5);
    const auto leaf = static_cast<size_t>(lr.leaf);
    const std::string name = s.schema.nodes[leaf].path.back();
    expectNumber(row[depth], s.schema.nodes[leaf].max, name + " 分值");
    EXPECT_EQ(row[depth + 1].text, s.schema.nodes[leaf].criteria) << name;
    EXPECT_EQ(row[depth + 2].text, r.nodes[leaf].explanation) << name;
    expectNumber(row[depth + 3], r.nodes[leaf].score, name + " 得分");
    const std::string label = statusLabel(r.nodes[leaf].status);
    EXPECT_EQ(row[depth + 4].text, label.empty() ? "计分" : label) << name;
    // A level cell holds text where a merged range starts, nothing where one continues.
    for (size_t l = 0; l < depth; ++l) {
      if (lr.spans[l] == 0) {
        EXPECT_EQ(row[l].kind, Cell::Kind::Missing) << name << " level " << l;
      } else if (lr.levels[l] == lr.leaf) {
        EXPECT_EQ(row[l].text, name);
      }
    }
  }
  // The first leaf row starts every level: 预算编制情况 carries its subtotal.
  EXPECT_EQ(rows[3][0].text, "预算编制情况\n（20.00分，得15.50分）");
  const auto& bonus = rows[rows.size() - 4];
  EXPECT_EQ(bonus[0].text, "工作表现加减分指标");
  EXPECT_EQ(bonus[depth + 2].text, "表彰次数0×1分（最多加3分），加0.00分；问责次数0×2分（最多减6分），减0.00分。");
  expectNumber(bonus[depth + 3], Decimal(), "加减分");
  const auto& total = rows[rows.size() - 3];
  EXPECT_EQ(total[0].text, "合计");
  expectNumber(total[depth], Decimal::fromInt(100), "合计分值");
  EXPECT_EQ(total[depth + 1].text, "等级：良");
  expectNumber(total[depth + 3], *Decimal::parse("86.5"), "合计得分");
  std::filesystem::remove(path);
}

// Seed 001 (total 86.5, 良): the 合计, its grade and the subtotals are
// formulas over the 得分 cells, with the computed values cached; statuses
// and scores are plain cells, the scores numbers.
TEST(XlsxReport, TotalsAndGradesAreLiveFormulas) {
  Scored s = scoreZhanjiang(readDataFile((sourceDir() / "examples" / "zhanjiang-2022" / "data.json").string()));
  const std::string path = tempPath("formulas.xlsx");
  std::string error;
  ASSERT_TRUE(writeXlsxReport(path, s.schema, s.results, error)) << error;
  Parts parts(path);
  const auto dept = parts.sheet("湛江市社会科学界联合会");
  const AttachmentLayout layout = attachmentLayout(s.schema);
  ASSERT_EQ(layout.depth, 4);  // levels A:D, 分值 E, 评分标准 F, 评分说明 G, 得分 H, 状态 I
  const int leaves = static_cast<int>(layout.rows.size());
  const std::string bonusRow = std::to_string(3 + leaves), totalRow = std::to_string(4 + leaves);

  const auto total = cellAt(dept, "H" + totalRow);
  const std::string f = total.child_value("f");
  EXPECT_EQ(f.rfind("ROUND(MAX(0,MIN(100,SUM(SUM(H3:H10),", 0), 0u) << f;  // 预算编制情况: its eight leaves
  EXPECT_NE(f.find(")+H" + bonusRow + ")),2)"), std::string::npos) << f;
  EXPECT_STREQ(total.child_value("v"), "86.5");
  EXPECT_TRUE(std::string(total.attribute("t").value()).empty());  // a number

  const auto grade = cellAt(dept, "F" + totalRow);
  EXPECT_STREQ(grade.attribute("t").value(), "str");
  const std::string h = "H" + totalRow;
  EXPECT_EQ(std::string(grade.child_value("f")),
            "IF(AND(" + h + ">=90," + h + "<=100),\"等级：优\",IF(AND(" + h + ">=80," + h + "<90),\"等级：良\",IF(AND(" + h +
                ">=60," + h + "<80),\"等级：中\",IF(AND(" + h + ">=0," + h + "<60),\"等级：差\",\"\"))))");
  EXPECT_STREQ(grade.child_value("v"), "等级：良");

  // A parent's merged level cell: its subtotal as text, from a formula.
  const auto budget = cellAt(dept, "A3");
  EXPECT_EQ(std::string(budget.child_value("f")), "\"预算编制情况\"&CHAR(10)&\"（20.00分，得\"&FIXED(SUM(H3:H10),2,TRUE)&\"分）\"");
  EXPECT_STREQ(budget.child_value("v"), "预算编制情况\n（20.00分，得15.50分）");

  // 转移支付提前下达 is 不考核 and its 2分 move to 项目库储备 and 项目预算细化
  // (rows 4 and 5, 1分 each): its cell, on row 6, follows their score rates.
  const auto moved = cellAt(dept, "H6");
  EXPECT_STREQ(moved.child_value("f"), "ROUND(2*SUM(H4/1,H5/1)/2,2)");
  EXPECT_STREQ(moved.child_value("v"), "2");

  // 汇总: the parent columns, 总分 and 等级 of the department's row (row 4).
  const auto summary = parts.sheet("汇总");
  const auto sumTotal = cellAt(summary, "C4");
  EXPECT_EQ(std::string(sumTotal.child_value("f")).rfind("ROUND(MAX(0,MIN(100,SUM(E4,", 0), 0u) << sumTotal.child_value("f");
  EXPECT_STREQ(sumTotal.child_value("v"), "86.5");
  EXPECT_EQ(std::string(cellAt(summary, "D4").child_value("f")).rfind("IF(AND(C4>=90,C4<=100),\"优\",IF(AND(C4>=80,C4<90),\"良\"", 0), 0u);
  EXPECT_STREQ(cellAt(summary, "D4").child_value("v"), "良");
  EXPECT_EQ(std::string(cellAt(summary, "E4").child_value("f")).rfind("ROUND(SUM(F4,", 0), 0u) << cellAt(summary, "E4").child_value("f");
  EXPECT_STREQ(cellAt(summary, "E4").child_value("v"), "15.5");
  std::filesystem::remove(path);
}

// Print setup: A4 landscape one page wide, header rows repeated, the page
// number in the footer; 汇总's panes frozen below its three header rows.
TEST(XlsxReport, SheetsArePrintReady) {
  Scored s = scoreZhanjiang(readDataFile((sourceDir() / "examples" / "zhanjiang-2022" / "data.json").string()));
  const std::string path = tempPath("print.xlsx");
  std::string error;
  ASSERT_TRUE(writeXlsxReport(path, s.schema, s.results, error)) << error;
  Parts parts(path);
  // Every sheet: A4 landscape, the page number in the footer.
  for (const char* name : {"汇总", "排名", "湛江市社会科学界联合会"}) {
    const pugi::xml_document doc = parts.sheet(name);  // kept alive: the nodes below point into it
    const auto ws = doc.child("worksheet");
    EXPECT_STREQ(ws.child("pageSetup").attribute("orientation").value(), "landscape") << name;
    EXPECT_STREQ(ws.child("pageSetup").attribute("paperSize").value(), "9") << name;
    EXPECT_NE(std::string(ws.child("headerFooter").child_value("oddFooter")).find("&P"), std::string::npos) << name;
  }
  // A department sheet and 排名: one page wide, as long as needed.
  for (const char* name : {"排名", "湛江市社会科学界联合会"}) {
    const pugi::xml_document doc = parts.sheet(name);  // kept alive: the nodes below point into it
    const auto ws = doc.child("worksheet");
    EXPECT_STREQ(ws.child("pageSetup").attribute("fitToHeight").value(), "0") << name;
    EXPECT_STREQ(ws.child("sheetPr").child("pageSetUpPr").attribute("fitToPage").value(), "1") << name;
  }
  // 汇总: a page per 一级 indicator (four of them), then one for 加减分 and
  // 错误, scaled so the widest group (预算执行情况, 18 columns) fits.
  {
    const pugi::xml_document doc = parts.sheet("汇总");
    const auto ws = doc.child("worksheet");
    EXPECT_FALSE(ws.child("sheetPr").child("pageSetUpPr").attribute("fitToPage"));
    const int scale = ws.child("pageSetup").attribute("scale").as_int();
    EXPECT_GE(scale, 40);
    EXPECT_LE(scale, 80);
    std::vector<int> breaks;
    for (auto b : ws.child("colBreaks").children("brk")) breaks.push_back(b.attribute("id").as_int());
    ASSERT_EQ(breaks.size(), 4u);
    EXPECT_EQ(breaks.back(), 4 + static_cast<int>(s.schema.nodes.size()));  // before 加减分
  }
  const auto summary = parts.sheet("汇总");
  const auto pane = summary.child("worksheet").child("sheetViews").child("sheetView").child("pane");
  EXPECT_STREQ(pane.attribute("topLeftCell").value(), "E4");
  EXPECT_NE(std::string(summary.child("worksheet").child("headerFooter").child_value("oddHeader")).find("汇总"), std::string::npos);
  // The 一级 indicator's header cell is merged over its subtree's columns.
  bool merged = false;
  for (auto m : summary.child("worksheet").child("mergeCells").children("mergeCell"))
    merged |= std::string(m.attribute("ref").value()).rfind("E1:", 0) == 0;
  EXPECT_TRUE(merged);

  std::vector<std::pair<std::string, std::string>> titles;
  const auto wb = parts.part("xl/workbook.xml");
  for (auto d : wb.child("workbook").child("definedNames").children("definedName"))
    if (std::string(d.attribute("name").value()) == "_xlnm.Print_Titles") titles.emplace_back(d.attribute("localSheetId").value(), d.child_value());
  EXPECT_EQ(titles, (std::vector<std::pair<std::string, std::string>>{{"0", "'汇总'!$A:$D,'汇总'!$1:$3"}, {"2", "'湛江市社会科学界联合会'!$2:$2"}}));
  std::filesystem::remove(path);
}

TEST(XlsxReport, SheetNamesAreValidAndErrorsAreListed) {
  // Four departments: a name with characters Excel forbids, the same name
  // again, one longer than 31 characters, and a row without a name whose
  // data has an error.
  const std::string json = readText(sourceDir() / "examples" / "zhanjiang-2022" / "data.json");
  const std::string one = json.substr(json.find('{'));
  auto named = [&](const std::string& id) {
    std::string rec = one;
    const std::string old = "\"湛江市社会科学界联合会\"";
    return rec.replace(rec.find(old), old.size(), "\"" + id + "\"");
  };
  std::string longName = "湛江市", cut = "湛江市";
  for (int i = 0; i < 40; ++i) longName += "某";
  for (int i = 0; i < 28; ++i) cut += "某";  // 31 characters
  longName += "局";
  std::string broken = named("");
  broken.replace(broken.find("\"2,928,000.00\""), 14, "\"abc\"");
  const std::string data = "[" + named("市局/科室[一]") + "," + named("市局/科室[一]") + "," +
                           named(longName) + "," + broken + "]";
  Scored s = scoreZhanjiang(readJson(data));
  ASSERT_EQ(s.results.size(), 4u);
  const std::string path = tempPath("names.xlsx");
  std::string error;
  ASSERT_TRUE(writeXlsxReport(path, s.schema, s.results, error)) << error;

  const Table none = readXlsx(path, "不存在");
  ASSERT_EQ(none.errors.size(), 1u);
  EXPECT_NE(none.errors[0].message.find("现有工作表：“汇总”、“排名”、“市局_科室_一_”、“市局_科室_一_（2）”、“" + cut + "”、“第4行”"),
            std::string::npos)
      << none.errors[0].message;

  // The bad cell faults the indicators reading 收入预算数; the rest are scored,
  // the 合计 is marked incomplete with no grade, and the error follows it.
  const auto bad = readSheet(path, "第4行");
  ASSERT_GE(bad.size(), 6u);
  EXPECT_EQ(bad[1][0].text, "湛江市市级部门整体支出绩效评价（2022年度）\n第4行");
  ASSERT_FALSE(bad.back().empty());
  EXPECT_EQ(bad.back()[0].text, "评价机构（盖章）：");  // the signature line closes the sheet, after the errors
  auto rowStarting = [&](const std::string& text) {
    for (size_t i = 0; i < bad.size(); ++i)
      if (!bad[i].empty() && bad[i][0].text == text) return i;
    return bad.size();
  };
  const size_t errorRow = rowStarting("第4行，列“收入预算数”：应为金额（元），实际为“abc”");
  const size_t sumRow = rowStarting("合计");
  ASSERT_LT(errorRow, bad.size());
  ASSERT_EQ(sumRow + 1, errorRow);  // the error follows the 合计
  const auto& sum = bad[sumRow];
  EXPECT_EQ(sum[0].text, "合计");
  bool saysIncomplete = false, faultedLine = false;
  for (const auto& c : sum) saysIncomplete |= c.text == "总分不完整（未计入出错的指标），等级待定";
  for (const auto& row : bad)
    if (!row.empty() && row.back().text == "出错") faultedLine = true;
  EXPECT_TRUE(saysIncomplete);
  EXPECT_TRUE(faultedLine);

  const auto summary = readSheet(path, "汇总");
  ASSERT_EQ(summary.size(), 1 + 3 + 4u);
  EXPECT_EQ(summary[7][2].kind, Cell::Kind::Number);  // a provisional total…
  EXPECT_EQ(summary[7][3].text, "不完整，待定");       // …without a grade
  EXPECT_EQ(summary[7].back().text, "第4行，列“收入预算数”：应为金额（元），实际为“abc”");
  expectNumber(summary[6][2], *Decimal::parse("86.5"), "第3行总分");
  std::filesystem::remove(path);
}

TEST(XlsxReport, UnwritablePathIsAnError) {
  Scored s = scoreZhanjiang(readDataFile((sourceDir() / "examples" / "zhanjiang-2022" / "data.json").string()));
  std::string error;
  EXPECT_FALSE(writeXlsxReport("/nonexistent-dir/report.xlsx", s.schema, s.results, error));
  EXPECT_EQ(error.rfind("无法写入 Excel 文件 /nonexistent-dir/report.xlsx", 0), 0u) << error;
}

}  // namespace
}  // namespace defen::testing

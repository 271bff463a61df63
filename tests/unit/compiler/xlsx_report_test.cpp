// The XLSX report, written then read back by our own reader and compared cell
// by cell with the results it was written from.
#include "test_support.h"

#include "compiler/report_schema.h"
#include "runtime/attachment_layout.h"
#include "runtime/readers.h"
#include "runtime/xlsx_package.h"
#include "runtime/xlsx_report.h"

#include <gtest/gtest.h>
#include <unistd.h>

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

  const Table t = readXlsx(path, "汇总");
  ASSERT_TRUE(t.errors.empty()) << t.errors[0].message;
  const size_t nodes = s.schema.nodes.size();
  ASSERT_EQ(t.columns.size(), 4 + nodes + 2);  // 行 名称 总分 等级, indicators, 加减分, 错误
  EXPECT_EQ(t.columns[0], "行");
  EXPECT_EQ(t.columns[2], "总分");
  EXPECT_EQ(t.columns[4 + nodes], "工作表现加减分指标");
  EXPECT_EQ(t.columns.back(), "错误");
  ASSERT_EQ(t.records.size(), 2u);  // the 分值 row, then the department

  const Record& weights = t.records[0];
  EXPECT_EQ(weights.cells[0].text, "分值");
  expectNumber(weights.cells[2], Decimal::fromInt(100), "总分值");
  const Record& dept = t.records[1];
  expectNumber(dept.cells[0], Decimal::fromInt(1), "行");
  EXPECT_EQ(dept.cells[1].text, "湛江市社会科学界联合会");
  expectNumber(dept.cells[2], *Decimal::parse("86.5"), "总分");
  EXPECT_EQ(dept.cells[3].text, "良");
  const auto spend = t.columnIndex("预算执行情况／支出管理／支出完成率");
  ASSERT_TRUE(spend.has_value());
  expectNumber(dept.cells[*spend], Decimal::fromInt(4), "支出完成率");
  // Every indicator: its 分值 in the second header row, its score below.
  for (size_t i = 0; i < nodes; ++i) {
    expectNumber(weights.cells[4 + i], s.schema.nodes[i].max, t.columns[4 + i]);
    expectNumber(dept.cells[4 + i], s.results[0].nodes[i].score, t.columns[4 + i]);
  }
  expectNumber(dept.cells[4 + nodes], Decimal(), "加减分");
  EXPECT_EQ(dept.cells.back().kind, Cell::Kind::Missing);  // no errors
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
  EXPECT_EQ(rows[4][4].text, "目标科学性 −3、主要指标体现履职效果 −3、项目监管 −2");
  EXPECT_EQ(rows[6][0].text, "等级");  // after a blank row
  EXPECT_EQ(rows[7][0].text, "优");
  expectNumber(rows[8][2], Decimal::fromInt(2), "良");
  EXPECT_EQ(rows[12][0].text, "总分区间（分）");
  EXPECT_EQ(rows[13][0].text, "[86, 88)");
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

  const RecordResult& r = s.results[0];
  for (size_t k = 0; k < layout.rows.size(); ++k) {
    const LayoutRow& lr = layout.rows[k];
    const auto& row = rows[3 + k];
    ASSERT_EQ(row.size(), depth + 4);
    const auto leaf = static_cast<size_t>(lr.leaf);
    const std::string name = s.schema.nodes[leaf].path.back();
    expectNumber(row[depth], s.schema.nodes[leaf].max, name + " 分值");
    EXPECT_EQ(row[depth + 1].text, s.schema.nodes[leaf].criteria) << name;
    EXPECT_EQ(row[depth + 2].text, r.nodes[leaf].explanation) << name;
    expectNumber(row[depth + 3], r.nodes[leaf].score, name + " 得分");
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
  EXPECT_EQ(rows[3][0].text, "预算编制情况\n（20分，得15.5分）");
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

  const auto bad = readSheet(path, "第4行");
  ASSERT_EQ(bad.size(), 4u);
  EXPECT_EQ(bad[1][0].text, "湛江市市级部门整体支出绩效评价（2022年度）\n第4行");
  EXPECT_EQ(bad[2][0].text, "该单位的数据有错误，未计分：");
  EXPECT_EQ(bad[3][0].text, "第4行，列“收入预算数”：应为金额（元），实际为“abc”");

  const Table summary = readXlsx(path, "汇总");
  ASSERT_EQ(summary.records.size(), 5u);
  EXPECT_EQ(summary.records[4].cells[2].kind, Cell::Kind::Missing);  // no total
  EXPECT_EQ(summary.records[4].cells.back().text, "第4行，列“收入预算数”：应为金额（元），实际为“abc”");
  expectNumber(summary.records[3].cells[2], *Decimal::parse("86.5"), "第3行总分");
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

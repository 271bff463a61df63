// One number style in every report of seed 001 (湛江市社科联, 86.5, 良; 舍入
// 2位): for people a score to the declared places with its zeros (86.50, a
// leaf 3.00 and 2.50) and a rate to two places (77.50%); for programs (JSON)
// the exact value (86.5, 2.5).
#include "test_support.h"

#include "compiler/report/explain/trace_report.h"
#include "compiler/report/report_schema.h"
#include "compiler/report/documents.h"
#include "compiler/io/readers.h"
#include "compiler/report/report.h"
#include "compiler/io/xlsx_package.h"
#include "compiler/report/xlsx_report.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <filesystem>
#include <sstream>
#include <vector>

namespace defen::testing {
namespace {

struct Seed {
  Compilation compilation;
  ReportSchema schema;
  std::vector<RecordResult> results;
};

const Seed& seed() {
  static const Seed s = [] {
    Seed out;
    out.compilation = compileFile((sourceDir() / "rulesets" / "zhanjiang-2022-dept.rules").string());
    if (!out.compilation.program) return out;
    Table table = readDataFile((sourceDir() / "examples" / "zhanjiang-2022" / "data.json").string());
    out.schema = reportSchema(*out.compilation.program);
    out.results = evaluateTable(*out.compilation.program, table).results;
    return out;
  }();
  return s;
}

template <typename Writer>
std::string written(Writer write) {
  std::ostringstream out;
  write(out);
  return out.str();
}

class NumberStyle : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(seed().compilation.program);
    ASSERT_EQ(seed().results.size(), 1u);
    ASSERT_EQ(seed().schema.places, 2);
  }
  const ReportSchema& schema() const { return seed().schema; }
  const std::vector<RecordResult>& results() const { return seed().results; }
};

TEST(NumberText, ScoresKeepTheirPlacesForPeopleAndDropZerosForJson) {
  const Decimal total = *Decimal::parse("86.5");
  EXPECT_EQ(scoreText(total, 2), "86.50");
  EXPECT_EQ(scoreText(Decimal::fromInt(3), 2), "3.00");
  EXPECT_EQ(scoreText(*Decimal::parse("4.625"), 2), "4.63");  // half away from zero, as the scorer rounds
  EXPECT_EQ(scoreText(total, 0), "87");
  EXPECT_EQ(scoreText(total, 3), "86.500");
  EXPECT_EQ(scoreJson(total, 2), "86.5");
  EXPECT_EQ(scoreJson(Decimal::fromInt(3), 2), "3");
  EXPECT_EQ(percentText(*Decimal::parse("0.775")), "77.50%");
  EXPECT_EQ(percentText(*Decimal::parse("0.766666666666666666")), "76.67%");
  EXPECT_EQ(percentText(Decimal::one()), "100.00%");
}

// The first three words of the table's line for `name`: name, 分值, 得分.
std::vector<std::string> tableWords(const std::string& table, const std::string& name) {
  std::istringstream lines(table);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::vector<std::string> out(3);
    if (words >> out[0] >> out[1] >> out[2] && out[0] == name) return out;
  }
  return {};
}

TEST_F(NumberStyle, TerminalTable) {
  const std::string t = written([&](std::ostream& o) { writeTable(o, schema(), results()); });
  EXPECT_EQ(tableWords(t, "合计"), (std::vector<std::string>{"合计", "100.00", "86.50"})) << t;
  EXPECT_EQ(tableWords(t, "预算编制合理性"), (std::vector<std::string>{"预算编制合理性", "3.00", "3.00"}));
  EXPECT_EQ(tableWords(t, "财政拨款收入预决算差异率"), (std::vector<std::string>{"财政拨款收入预决算差异率", "3.00", "2.50"}));
  EXPECT_EQ(tableWords(t, "部门整体绩效目标完成"), (std::vector<std::string>{"部门整体绩效目标完成", "2.00", "1.78"}));
  EXPECT_EQ(tableWords(t, "预算编制情况"), (std::vector<std::string>{"预算编制情况", "20.00", "15.50"}));
}

TEST_F(NumberStyle, CsvColumns) {
  const std::string c = written([&](std::ostream& o) { writeCsv(o, schema(), results()); });
  EXPECT_NE(c.find("\n1,湛江市社会科学界联合会,86.50,良,15.50,11.50,3.00,"), std::string::npos) << c;
  EXPECT_NE(c.find(",2.50,"), std::string::npos) << c;
  EXPECT_EQ(c.find(",86.5,"), std::string::npos) << c;
}

TEST_F(NumberStyle, JsonStaysExact) {
  const auto j = nlohmann::json::parse(written([&](std::ostream& o) { writeJson(o, schema(), results()); }));
  const auto& r = j["results"][0];
  EXPECT_EQ(r["total"].dump(), "86.5");
  bool sawLeaf = false;
  for (const auto& n : r["indicators"]) {
    if (n["path"].back() == "财政拨款收入预决算差异率") {
      EXPECT_EQ(n["score"].dump(), "2.5");
      EXPECT_EQ(n["max"].dump(), "3");
      sawLeaf = true;
    }
  }
  EXPECT_TRUE(sawLeaf);
  const auto summary = nlohmann::json::parse(written([&](std::ostream& o) { writeSummaryJson(o, schema(), results()); }));
  EXPECT_EQ(summary["ranking"][0]["total"], "86.5");
  EXPECT_EQ(summary["totals"]["max"], "86.5");
}

TEST_F(NumberStyle, MarkdownAndHtmlReadAsTheTable) {
  const std::string md = written([&](std::ostream& o) { writeMarkdownReport(o, schema(), results()); });
  EXPECT_NE(md.find("## 湛江市社会科学界联合会：86.50分，良"), std::string::npos) << md;
  EXPECT_NE(md.find("| **合计** | | | | **100.00** |  | 等级：良 | **86.50** |"), std::string::npos) << md;
  EXPECT_NE(md.find("| 3.00 |"), std::string::npos) << md;
  EXPECT_NE(md.find(" | 2.50 |"), std::string::npos) << md;

  const std::string h = written([&](std::ostream& o) { writeHtmlReport(o, schema(), results()); });
  EXPECT_NE(h.find("<span class=\"num\">86.50</span>"), std::string::npos);
  EXPECT_NE(h.find("<td class=\"num\">2.50</td>"), std::string::npos);
  EXPECT_NE(h.find("<title>预算编制情况：77.50%</title>"), std::string::npos);
  EXPECT_EQ(h.find(">86.5<"), std::string::npos);
}

TEST_F(NumberStyle, SummaryRankingAndHistogram) {
  const std::string md = written([&](std::ostream& o) { writeSummaryMarkdown(o, schema(), results()); });
  EXPECT_NE(md.find("| 1 | 湛江市社会科学界联合会 | 86.50 | 良 |"), std::string::npos) << md;
  EXPECT_NE(md.find("| [86.50, 87.00) | 1 |"), std::string::npos) << md;  // the histogram's bucket
  EXPECT_NE(md.find("77.50%"), std::string::npos) << md;     // 预算编制情况's 得分率
  const std::string h = written([&](std::ostream& o) { writeSummaryHtml(o, schema(), results()); });
  EXPECT_NE(h.find(">86.50<"), std::string::npos);
  EXPECT_EQ(h.find(">86.5<"), std::string::npos);
}

TEST_F(NumberStyle, ExplainTraceAndItsJson) {
  const ir::Program& p = *seed().compilation.program;
  const std::string t = written([&](std::ostream& o) { writeTraceText(o, p, results()[0]); });
  EXPECT_NE(t.find("总分 86.50  良"), std::string::npos) << t;
  EXPECT_NE(t.find("财政拨款收入预决算差异率  2.50/3.00  [计分]"), std::string::npos) << t;
  const auto j = nlohmann::json::parse(written([&](std::ostream& o) { writeTraceJson(o, p, results()); }));
  EXPECT_EQ(j["results"][0]["total"], "86.5");
}

// The places are the ruleset's, not a fixed 2: with 舍入 1位 a leaf reads 4.5
// and a full 分值 5.0 in every form for people, the total 8.5 stays 8.5 in
// JSON and the 评分说明 says 得4.5分; rates keep their two places.
TEST(NumberStyleOfAnotherRuleset, OnePlaceWhenTheRulesetSaysOne) {
  Compilation c = compileOk(R"(名称 "一位小数的标准"
年度 2023
总分 10分
舍入 四舍五入 1位
等级 { 优 [9分, 10分]  良 [8分, 9分)  中 [6分, 8分)  差 [0分, 6分) }
输入 { 执行率：比率 }
指标 执行 5分 { 得分 = 分值 × 最小(1, 执行率) }
指标 规范 5分 { 得分 = 分值 }
)");
  ASSERT_TRUE(c.program);
  ASSERT_EQ(c.program->places, 1);
  Table table = readJson(R"([{"名称": "甲", "执行率": "90%"}])");
  const std::vector<RecordResult> results = evaluateTable(*c.program, table).results;
  ASSERT_EQ(results.size(), 1u);
  ASSERT_TRUE(results[0].ok);
  const ReportSchema schema = reportSchema(*c.program);
  const std::string t = written([&](std::ostream& o) { writeTable(o, schema, results); });
  EXPECT_EQ(tableWords(t, "执行"), (std::vector<std::string>{"执行", "5.0", "4.5"})) << t;
  EXPECT_EQ(tableWords(t, "合计"), (std::vector<std::string>{"合计", "10.0", "9.5"})) << t;
  EXPECT_NE(results[0].nodes[0].explanation.find("得4.5分"), std::string::npos) << results[0].nodes[0].explanation;
  const std::string csv = written([&](std::ostream& o) { writeCsv(o, schema, results); });
  EXPECT_NE(csv.find("\n1,甲,9.5,优,4.5,5.0,"), std::string::npos) << csv;
  const std::string md = written([&](std::ostream& o) { writeMarkdownReport(o, schema, results); });
  EXPECT_NE(md.find("## 甲：9.5分，优"), std::string::npos) << md;
  EXPECT_NE(md.find("| 5.0 |"), std::string::npos) << md;
  const std::string h = written([&](std::ostream& o) { writeHtmlReport(o, schema, results); });
  EXPECT_NE(h.find("<title>执行：90.00%</title>"), std::string::npos);  // a rate: two places whatever the scores' places
  const auto j = nlohmann::json::parse(written([&](std::ostream& o) { writeJson(o, schema, results); }));
  EXPECT_EQ(j["results"][0]["total"].dump(), "9.5");
  EXPECT_EQ(j["results"][0]["indicators"][1]["score"].dump(), "5");
}

// Scores are numbers in the sheet, shown by the cell's format 0.00, never text.
TEST_F(NumberStyle, XlsxScoresAreNumbersFormattedToThePlaces) {
  const std::string path =
      (std::filesystem::path(::testing::TempDir()) / ("defen_number_style_" + std::to_string(::getpid()) + ".xlsx")).string();
  std::string error;
  ASSERT_TRUE(writeXlsxReport(path, schema(), results(), error)) << error;
  xlsx::Package pkg;
  ASSERT_TRUE(pkg.open(path, error)) << error;
  pugi::xml_document styles, sheet;
  ASSERT_TRUE(pkg.loadXml("xl/styles.xml", styles, error)) << error;
  std::string part;
  for (const auto& e : pkg.sheets())
    if (e.name == "汇总") part = e.part;
  ASSERT_FALSE(part.empty());
  ASSERT_TRUE(pkg.loadXml(part, sheet, error)) << error;
  // Row 4 is the department (two header rows, then 分值); C is 总分.
  pugi::xml_node total = sheet.child("worksheet").child("sheetData").find_node(
      [](pugi::xml_node n) { return std::string(n.name()) == "c" && std::string(n.attribute("r").value()) == "C4"; });
  ASSERT_TRUE(total);
  EXPECT_STREQ(total.attribute("t").value(), "");  // a number, not a string
  EXPECT_EQ(*Decimal::parse(total.child_value("v")), *Decimal::parse("86.5"));
  const int style = total.attribute("s").as_int();
  pugi::xml_node xf = styles.child("styleSheet").child("cellXfs").find_child([&, k = 0](pugi::xml_node) mutable { return k++ == style; });
  ASSERT_TRUE(xf);
  const int numFmt = xf.attribute("numFmtId").as_int();
  pugi::xml_node fmt = styles.child("styleSheet").child("numFmts").find_child_by_attribute("numFmt", "numFmtId", std::to_string(numFmt).c_str());
  ASSERT_TRUE(fmt) << numFmt;
  EXPECT_STREQ(fmt.attribute("formatCode").value(), "0.00");
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace defen::testing

// The Markdown and HTML reports and the batch summary on compiled rulesets:
// the seed example (86.5, 良) and a tiny standard whose names need escaping.
#include "test_support.h"

#include "compiler/report/report_schema.h"
#include "compiler/report/batch_summary.h"
#include "compiler/report/documents.h"
#include "compiler/report/html_page.h"
#include "compiler/io/readers.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

namespace defen::testing {
namespace {

struct Scored {
  ReportSchema schema;
  std::vector<RecordResult> results;
};

// The 评分说明 the scorer wrote for an indicator of the first record.
std::string explanation(const Scored& s, const std::string& name) {
  for (size_t i = 0; i < s.schema.nodes.size(); ++i)
    if (s.schema.nodes[i].path.back() == name) return s.results.at(0).nodes.at(i).explanation;
  return "";
}

Scored scoreZhanjiang() {
  Compilation c = compileFile((sourceDir() / "rulesets" / "zhanjiang-2022-dept.rules").string());
  EXPECT_TRUE(c.program);
  if (!c.program) return {};
  Table table = readDataFile((sourceDir() / "examples" / "zhanjiang-2022" / "data.json").string());
  return {reportSchema(*c.program), evaluateTable(*c.program, table).results};
}

TEST(ReportDocuments, ZhanjiangHtmlReport) {
  Scored s = scoreZhanjiang();
  ASSERT_EQ(s.results.size(), 1u);
  std::ostringstream out;
  writeHtmlReport(out, s.schema, s.results);
  const std::string h = out.str();
  EXPECT_NE(h.find("<title>湛江市市级部门整体支出绩效评价 — 评分结果</title>"), std::string::npos);
  EXPECT_NE(h.find("湛江市 · 2022年度 · 版本 2022.1 · 总分100.00分"), std::string::npos);
  EXPECT_NE(h.find("<h2>湛江市社会科学界联合会</h2>"), std::string::npos);
  EXPECT_NE(h.find("<span class=\"num\">86.50</span>"), std::string::npos);
  EXPECT_NE(h.find("<div class=\"grade grade-1\">良</div>"), std::string::npos);
  // 预算编制情况 and 预算编制 on the first row, then continued (merged) down their
  // leaves (td.cont); the tree is four levels deep.
  EXPECT_NE(h.find("<tr><td class=\"level\">预算编制情况</td><td class=\"num\">20.00</td><td class=\"level\">预算编制</td><td class=\"num\">12.00</td>"
                   "<td class=\"level\" colspan=\"3\">预算编制合理性</td><td class=\"num\">3.00</td>"),
            std::string::npos);
  EXPECT_NE(h.find("<th class=\"level\" colspan=\"2\">四级指标</th>"), std::string::npos);
  EXPECT_NE(h.find("<th>被评价单位</th><td>湛江市社会科学界联合会</td><th>评价年度</th><td>2022年度</td>"), std::string::npos);
  // The 评分说明 column carries the scorer's text, e.g. 支出完成率=…×100%=100.00%.
  const std::string spending = explanation(s, "支出完成率");
  EXPECT_NE(spending.find("=100.00%"), std::string::npos) << spending;
  EXPECT_NE(h.find("<td class=\"text\">" + html::escape(spending) + "</td>"), std::string::npos);
  // 政府采购执行率: the rule gives 0, the data's 核定分 2.
  EXPECT_NE(h.find("<span class=\"computed\" title=\"计算得分\">0.00</span> → 2.00<span class=\"badge badge-overridden\">核定</span>"),
            std::string::npos);
  EXPECT_NE(h.find("badge-missing\">缺数据"), std::string::npos);  // 重点工作完成效率
  // The rate chart: 预算编制情况 15.5 of 20, 预算执行效益 23 of 30.
  EXPECT_NE(h.find("<title>预算编制情况：77.50%</title>"), std::string::npos);
  EXPECT_NE(h.find("<title>预算执行效益：76.67%</title>"), std::string::npos);
  EXPECT_NE(h.find("<td colspan=\"7\">合计</td><td class=\"num\">100.00</td><td></td><td>等级：良</td><td class=\"num\">86.50</td>"),
            std::string::npos);
  for (const char* external : {"http://", "https://", "src=", "<script", "<link"}) EXPECT_EQ(h.find(external), std::string::npos) << external;
}

TEST(ReportDocuments, ZhanjiangMarkdownReport) {
  Scored s = scoreZhanjiang();
  ASSERT_EQ(s.results.size(), 1u);
  std::ostringstream out;
  writeMarkdownReport(out, s.schema, s.results);
  const std::string md = out.str();
  EXPECT_NE(md.find("## 湛江市社会科学界联合会：86.50分，良"), std::string::npos);
  EXPECT_NE(md.find("| 一级指标 | 二级指标 | 三级指标 | 四级指标 | 分值 | 评分标准 | 评分说明 | 得分 |"), std::string::npos);
  EXPECT_NE(md.find("| 预算编制情况（20.00分） | 预算编制（12.00分） | 预算编制合理性 |  | 3.00 | "), std::string::npos) << md;
  EXPECT_NE(md.find("|  |  | 政府采购执行率 |  | 2.00 | "), std::string::npos);
  EXPECT_NE(md.find("| 0.00 → 2.00（核定） |"), std::string::npos);
  EXPECT_NE(md.find("| 工作表现加减分指标 | | | |  |  | 表彰次数0×1分（最多加3分），加0.00分；问责次数0×2分（最多减6分），减0.00分。 | +0.00/−0.00 |"), std::string::npos) << md;
  EXPECT_NE(md.find("| **合计** | | | | **100.00** |  | 等级：良 | **86.50** |"), std::string::npos);
  EXPECT_NE(md.find("| " + explanation(s, "支出完成率") + " | 4.00 |"), std::string::npos);
}

TEST(ReportDocuments, ZhanjiangSummaryOfOneDepartment) {
  Scored s = scoreZhanjiang();
  BatchSummary sum = summarizeBatch(s.schema, s.results);
  EXPECT_EQ(sum.scored, 1);
  EXPECT_EQ(toString(*sum.median), "86.5");
  EXPECT_EQ(sum.grades[1].grade, "良");
  EXPECT_EQ(sum.grades[1].count, 1);
  // One total: one bucket of the narrowest width, [86.5, 87).
  ASSERT_EQ(sum.histogram.size(), 1u);
  EXPECT_EQ(toString(sum.histogram[0].from), "86.5");
  EXPECT_EQ(sum.histogram[0].count, 1);
  // The ranking names the department and where it lost most (seed 001: 目标科学性
  // 1 of 4, 主要指标体现履职效果 2 of 5; then −2 for both 项目监管 and 主要项目实现预期效果,
  // document order breaking the tie).
  ASSERT_EQ(sum.ranking.size(), 1u);
  EXPECT_EQ(sum.ranking[0].rank, 1);
  EXPECT_EQ(sum.ranking[0].id, "湛江市社会科学界联合会");
  EXPECT_EQ(lossesText(s.schema, sum.ranking[0]), "目标科学性 −3.00、主要指标体现履职效果 −3.00、项目监管 −2.00");
  // Where 湛江市社科联 lost most: 目标科学性 (1 of 4) loses 3.
  ASSERT_FALSE(sum.losses.empty());
  EXPECT_EQ(s.schema.nodes[sum.losses[0].node].path.back(), "目标科学性");
  EXPECT_EQ(toString(sum.losses[0].totalLoss), "3");
}

// Names, 说明 and department names with < > & and quotes reach the page escaped.
TEST(ReportDocuments, EscapesNamesFromTheRulesetAndTheData) {
  Compilation c = compileOk(R"(名称 "标准 <甲> & '乙'"
年度 2023
总分 10分
等级 { 优 [9分, 10分]  良 [8分, 9分)  中 [6分, 8分)  差 [0分, 6分) }
输入 { 执行率：比率 }
指标 「执行<率> & '比'」 10分 {
  说明 "x < y & z"
  得分 = 分值 × 最小(1, 执行率)
}
)");
  ASSERT_TRUE(c.program);
  Table table = readJson(R"([{"名称": "<script>alert(\"x\")</script>", "执行率": "85%"}])");
  std::vector<RecordResult> results = evaluateTable(*c.program, table).results;
  ASSERT_EQ(results.size(), 1u);
  ASSERT_TRUE(results[0].ok) << results[0].errors.front();
  EXPECT_EQ(toString(results[0].total), "8.5");
  std::ostringstream out;
  writeHtmlReport(out, reportSchema(*c.program), results);
  const std::string h = out.str();
  EXPECT_EQ(h.find("<script"), std::string::npos);
  EXPECT_NE(h.find("<h2>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</h2>"), std::string::npos);
  EXPECT_NE(h.find("<title>标准 &lt;甲&gt; &amp; &#39;乙&#39; — 评分结果</title>"), std::string::npos);
  EXPECT_NE(h.find(">执行&lt;率&gt; &amp; &#39;比&#39;</td>"), std::string::npos);
  EXPECT_NE(h.find("<td class=\"text\">x &lt; y &amp; z</td>"), std::string::npos);
  EXPECT_NE(h.find("<span class=\"num\">8.50</span>"), std::string::npos);
  EXPECT_NE(h.find(">良</div>"), std::string::npos);
}

// A bad 收入预算数 faults 财政拨款收入预决算差异率 only (issue 17): the
// reports keep every other score, mark the line 出错 and its parents and the
// 合计 不完整, and give no grade.
TEST(ReportDocuments, IncompleteRowShowsTheFaultedLineAndNoGrade) {
  Compilation c = compileFile((sourceDir() / "rulesets" / "zhanjiang-2022-dept.rules").string());
  ASSERT_TRUE(c.program);
  std::string json = readText(sourceDir() / "examples" / "zhanjiang-2022" / "data.json");
  json.replace(json.find("\"2,928,000.00\""), 14, "\"两百万\"");
  std::vector<RecordResult> results = evaluateTable(*c.program, readJson(json)).results;
  ASSERT_EQ(results.size(), 1u);
  ASSERT_TRUE(results[0].incomplete);
  std::ostringstream md, html;
  writeMarkdownReport(md, reportSchema(*c.program), results);
  writeHtmlReport(html, reportSchema(*c.program), results);
  const std::string m = md.str(), h = html.str();
  EXPECT_NE(m.find("## 湛江市社会科学界联合会：84.00分（不完整），等级待定"), std::string::npos) << m.substr(0, 400);
  EXPECT_NE(m.find("| —（出错） |"), std::string::npos);
  EXPECT_NE(m.find("不完整，等级待定 | **84.00（不完整）** |"), std::string::npos);
  EXPECT_NE(m.find("- 第1行，列“收入预算数”：应为金额（元），实际为“两百万”"), std::string::npos);
  EXPECT_NE(h.find("<span class=\"num\">84.00</span>"), std::string::npos);
  EXPECT_NE(h.find("不完整，等级待定"), std::string::npos);
  EXPECT_NE(h.find(html::badge("出错", "error")), std::string::npos);
  EXPECT_EQ(h.find("<div class=\"grade"), std::string::npos) << "no grade for an incomplete total";
}

}  // namespace
}  // namespace defen::testing

// The Markdown and HTML reports on a hand-made score card full of characters
// that must be escaped: <, >, &, quotes, | and line breaks.
#include "compiler/report/documents.h"

#include <gtest/gtest.h>

#include <sstream>

namespace defen {
namespace {

Decimal d(const char* text) { return *Decimal::parse(text); }

// 总分10: 一级|A (6分) = 子<1> (4分) + 子2 (2分); B (4分) is a leaf at the first level.
ReportSchema schema() {
  ReportSchema s;
  s.name = "标准<甲> & '乙'";
  s.region = "某市";
  s.year = 2023;
  s.version = "1";
  s.total = d("10");
  s.nodes = {{{"一级|A"}, d("6"), false, ""},
             {{"一级|A", "子<1>"}, d("4"), true, "第一行\n第二行 | 竖线"},
             {{"一级|A", "子2"}, d("2"), true, "满分2分"},
             {{"B"}, d("4"), true, "评审"}};
  s.grades = {{"优", d("9"), d("10")}, {"良", d("8"), d("9")}, {"中", d("6"), d("8")}, {"差", d("0"), d("6")}};
  s.bonusName = "加减分";
  return s;
}

std::vector<RecordResult> results() {
  RecordResult r;
  r.row = 1;
  r.id = "部门\"甲\" <b>&";
  r.ok = true;
  r.total = d("9.5");
  r.grade = "优";
  r.bonus = d("0.5");
  r.nodes.resize(4);
  r.nodes[0].score = d("6");
  r.nodes[1].score = d("4");
  r.nodes[1].computed = d("3");
  r.nodes[1].status = NodeStatus::Overridden;
  r.nodes[1].explanation = "计算得3分。核定为4分：理由 <x>";
  r.nodes[2].score = d("2");
  r.nodes[2].status = NodeStatus::NotApplicable;
  r.nodes[2].explanation = "不考核，得满分";
  r.nodes[3].score = d("3");
  r.nodes[3].status = NodeStatus::Reviewed;
  r.nodes[3].explanation = "评审得分3分";
  RecordResult bad;
  bad.row = 2;
  bad.errors = {"第2行：列“B”缺少 <值>"};
  return {r, bad};
}

TEST(HtmlReport, EscapesEverythingAndMergesLevelCells) {
  std::ostringstream out;
  writeHtmlReport(out, schema(), results());
  const std::string h = out.str();
  EXPECT_NE(h.find("<title>标准&lt;甲&gt; &amp; &#39;乙&#39; — 评分结果</title>"), std::string::npos);
  EXPECT_NE(h.find("<h2>部门&quot;甲&quot; &lt;b&gt;&amp;</h2>"), std::string::npos);
  EXPECT_EQ(h.find("<b>&"), std::string::npos);
  EXPECT_EQ(h.find("<x>"), std::string::npos);
  // Each level has a 名称 and a 分值 column, as in 附件1. A parent stands on its
  // first leaf's row; on the next its cells continue (td.cont: the rule between
  // them hidden, so they read as one merged cell). A shallow leaf spans the name
  // and 分值 columns below it; its own 分值 is in the last 分值 column.
  EXPECT_NE(h.find("<tr><td class=\"level\">一级|A</td><td class=\"num\">6.00</td><td class=\"level\" colspan=\"3\">子&lt;1&gt;</td>"
                   "<td class=\"num\">4.00</td>"),
            std::string::npos) << h;
  EXPECT_NE(h.find("<tr><td class=\"level cont\"></td><td class=\"num cont\"></td><td class=\"level\" colspan=\"3\">子2</td>"),
            std::string::npos) << h;
  EXPECT_EQ(h.find("rowspan", h.find("<tbody>", h.find("grid attachment"))), std::string::npos);  // only header rows span rows
  EXPECT_NE(h.find("<td class=\"level\" colspan=\"5\">B</td><td class=\"num\">4.00</td>"), std::string::npos) << h;
  EXPECT_NE(h.find("<th colspan=\"6\">评价指标</th>"), std::string::npos) << h;
  EXPECT_NE(h.find("<tr><th>名称</th><th class=\"num\">分值</th><th>名称</th>"), std::string::npos) << h;
  // The form above the table and the signature block below it.
  EXPECT_NE(h.find("<th>被评价单位</th><td>部门&quot;甲&quot; &lt;b&gt;&amp;</td><th>评价年度</th><td>2023年度</td><th>标准名称</th>"),
            std::string::npos) << h;
  EXPECT_NE(h.find("<th>评价机构（盖章）</th>"), std::string::npos);
  EXPECT_NE(h.find("<th>盖章处</th><td class=\"seal\" colspan=\"5\"></td>"), std::string::npos);
  // Printed on A4 landscape; the level columns narrow (7% + 2.5% a level), the
  // two text columns wide (the rest but 6% for 得分).
  EXPECT_NE(h.find("@page{size:A4 landscape"), std::string::npos);
  EXPECT_NE(h.find("<colgroup><col style=\"width:7.0%\"><col style=\"width:2.5%\">"), std::string::npos) << h;
  EXPECT_NE(h.find("<col style=\"width:32.8%\"><col style=\"width:32.7%\"><col style=\"width:6.0%\"></colgroup>"), std::string::npos) << h;
  EXPECT_NE(h.find("<td class=\"text\">第一行\n第二行 | 竖线</td>"), std::string::npos);
  EXPECT_NE(h.find("<span class=\"computed\" title=\"计算得分\">3.00</span> → 4.00<span class=\"badge badge-overridden\">核定</span>"),
            std::string::npos);
  EXPECT_NE(h.find("2.00<span class=\"badge badge-na\">不考核</span>"), std::string::npos);
  EXPECT_NE(h.find("3.00<span class=\"badge badge-reviewed\">评审</span>"), std::string::npos);
  EXPECT_NE(h.find("+0.50 / −0.00"), std::string::npos);
  EXPECT_NE(h.find("<td>等级：优</td><td class=\"num\">9.50</td>"), std::string::npos);
  // Two departments: a table of contents linking to each; the second could not be scored.
  EXPECT_NE(h.find("<nav class=\"toc\">"), std::string::npos);
  EXPECT_NE(h.find("<a href=\"#rec-2\">第2行</a>"), std::string::npos);
  EXPECT_NE(h.find("<section class=\"record\" id=\"rec-2\">"), std::string::npos);
  EXPECT_NE(h.find("<li>第2行：列“B”缺少 &lt;值&gt;</li>"), std::string::npos);
  EXPECT_NE(h.find("<div class=\"grade grade-0\">优</div>"), std::string::npos);
  EXPECT_NE(h.find("<figcaption>一级指标得分率（得分 ÷ 分值）</figcaption>"), std::string::npos);
  for (const char* external : {"http://", "https://", "src=", "<script", "<link", "url("})
    EXPECT_EQ(h.find(external), std::string::npos) << external;
}

TEST(HtmlReport, OneDepartmentHasNoTableOfContents) {
  std::ostringstream out;
  writeHtmlReport(out, schema(), {results()[0]});
  EXPECT_EQ(out.str().find("<nav class=\"toc\">"), std::string::npos);
}

// Pipes that are not escaped: the cell separators of a Markdown table row.
int separators(const std::string& line) {
  int n = 0;
  for (size_t i = 0; i < line.size(); ++i)
    if (line[i] == '\\') ++i;
    else if (line[i] == '|') ++n;
  return n;
}

TEST(MarkdownReport, TableRowsKeepTheirColumnsWhateverTheText) {
  std::ostringstream out;
  writeMarkdownReport(out, schema(), results());
  const std::string md = out.str();
  EXPECT_NE(md.find("# 标准\\<甲> \\& '乙' — 评分结果"), std::string::npos) << md;
  EXPECT_NE(md.find("## 部门\"甲\" \\<b>\\&：9.50分，优"), std::string::npos) << md;
  EXPECT_NE(md.find("| 一级指标 | 二级指标 | 三级指标 | 分值 | 评分标准 | 评分说明 | 得分 |"), std::string::npos);
  EXPECT_NE(md.find("| 一级\\|A（6.00分） | 子\\<1> |  | 4.00 | 第一行<br>第二行 \\| 竖线 | 计算得3分。核定为4分：理由 \\<x> | 3.00 → 4.00（核定） |"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("|  | 子2 |  | 2.00 | 满分2分 | 不考核，得满分 | 2.00（不考核） |"), std::string::npos) << md;
  EXPECT_NE(md.find("| B |  |  | 4.00 | 评审 | 评审得分3分 | 3.00（评审） |"), std::string::npos) << md;
  EXPECT_NE(md.find("| 加减分 | | |  |  | 加0.50分，减0.00分。 | +0.50/−0.00 |"), std::string::npos) << md;
  EXPECT_NE(md.find("| **合计** | | | **10.00** |  | 等级：优 | **9.50** |"), std::string::npos) << md;
  EXPECT_NE(md.find("## 第2行：未能计分"), std::string::npos);
  EXPECT_NE(md.find("- 第2行：列“B”缺少 \\<值>"), std::string::npos);
  std::istringstream lines(md);
  int rows = 0;
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("|", 0) == 0) {
      ++rows;
      EXPECT_EQ(separators(line), 8) << line;  // 3 level columns + 4 + the closing pipe
    }
  EXPECT_EQ(rows, 2 + 3 + 2);  // header, rule, three leaves, 加减分, 合计
}

}  // namespace
}  // namespace defen

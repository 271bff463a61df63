// The 附件1 report as one self-contained HTML page (see html_page.h).
#include "compiler/report/attachment_layout.h"
#include "compiler/report/batch_summary.h"
#include "compiler/report/documents.h"
#include "compiler/report/html_page.h"
#include "compiler/report/project_form_report.h"

#include <fmt/format.h>

#include <algorithm>

namespace defen {
namespace {

using html::escape;

// The 评分表 prints as 附件1 is printed: A4 landscape, small type, the table's
// three header rows on every page. The chart and the headline are for the
// screen (the 评价报告, `--summary docx`, carries the chart on paper).
constexpr const char* kPrintCss = R"css(
@page{size:A4 landscape;margin:10mm}
@media print{
body{font-size:10px}
h2{margin:0 0 4px}
section.record figure.chart,section.record .headline{display:none}
table.attachment{font-size:9.5px}
table.attachment td.text{font-size:9.5px}
table.attachment th,table.attachment td{padding:2px 4px}
}
)css";

// A 自评表 (project_form_report.h): the form's grid with its labels in the
// first column; added to the page only when it holds one, so other reports
// keep their bytes.
constexpr const char* kFormCss = R"css(
table.project-form th{text-align:center;vertical-align:middle}
table.project-form th.label{writing-mode:horizontal-tb}
table.project-form td.cont{border-top-style:hidden}
table.project-form tr.sum td,table.project-form tr.sum th{font-weight:700;background:var(--head)}
h2.form-title{text-align:center;border:none;margin-bottom:0}
p.form-year{text-align:center;margin:0 0 4px}
ul.warnings{border:1px solid var(--poor);background:#fff8c5;padding:8px 12px 8px 28px;border-radius:4px}
ol.explanations{font-size:13px;padding-left:24px}
)css";

const char* badgeKind(NodeStatus s) {
  switch (s) {
    case NodeStatus::NotApplicable: return "na";
    case NodeStatus::Reviewed: return "reviewed";
    case NodeStatus::Overridden: return "overridden";
    case NodeStatus::Missing: return "missing";
    case NodeStatus::Failed: return "error";
    case NodeStatus::Scored: break;
  }
  return "";
}

// The grade's colour class: the first grade is the best (grade-0), the last
// the worst (grade-3), those between spread over the two middle colours.
std::string gradeClass(const ReportSchema& schema, const std::string& grade) {
  const int n = static_cast<int>(schema.grades.size());
  for (int i = 0; i < n; ++i)
    if (schema.grades[i].name == grade) return fmt::format("grade grade-{}", n == 1 ? 0 : (i * 3 + (n - 1) / 2) / (n - 1));
  return "grade";
}

// 得分 with its status: "—" when dropped by 折算, "computed → final" when overridden.
std::string scoreHtml(const ReportSchema& schema, const NodeResult& n) {
  const int p = schema.places;
  std::string out;
  if (!n.counted || n.status == NodeStatus::Failed) out = "—";
  else if (n.status == NodeStatus::Overridden)
    out = fmt::format("<span class=\"computed\" title=\"计算得分\">{}</span> → {}", scoreText(n.computed, p), scoreText(n.score, p));
  else out = scoreText(n.score, p);
  if (n.status != NodeStatus::Scored) out += html::badge(statusLabel(n.status), badgeKind(n.status));
  if (n.incomplete) out += html::badge("不完整", "error");
  return out;
}

std::string rateChart(const ReportSchema& schema, const RecordResult& rec) {
  html::BarChart chart{"一级指标得分率（得分 ÷ 分值）", Decimal::one(), {}};
  for (size_t i = 0; i < schema.nodes.size() && i < rec.nodes.size(); ++i) {
    const ReportNode& node = schema.nodes[i];
    if (node.path.size() != 1) continue;
    auto rate = scoreRate(rec.nodes[i].score, node.max);
    if (rec.nodes[i].status == NodeStatus::Failed) chart.bars.push_back({node.path.back(), Decimal(), "出错", "neutral"});
    else if (!rec.nodes[i].counted || !rate) chart.bars.push_back({node.path.back(), Decimal(), "不考核", "neutral"});
    else chart.bars.push_back({node.path.back(), *rate, percentText(*rate), html::toneForRate(*rate)});
  }
  return html::barChartSvg(chart);
}

// Column widths from attachmentColumnWidths, in tenths of a percent of the table.
void writeColumns(std::ostream& out, int depth) {
  out << "<colgroup>";
  for (int w : attachmentColumnWidths(depth, 1000)) out << fmt::format("<col style=\"width:{}.{}%\">", w / 10, w % 10);
  out << "</colgroup>\n";
}

// The header of 附件1, three rows as in the seed table: 评价指标 over the
// levels, each level's 名称 and 分值; it repeats on every printed page.
void writeHead(std::ostream& out, int depth) {
  out << fmt::format("<thead><tr><th colspan=\"{}\">评价指标</th><th class=\"wide\" rowspan=\"3\">评分标准</th>"
                     "<th class=\"wide\" rowspan=\"3\">评分说明</th><th class=\"num\" rowspan=\"3\">得分</th></tr>\n<tr>",
                     2 * depth);
  for (int l = 0; l < depth; ++l) out << "<th class=\"level\" colspan=\"2\">" << escape(levelHeader(l)) << "</th>";
  out << "</tr>\n<tr>";
  for (int l = 0; l < depth; ++l) out << "<th>名称</th><th class=\"num\">分值</th>";
  out << "</tr></thead>\n";
}

void writeTable(std::ostream& out, const ReportSchema& schema, const AttachmentLayout& layout, const RecordResult& rec) {
  const int p = schema.places, depth = layout.depth;
  out << "<table class=\"grid attachment\">\n";
  writeColumns(out, depth);
  writeHead(out, depth);
  out << "<tbody>\n";
  for (const auto& row : layout.rows) {
    out << "<tr>";
    for (int l = 0; l < depth; ++l) {
      const int node = row.levels[l];
      if (node < 0) continue;  // covered by the leaf's colspan
      // A parent's cells are merged down its leaves' rows by hiding the rules
      // between them (td.cont), not by rowspan: Chrome will not break a page
      // inside a rowspan, so a 一级 group of a dozen rows would leave most of
      // a page blank before it. The name stands on the group's first row.
      if (row.spans[l] == 0) {
        out << "<td class=\"level cont\"></td><td class=\"num cont\"></td>";
        continue;
      }
      const ReportNode& rn = schema.nodes[node];
      if (node == row.leaf) {
        // A leaf above the deepest level spans the columns below it; its 分值 stays in the last 分值 column.
        out << "<td class=\"level\"" << (depth - l > 1 ? fmt::format(" colspan=\"{}\"", 2 * (depth - l) - 1) : "") << ">"
            << escape(rn.path.back()) << "</td>";
        continue;
      }
      out << "<td class=\"level\">" << escape(rn.path.back());
      if (rec.nodes[node].status != NodeStatus::Scored || rec.nodes[node].incomplete) out << "<div>" << scoreHtml(schema, rec.nodes[node]) << "</div>";
      out << "</td><td class=\"num\">" << scoreText(rn.max, p) << "</td>";
    }
    const ReportNode& leaf = schema.nodes[row.leaf];
    const NodeResult& n = rec.nodes[row.leaf];
    out << "<td class=\"num\">" << scoreText(leaf.max, p) << "</td><td class=\"text\">" << escape(leaf.criteria) << "</td><td class=\"text\">"
        << escape(n.explanation) << "</td><td class=\"num\">" << scoreHtml(schema, n) << "</td></tr>\n";
  }
  if (!schema.bonusName.empty())
    out << fmt::format("<tr><td class=\"level\" colspan=\"{}\">{}</td><td></td><td class=\"text\">{}</td>"
                       "<td class=\"num\">+{} / −{}</td></tr>\n",
                       2 * depth, escape(schema.bonusName), escape(bonusText(rec, p)), scoreText(rec.bonus, p), scoreText(rec.penalty, p));
  out << fmt::format("<tr class=\"sum\"><td colspan=\"{}\">合计</td><td class=\"num\">{}</td><td></td><td>{}</td><td class=\"num\">{}</td></tr>\n",
                     2 * depth - 1, scoreText(schema.total, p),
                     rec.incomplete ? "不完整，等级待定" : rec.grade.empty() ? "" : "等级：" + escape(rec.grade),
                     scoreText(rec.total, p) + (rec.incomplete ? html::badge("不完整", "error") : ""));
  out << "</tbody>\n</table>\n";
}

// Above the table: whom, which year, by which standard — what a bureau fills
// in at the top of 附件1.
void writeDocumentHeader(std::ostream& out, const ReportSchema& schema, const RecordResult& rec) {
  out << "<table class=\"form\"><tr><th>被评价单位</th><td>" << escape(recordName(rec)) << "</td><th>评价年度</th><td>"
      << (schema.year ? fmt::format("{}年度", schema.year) : std::string()) << "</td><th>标准名称</th><td>" << escape(schema.name)
      << "</td></tr></table>\n";
}

// Below it: who scored, when, and room for the seal; left blank to fill in by hand.
void writeSignature(std::ostream& out) {
  out << "<table class=\"form signature\"><tr><th>评价机构（盖章）</th><td></td><th>评价人（签字）</th><td></td>"
         "<th>日期</th><td>　　年　　月　　日</td></tr><tr><th>盖章处</th><td class=\"seal\" colspan=\"5\"></td></tr></table>\n";
}

// Parents whose score is more than the sum below them (overridden, not
// applicable…) or that carry their own 评分标准: the 附件1 grid has no column
// for a parent's text, so it follows the table.
void writeParentNotes(std::ostream& out, const ReportSchema& schema, const RecordResult& rec) {
  bool any = false;
  for (size_t i = 0; i < schema.nodes.size(); ++i) {
    const ReportNode& rn = schema.nodes[i];
    if (rn.leaf || (rec.nodes[i].status == NodeStatus::Scored && !rec.nodes[i].incomplete && rn.criteria.empty())) continue;
    if (!any)
      out << "<h3>上级指标的评分说明</h3>\n<table class=\"grid attachment\"><colgroup><col style=\"width:16%\"><col style=\"width:5%\">"
             "<col style=\"width:36%\"><col style=\"width:36%\"><col style=\"width:7%\"></colgroup><thead><tr><th>指标</th>"
             "<th class=\"num\">分值</th><th>评分标准</th><th>评分说明</th><th class=\"num\">得分</th></tr></thead><tbody>\n";
    any = true;
    out << "<tr><td class=\"level\">" << escape(rn.path.back()) << "</td><td class=\"num\">" << scoreText(rn.max, schema.places)
        << "</td><td class=\"text\">" << escape(rn.criteria) << "</td><td class=\"text\">" << escape(rec.nodes[i].explanation)
        << "</td><td class=\"num\">" << scoreHtml(schema, rec.nodes[i]) << "</td></tr>\n";
  }
  if (any) out << "</tbody></table>\n";
}

// The national 项目支出绩效自评表 of one project (project_form_report.h), on
// the 10 columns of projectFormColumnWidths; what staff must look at (errors,
// self-scores above the rule's, missing reasons) is listed under it.
void writeProjectForm(std::ostream& out, const ReportSchema& schema, const RecordResult& rec) {
  const ProjectFormView v = projectFormView(schema, rec);
  const int p = schema.places;
  auto score = [&](Decimal d) { return scoreText(d, p); };
  out << "<h2 class=\"form-title\">" << kProjectFormTitle << "</h2>\n";
  if (!v.year.empty()) out << "<p class=\"form-year\">（" << escape(v.year) << "）</p>\n";
  out << "<table class=\"grid attachment project-form\"><colgroup>";
  for (int w : projectFormColumnWidths(1000)) out << fmt::format("<col style=\"width:{}.{}%\">", w / 10, w % 10);
  out << "</colgroup>\n<tbody>\n";
  out << "<tr><th class=\"label\">项目名称</th><td colspan=\"9\">" << escape(v.project) << "</td></tr>\n";
  out << "<tr><th class=\"label\">主管部门</th><td colspan=\"4\">" << escape(v.department) << "</td><th>实施单位</th><td colspan=\"4\">"
      << escape(v.unit) << "</td></tr>\n";
  const size_t fundsRows = std::max<size_t>(1, v.funds.size());
  out << "<tr><th class=\"label\" rowspan=\"" << fundsRows + 1 << "\">项目资金<br>（万元）</th><th colspan=\"2\"></th><th>年初预算数</th>"
      << "<th>全年预算数</th><th>全年执行数</th><th class=\"num\">分值</th><th class=\"num\">执行率</th><th class=\"num\">得分</th><th></th></tr>\n";
  if (v.funds.empty()) out << "<tr><td colspan=\"9\">（未填写）</td></tr>\n";
  for (const FormFundsRow& f : v.funds) {
    out << "<tr><td colspan=\"2\">" << escape(f.source) << "</td><td class=\"num\">" << escape(f.initial) << "</td><td class=\"num\">"
        << escape(f.budget) << "</td><td class=\"num\">" << escape(f.spent) << "</td>";
    if (f.scored)
      out << "<td class=\"num\">" << score(f.weight) << "</td><td class=\"num\">" << (f.rate ? percentText(*f.rate) : "—")
          << "</td><td class=\"num\">" << score(f.score) << "</td>";
    else out << "<td class=\"num\">—</td><td class=\"num\">—</td><td class=\"num\">—</td>";
    out << "<td></td></tr>\n";
  }
  out << "<tr><th class=\"label\" rowspan=\"2\">年度总体目标</th><th colspan=\"4\">预期目标</th><th colspan=\"5\">实际完成情况</th></tr>\n"
      << "<tr><td class=\"text\" colspan=\"4\">" << escape(v.goal) << "</td><td class=\"text\" colspan=\"5\">" << escape(v.achieved)
      << "</td></tr>\n";
  if (v.scored) {
    out << "<tr><th class=\"label\" rowspan=\"" << v.indicators.size() + 1 << "\">绩效指标</th><th>一级指标</th><th>二级指标</th>"
        << "<th>三级指标</th><th>年度指标值</th><th>实际完成值</th><th class=\"num\">分值</th><th class=\"num\">得分</th>"
        << "<th class=\"num\">规则得分</th><th>偏差原因分析及改进措施</th></tr>\n";
    for (const FormIndicatorRow& r : v.indicators) {
      out << "<tr>";
      // A group stands on the first row of its run; the rows below hide the rule between them.
      out << (r.span1 ? "<td class=\"level\">" + escape(r.level1) + "</td>" : std::string("<td class=\"cont\"></td>"));
      out << (r.span2 ? "<td class=\"level\">" + escape(r.level2) + "</td>" : std::string("<td class=\"cont\"></td>"));
      out << "<td>" << escape(r.name) << "</td><td>" << escape(r.target) << "</td><td>" << escape(r.achieved) << "</td><td class=\"num\">"
          << score(r.weight) << "</td><td class=\"num\">" << (r.failed ? "—" + html::badge("出错", "error") : score(r.score))
          << "</td><td class=\"num\">" << (r.showComputed ? score(r.computed) : "") << "</td><td class=\"text\">" << escape(r.note)
          << "</td></tr>\n";
    }
    out << "<tr class=\"sum\"><th class=\"label\">总分</th><td colspan=\"5\"></td><td class=\"num\">" << score(v.maxTotal)
        << "</td><td class=\"num\">" << score(v.total) << "</td><td class=\"num\">" << (v.showComputed ? score(v.computed) : "")
        << "</td><td>" << escape(v.gradeLine) << "</td></tr>\n";
  }
  out << "</tbody>\n</table>\n";
  if (v.showComputed)
    out << "<p class=\"meta\">得分为单位自评得分；按规则计算的总分为" << score(v.computed) << "分" << escape(v.computedNote) << "，规则得分一栏列出与自评不同的各行。</p>\n";
  if (!v.errors.empty()) {
    out << "<ul class=\"errors\">";
    for (const auto& e : v.errors) out << "<li>" << escape(e) << "</li>";
    out << "</ul>\n";
  }
  if (!v.warnings.empty()) {
    out << "<h3>提示</h3>\n<ul class=\"warnings\">";
    for (const auto& w : v.warnings) out << "<li>" << escape(w) << "</li>";
    out << "</ul>\n";
  }
  if (!v.explanations.empty()) {
    out << "<h3>评分说明</h3>\n<ol class=\"explanations\">";
    for (const auto& [name, text] : v.explanations) out << "<li><b>" << escape(name) << "</b>：" << escape(text) << "</li>";
    out << "</ol>\n";
  }
}

void writeRecord(std::ostream& out, const ReportSchema& schema, const AttachmentLayout& layout, const RecordResult& rec, size_t index) {
  out << "<section class=\"record\" id=\"rec-" << index + 1 << "\">\n<h2>" << escape(recordName(rec)) << "</h2>\n<div class=\"headline\">";
  if (rec.ok)
    out << "<div class=\"total\"><span class=\"num\">" << scoreText(rec.total, schema.places) << "</span><span class=\"unit\">分 / "
        << scoreText(schema.total, schema.places) << "分</span></div><div class=\"" << gradeClass(schema, rec.grade) << "\">" << escape(rec.grade)
        << "</div>";
  else if (rec.incomplete)
    out << "<div class=\"total\"><span class=\"num\">" << scoreText(rec.total, schema.places) << "</span><span class=\"unit\">分 / "
        << scoreText(schema.total, schema.places) << "分</span></div>" << html::badge("不完整，等级待定", "error");
  else out << html::badge("未能计分", "error");
  out << "<div class=\"meta\">第" << rec.row << "行</div></div>\n";
  if (isProjectForm(rec)) {
    writeProjectForm(out, schema, rec);
    out << "</section>\n";
    return;
  }
  if (!rec.errors.empty()) {
    out << "<ul class=\"errors\">";
    for (const auto& e : rec.errors) out << "<li>" << escape(e) << "</li>";
    out << "</ul>\n";
  }
  if (rec.hasTotal() && rec.nodes.size() >= schema.nodes.size()) {
    out << rateChart(schema, rec) << "\n";
    writeDocumentHeader(out, schema, rec);
    writeTable(out, schema, layout, rec);
    writeParentNotes(out, schema, rec);
    writeSignature(out);
  }
  out << "</section>\n";
}

void writeContents(std::ostream& out, const ReportSchema& schema, const std::vector<RecordResult>& results) {
  out << "<nav class=\"toc\"><h2>目录</h2>\n<table class=\"grid\"><thead><tr><th class=\"num\">行</th><th>部门</th><th class=\"num\">总分</th>"
         "<th>等级</th></tr></thead><tbody>\n";
  for (size_t i = 0; i < results.size(); ++i) {
    const RecordResult& rec = results[i];
    out << "<tr><td class=\"num\">" << rec.row << "</td><td><a href=\"#rec-" << i + 1 << "\">" << escape(recordName(rec)) << "</a></td>";
    if (rec.ok)
      out << "<td class=\"num\">" << scoreText(rec.total, schema.places) << "</td><td><span class=\"" << gradeClass(schema, rec.grade) << "\">"
          << escape(rec.grade) << "</span></td>";
    else if (rec.incomplete)
      out << "<td class=\"num\">" << scoreText(rec.total, schema.places) << "</td><td>" << html::badge("不完整", "error") << "</td>";
    else out << "<td class=\"num\">—</td><td>" << html::badge("有错误", "error") << "</td>";
    out << "</tr>\n";
  }
  out << "</tbody></table></nav>\n";
}

}  // namespace

void writeHtmlReport(std::ostream& out, const ReportSchema& schema, const std::vector<RecordResult>& results) {
  const AttachmentLayout layout = attachmentLayout(schema);
  const bool forms = std::any_of(results.begin(), results.end(), isProjectForm);
  html::beginPage(out, schema.name + " — 评分结果", forms ? std::string(kPrintCss) + kFormCss : std::string(kPrintCss));
  out << "<header><h1>" << escape(schema.name) << "</h1><p class=\"meta\">" << escape(rulesetLine(schema)) << " · 评分结果，共"
      << results.size() << "个部门</p></header>\n";
  if (results.size() > 1) writeContents(out, schema, results);
  if (results.empty()) out << "<p>没有数据行。</p>\n";
  for (size_t i = 0; i < results.size(); ++i) writeRecord(out, schema, layout, results[i], i);
  html::endPage(out);
}

}  // namespace defen

// The batch summary as one self-contained HTML page with SVG charts.
#include "compiler/report/batch_summary.h"
#include "compiler/report/documents.h"
#include "compiler/report/html_page.h"

#include <fmt/format.h>

#include <algorithm>

namespace defen {
namespace {

using html::escape;

// Best grade first: good, fair, poor, bad (as the report's grade colours).
std::string gradeTone(size_t index, size_t count) {
  static const char* const kTones[] = {"good", "fair", "poor", "bad"};
  if (count <= 1) return kTones[0];
  return kTones[(index * 3 + (count - 1) / 2) / (count - 1)];
}

std::string shareText(int count, int of) {
  auto rate = scoreRate(Decimal::fromInt(count), Decimal::fromInt(of));
  return rate ? percentText(*rate) : "—";  // rates to 2 places, as everywhere
}

void writeFigures(std::ostream& out, const ReportSchema& schema, const BatchSummary& s) {
  auto score = [&](const std::optional<Decimal>& v) { return v ? scoreText(*v, schema.places) : std::string("—"); };
  const std::pair<const char*, std::string> figures[] = {
      {"部门数", std::to_string(s.records)}, {"已计分", std::to_string(s.scored)}, {"未能计分", std::to_string(s.withErrors)},
      {"最低分", score(s.min)},             {"最高分", score(s.max)},           {"平均分", score(s.mean)},
      {"中位数", score(s.median)}};
  out << "<div class=\"figures\">";
  for (const auto& [name, value] : figures) out << "<div><span class=\"meta\">" << name << "</span><b>" << escape(value) << "</b></div>";
  out << "</div>\n";
  if (s.incomplete > 0)
    out << "<p class=\"meta\">未能计分的部门中，" << s.incomplete << "个有指标出错，其余指标已计分，总分不完整、等级待定，不计入以下统计。</p>\n";
}

void writeCharts(std::ostream& out, const ReportSchema& schema, const BatchSummary& s) {
  const int p = schema.places;
  int most = 1;
  for (const auto& g : s.grades) most = std::max(most, g.count);
  html::BarChart grades{"等级分布（部门数）", Decimal::fromInt(most), {}};
  for (size_t g = 0; g < s.grades.size(); ++g)
    grades.bars.push_back({fmt::format("{}（{}～{}分）", s.grades[g].grade, scoreText(schema.grades[g].low, p), scoreText(schema.grades[g].high, p)),
                           Decimal::fromInt(s.grades[g].count), fmt::format("{}个 · {}", s.grades[g].count, shareText(s.grades[g].count, s.scored)),
                           gradeTone(g, s.grades.size())});
  out << html::barChartSvg(grades) << "\n";

  most = 1;
  for (const auto& b : s.histogram) most = std::max(most, b.count);
  html::BarChart histogram{"总分分布（部门数）", Decimal::fromInt(most), {}};
  for (size_t b = 0; b < s.histogram.size(); ++b)
    histogram.bars.push_back({bucketLabel(s.histogram[b], p), Decimal::fromInt(s.histogram[b].count), fmt::format("{}个", s.histogram[b].count),
                              "neutral"});
  out << html::barChartSvg(histogram) << "\n";

  html::BarChart rates{"一级指标平均得分率", Decimal::one(), {}};
  for (const auto& st : s.indicators) {
    const ReportNode& n = schema.nodes[st.node];
    if (n.path.size() != 1) continue;
    if (st.averageRate) rates.bars.push_back({n.path.back(), *st.averageRate, percentText(*st.averageRate), html::toneForRate(*st.averageRate)});
    else rates.bars.push_back({n.path.back(), Decimal(), "—", "neutral"});
  }
  out << html::barChartSvg(rates) << "\n";
}

// Who is where: every scored department by total, with the three indicators it lost most on.
void writeRanking(std::ostream& out, const ReportSchema& schema, const BatchSummary& s) {
  out << "<h2>排名</h2>\n";
  if (s.ranking.empty()) {
    out << "<p>没有计出总分的部门。</p>\n";
    return;
  }
  out << "<table class=\"grid ranking\"><thead><tr><th class=\"num\">名次</th><th>单位</th><th class=\"num\">总分</th><th>等级</th>"
         "<th>失分最多的三个指标</th></tr></thead><tbody>\n";
  for (const auto& r : s.ranking) {
    size_t g = 0;
    while (g < schema.grades.size() && schema.grades[g].name != r.grade) ++g;
    const std::string tone = g < schema.grades.size() ? gradeTone(g, schema.grades.size()) : "neutral";
    out << "<tr><td class=\"num\">" << r.rank << "</td><td>" << escape(r.id.empty() ? fmt::format("第{}行", r.row) : r.id)
        << "</td><td class=\"num\">" << scoreText(r.total, schema.places) << "</td><td><span class=\"grade tone-" << tone << "\">"
        << escape(r.grade) << "</span></td><td>" << escape(lossesText(schema, r)) << "</td></tr>\n";
  }
  out << "</tbody></table>\n";
}

void writeIndicatorTable(std::ostream& out, const ReportSchema& schema, const BatchSummary& s) {
  const int p = schema.places;
  out << "<h2>各指标平均得分率</h2>\n<p class=\"meta\">平均得分与得分率只计该指标适用（非不考核）的部门。</p>\n"
         "<table class=\"grid\"><thead><tr><th>指标</th><th class=\"num\">分值</th><th class=\"num\">平均得分</th><th class=\"num\">平均得分率</th>"
         "<th class=\"num\">计入部门数</th><th class=\"num\">不考核</th></tr></thead><tbody>\n";
  for (const auto& st : s.indicators) {
    const ReportNode& n = schema.nodes[st.node];
    out << fmt::format("<tr><td{}><span style=\"padding-left:{}em\">{}</span></td>", n.path.size() == 1 ? " class=\"level\"" : "",
                       n.path.size() - 1, escape(n.path.back()));
    out << "<td class=\"num\">" << scoreText(n.max, p) << "</td><td class=\"num\">" << (st.averageScore ? scoreText(*st.averageScore, p) : "—")
        << "</td><td class=\"num\">" << (st.averageRate ? percentText(*st.averageRate) : "—") << "</td><td class=\"num\">" << st.applicable
        << "</td><td class=\"num\">" << st.notApplicable << "</td></tr>\n";
  }
  out << "</tbody></table>\n";
}

void writeLosses(std::ostream& out, const ReportSchema& schema, const BatchSummary& s) {
  const int p = schema.places;
  out << "<h2>失分最多的指标</h2>\n";
  if (s.losses.empty()) {
    out << "<p>各部门在所有末级指标上均得满分。</p>\n";
    return;
  }
  out << "<table class=\"grid\"><thead><tr><th class=\"num\">排名</th><th>指标</th><th class=\"num\">分值</th><th class=\"num\">失分合计</th>"
         "<th class=\"num\">平均失分</th><th class=\"num\">计入部门数</th></tr></thead><tbody>\n";
  for (size_t i = 0; i < s.losses.size(); ++i) {
    const LossStat& l = s.losses[i];
    std::string path;
    for (const auto& part : schema.nodes[l.node].path) path += (path.empty() ? "" : " / ") + part;
    out << "<tr><td class=\"num\">" << i + 1 << "</td><td>" << escape(path) << "</td><td class=\"num\">" << scoreText(schema.nodes[l.node].max, p)
        << "</td><td class=\"num\">" << scoreText(l.totalLoss, p) << "</td><td class=\"num\">" << scoreText(l.averageLoss, p)
        << "</td><td class=\"num\">" << l.records << "</td></tr>\n";
  }
  out << "</tbody></table>\n";
}

}  // namespace

void writeSummaryHtml(std::ostream& out, const ReportSchema& schema, const std::vector<RecordResult>& results) {
  writeSummaryHtml(out, schema, summarizeBatch(schema, results));
}

void writeSummaryHtml(std::ostream& out, const ReportSchema& schema, const BatchSummary& s) {
  html::beginPage(out, schema.name + " — 批量评分汇总");
  out << "<header><h1>" << escape(schema.name) << " — 批量评分汇总</h1><p class=\"meta\">" << escape(rulesetLine(schema)) << "</p></header>\n";
  writeFigures(out, schema, s);
  writeRanking(out, schema, s);
  writeCharts(out, schema, s);
  writeIndicatorTable(out, schema, s);
  writeLosses(out, schema, s);
  if (!s.errorRows.empty()) {
    out << "<h2>未能计分的行</h2>\n<ul class=\"errors\">";
    for (const auto& e : s.errorRows) {
      out << "<li>第" << e.row << "行" << (e.id.empty() ? "" : "（" + escape(e.id) + "）") << "：";
      for (size_t k = 0; k < e.errors.size(); ++k) out << (k ? "；" : "") << escape(e.errors[k]);
      out << "</li>";
    }
    out << "</ul>\n";
  }
  html::endPage(out);
}

}  // namespace defen

// Pieces shared by every HTML page defen writes (the 附件1 report, the batch
// summary, `defen compare`): escaping, the page shell with its style sheet,
// status badges and a horizontal bar chart drawn as inline SVG.
//
// Pages are single self-contained files: no scripts, no external style
// sheets, fonts or images, nothing a reader's browser would fetch, so a
// report mailed to a finance bureau renders the same offline and prints
// cleanly (A4, tables repeat their header, one department per page).
//
// Typical use:
//   html::beginPage(out, "标题");           // <!DOCTYPE html> … <body>
//   out << "<h1>" << html::escape(name) << "</h1>";
//   html::BarChart chart{"一级指标得分率", Decimal::one(), {}};
//   chart.bars.push_back({"预算编制情况", rate, percentText(rate), html::toneForRate(rate)});
//   out << html::barChartSvg(chart);
//   html::endPage(out);                      // </body></html>
#pragma once

#include "compiler/core/decimal.h"

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace defen::html {

// Text safe in element content and in quoted attribute values: & < > " ' are
// written as entities. Invalid UTF-8 passes through unchanged (the page is
// declared UTF-8; a browser shows U+FFFD for it).
std::string escape(std::string_view text);

// Writes everything up to and including <body>: doctype, <meta charset>,
// the escaped <title>, and the style sheet (kStyle plus `extraCss`, which is
// inserted as is: pass only constant CSS, never data).
void beginPage(std::ostream& out, std::string_view title, std::string_view extraCss = {});
void endPage(std::ostream& out);

// The classes the style sheet defines, for callers writing their own markup:
//   .meta (grey small print)  .headline .total .grade  .badge .badge-{na,reviewed,
//   overridden,missing,error}  table.grid (ruled table; th/td.num right-aligned,
//   td.text pre-wrapped, td.level bold, tr.sum shaded; table.attachment for the
//   附件1 grid, fixed layout with widths from its <colgroup>)  table.form (a ruled
//   form: th labels, td values; .signature with a td.seal box for the seal)  nav.toc  section.record (a
//   page break between them in print)  .grade-0 … .grade-3 (colours of the
//   grades, best first)  .up .down (changes)  .computed (a struck-through
//   computed score)  .errors (a red box listing errors)  .figures (a row of
//   key figures: <div><span class="meta">name</span><b>value</b></div>)  figure.chart
extern const char* const kStyle;

// <span class="badge badge-KIND">text</span>; kind is one of the classes above.
std::string badge(std::string_view text, std::string_view kind);

struct Bar {
  std::string label;      // left of the bar; shortened with … when too long (full text in a tooltip)
  Decimal value;          // bar length = value ÷ chart.scale, clamped to [0, 1]
  std::string valueText;  // right of the bar, e.g. "77.50%" or "3个"
  std::string tone;       // fill colour: "good" "fair" "poor" "bad" or "neutral"
};

struct BarChart {
  std::string title;  // caption above the chart and its accessible name
  Decimal scale;      // the value of a full-length bar: 1 for rates, the largest count for counts
  std::vector<Bar> bars;
};

// A <figure> holding an <svg> with one horizontal bar per entry, in order,
// light grid lines at quarters of the scale. Coordinates are computed with
// exact decimals. An empty chart is a figure with its title and no svg.
std::string barChartSvg(const BarChart& chart);

// The tone for a score rate (score ÷ 分值): ≥90% good, ≥80% fair, ≥60% poor,
// else bad — the thresholds of the usual 优/良/中/差 grades.
std::string toneForRate(Decimal rate);

}  // namespace defen::html

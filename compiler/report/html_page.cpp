#include "compiler/report/html_page.h"

#include <fmt/format.h>

#include <algorithm>

namespace defen::html {

const char* const kStyle = R"css(
:root{--ink:#1f2328;--muted:#656d76;--line:#d0d7de;--head:#f3f5f7;--good:#2da44e;--fair:#3b82c4;--poor:#d4a72c;--bad:#cf222e;--neutral:#8c959f}
*{box-sizing:border-box}
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC","WenQuanYi Micro Hei",sans-serif;color:var(--ink);margin:0 auto;max-width:1280px;padding:24px;line-height:1.5;font-size:14px}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:18px;margin:32px 0 8px;border-bottom:2px solid var(--ink);padding-bottom:4px}
h3{font-size:15px;margin:20px 0 6px}
.meta{color:var(--muted);font-size:13px}
.headline{display:flex;gap:24px;align-items:center;flex-wrap:wrap;margin:8px 0 16px}
.total .num{font-size:36px;font-weight:700;font-variant-numeric:tabular-nums}
.total .unit{margin-left:2px;color:var(--muted)}
.grade{display:inline-block;font-weight:700;padding:0 10px;border-radius:6px;color:#fff;background:var(--neutral)}
.headline .grade{font-size:24px;padding:2px 14px}
.grade-0,.grade.tone-good{background:var(--good)}.grade-1,.grade.tone-fair{background:var(--fair)}.grade-2,.grade.tone-poor{background:var(--poor)}.grade-3,.grade.tone-bad{background:var(--bad)}
table.grid{border-collapse:collapse;width:100%;margin:8px 0 16px}
table.grid th,table.grid td{border:1px solid var(--line);padding:4px 6px;vertical-align:top;text-align:left}
table.grid th{background:var(--head);font-weight:600}
table.grid td.num,table.grid th.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
table.grid td.text{white-space:pre-wrap;font-size:13px}
table.grid td.level{font-weight:600}
table.attachment{table-layout:fixed}
table.attachment th,table.attachment td{overflow-wrap:anywhere}
table.attachment thead th{text-align:center;vertical-align:middle}
table.attachment td.num{white-space:normal}
table.attachment td.cont{border-top-style:hidden}
table.form{border-collapse:collapse;width:100%;margin:8px 0}
table.form th,table.form td{border:1px solid var(--line);padding:4px 8px;text-align:left}
table.form th{background:var(--head);font-weight:600;white-space:nowrap;width:1%}
table.form.signature{margin-top:16px;break-inside:avoid}
table.form td.seal{height:32mm}
table.grid tr.sum td{font-weight:700;background:var(--head)}
.badge{display:inline-block;font-size:11px;line-height:16px;padding:0 5px;border-radius:3px;margin-left:4px;border:1px solid;white-space:nowrap;font-weight:400}
.badge-na{color:#57606a;border-color:#8c959f}
.badge-reviewed{color:#0550ae;border-color:#54aeff}
.badge-overridden{color:#953800;border-color:#fb8f44}
.badge-missing{color:#7d4e00;border-color:#d4a72c}
.badge-error{color:#fff;background:var(--bad);border-color:var(--bad)}
.computed{color:var(--muted);text-decoration:line-through}
.errors{border:1px solid var(--bad);background:#ffebe9;padding:8px 12px 8px 28px;border-radius:4px}
.up{color:var(--good)}.down{color:var(--bad)}
figure.chart{margin:8px 0 16px}
figure.chart figcaption{font-weight:600;margin-bottom:4px}
figure.chart svg{display:block;max-width:720px;width:100%;height:auto}
.chart .label{font-size:13px;fill:var(--ink)}
.chart .value{font-size:12px;fill:var(--ink)}
.chart .rule{stroke:var(--line);stroke-width:1}
.chart .track{fill:#eef1f4}
.tone-good{fill:var(--good)}.tone-fair{fill:var(--fair)}.tone-poor{fill:var(--poor)}.tone-bad{fill:var(--bad)}.tone-neutral{fill:var(--neutral)}
.toc a{color:inherit}
.toc table.grid{width:auto;min-width:50%}
.figures{display:flex;gap:12px;flex-wrap:wrap;margin:8px 0 16px}
.figures div{border:1px solid var(--line);border-radius:6px;padding:6px 14px;min-width:110px}
.figures b{display:block;font-size:22px;font-variant-numeric:tabular-nums}
@page{size:A4;margin:12mm}
@media print{
body{padding:0;max-width:none;font-size:11px}
section.record+section.record{break-before:page}
nav.toc{break-after:page}
thead{display:table-header-group}
tr{break-inside:avoid}
a{color:inherit;text-decoration:none}
.grade,.badge-error,.chart rect,table.grid th{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
)css";

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

void beginPage(std::ostream& out, std::string_view title, std::string_view extraCss) {
  out << "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<title>" << escape(title) << "</title>\n<style>" << kStyle << extraCss << "</style>\n</head>\n<body>\n";
}

void endPage(std::ostream& out) { out << "</body>\n</html>\n"; }

std::string badge(std::string_view text, std::string_view kind) {
  return fmt::format("<span class=\"badge badge-{}\">{}</span>", escape(kind), escape(text));
}

std::string toneForRate(Decimal rate) {
  auto percent = [](int p) { return Decimal::fromRaw(Decimal::kOne / 100 * p); };
  if (rate >= percent(90)) return "good";
  if (rate >= percent(80)) return "fair";
  if (rate >= percent(60)) return "poor";
  return "bad";
}

namespace {

// Geometry in SVG user units. Text widths are estimates (a CJK character is
// about one em wide, ASCII about half), enough to size the label column.
constexpr int kWidth = 720, kRow = 28, kBar = 18, kPad = 6, kValueWidth = 110, kMaxLabel = 260;
constexpr int kFont = 13;

int charWidth(unsigned char lead) { return lead < 0x80 ? (kFont + 1) / 2 : kFont; }

int utf8Length(unsigned char lead) { return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4; }

int textWidth(const std::string& s) {
  int w = 0;
  for (size_t i = 0; i < s.size(); i += utf8Length(static_cast<unsigned char>(s[i]))) w += charWidth(static_cast<unsigned char>(s[i]));
  return w;
}

// The longest prefix (whole characters) that fits in `width` with an ellipsis.
std::string shorten(const std::string& s, int width) {
  if (textWidth(s) <= width) return s;
  std::string out;
  int w = kFont;  // room for "…"
  for (size_t i = 0; i < s.size();) {
    int len = utf8Length(static_cast<unsigned char>(s[i]));
    int cw = charWidth(static_cast<unsigned char>(s[i]));
    if (w + cw > width) break;
    out.append(s, i, len);
    w += cw;
    i += len;
  }
  return out + "…";
}

// value ÷ scale × length, clamped to [0, length], as SVG text with one decimal.
std::string scaled(Decimal value, Decimal scale, int length) {
  Decimal share, px;
  if (scale <= Decimal() || checkedDiv(value, scale, share) != DecimalStatus::Ok) share = Decimal();
  share = min(max(share, Decimal()), Decimal::one());
  if (checkedMul(share, Decimal::fromInt(length), px) != DecimalStatus::Ok) px = Decimal();
  return toFixed(px, 1);
}

}  // namespace

std::string barChartSvg(const BarChart& chart) {
  std::string out = "<figure class=\"chart\"><figcaption>" + escape(chart.title) + "</figcaption>";
  if (chart.bars.empty()) return out + "</figure>";
  int labelWidth = 0;
  for (const auto& b : chart.bars) labelWidth = std::max(labelWidth, textWidth(b.label));
  labelWidth = std::min(labelWidth, kMaxLabel) + 2 * kPad;
  const int plotX = labelWidth, plotWidth = kWidth - labelWidth - kValueWidth;
  const int height = static_cast<int>(chart.bars.size()) * kRow + 2 * kPad;
  out += fmt::format("<svg viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" role=\"img\" aria-label=\"{}\">", kWidth, height, kWidth,
                     height, escape(chart.title));
  // Grid lines at 0, ¼, ½, ¾ and the full scale.
  for (int q = 0; q <= 4; ++q) {
    std::string x = scaled(Decimal::fromInt(q), Decimal::fromInt(4), plotWidth);
    out += fmt::format("<line class=\"rule\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\" transform=\"translate({3} 0)\"/>", x, kPad / 2,
                       height - kPad / 2, plotX);
  }
  for (size_t i = 0; i < chart.bars.size(); ++i) {
    const Bar& b = chart.bars[i];
    const int top = kPad + static_cast<int>(i) * kRow, barY = top + (kRow - kBar) / 2, textY = top + kRow / 2 + 4;
    const std::string tone = b.tone.empty() ? "neutral" : b.tone;
    out += fmt::format("<g><title>{}：{}</title>", escape(b.label), escape(b.valueText));
    out += fmt::format("<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>", plotX - kPad, textY,
                       escape(shorten(b.label, labelWidth - 2 * kPad)));
    out += fmt::format("<rect class=\"track\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>", plotX, barY, plotWidth, kBar);
    std::string w = scaled(b.value, chart.scale, plotWidth);
    out += fmt::format("<rect class=\"tone-{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>", escape(tone), plotX, barY, w, kBar);
    out += fmt::format("<text class=\"value\" x=\"{}\" y=\"{}\">{}</text></g>", plotX + plotWidth + kPad, textY, escape(b.valueText));
  }
  return out + "</svg></figure>";
}

}  // namespace defen::html

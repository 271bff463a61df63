#include "compiler/tools/diff/describe.h"
#include "compiler/tools/diff/writers.h"
#include "compiler/report/html_page.h"

#include <fmt/format.h>

#include <filesystem>

namespace defen::diff {
namespace {

// Constant CSS only (html::beginPage inserts it as is).
constexpr const char* kDiffCss = R"css(
.badge-added{color:#116329;border-color:#4ac26b}
.badge-removed{color:#82071e;border-color:#ff8182}
.badge-changed{color:#0550ae;border-color:#54aeff}
.badge-wording{color:#57606a;border-color:#8c959f}
table.diff{table-layout:fixed}
table.diff th:nth-child(1){width:12em}table.diff th:nth-child(2){width:8em}table.diff th:nth-child(5){width:9em}
td.before{background:#fff5f5}
td.after{background:#f3fff5}
td.text p{margin:0 0 4px}
)css";

std::string badgeKind(const Change& c) {
  if (c.wording()) return "wording";
  if (c.before.empty()) return "added";
  if (c.after.empty()) return "removed";
  return "changed";
}

std::string place(const Place& p) {
  if (!p.valid()) return "—";
  std::string file = p.base.empty() ? "" : std::filesystem::path(p.base).filename().string() + ":";
  return fmt::format("{}{}:{}", file, p.range.line, p.range.col);
}

// One side of a change: the excerpts of a wording change, else the whole text.
std::string side(const Change& c, bool before) {
  if (!c.excerpts.empty()) {
    std::string out;
    for (const auto& e : c.excerpts) out += "<p>" + html::escape(before ? e.before : e.after) + "</p>";
    return out;
  }
  const std::string& text = before ? c.before : c.after;
  return text.empty() ? "—" : html::escape(text);
}

}  // namespace

void writeDiffHtml(std::ostream& out, const RulesetDiff& d, Lang lang) {
  bool en = lang == Lang::En;
  std::string title = en ? fmt::format("Differences: {} → {}", standardTitle(d.before, lang), standardTitle(d.after, lang))
                         : fmt::format("评分标准差异：{} → {}", standardTitle(d.before, lang), standardTitle(d.after, lang));
  html::beginPage(out, title, kDiffCss);
  out << "<h1>" << html::escape(en ? "Differences between two standards" : "评分标准差异") << "</h1>\n";
  out << "<p class=\"meta\">" << html::escape(en ? "Old: " : "旧标准：") << html::escape(standardTitle(d.before, lang)) << " "
      << html::escape(d.before.file) << "<br>" << html::escape(en ? "New: " : "新标准：") << html::escape(standardTitle(d.after, lang))
      << " " << html::escape(d.after.file) << "</p>\n";
  out << "<div class=\"figures\">";
  auto figure = [&](const char* zh, const char* e, size_t n) {
    out << "<div><span class=\"meta\">" << html::escape(en ? e : zh) << "</span><b>" << n << "</b></div>";
  };
  figure("差异", "differences", d.changes.size());
  figure("文件头", "in the header", static_cast<size_t>(d.count(Category::Header)));
  figure("评分规则", "in the rules", static_cast<size_t>(d.count(Category::Rule)));
  figure("措辞", "in wording", static_cast<size_t>(d.count(Category::Wording)));
  out << "</div>\n";
  if (d.changes.empty()) {
    out << "<p>" << html::escape(en ? "No differences (layout and comments aside)." : "两套标准没有差异（排版与注释不计）。") << "</p>\n";
    html::endPage(out);
    return;
  }
  std::string group;
  bool open = false;
  for (const auto& c : d.changes) {
    std::string g = groupOf(c, lang);
    if (!open || g != group) {
      if (open) out << "</tbody></table>\n";
      out << "<h2>" << html::escape(g) << "</h2>\n<table class=\"grid diff\"><thead><tr><th>" << (en ? "Item" : "项目") << "</th><th>"
          << (en ? "Change" : "变化") << "</th><th>" << (en ? "Old standard" : "旧标准") << "</th><th>"
          << (en ? "New standard" : "新标准") << "</th><th class=\"num\">" << (en ? "Old / new line" : "旧/新位置")
          << "</th></tr></thead><tbody>\n";
      group = g;
      open = true;
    }
    out << "<tr><td class=\"level\">" << html::escape(subjectOf(c)) << "</td><td>" << html::escape(partOf(c, lang))
        << html::badge(badgeOf(c, lang), badgeKind(c)) << "</td><td class=\"text before\">" << side(c, true)
        << "</td><td class=\"text after\">" << side(c, false) << "</td><td class=\"num\">" << place(c.oldAt) << " / "
        << place(c.newAt) << "</td></tr>\n";
  }
  out << "</tbody></table>\n";
  html::endPage(out);
}

}  // namespace defen::diff

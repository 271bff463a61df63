// `defen compare` written out: text for a terminal, JSON, and an HTML page.
#include "compiler/report/comparison.h"

#include "compiler/report/documents.h"
#include "compiler/report/html_page.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace defen {
namespace {

int placesOf(const Comparison& c) { return std::max(c.before.places, c.after.places); }

// "+0.50", "-1.50", "0.00".
std::string signedText(Decimal v, int places) {
  std::string s = scoreText(v, places);
  return v > Decimal() ? "+" + s : s;
}

Decimal difference(Decimal after, Decimal before) {
  Decimal d;
  checkedSub(after, before, d);
  return d;
}

std::string standardName(const ReportSchema& s) {
  std::string out = s.name;
  if (s.year) out += fmt::format("（{}年度", s.year);
  if (!s.version.empty()) out += (s.year ? "，版本 " : "（版本 ") + s.version;
  if (s.year || !s.version.empty()) out += "）";
  return out;
}

std::string departmentName(const DepartmentComparison& d) { return d.id.empty() ? fmt::format("第{}行", d.row) : d.id; }

std::string scoreCell(const std::optional<ScoreUnder>& s, int places) {
  if (!s) return "—";
  if (!s->counted) return "不计";
  return scoreText(s->score, places);
}

std::string totalText(bool ok, Decimal total, const std::string& grade, int places) {
  return ok ? scoreText(total, places) + " " + grade : std::string("有错误");
}

std::string changeCell(const IndicatorComparison& ic, int places) {
  if (!ic.before) return "新增";
  if (!ic.after) return "删除";
  std::string s = signedText(difference(ic.after->score, ic.before->score), places);
  if (ic.before->max != ic.after->max)
    s += fmt::format("（分值{}→{}）", scoreText(ic.before->max, places), scoreText(ic.after->max, places));
  return s;
}

bool hasAdjustment(const Comparison& c) { return !c.before.bonusName.empty() || !c.after.bonusName.empty(); }
std::string adjustmentName(const Comparison& c) { return c.after.bonusName.empty() ? c.before.bonusName : c.after.bonusName; }

}  // namespace

void writeComparisonText(std::ostream& out, const Comparison& c, bool all) {
  int places = placesOf(c);
  out << "旧标准：" << standardName(c.before) << "\n新标准：" << standardName(c.after) << "\n";
  for (const auto& d : c.departments) {
    out << "\n第" << d.row << "行 " << departmentName(d) << "：" << totalText(d.okBefore, d.totalBefore, d.gradeBefore, places)
        << " → " << totalText(d.okAfter, d.totalAfter, d.gradeAfter, places);
    if (d.okBefore && d.okAfter) out << "（" << signedText(difference(d.totalAfter, d.totalBefore), places) << "）";
    if (d.gradeChanged()) out << "  等级变化：" << d.gradeBefore << " → " << d.gradeAfter;
    out << "\n";
    for (const auto& e : d.errors) out << "  错误：" << e << "\n";
    int nameWidth = 8;
    for (const auto& ic : d.indicators) nameWidth = std::max(nameWidth, terminalWidth(ic.name) + 2 * static_cast<int>(ic.path.size() - 1));
    bool header = false;
    for (const auto& ic : d.indicators) {
      if (!all && !ic.changed()) continue;
      if (!header) {
        out << "  " << padRight("指标", nameWidth) << "  " << padLeft("旧分值", 6) << "  " << padLeft("旧得分", 6) << "  "
            << padLeft("新分值", 6) << "  " << padLeft("新得分", 6) << "  变化\n";
        header = true;
      }
      std::string name = std::string(2 * (ic.path.size() - 1), ' ') + ic.name;
      out << "  " << padRight(name, nameWidth) << "  " << padLeft(ic.before ? scoreText(ic.before->max, places) : "—", 6) << "  "
          << padLeft(scoreCell(ic.before, places), 6) << "  " << padLeft(ic.after ? scoreText(ic.after->max, places) : "—", 6)
          << "  " << padLeft(scoreCell(ic.after, places), 6) << "  " << changeCell(ic, places) << "\n";
    }
    if (!header) out << "  各指标得分与分值均无变化\n";
    if (hasAdjustment(c) && (all || d.adjustmentBefore != d.adjustmentAfter))
      out << "  " << adjustmentName(c) << "：" << signedText(d.adjustmentBefore, places) << " → "
          << signedText(d.adjustmentAfter, places) << "\n";
  }
}

void writeComparisonJson(std::ostream& out, const Comparison& c) {
  int places = placesOf(c);
  auto number = [&](Decimal v) { return nlohmann::ordered_json::parse(scoreJson(v, places)); };
  auto standard = [](const ReportSchema& s) {
    nlohmann::ordered_json j;
    j["name"] = s.name;
    j["year"] = s.year;
    j["version"] = s.version;
    j["places"] = s.places;  // 舍入: a reader shows the exact numbers below to these places
    return j;
  };
  auto under = [&](const std::optional<ScoreUnder>& s) -> nlohmann::ordered_json {
    if (!s) return nullptr;
    nlohmann::ordered_json j;
    j["max"] = number(s->max);
    j["score"] = s->counted ? number(s->score) : nlohmann::ordered_json(nullptr);
    j["status"] = statusName(s->status);
    return j;
  };
  nlohmann::ordered_json doc;
  doc["before"] = standard(c.before);
  doc["after"] = standard(c.after);
  doc["departments"] = nlohmann::ordered_json::array();
  for (const auto& d : c.departments) {
    nlohmann::ordered_json j;
    j["row"] = d.row;
    j["id"] = d.id;
    auto total = [&](bool ok, Decimal t, const std::string& g) {
      nlohmann::ordered_json x;
      x["total"] = ok ? number(t) : nlohmann::ordered_json(nullptr);
      x["grade"] = ok ? nlohmann::ordered_json(g) : nlohmann::ordered_json(nullptr);
      return x;
    };
    j["before"] = total(d.okBefore, d.totalBefore, d.gradeBefore);
    j["after"] = total(d.okAfter, d.totalAfter, d.gradeAfter);
    j["change"] = d.okBefore && d.okAfter ? number(difference(d.totalAfter, d.totalBefore)) : nlohmann::ordered_json(nullptr);
    j["gradeChanged"] = d.gradeChanged();
    j["indicators"] = nlohmann::ordered_json::array();
    for (const auto& ic : d.indicators) {
      nlohmann::ordered_json x;
      x["name"] = ic.name;
      x["path"] = ic.path;
      x["before"] = under(ic.before);
      x["after"] = under(ic.after);
      x["change"] = ic.before && ic.after ? number(difference(ic.after->score, ic.before->score)) : nlohmann::ordered_json(nullptr);
      x["changed"] = ic.changed();
      j["indicators"].push_back(std::move(x));
    }
    if (hasAdjustment(c)) {
      j["adjustment"] = {{"name", adjustmentName(c)}, {"before", number(d.adjustmentBefore)}, {"after", number(d.adjustmentAfter)}};
    }
    j["errors"] = d.errors;
    doc["departments"].push_back(std::move(j));
  }
  out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

void writeComparisonHtml(std::ostream& out, const Comparison& c) {
  int places = placesOf(c);
  using html::escape;
  auto changeClass = [](Decimal d) { return d > Decimal() ? " up" : d < Decimal() ? " down" : ""; };
  html::beginPage(out, "两套标准对比：" + c.before.name, "tr.changed td{background:#fff8e1}");
  out << "<h1>两套标准对比</h1>\n<p class=\"meta\">旧标准：" << escape(standardName(c.before)) << "<br>新标准："
      << escape(standardName(c.after)) << "<br>同一份数据分别按两套标准计分。</p>\n";
  out << "<table class=\"grid toc\"><thead><tr><th>行</th><th>被评价单位</th><th>旧标准总分</th><th>新标准总分</th><th>变化</th>"
         "<th>等级</th></tr></thead><tbody>\n";
  for (const auto& d : c.departments) {
    Decimal diff = difference(d.totalAfter, d.totalBefore);
    bool both = d.okBefore && d.okAfter;
    out << "<tr><td class=\"num\">" << d.row << "</td><td><a href=\"#row" << d.row << "\">" << escape(departmentName(d))
        << "</a></td><td class=\"num\">" << escape(totalText(d.okBefore, d.totalBefore, d.gradeBefore, places))
        << "</td><td class=\"num\">" << escape(totalText(d.okAfter, d.totalAfter, d.gradeAfter, places)) << "</td><td class=\"num"
        << (both ? changeClass(diff) : "") << "\">" << (both ? escape(signedText(diff, places)) : "—") << "</td><td>"
        << (d.gradeChanged() ? html::badge(d.gradeBefore + " → " + d.gradeAfter, "overridden") : escape(d.gradeAfter)) << "</td></tr>\n";
  }
  out << "</tbody></table>\n";
  for (const auto& d : c.departments) {
    out << "<section class=\"record\" id=\"row" << d.row << "\"><h2>" << escape(departmentName(d)) << "</h2>\n<p class=\"headline\">"
        << escape(totalText(d.okBefore, d.totalBefore, d.gradeBefore, places)) << " → <span class=\"total\">"
        << escape(totalText(d.okAfter, d.totalAfter, d.gradeAfter, places)) << "</span>";
    if (d.gradeChanged()) out << " " << html::badge("等级变化", "overridden");
    out << "</p>\n";
    if (!d.errors.empty()) {
      out << "<ul class=\"errors\">";
      for (const auto& e : d.errors) out << "<li>" << escape(e) << "</li>";
      out << "</ul>\n";
    }
    out << "<table class=\"grid\"><thead><tr><th>指标</th><th>旧分值</th><th>旧得分</th><th>新分值</th><th>新得分</th><th>变化</th>"
           "</tr></thead><tbody>\n";
    for (const auto& ic : d.indicators) {
      Decimal diff = ic.before && ic.after ? difference(ic.after->score, ic.before->score) : Decimal();
      out << "<tr" << (ic.changed() ? " class=\"changed\"" : "") << "><td style=\"padding-left:" << (ic.path.size() - 1) * 1.5
          << "em\">" << escape(ic.name) << "</td><td class=\"num\">" << (ic.before ? escape(scoreText(ic.before->max, places)) : "—")
          << "</td><td class=\"num\">" << escape(scoreCell(ic.before, places)) << "</td><td class=\"num\">"
          << (ic.after ? escape(scoreText(ic.after->max, places)) : "—") << "</td><td class=\"num\">" << escape(scoreCell(ic.after, places))
          << "</td><td class=\"num" << changeClass(diff) << "\">" << escape(changeCell(ic, places)) << "</td></tr>\n";
    }
    if (hasAdjustment(c)) {
      Decimal diff = difference(d.adjustmentAfter, d.adjustmentBefore);
      out << "<tr" << (diff.isZero() ? "" : " class=\"changed\"") << "><td>" << escape(adjustmentName(c))
          << "</td><td></td><td class=\"num\">" << escape(signedText(d.adjustmentBefore, places)) << "</td><td></td><td class=\"num\">"
          << escape(signedText(d.adjustmentAfter, places)) << "</td><td class=\"num" << changeClass(diff) << "\">"
          << escape(signedText(diff, places)) << "</td></tr>\n";
    }
    out << "</tbody></table></section>\n";
  }
  html::endPage(out);
}

}  // namespace defen

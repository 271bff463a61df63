// 名称, 地区, 年度, 版本, 总分, 舍入 and the grades.
#include "compiler/tools/diff/differ.h"
#include "compiler/sema/intervals.h"
#include "compiler/tools/diff/written.h"

#include <fmt/format.h>

#include <algorithm>

namespace defen::diff {
namespace {

std::string quoted(const std::string& s) { return s.empty() ? std::string() : "\"" + s + "\""; }

void field(Differ& d, const char* name, std::string before, std::string after, SourceRange oldAt, SourceRange newAt) {
  if (before == after) return;
  d.add(Kind::Header, Area::Header, std::move(before), std::move(after), oldAt, newAt).item = name;
}

std::string gradeText(const ir::Program& p, const ir::Grade& g) {
  std::string text = written(p, g.where);
  return text.empty() ? g.name + " " + sema::formatInterval(g.range, points) : text;
}

}  // namespace

void diffHeader(Differ& d) {
  const auto &a = d.a.headerRanges, &b = d.b.headerRanges;
  field(d, "名称", quoted(d.a.name), quoted(d.b.name), a.name, b.name);
  field(d, "地区", quoted(d.a.region), quoted(d.b.region), a.region, b.region);
  field(d, "年度", std::to_string(d.a.year), std::to_string(d.b.year), a.year, b.year);
  field(d, "版本", quoted(d.a.version), quoted(d.b.version), a.version, b.version);
  field(d, "总分", points(d.a.total), points(d.b.total), a.total, b.total);
  field(d, "舍入", fmt::format("四舍五入 {}位", d.a.places), fmt::format("四舍五入 {}位", d.b.places), a.rounding, b.rounding);

  for (const auto& g : d.a.grades) {
    auto it = std::find_if(d.b.grades.begin(), d.b.grades.end(), [&](const ir::Grade& h) { return h.name == g.name; });
    if (it == d.b.grades.end()) {
      d.add(Kind::GradeRemoved, Area::Grades, gradeText(d.a, g), "", g.where, {}).item = g.name;
    } else if (!SameMeaning::interval(g.range, it->range)) {
      d.add(Kind::GradeChanged, Area::Grades, gradeText(d.a, g), gradeText(d.b, *it), g.where, it->where).item = g.name;
    }
  }
  for (const auto& g : d.b.grades) {
    bool known = std::any_of(d.a.grades.begin(), d.a.grades.end(), [&](const ir::Grade& h) { return h.name == g.name; });
    if (!known) d.add(Kind::GradeAdded, Area::Grades, "", gradeText(d.b, g), {}, g.where).item = g.name;
  }
}

}  // namespace defen::diff

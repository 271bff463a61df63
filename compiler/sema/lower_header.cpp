// 名称 / 地区 / 年度 / 版本 / 总分 / 舍入 / 等级.
#include "compiler/sema/context.h"
#include "compiler/sema/intervals.h"
#include "compiler/core/number_text.h"

#include <fmt/format.h>

namespace defen::sema {

namespace {

std::optional<Decimal> gradeBound(Context& cx, const ast::ExprPtr& e) {
  if (!e) return std::nullopt;  // infinite; reported by the caller
  if (e->kind == ast::Expr::Kind::Number && (e->quantity.unit == ast::Unit::Score || e->quantity.unit == ast::Unit::None))
    return e->quantity.value;
  if (e->kind == ast::Expr::Kind::Neg) return std::nullopt;
  cx.diags.error("E105", e->range, "等级的边界应为分数，如 90分", "a grade bound is a score such as 90分");
  return std::nullopt;
}

void declareGrades(Context& cx, const ast::File& file) {
  std::vector<Interval> bands;
  for (const auto& g : file.grades) {
    auto lo = gradeBound(cx, g.interval.lower), hi = gradeBound(cx, g.interval.upper);
    if (!lo || !hi) {
      cx.diags.error("E105", g.interval.range, "等级区间的两端都应是分数", "both ends of a grade interval are scores");
      continue;
    }
    Interval iv{Bound::at(*lo, g.interval.lowerClosed), Bound::at(*hi, g.interval.upperClosed)};
    for (const auto& other : cx.program.grades)
      if (other.name == g.name)
        cx.diags.error("E102", g.nameRange, fmt::format("重复的等级“{}”", g.name), fmt::format("duplicate grade '{}'", g.name));
    cx.program.grades.push_back(ir::Grade{g.name, iv, SourceRange::span(g.nameRange, g.interval.range)});
    bands.push_back(iv);
  }
  if (bands.empty()) return;
  Interval domain{Bound::at(Decimal::zero(), true), Bound::at(cx.program.total, true)};
  Coverage cov = analyzeCoverage(bands, domain, false);
  for (const auto& gap : cov.gaps) {
    std::string where = formatInterval(gap, writtenScore);
    cx.diags.error("E106", file.gradesRange, fmt::format("等级未覆盖 {}：这样的总分得不到等级", where),
                   fmt::format("grades leave {} uncovered", where));
  }
  for (const auto& o : cov.overlaps) {
    std::string where = formatInterval(o.where, writtenScore);
    cx.diags.error("E107", file.grades[o.second].interval.range,
                   fmt::format("等级“{}”与“{}”重叠于 {}", file.grades[o.first].name, file.grades[o.second].name, where),
                   fmt::format("grades '{}' and '{}' overlap at {}", file.grades[o.first].name, file.grades[o.second].name, where));
  }
}

}  // namespace

void declareHeader(Context& cx, const ast::File& file) {
  auto& p = cx.program;
  auto& at = p.headerRanges;
  if (file.name) at.name = file.name->range;
  if (file.region) at.region = file.region->range;
  if (file.version) at.version = file.version->range;
  if (file.year) at.year = file.year->range;
  if (file.total) at.total = file.total->range;
  if (file.roundingPlaces) at.rounding = file.roundingPlaces->range;
  at.grades = file.gradesRange;
  if (file.name) p.name = file.name->value;
  else cx.diags.error("E101", {}, "缺少“名称”：规则文件须写明标准名称", "missing 名称 (the standard's name)");
  if (file.region) p.region = file.region->value;
  if (file.version) p.version = file.version->value;
  if (file.year) {
    if (!file.year->value.isInteger() || file.year->value < Decimal::fromInt(1900) || file.year->value > Decimal::fromInt(9999))
      cx.diags.error("E103", file.year->range, "年度应为四位年份，如 2022", "年度 is a four-digit year");
    else p.year = static_cast<int>(file.year->value.raw() / Decimal::kOne);
  } else {
    cx.diags.error("E101", {}, "缺少“年度”", "missing 年度 (the year)");
  }
  if (file.total) {
    if (file.total->value <= Decimal::zero() || (file.total->unit != ast::Unit::Score && file.total->unit != ast::Unit::None))
      cx.diags.error("E104", file.total->range, "总分应为正的分数，如 100分", "总分 is a positive score such as 100分");
    else p.total = file.total->value;
  }
  if (file.roundingPlaces) {
    const auto& q = *file.roundingPlaces;
    if (!q.value.isInteger() || q.value < Decimal::zero() || q.value > Decimal::fromInt(6))
      cx.diags.error("E104", q.range, "舍入位数应为0到6位", "rounding places are 0..6");
    else p.places = static_cast<int>(q.value.raw() / Decimal::kOne);
  }
  declareGrades(cx, file);
}

}  // namespace defen::sema

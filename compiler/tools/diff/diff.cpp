#include "compiler/tools/diff/diff.h"

#include "compiler/tools/diff/differ.h"

#include <algorithm>

namespace defen::diff {

RulesetDiff diffPrograms(const ir::Program& before, const ir::Program& after) {
  Differ d(before, after);
  diffHeader(d);
  diffInputs(d);
  diffLets(d, -1, -1, {});
  diffIndicators(d);
  diffBonus(d);
  auto standard = [](const ir::Program& p) {
    return Standard{p.source ? p.source->path() : std::string(), p.name, p.version, p.year};
  };
  return RulesetDiff{standard(before), standard(after), std::move(d.changes)};
}

Category categoryOf(const Change& c) {
  if (c.wording()) return Category::Wording;
  return c.area == Area::Header ? Category::Header : Category::Rule;
}

const char* categoryName(Category category) {
  switch (category) {
    case Category::Header: return "header";
    case Category::Rule: return "rule";
    case Category::Wording: return "wording";
  }
  return "unknown";
}

int RulesetDiff::count(Category category) const {
  return static_cast<int>(std::count_if(changes.begin(), changes.end(), [&](const Change& c) { return categoryOf(c) == category; }));
}

namespace {

// Every kind of change with its names, in one place: the stable JSON name,
// and the part of the standard it changes as a report names it (empty for a
// header item, which names itself).
constexpr KindNames kKindNames[] = {
    {Kind::Header, "header", "", ""},
    {Kind::GradeAdded, "grade-added", "等级", "grade"},
    {Kind::GradeRemoved, "grade-removed", "等级", "grade"},
    {Kind::GradeChanged, "grade-changed", "等级", "grade"},
    {Kind::InputAdded, "input-added", "输入", "input"},
    {Kind::InputRemoved, "input-removed", "输入", "input"},
    {Kind::InputChanged, "input-changed", "输入", "input"},
    {Kind::LetAdded, "let-added", "令", "令"},
    {Kind::LetRemoved, "let-removed", "令", "令"},
    {Kind::LetChanged, "let-changed", "令", "令"},
    {Kind::IndicatorAdded, "indicator-added", "指标", "indicator"},
    {Kind::IndicatorRemoved, "indicator-removed", "指标", "indicator"},
    {Kind::IndicatorRenamed, "indicator-renamed", "名称", "name"},
    {Kind::IndicatorMoved, "indicator-moved", "上级指标", "parent"},
    {Kind::WeightChanged, "weight-changed", "分值", "weight"},
    {Kind::RuleChanged, "rule-changed", "评分规则", "rule"},
    {Kind::FormulaChanged, "formula-changed", "公式", "formula"},
    {Kind::BandAdded, "band-added", "分段", "band"},
    {Kind::BandRemoved, "band-removed", "分段", "band"},
    {Kind::BandChanged, "band-changed", "分段", "band"},
    {Kind::ItemAdded, "item-added", "逐项", "checklist item"},
    {Kind::ItemRemoved, "item-removed", "逐项", "checklist item"},
    {Kind::ItemChanged, "item-changed", "逐项", "checklist item"},
    {Kind::DeductionAdded, "deduction-added", "扣分", "deduction"},
    {Kind::DeductionRemoved, "deduction-removed", "扣分", "deduction"},
    {Kind::DeductionChanged, "deduction-changed", "扣分", "deduction"},
    {Kind::DeductionCapChanged, "deduction-cap-changed", "扣分上限", "deduction cap"},
    {Kind::TiersChanged, "review-tiers-changed", "评审档次", "review tiers"},
    {Kind::NaAdded, "not-applicable-added", "不考核", "不考核"},
    {Kind::NaRemoved, "not-applicable-removed", "不考核", "不考核"},
    {Kind::NaChanged, "not-applicable-changed", "不考核", "不考核"},
    {Kind::NoteChanged, "note-changed", "说明", "说明"},
    {Kind::ExplainChanged, "explain-changed", "评分说明", "评分说明"},
    {Kind::BonusAdded, "bonus-added", "加减分", "加减分"},
    {Kind::BonusRemoved, "bonus-removed", "加减分", "加减分"},
    {Kind::BonusRenamed, "bonus-renamed", "名称", "name"},
    {Kind::BonusLineAdded, "bonus-line-added", "加减分项", "bonus line"},
    {Kind::BonusLineRemoved, "bonus-line-removed", "加减分项", "bonus line"},
    {Kind::BonusLineChanged, "bonus-line-changed", "加减分项", "bonus line"},
};

}  // namespace

const KindNames& namesOf(Kind kind) {
  for (const auto& names : kKindNames)
    if (names.kind == kind) return names;
  return kKindNames[0];
}

const char* kindName(Kind kind) { return namesOf(kind).name; }

const char* areaName(Area area) {
  switch (area) {
    case Area::Header: return "header";
    case Area::Grades: return "grades";
    case Area::Inputs: return "inputs";
    case Area::Lets: return "lets";
    case Area::Indicators: return "indicators";
    case Area::Bonus: return "bonus";
  }
  return "unknown";
}

}  // namespace defen::diff

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

const char* kindName(Kind kind) {
  switch (kind) {
    case Kind::Header: return "header";
    case Kind::GradeAdded: return "grade-added";
    case Kind::GradeRemoved: return "grade-removed";
    case Kind::GradeChanged: return "grade-changed";
    case Kind::InputAdded: return "input-added";
    case Kind::InputRemoved: return "input-removed";
    case Kind::InputChanged: return "input-changed";
    case Kind::LetAdded: return "let-added";
    case Kind::LetRemoved: return "let-removed";
    case Kind::LetChanged: return "let-changed";
    case Kind::IndicatorAdded: return "indicator-added";
    case Kind::IndicatorRemoved: return "indicator-removed";
    case Kind::IndicatorRenamed: return "indicator-renamed";
    case Kind::IndicatorMoved: return "indicator-moved";
    case Kind::WeightChanged: return "weight-changed";
    case Kind::RuleChanged: return "rule-changed";
    case Kind::FormulaChanged: return "formula-changed";
    case Kind::BandAdded: return "band-added";
    case Kind::BandRemoved: return "band-removed";
    case Kind::BandChanged: return "band-changed";
    case Kind::ItemAdded: return "item-added";
    case Kind::ItemRemoved: return "item-removed";
    case Kind::ItemChanged: return "item-changed";
    case Kind::DeductionAdded: return "deduction-added";
    case Kind::DeductionRemoved: return "deduction-removed";
    case Kind::DeductionChanged: return "deduction-changed";
    case Kind::DeductionCapChanged: return "deduction-cap-changed";
    case Kind::TiersChanged: return "review-tiers-changed";
    case Kind::NaAdded: return "not-applicable-added";
    case Kind::NaRemoved: return "not-applicable-removed";
    case Kind::NaChanged: return "not-applicable-changed";
    case Kind::NoteChanged: return "note-changed";
    case Kind::ExplainChanged: return "explain-changed";
    case Kind::BonusAdded: return "bonus-added";
    case Kind::BonusRemoved: return "bonus-removed";
    case Kind::BonusRenamed: return "bonus-renamed";
    case Kind::BonusLineAdded: return "bonus-line-added";
    case Kind::BonusLineRemoved: return "bonus-line-removed";
    case Kind::BonusLineChanged: return "bonus-line-changed";
  }
  return "unknown";
}

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

// One matched indicator's rule: band by band, line by line, item by item;
// its 不考核 clauses; and its 说明 and 评分说明 wording.
#include "compiler/tools/diff/align.h"
#include "compiler/tools/diff/differ.h"
#include "compiler/tools/diff/wording.h"
#include "compiler/tools/diff/written.h"

namespace defen::diff {
namespace {

// What kind of rule a node has, as people tell them apart: a 分段 rule and a
// 得分 = … formula are both formulas to the scorer but not to the reader.
enum class Shape { Sum, Formula, Bands, Checklist, Deductions, Review };

Shape shapeOf(const ir::Node& n) {
  switch (n.rule) {
    case ir::RuleKind::Sum: return Shape::Sum;
    case ir::RuleKind::Formula: return n.formula && n.formula->op == ir::Op::Bands ? Shape::Bands : Shape::Formula;
    case ir::RuleKind::Checklist: return Shape::Checklist;
    case ir::RuleKind::Deductions: return Shape::Deductions;
    case ir::RuleKind::Review: return Shape::Review;
    case ir::RuleKind::Rows: return Shape::Formula;
  }
  return Shape::Sum;
}

std::string ruleText(const ir::Node& n) { return n.rule == ir::RuleKind::Sum ? "（下级指标得分之和）" : oneLine(n.ruleText); }

class RuleDiff {
 public:
  RuleDiff(Differ& d, const ir::Node& x, const ir::Node& y) : d_(d), x_(x), y_(y) {}

  void run() {
    if (shapeOf(x_) != shapeOf(y_)) {
      d_.add(Kind::RuleChanged, Area::Indicators, ruleText(x_), ruleText(y_), x_.ruleRange, y_.ruleRange);
    } else {
      switch (shapeOf(x_)) {
        case Shape::Sum: break;
        case Shape::Formula:
        case Shape::Bands: formula(); break;
        case Shape::Checklist: checklist(); break;
        case Shape::Deductions: deductions(); break;
        case Shape::Review:
          if (!d_.same.rule(x_, y_))
            d_.add(Kind::TiersChanged, Area::Indicators, ruleText(x_), ruleText(y_), x_.ruleRange, y_.ruleRange);
          break;
      }
    }
    notApplicable();
    wording(Kind::NoteChanged, x_.note, y_.note, x_.noteRange, y_.noteRange);
    wording(Kind::ExplainChanged, x_.explainWording, y_.explainWording, x_.explainRange, y_.explainRange);
  }

 private:
  // Each line pair from `align`: changed, removed or added, as `text` writes it.
  template <typename T, typename Text, typename Range>
  void lines(const std::vector<T>& before, const std::vector<T>& after, const std::function<bool(const T&, const T&)>& same,
             Kind changed, Kind removed, Kind added, Text text, Range range) {
    for (const auto& step : align(before.size(), after.size(), [&](size_t i, size_t j) { return same(before[i], after[j]); })) {
      if (step.same) continue;
      const T* x = step.before ? &before[*step.before] : nullptr;
      const T* y = step.after ? &after[*step.after] : nullptr;
      d_.add(x && y ? changed : x ? removed : added, Area::Indicators, x ? text(d_.a, *x) : "", y ? text(d_.b, *y) : "",
             x ? range(*x) : SourceRange{}, y ? range(*y) : SourceRange{});
    }
  }

  void formula() {
    std::vector<std::pair<int, int>> tables;
    if (!d_.same.shape(x_.formula, y_.formula, tables)) {
      d_.add(Kind::FormulaChanged, Area::Indicators, ruleText(x_), ruleText(y_), x_.ruleRange, y_.ruleRange);
      return;
    }
    for (auto [tx, ty] : tables) {
      const ir::BandTable &a = d_.a.tables[tx], &b = d_.b.tables[ty];
      lines<ir::BandCase>(
          a.cases, b.cases, [&](const ir::BandCase& p, const ir::BandCase& q) { return d_.same.bandCase(p, q, a, b); },
          Kind::BandChanged, Kind::BandRemoved, Kind::BandAdded,
          [](const ir::Program& p, const ir::BandCase& c) { return bandText(p, c); }, [](const ir::BandCase& c) { return c.range; });
    }
  }

  void checklist() {
    lines<ir::CheckItem>(
        x_.items, y_.items, [&](const ir::CheckItem& p, const ir::CheckItem& q) { return d_.same.item(p, q); },
        Kind::ItemChanged, Kind::ItemRemoved, Kind::ItemAdded,
        [](const ir::Program&, const ir::CheckItem& i) { return oneLine(i.text) + " → " + points(i.points); },
        [](const ir::CheckItem& i) { return i.range; });
  }

  void deductions() {
    lines<ir::Deduction>(
        x_.deductions, y_.deductions, [&](const ir::Deduction& p, const ir::Deduction& q) { return d_.same.deduction(p, q); },
        Kind::DeductionChanged, Kind::DeductionRemoved, Kind::DeductionAdded,
        [](const ir::Program&, const ir::Deduction& l) { return oneLine(l.text); }, [](const ir::Deduction& l) { return l.range; });
    if (x_.deductionCap != y_.deductionCap) {
      auto cap = [](const std::optional<Decimal>& c) { return c ? "最多 " + points(*c) : std::string("不设上限"); };
      d_.add(Kind::DeductionCapChanged, Area::Indicators, cap(x_.deductionCap), cap(y_.deductionCap), x_.ruleRange, y_.ruleRange);
    }
  }

  void notApplicable() {
    auto same = [&](const ir::NaRule& p, const ir::NaRule& q) {
      if (p.policy != q.policy || p.targets.size() != q.targets.size() || !d_.same.expr(p.when, q.when)) return false;
      for (size_t k = 0; k < p.targets.size(); ++k)
        if (d_.nodes.oldToNew[p.targets[k]] != q.targets[k]) return false;
      return true;
    };
    lines<ir::NaRule>(
        x_.na, y_.na, same, Kind::NaChanged, Kind::NaRemoved, Kind::NaAdded,
        [](const ir::Program&, const ir::NaRule& r) { return oneLine(r.text); }, [](const ir::NaRule& r) { return r.range; });
  }

  void wording(Kind kind, const std::optional<std::string>& before, const std::optional<std::string>& after, SourceRange oldAt,
               SourceRange newAt) {
    if (before == after) return;
    Change& c = d_.add(kind, Area::Indicators, before.value_or(""), after.value_or(""), oldAt, newAt);
    if (before && after) c.excerpts = wordingExcerpts(*before, *after);
  }

  Differ& d_;
  const ir::Node& x_;
  const ir::Node& y_;
};

}  // namespace

void diffRule(Differ& d, const ir::Node& x, const ir::Node& y) { RuleDiff(d, x, y).run(); }

}  // namespace defen::diff

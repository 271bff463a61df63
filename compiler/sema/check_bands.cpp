// Band tables leave no gap and no overlap over their subject's domain, and
// every band can fire. Seed 001's 支出完成率 table leaves (100%, +∞) open; its
// "3项（含）至5项…5项及以上" puts 5 in two bands.
#include "compiler/sema/context.h"
#include "compiler/sema/domain.h"

#include <fmt/format.h>

namespace defen::sema {

namespace {

void checkEnumTable(Context& cx, const ir::BandTable& t) {
  const auto& values = cx.program.inputs[t.subject->type.enumInput].spec.enumValues;
  std::vector<int> firstCase(values.size(), -1);
  bool hasElse = false;
  for (size_t i = 0; i < t.cases.size(); ++i) {
    const auto& c = t.cases[i];
    if (c.kind == ir::BandCase::Kind::Else) {
      bool remaining = std::any_of(firstCase.begin(), firstCase.end(), [](int f) { return f < 0; });
      if (!remaining) cx.diags.warning("W252", c.range, "所有可选值都已列出，“否则”永远不会被选中", "every value is listed; 否则 never fires");
      hasElse = true;
      continue;
    }
    if (firstCase[c.label] >= 0) {
      auto& d = cx.diags.error("E251", c.range, fmt::format("分段重叠：{} 同时落入两个分段", values[c.label]),
                               fmt::format("bands overlap: {} falls into two bands", values[c.label]));
      d.notes.push_back({t.cases[firstCase[c.label]].range, "另一个分段在此", "the other band is here"});
    } else {
      firstCase[c.label] = static_cast<int>(i);
    }
  }
  if (hasElse) return;
  for (size_t v = 0; v < values.size(); ++v)
    if (firstCase[v] < 0)
      cx.diags.error("E250", t.range, fmt::format("分段不完整：{} 未覆盖", values[v]), fmt::format("bands are incomplete: {} is not covered", values[v]));
}

void checkNumericTable(Context& cx, const ir::BandTable& t) {
  std::vector<Interval> bands;
  std::vector<size_t> caseOf;
  bool hasElse = false;
  for (size_t i = 0; i < t.cases.size(); ++i) {
    if (t.cases[i].kind == ir::BandCase::Kind::Else) { hasElse = true; continue; }
    bands.push_back(t.cases[i].interval);
    caseOf.push_back(i);
  }
  Interval domain = domainOf(cx.program, t.subject);
  bool integer = t.subject->type.integer;
  Coverage cov = analyzeCoverage(bands, domain, integer);
  auto fmtValue = [&](Decimal v) { return formatValue(t.subject->type, v); };
  std::string subject = cx.text(t.subject->range);
  if (!hasElse) {
    for (const auto& gap : cov.gaps) {
      std::string where = formatInterval(gap, fmtValue);
      auto& d = cx.diags.error("E250", t.range, fmt::format("分段不完整：{} 未覆盖", where),
                               fmt::format("bands are incomplete: {} is not covered", where));
      d.notes.push_back({{}, fmt::format("“{}”落在 {} 时没有分段可用；请补上这一段，或用“否则”", subject, where),
                         fmt::format("when '{}' is in {} no band applies; add that band or use 否则", subject, where)});
    }
  }
  for (const auto& o : cov.overlaps) {
    std::string where = formatInterval(o.where, fmtValue);
    auto& d = cx.diags.error("E251", t.cases[caseOf[o.second]].range, fmt::format("分段重叠：{} 同时落入两个分段", where),
                             fmt::format("bands overlap: {} falls into two bands", where));
    d.notes.push_back({t.cases[caseOf[o.first]].range, "另一个分段在此", "the other band is here"});
  }
  for (size_t u : cov.unreachable) {
    bool overlapped = std::any_of(cov.overlaps.begin(), cov.overlaps.end(), [&](const Overlap& o) { return o.second == u; });
    if (overlapped) continue;  // already reported as an overlap
    cx.diags.warning("W252", t.cases[caseOf[u]].range, "此分段永远不会被选中", "this band can never fire");
  }
  if (hasElse && cov.gaps.empty())
    for (const auto& c : t.cases)
      if (c.kind == ir::BandCase::Kind::Else)
        cx.diags.warning("W252", c.range, "各分段已覆盖全部取值，“否则”永远不会被选中", "the bands cover every value; 否则 never fires");
}

}  // namespace

void checkBands(Context& cx) {
  for (const auto& t : cx.program.tables) {
    if (!t.subject || t.subject->type.poisoned) continue;  // a poisoned subject's error is reported already
    if (t.subject->type.kind == ir::Type::Kind::Enum) checkEnumTable(cx, t);
    else if (t.subject->type.kind == ir::Type::Kind::Number) checkNumericTable(cx, t);
  }
}

}  // namespace defen::sema

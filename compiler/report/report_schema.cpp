#include "compiler/report/report_schema.h"

#include "compiler/report/explain/explain.h"

namespace defen {

ReportSchema reportSchema(const ir::Program& p) {
  ReportSchema s;
  s.name = p.name;
  s.region = p.region;
  s.version = p.version;
  s.year = p.year;
  s.places = p.places;
  s.total = p.total;
  for (const auto& n : p.nodes) {
    // The seed tables print the criteria as prose; a rule without its own
    // 说明 shows the rule as written, which reads close to that prose.
    std::string criteria = n.note ? *n.note : oneLine(n.ruleText);
    ReportNode node{n.path, n.weight, n.children.empty(), std::move(criteria)};
    for (const auto& na : n.na) node.moveTargets.push_back(na.policy == ir::NaRule::Policy::Move ? na.targets : std::vector<int>{});
    s.nodes.push_back(std::move(node));
  }
  for (const auto& g : p.grades) {
    Decimal low = g.range.lower.infinite ? Decimal() : g.range.lower.value;
    Decimal high = g.range.upper.infinite ? p.total : g.range.upper.value;
    s.grades.push_back(ReportGrade{g.name, low, high, g.range.lower.closed, g.range.upper.closed,
                                   !g.range.lower.infinite, !g.range.upper.infinite});
  }
  if (!p.bonuses.empty()) s.bonusName = p.bonuses.front().name;
  return s;
}

}  // namespace defen

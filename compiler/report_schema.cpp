#include "compiler/report_schema.h"

namespace defen {

ReportSchema reportSchema(const ir::Program& p) {
  ReportSchema s;
  s.name = p.name;
  s.region = p.region;
  s.version = p.version;
  s.year = p.year;
  s.places = p.places;
  s.total = p.total;
  for (const auto& n : p.nodes) s.nodes.push_back(ReportNode{n.path, n.weight, n.children.empty()});
  if (!p.bonuses.empty()) s.bonusName = p.bonuses.front().name;
  return s;
}

}  // namespace defen

#include "compiler/report/comparison.h"

#include <unordered_map>

namespace defen {

bool IndicatorComparison::changed() const {
  if (!before || !after) return true;
  return before->score != after->score || before->max != after->max || before->counted != after->counted;
}

namespace {

std::optional<ScoreUnder> scoreOf(const ReportSchema& schema, const RecordResult* r, int node) {
  ScoreUnder s;
  s.max = schema.nodes[node].max;
  if (r && r->ok && node < static_cast<int>(r->nodes.size())) {
    const NodeResult& n = r->nodes[node];
    s.score = n.counted ? n.score : Decimal();
    s.status = n.status;
    s.counted = n.counted;
  }
  return s;
}

const RecordResult* byRow(const std::vector<RecordResult>& results, int row) {
  for (const auto& r : results)
    if (r.row == row) return &r;
  return nullptr;
}

}  // namespace

Comparison compareStandards(const ReportSchema& before, const std::vector<RecordResult>& resultsBefore,
                            const ReportSchema& after, const std::vector<RecordResult>& resultsAfter) {
  Comparison c{before, after, {}};
  std::unordered_map<std::string, int> oldByName;
  for (int i = 0; i < static_cast<int>(before.nodes.size()); ++i) oldByName[before.nodes[i].path.back()] = i;
  std::unordered_map<std::string, bool> inNew;
  for (const auto& n : after.nodes) inNew[n.path.back()] = true;

  for (const auto& ra : resultsAfter) {
    const RecordResult* rb = byRow(resultsBefore, ra.row);
    DepartmentComparison d;
    d.row = ra.row;
    d.id = ra.id;
    d.okAfter = ra.ok;
    d.totalAfter = ra.total;
    d.gradeAfter = ra.grade;
    for (const auto& e : ra.errors) d.errors.push_back("新标准：" + e);
    checkedSub(ra.bonus, ra.penalty, d.adjustmentAfter);
    if (rb) {
      d.okBefore = rb->ok;
      d.totalBefore = rb->total;
      d.gradeBefore = rb->grade;
      for (const auto& e : rb->errors) d.errors.push_back("旧标准：" + e);
      checkedSub(rb->bonus, rb->penalty, d.adjustmentBefore);
    }
    for (int i = 0; i < static_cast<int>(after.nodes.size()); ++i) {
      const auto& n = after.nodes[i];
      IndicatorComparison ic{n.path.back(), n.path, n.leaf, std::nullopt, scoreOf(after, &ra, i)};
      if (auto it = oldByName.find(n.path.back()); it != oldByName.end()) ic.before = scoreOf(before, rb, it->second);
      d.indicators.push_back(std::move(ic));
    }
    for (int i = 0; i < static_cast<int>(before.nodes.size()); ++i) {
      const auto& n = before.nodes[i];
      if (inNew.count(n.path.back())) continue;
      d.indicators.push_back(IndicatorComparison{n.path.back(), n.path, n.leaf, scoreOf(before, rb, i), std::nullopt});
    }
    c.departments.push_back(std::move(d));
  }
  return c;
}

}  // namespace defen

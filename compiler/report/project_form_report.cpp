#include "compiler/report/project_form_report.h"

#include "compiler/report/batch_summary.h"
#include "compiler/report/documents.h"
#include "compiler/io/project_form.h"
#include "compiler/core/value.h"

#include <algorithm>

namespace defen {

namespace {

// The 预算执行率 of the form's notes: its 分值, 执行率 and 得分 stand on the
// 年度资金总额 line of the 项目资金 table, as the form prints them.
constexpr const char* kExecutionRate = "预算执行率";

// A funds figure as written ("89.974", "12万元", "3,974,522.77") in 元; none when it is no amount.
std::optional<Decimal> amount(const std::string& text) {
  InputSpec spec{"", InputKind::Money, MoneyUnit::WanYuan, {}, RatioReading::Refused};
  Conversion c = convertCell(Cell(Cell::Kind::Text, text), spec);
  const Value* v = std::get_if<Value>(&c);
  if (!v || v->kind != Value::Kind::Number) return std::nullopt;
  return v->number;
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "；") + p;
  return out;
}

// A group cell stands on the first row of a run of equal groups and covers the run.
void spanGroups(std::vector<FormIndicatorRow>& rows) {
  for (size_t i = 0; i < rows.size();) {
    size_t end = i + 1;
    while (end < rows.size() && rows[end].level1 == rows[i].level1) ++end;
    rows[i].span1 = static_cast<int>(end - i);
    for (size_t k = i + 1; k < end; ++k) rows[k].span1 = 0;
    for (size_t j = i; j < end;) {
      size_t stop = j + 1;
      while (stop < end && rows[stop].level2 == rows[j].level2) ++stop;
      rows[j].span2 = static_cast<int>(stop - j);
      for (size_t k = j + 1; k < stop; ++k) rows[k].span2 = 0;
      j = stop;
    }
    i = end;
  }
}

}  // namespace

std::vector<int> projectFormColumnWidths(int total) {
  // In tenths of a percent: 项目资金 labels, 一级 二级 三级, 年度指标值 实际完成值, 分值 得分 规则得分, 偏差原因.
  static constexpr int kPermille[kFormColumns] = {80, 80, 95, 160, 110, 110, 55, 60, 60, 190};
  std::vector<int> widths;
  int used = 0;
  for (int c = 0; c < kFormColumns - 1; ++c) {
    widths.push_back(total * kPermille[c] / 1000);
    used += widths.back();
  }
  widths.push_back(total - used);
  return widths;
}

ProjectFormView projectFormView(const ReportSchema& schema, const RecordResult& rec) {
  ProjectFormView v;
  v.project = recordName(rec);
  if (rec.form) {
    const FormFields& f = *rec.form;
    v.department = f.department;
    v.unit = f.unit;
    // "2022", "2022年" and "2022年度" all print as 2022年度, as the form's title line does.
    if (!f.year.empty()) v.year = f.year.find("年度") != std::string::npos ? f.year : f.year + (f.year.ends_with("年") ? "度" : "年度");
    v.goal = f.goal;
    v.achieved = f.achieved;
    for (const auto& line : f.funds) v.funds.push_back({line.source, line.initial, line.budget, line.spent, false, {}, {}, {}});
  }
  v.errors = rec.errors;
  v.warnings = rec.warnings;
  v.scored = rec.hasTotal() && rec.nodes.size() >= schema.nodes.size();
  v.maxTotal = schema.total;
  if (!v.scored) return v;
  v.total = rec.total;
  v.computed = rec.computed;
  v.showComputed = rec.computed != rec.total || rec.computedIncomplete;
  if (rec.computedIncomplete) v.computedNote = "（不完整：有的行按规则无法核对，以单位自评计）";
  v.gradeLine = rec.incomplete ? "不完整，等级待定" : rec.grade.empty() ? "" : "等级：" + rec.grade;
  for (size_t i = 0; i < schema.nodes.size(); ++i) {
    const ReportNode& node = schema.nodes[i];
    const NodeResult& n = rec.nodes[i];
    if (!node.leaf) continue;
    const bool failed = n.status == NodeStatus::Failed;
    if (!n.rows.empty()) {
      for (const RowLine& r : n.rows) {
        FormIndicatorRow row;
        row.level1 = r.groups.size() > 0 ? r.groups[0] : "";
        row.level2 = r.groups.size() > 1 ? r.groups[1] : "";
        row.name = r.name;
        row.target = r.target;
        row.achieved = r.achieved;
        row.weight = r.weight;
        row.failed = r.status == NodeStatus::Failed;
        row.note = row.failed ? joined(r.errors) : r.note;
        row.score = r.score;
        row.computed = r.computed;
        row.self = r.hasSelf;
        // A row the rule could not check has no rule score to show (ruleFault says why, in the warnings).
        row.showComputed = !row.failed && r.ruleKnown() && r.computed != r.score;
        if (!row.failed && !r.explanation.empty()) v.explanations.emplace_back(row.name, r.explanation);
        v.indicators.push_back(std::move(row));
      }
      continue;
    }
    auto total = std::find_if(v.funds.begin(), v.funds.end(), [](const FormFundsRow& f) { return f.source == projectform::kFundsTotal; });
    if (node.path.back() == kExecutionRate && total != v.funds.end()) {
      total->scored = true;
      total->weight = node.max;
      total->score = n.score;
      auto budget = amount(total->budget), spent = amount(total->spent);
      if (budget && spent) total->rate = scoreRate(*spent, *budget);
      if (failed) v.errors.insert(v.errors.end(), n.errors.begin(), n.errors.end());
      else if (!n.explanation.empty()) v.explanations.emplace(v.explanations.begin(), node.path.back(), n.explanation);
      continue;
    }
    // Any other indicator of the ruleset: a line of its own.
    FormIndicatorRow row;
    row.level1 = node.path.size() > 1 ? node.path[0] : node.path.back();
    row.level2 = node.path.size() > 2 ? node.path[1] : "";
    row.name = node.path.back();
    row.weight = node.max;
    row.score = n.score;
    row.computed = n.computed;
    row.failed = failed;
    row.showComputed = n.status == NodeStatus::Overridden && n.computed != n.score;
    row.note = failed ? joined(n.errors) : "";
    if (!failed && !n.explanation.empty()) v.explanations.emplace_back(row.name, n.explanation);
    v.indicators.push_back(std::move(row));
  }
  spanGroups(v.indicators);
  return v;
}

}  // namespace defen

#include "compiler/report/explain/trace_report.h"

#include "compiler/report/explain/explain.h"
#include "compiler/core/number_text.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace defen {

namespace {

using Json = nlohmann::ordered_json;

bool within(const ir::Program& p, int node, int only) {
  for (int n = node; n >= 0; n = p.nodes[n].parent)
    if (n == only) return true;
  return only < 0;
}

bool known(const NodeResult& n) { return n.counted && n.status != NodeStatus::Failed; }
std::string scoreOf(const NodeResult& n, int places) {
  return known(n) ? scoreText(n.score, places) + (n.incomplete ? "（不完整）" : "") : "—";
}

struct TraceLines {
  std::vector<std::pair<std::string, std::string>> values;  // name → value as people read it
  std::vector<std::string> bands, items, deductions;
};

TraceLines traceOf(const ir::Program& p, const NodeResult& n, int id) {
  TraceLines t;
  t.values = valuesOf(p, n);
  for (const auto& f : n.fired) t.bands.push_back(oneLine(p.tables[f.table].cases[f.index].text));
  const ir::Node& node = p.nodes[id];
  for (size_t i = 0; i < node.items.size() && i < n.itemsMet.size(); ++i)
    t.items.push_back(fmt::format("{} {}（{}）", n.itemsMet[i] ? "✓" : "✗", oneLine(node.items[i].text), writtenScore(node.items[i].points)));
  for (size_t i = 0; i < node.deductions.size() && i < n.deducted.size(); ++i)
    t.deductions.push_back(fmt::format("{}：扣{}", oneLine(node.deductions[i].text), scoreText(n.deducted[i], p.places) + "分"));
  return t;
}

}  // namespace

void writeTraceText(std::ostream& out, const ir::Program& p, const RecordResult& r, int only) {
  out << fmt::format("第{}行{}", r.row, r.id.empty() ? "" : "：" + r.id);
  if (r.ok) out << fmt::format("  总分 {}  {}", scoreText(r.total, p.places), r.grade);
  else if (r.incomplete) out << fmt::format("  总分 {}（不完整）  等级待定", scoreText(r.total, p.places));
  out << "\n";
  for (const auto& e : r.errors) out << "  错误：" << e << "\n";
  for (const auto& why : r.incompleteReasons) out << "  不完整：" << why << "\n";
  if (!r.hasScores()) return;
  for (const auto& node : p.nodes) {
    if (!within(p, node.id, only)) continue;
    const NodeResult& n = r.nodes[node.id];
    size_t base = only >= 0 ? p.nodes[only].path.size() : 1;  // indent from the chosen indicator
    std::string indent(2 * (node.path.size() - base), ' ');
    // The words of the reports (评审, 不考核, 缺数据, 核定); an ordinary score is 计分.
    std::string label = statusLabel(n.status);
    out << fmt::format("{}{}  {}/{}  [{}]\n", indent, node.name, scoreOf(n, p.places), scoreText(node.weight, p.places), label.empty() ? "计分" : label);
    out << indent << "  说明：" << n.explanation << "\n";
    TraceLines t = traceOf(p, n, node.id);
    for (const auto& [name, value] : t.values) out << indent << "  数据：" << name << " = " << value << "\n";
    for (const auto& b : t.bands) out << indent << "  分段：" << b << "\n";
    for (const auto& i : t.items) out << indent << "  逐项：" << i << "\n";
    for (const auto& d : t.deductions) out << indent << "  扣分：" << d << "\n";
    // 逐行: every row of the form as a 三级 line with what it read and whose score stands.
    for (const auto& line : n.rows) {
      std::string groups;
      for (const auto& g : line.groups) groups += g + "／";
      std::string score = line.status == NodeStatus::Failed ? "—" : toString(line.score);
      out << fmt::format("{}  第{}行 {}{}  {}/{}", indent, line.row, groups, line.name, score, toString(line.weight));
      if (line.ruleKnown() && line.computed != line.score) out << fmt::format("（规则得分{}）", toString(line.computed));
      if (!line.ruleFault.empty()) out << "（按规则无法核对）";
      out << "\n" << indent << "    年度指标值：" << line.target << "；实际完成值：" << line.achieved;
      if (!line.note.empty()) out << "；偏差原因：" << line.note;
      out << "\n" << indent << "    说明：" << line.explanation << "\n";
      for (const auto& w : line.warnings) out << indent << "    提示：" << w << "\n";
    }
  }
  for (const auto& w : r.warnings) out << "  提示：" << w << "\n";
}

void writeTraceJson(std::ostream& out, const ir::Program& p, const std::vector<RecordResult>& results, int only) {
  Json doc;
  doc["ruleset"] = {{"name", p.name}, {"year", p.year}};
  Json rows = Json::array();
  for (const auto& r : results) {
    Json row = {{"row", r.row}, {"id", r.id.empty() ? Json() : Json(r.id)}};
    row["total"] = r.hasTotal() ? Json(scoreJson(r.total, p.places)) : Json();
    row["grade"] = r.ok ? Json(r.grade) : Json();
    if (r.incomplete) {
      row["incomplete"] = true;
      row["incompleteReasons"] = r.incompleteReasons;
    }
    Json nodes = Json::array();
    if (r.hasScores()) {
      for (const auto& node : p.nodes) {
        if (!within(p, node.id, only)) continue;
        const NodeResult& n = r.nodes[node.id];
        TraceLines t = traceOf(p, n, node.id);
        Json values = Json::object();
        for (const auto& [name, value] : t.values) values[name] = value;
        Json j = {{"path", node.path}, {"score", known(n) ? Json(scoreJson(n.score, p.places)) : Json()}, {"max", scoreJson(node.weight, p.places)},
                  {"status", statusName(n.status)}, {"computed", known(n) ? Json(scoreJson(n.computed, p.places)) : Json()},
                  {"explanation", n.explanation}, {"values", values}, {"bands", t.bands}, {"items", t.items},
                  {"deductions", t.deductions}};
        if (n.naRule >= 0) j["not_applicable_when"] = oneLine(p.text(node.na[n.naRule].when->range));
        if (!n.reason.empty()) j["reason"] = n.reason;
        if (n.incomplete) j["incomplete"] = true;
        if (!n.errors.empty()) j["errors"] = n.errors;
        nodes.push_back(j);
      }
    }
    row["indicators"] = nodes;
    row["errors"] = r.errors;
    rows.push_back(row);
  }
  doc["results"] = rows;
  out << doc.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace defen

#include "compiler/report/report.h"

#include "compiler/report/csv_cell.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace defen {

namespace {

std::string quoted(const std::string& s) { return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

std::string quotedList(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t k = 0; k < items.size(); ++k) out += (k ? "," : "") + quoted(items[k]);
  return out + "]";
}

// 逐行: the rows of the form, each a 三级 line with the unit's 得分 and the rule's.
void writeJsonRows(std::ostream& out, const NodeResult& n, int places) {
  out << ",\"rows\":[";
  for (size_t k = 0; k < n.rows.size(); ++k) {
    const RowLine& r = n.rows[k];
    bool known = r.status != NodeStatus::Failed;
    out << (k ? "," : "") << "\n  {\"row\":" << r.row << ",\"groups\":" << quotedList(r.groups) << ",\"name\":" << quoted(r.name)
        << ",\"target\":" << quoted(r.target) << ",\"achieved\":" << quoted(r.achieved)
        << ",\"max\":" << scoreJson(r.weight, places) << ",\"score\":" << (known ? scoreJson(r.score, places) : "null")
        << ",\"status\":\"" << statusName(r.status) << "\",\"computed\":" << (r.ruleKnown() ? scoreJson(r.computed, places) : "null")
        << ",\"self\":" << (r.hasSelf ? scoreJson(r.self, places) : "null");
    if (!r.tier.empty()) out << ",\"tier\":" << quoted(r.tier);
    if (!r.note.empty()) out << ",\"note\":" << quoted(r.note);
    if (!r.ruleFault.empty()) out << ",\"ruleFault\":" << quoted(r.ruleFault);
    out << ",\"explanation\":" << quoted(r.explanation);
    if (!r.errors.empty()) out << ",\"errors\":" << quotedList(r.errors);
    if (!r.warnings.empty()) out << ",\"warnings\":" << quotedList(r.warnings);
    out << "}";
  }
  out << "]";
}



}  // namespace

int terminalWidth(const std::string& s) {
  int w = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    w += len >= 3 ? 2 : 1;  // CJK and full-width forms are 3-byte and wide
    i += len;
  }
  return w;
}

std::string padRight(const std::string& s, int w) { return s + std::string(std::max(0, w - terminalWidth(s)), ' '); }
std::string padLeft(const std::string& s, int w) { return std::string(std::max(0, w - terminalWidth(s)), ' ') + s; }

std::string bonusText(const RecordResult& rec, int places) {
  if (!rec.bonusExplanation.empty()) return rec.bonusExplanation;
  return fmt::format("加{}分，减{}分。", scoreText(rec.bonus, places), scoreText(rec.penalty, places));
}

void writeJsonBegin(std::ostream& out, const ReportSchema& schema) {
  out << "{\"ruleset\":{\"name\":" << quoted(schema.name) << ",\"year\":" << schema.year << "},\"results\":[";
}

void writeJsonResults(std::ostream& out, const ReportSchema& schema, const std::vector<RecordResult>& results, bool& first) {
  for (const RecordResult& rec : results) {
    out << (first ? "" : ",") << "\n{\"row\":" << rec.row << ",\"id\":" << (rec.id.empty() ? "null" : quoted(rec.id));
    first = false;
    out << ",\"total\":" << (rec.hasTotal() ? scoreJson(rec.total, schema.places) : "null");
    out << ",\"grade\":" << (rec.ok && !rec.grade.empty() ? quoted(rec.grade) : "null");
    out << ",\"computed\":" << (rec.hasTotal() ? scoreJson(rec.computed, schema.places) : "null");
    if (rec.hasTotal() && rec.computedIncomplete) out << ",\"computedIncomplete\":true";
    if (rec.incomplete) {
      out << ",\"incomplete\":true,\"incompleteReasons\":[";
      for (size_t k = 0; k < rec.incompleteReasons.size(); ++k) out << (k ? "," : "") << quoted(rec.incompleteReasons[k]);
      out << "]";
    }
    out << ",\"indicators\":[";
    if (rec.hasScores()) {
      for (size_t i = 0; i < schema.nodes.size() && i < rec.nodes.size(); ++i) {
        const NodeResult& n = rec.nodes[i];
        out << (i ? "," : "") << "\n {\"path\":[";
        for (size_t k = 0; k < schema.nodes[i].path.size(); ++k) out << (k ? "," : "") << quoted(schema.nodes[i].path[k]);
        bool known = n.counted && n.status != NodeStatus::Failed;
        out << "],\"score\":" << (known ? scoreJson(n.score, schema.places) : "null");
        out << ",\"max\":" << scoreJson(schema.nodes[i].max, schema.places);
        out << ",\"status\":\"" << statusName(n.status) << "\"";
        out << ",\"computed\":" << (known ? scoreJson(n.computed, schema.places) : "null");
        out << ",\"explanation\":" << quoted(n.explanation);
        if (n.incomplete) out << ",\"incomplete\":true";
        if (!n.rows.empty()) writeJsonRows(out, n, schema.places);
        if (!n.errors.empty()) {
          out << ",\"errors\":[";
          for (size_t k = 0; k < n.errors.size(); ++k) out << (k ? "," : "") << quoted(n.errors[k]);
          out << "]";
        }
        out << "}";
      }
      if (!schema.bonusName.empty()) {
        Decimal net;
        checkedSub(rec.bonus, rec.penalty, net);
        out << (schema.nodes.empty() ? "" : ",") << "\n {\"path\":[" << quoted(schema.bonusName) << "],\"score\":" << scoreJson(net, schema.places)
            << ",\"max\":0,\"status\":\"scored\",\"computed\":" << scoreJson(net, schema.places) << ",\"explanation\":"
            << quoted(bonusText(rec, schema.places)) << "}";
      }
    }
    out << "],\"errors\":[";
    for (size_t e = 0; e < rec.errors.size(); ++e) out << (e ? "," : "") << quoted(rec.errors[e]);
    out << "],\"warnings\":" << quotedList(rec.warnings) << "}";
  }
}

void writeJsonEnd(std::ostream& out, const std::vector<std::string>& warnings) {
  out << "]";
  if (!warnings.empty()) {
    out << ",\"warnings\":[";
    for (size_t w = 0; w < warnings.size(); ++w) out << (w ? "," : "") << quoted(warnings[w]);
    out << "]";
  }
  out << "}\n";
}

void writeJson(std::ostream& out, const ReportSchema& schema, const std::vector<RecordResult>& results,
               const std::vector<std::string>& warnings) {
  bool first = true;
  writeJsonBegin(out, schema);
  writeJsonResults(out, schema, results, first);
  writeJsonEnd(out, warnings);
}

void writeCsvHeader(std::ostream& out, const ReportSchema& schema) {
  out << "行,名称,总分,等级";
  for (const auto& n : schema.nodes) {
    std::string path;
    for (const auto& p : n.path) path += (path.empty() ? "" : "/") + p;
    out << "," << csvText(path);
  }
  if (!schema.bonusName.empty()) out << "," << csvText(schema.bonusName);
  out << ",错误\n";
}

void writeCsvRows(std::ostream& out, const ReportSchema& schema, const std::vector<RecordResult>& results) {
  for (const auto& rec : results) {
    // An incomplete total is written with its mark, so a sum over the column cannot take it for final.
    out << rec.row << "," << csvText(rec.id) << ","
        << (rec.ok ? scoreText(rec.total, schema.places) : rec.incomplete ? csvText(scoreText(rec.total, schema.places) + "（不完整）") : "") << ","
        << (rec.ok ? csvText(rec.grade) : rec.incomplete ? "待定" : "");
    for (size_t i = 0; i < schema.nodes.size(); ++i) {
      std::string cell;
      if (rec.hasScores() && i < rec.nodes.size()) {
        const NodeResult& n = rec.nodes[i];
        if (n.status == NodeStatus::Failed) cell = "出错";
        else if (n.counted) cell = n.incomplete ? csvText(scoreText(n.score, schema.places) + "（不完整）") : scoreText(n.score, schema.places);
      }
      out << "," << cell;
    }
    if (!schema.bonusName.empty()) {
      Decimal net;
      checkedSub(rec.bonus, rec.penalty, net);
      out << "," << (rec.hasTotal() ? scoreText(net, schema.places) : "");
    }
    std::string errors;
    for (const auto& e : rec.errors) errors += (errors.empty() ? "" : "；") + e;
    out << "," << csvText(errors) << "\n";
  }
}

void writeCsv(std::ostream& out, const ReportSchema& schema, const std::vector<RecordResult>& results) {
  writeCsvHeader(out, schema);
  writeCsvRows(out, schema, results);
}

void writeTable(std::ostream& out, const ReportSchema& schema, const std::vector<RecordResult>& results) {
  int nameWidth = 8;
  for (const auto& n : schema.nodes) nameWidth = std::max(nameWidth, terminalWidth(n.path.back()) + 2 * static_cast<int>(n.path.size() - 1));
  nameWidth = std::max(nameWidth, terminalWidth(schema.bonusName));
  for (const auto& rec : results)  // 逐行: the rows' names sit two levels below their indicator
    for (size_t i = 0; i < rec.nodes.size() && i < schema.nodes.size(); ++i)
      for (const auto& r : rec.nodes[i].rows)
        nameWidth = std::max(nameWidth, terminalWidth(r.name) + 2 * static_cast<int>(schema.nodes[i].path.size() + r.groups.size()));
  for (const auto& rec : results) {
    out << fmt::format("{} {}年度 — 第{}行{}\n", schema.name, schema.year, rec.row, rec.id.empty() ? "" : "：" + rec.id);
    if (rec.hasScores()) {
      out << padRight("指标", nameWidth) << "  " << padLeft("分值", 6) << "  " << padLeft("得分", 7) << "  说明\n";
      for (size_t i = 0; i < schema.nodes.size() && i < rec.nodes.size(); ++i) {
        const auto& node = schema.nodes[i];
        const NodeResult& n = rec.nodes[i];
        std::string name = std::string(2 * (node.path.size() - 1), ' ') + node.path.back();
        std::string score = n.status == NodeStatus::Failed ? "—" : n.counted ? scoreText(n.score, schema.places) : "—";
        std::string flag = n.incomplete ? "不完整" : statusLabel(n.status);
        out << padRight(name, nameWidth) << "  " << padLeft(scoreText(node.max, schema.places), 6) << "  " << padLeft(score, 7) << "  "
            << (flag[0] ? fmt::format("[{}] ", flag) : "") << (node.leaf || n.incomplete || n.status != NodeStatus::Scored ? n.explanation : "") << "\n";
        // 逐行: each row a 三级 line under its groups, as the form lists them.
        std::vector<std::string> shownGroups;
        for (const RowLine& r : n.rows) {
          std::string indent(2 * node.path.size(), ' ');
          for (size_t g = 0; g < r.groups.size(); ++g) {
            if (g < shownGroups.size() && shownGroups[g] == r.groups[g]) continue;
            shownGroups.resize(g);
            shownGroups.push_back(r.groups[g]);
            out << indent << std::string(2 * g, ' ') << r.groups[g] << "\n";
          }
          std::string rowName = indent + std::string(2 * r.groups.size(), ' ') + r.name;
          std::string rowScore = r.status == NodeStatus::Failed ? "—" : scoreText(r.score, schema.places);
          std::string detail = fmt::format("{} → {}", r.target.empty() ? "—" : r.target, r.achieved.empty() ? "—" : r.achieved);
          if (r.ruleKnown() && r.computed != r.score) detail += fmt::format("；规则得分{}", scoreText(r.computed, schema.places));
          if (!r.ruleFault.empty()) detail += "；自评得分，按规则无法核对";
          if (r.status == NodeStatus::Failed) detail += "；[出错] " + r.errors.front();
          out << padRight(rowName, nameWidth) << "  " << padLeft(scoreText(r.weight, schema.places), 6) << "  " << padLeft(rowScore, 7) << "  "
              << detail << "\n";
        }
      }
      if (!schema.bonusName.empty())
        out << padRight(schema.bonusName, nameWidth) << "  " << padLeft("", 6) << "  "
            << padLeft(fmt::format("+{}/-{}", scoreText(rec.bonus, schema.places), scoreText(rec.penalty, schema.places)), 7) << "\n";
      if (rec.ok)
        out << padRight("合计", nameWidth) << "  " << padLeft(scoreText(schema.total, schema.places), 6) << "  "
            << padLeft(scoreText(rec.total, schema.places), 7) << (rec.grade.empty() ? "" : "  等级：" + rec.grade) << "\n";
      else if (rec.incomplete)
        out << padRight("合计", nameWidth) << "  " << padLeft(scoreText(schema.total, schema.places), 6) << "  "
            << padLeft(scoreText(rec.total, schema.places), 7)
            << (schema.grades.empty() ? "  [不完整]（未计入出错的指标）\n" : "  [不完整] 等级：待定（未计入出错的指标）\n");
    }
    for (const auto& e : rec.errors) out << "  错误：" << e << "\n";
    for (const auto& w : rec.warnings) out << "  提示：" << w << "\n";
    if (rec.hasTotal() && (rec.computed != rec.total || rec.computedIncomplete))
      out << "  按规则计算的总分：" << toFixed(rec.computed, schema.places) << (!rec.computedIncomplete ? "" : rec.incomplete ? "（不完整）" : "（不完整：有的行按规则无法核对）")
          << "\n";
    out << "\n";
  }
}

}  // namespace defen

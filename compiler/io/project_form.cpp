#include "compiler/io/project_form.h"

#include <array>
#include <utility>

namespace defen::projectform {

const std::vector<std::string>& recordColumns() {
  static const std::vector<std::string> columns{kProjectName, kDepartment, kUnit,       kYear, kFunds,
                                                kGoal,        kAchieved,   kIndicators, kTotal};
  return columns;
}

const std::vector<std::string>& fundsColumns() {
  static const std::vector<std::string> columns{kSource, "年初预算数", "全年预算数", "全年执行数", kWeight, "执行率", kScore};
  return columns;
}

const std::vector<std::string>& indicatorColumns() {
  static const std::vector<std::string> columns{kLevel1, kLevel2, kLevel3, kTarget, kActual, kWeight, kScore, kReason};
  return columns;
}

const std::vector<std::string>& fundSources() {
  static const std::vector<std::string> sources{kFundsTotal, "当年财政拨款", "上年结转资金", "其他资金"};
  return sources;
}

const std::vector<Level1>& nationalLevels() {
  static const std::vector<Level1> levels{
      {"产出指标", {"数量指标", "质量指标", "时效指标", "成本指标"}},
      {"效益指标", {"经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"}},
      {"满意度指标", {"服务对象满意度指标"}},
  };
  return levels;
}

namespace {

// Spaces a form uses: ASCII, the ideographic space U+3000, no-break U+00A0.
size_t spaceAt(std::string_view s, size_t i) {
  const char c = s[i];
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return 1;
  if (s.substr(i, 3) == "\xE3\x80\x80") return 3;
  if (s.substr(i, 2) == "\xC2\xA0") return 2;
  return 0;
}

}  // namespace

std::string labelText(std::string_view text) {
  std::string out;
  int depth = 0;
  for (size_t i = 0; i < text.size();) {
    if (const size_t n = spaceAt(text, i)) {
      i += n;
    } else if (text.substr(i, 3) == "（" || text[i] == '(') {
      ++depth;
      i += text[i] == '(' ? 1 : 3;
    } else if ((text.substr(i, 3) == "）" || text[i] == ')') && depth > 0) {
      --depth;
      i += text[i] == ')' ? 1 : 3;
    } else {
      if (depth == 0) out += text[i];
      ++i;
    }
  }
  if (out.size() >= 3 && out.compare(out.size() - 3, 3, "：") == 0) out.resize(out.size() - 3);
  else if (!out.empty() && out.back() == ':') out.pop_back();
  return out;
}

std::string canonicalHeading(std::string_view text) {
  static const std::array<std::pair<const char*, const char*>, 17> synonyms{{
      {"指标值", kTarget},
      {"全年指标值", kTarget},
      {"年度目标值", kTarget},
      {"全年实际值", kActual},
      {"实际值", kActual},
      {"完成值", kActual},
      {"全年完成值", kActual},
      {"自评得分", kScore},
      {"自评分", kScore},
      {"偏差原因分析和改进措施", kReason},
      {"偏差原因及改进措施", kReason},
      {"未完成原因分析及改进措施", kReason},
      {"未完成原因和改进措施", kReason},
      {"原因分析及改进措施", kReason},
      {"年初预算", "年初预算数"},
      {"全年预算", "全年预算数"},
      {"全年执行", "全年执行数"},
  }};
  std::string label = labelText(text);
  for (const auto& [from, to] : synonyms)
    if (label == from) return to;
  return label;
}

std::string fundSourceName(std::string_view text) {
  std::string label = labelText(text);
  for (const char* prefix : {"其中：", "其中:", "其中"})
    if (label.rfind(prefix, 0) == 0) return label.substr(std::string_view(prefix).size());
  return label;
}

bool isPlaceholder(std::string_view text) {
  bool any = false;
  for (size_t i = 0; i < text.size();) {
    if (const size_t n = spaceAt(text, i)) {
      i += n;
      continue;
    }
    bool dash = false;
    for (std::string_view d : {"—", "－", "―", "─", "／", "-", "/"})
      if (text.substr(i, d.size()) == d) {
        i += d.size();
        dash = any = true;
        break;
      }
    if (!dash) return false;
  }
  return any;
}

namespace {

std::string cellText(const Table& table, const Record& record, const char* column) {
  std::optional<size_t> at = table.columnIndex(column);
  if (!at || *at >= record.cells.size() || record.cells[*at].kind == Cell::Kind::Rows) return {};
  return record.cells[*at].text;
}

}  // namespace

bool holdsProjectForm(const Table& table) { return table.columnIndex(kIndicators).has_value(); }

FormFields formFields(const Table& table, const Record& record) {
  FormFields f{cellText(table, record, kDepartment), cellText(table, record, kUnit), cellText(table, record, kYear),
               cellText(table, record, kGoal), cellText(table, record, kAchieved), {}};
  std::optional<size_t> funds = table.columnIndex(kFunds);
  if (!funds || *funds >= record.cells.size() || !record.cells[*funds].rows) return f;
  const Table& lines = *record.cells[*funds].rows;
  for (const Record& line : lines.records)
    f.funds.push_back({cellText(lines, line, kSource), cellText(lines, line, "年初预算数"), cellText(lines, line, "全年预算数"),
                       cellText(lines, line, "全年执行数")});
  return f;
}

}  // namespace defen::projectform

#include "compiler/eval/bind/binder.h"
#include "compiler/ir/interval.h"

#include "compiler/eval/bind/bind_cells.h"
#include "compiler/eval/bind/row_binder.h"
#include "compiler/report/explain/explain.h"
#include "compiler/core/convert_text.h"

#include <fmt/format.h>

#include <functional>
#include <unordered_map>

namespace defen {

namespace {

const char* const kIdColumns[] = {"名称", "单位", "部门", "单位名称", "部门名称", "项目名称", "id", "ID"};

// When a value is out of its range but the cell's other reading (元 for 万元,
// a fraction for a percentage) is within it, the unit was probably mistaken.
std::string unitSlip(const Cell& cell, const ir::Input& in, Decimal value, const ir::Interval& range,
                     const std::function<std::string(Decimal)>& shown) {
  auto other = otherReading(cell, in.spec, value);
  if (!other || !range.contains(*other)) return "";
  std::string meant = in.spec.kind == InputKind::Money ? (in.spec.unit == MoneyUnit::WanYuan ? "以元计的金额填进了万元列" : "以万元计的金额填进了元列")
                      : in.spec.bareRatio == RatioReading::Percentage ? "小数填进了百分数列" : "百分数填进了小数列";
  return fmt::format("（是否把{}？那样读是 {}）", meant, shown(*other));
}

}  // namespace

ColumnMap mapColumns(const ir::Program& p, const Table& table, std::vector<std::string>& warnings) {
  ColumnMap m;
  m.input.assign(p.inputs.size(), -1);
  m.inputReason.assign(p.inputs.size(), -1);
  m.reason.assign(p.nodes.size(), -1);
  m.tier.assign(p.nodes.size(), -1);
  m.override.assign(p.nodes.size(), -1);
  std::unordered_map<std::string, int> inputs, nodes;
  for (size_t i = 0; i < p.inputs.size(); ++i)
    if (p.inputs[i].rowSet < 0) inputs[p.inputs[i].spec.name] = static_cast<int>(i);  // a row set's columns are the rows' own
  for (size_t i = 0; i < p.nodes.size(); ++i) nodes[p.nodes[i].name] = static_cast<int>(i);
  for (size_t c = 0; c < table.columns.size(); ++c) {
    const std::string& name = table.columns[c];
    int col = static_cast<int>(c);
    if (auto it = inputs.find(name); it != inputs.end()) { m.input[it->second] = col; continue; }
    if (m.id < 0 && std::find(std::begin(kIdColumns), std::end(kIdColumns), name) != std::end(kIdColumns)) { m.id = col; continue; }
    size_t dot = name.rfind('.');
    if (dot != std::string::npos) {
      std::string node = name.substr(0, dot), field = name.substr(dot + 1);
      if (auto it = inputs.find(node); it != inputs.end() && field == "说明" && !p.inputs[it->second].implicit) {
        if (p.inputs[it->second].spec.kind != InputKind::Review)
          warnings.push_back(fmt::format("数据列“{}”已忽略：“{}”不是评审分输入，不读理由列", name, node));
        else
          m.inputReason[it->second] = col;
        continue;
      }
      if (auto it = nodes.find(node); it != nodes.end()) {
        if (field == "说明") { m.reason[it->second] = col; continue; }
        if (field == "档次") { m.tier[it->second] = col; continue; }
        if (field == "核定分") { m.override[it->second] = col; continue; }
      }
    }
    if (!name.empty()) warnings.push_back(fmt::format("数据列“{}”不对应任何输入或指标，已忽略", name));
  }
  // A reason is read for a reviewer's score or beside a 核定分; anywhere else
  // it would be dropped without a word (§14.1 promises the word).
  for (size_t n = 0; n < p.nodes.size(); ++n)
    if (m.reason[n] >= 0 && p.nodes[n].rule != ir::RuleKind::Review && m.override[n] < 0) {
      warnings.push_back(fmt::format("数据列“{}”已忽略：指标“{}”不是评审指标，也没有“{}.核定分”列", table.columns[m.reason[n]],
                                     p.nodes[n].name, p.nodes[n].name));
      m.reason[n] = -1;
    }
  return m;
}

namespace {

// std::isspace in the C locale (defen never sets another) at both ends, as
// the binder has always trimmed ids and reasons; written out, as the library
// call per character showed in the CSV data path's profile.
bool isCSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

std::string_view trimView(std::string_view s) {
  while (!s.empty() && isCSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && isCSpace(s.back())) s.remove_suffix(1);
  return s;
}

std::string_view viewText(const CellView& c) { return c.kind == Cell::Kind::Missing ? std::string_view() : c.text; }

Cell ownedCell(const CellView& c) { return Cell{c.kind, std::string(c.text)}; }

// The spec a 核定分 cell is read with (a score: any decimal, "3分").
const InputSpec& overrideSpec() {
  static const InputSpec spec{"核定分", InputKind::Number, MoneyUnit::Yuan, {}};
  return spec;
}

}  // namespace

void bindCells(const ir::Program& p, const ColumnMap& m, const std::vector<std::string>& columns, const CellView* cells, size_t count,
               int row, int line, BoundRecord& out) {
  out.row = row;
  out.line = line;
  out.id.clear();
  out.inputs.assign(p.inputs.size(), Value::missing());
  out.nodes.resize(p.nodes.size());
  for (NodeData& d : out.nodes) {
    d.override.reset();
    d.reason.clear();
    d.tier.clear();
    d.fault.clear();
  }
  out.inputFaults.resize(p.inputs.size());
  for (std::string& f : out.inputFaults) f.clear();
  out.errors.clear();
  out.warnings.clear();
  out.rowSets.clear();  // only rulesets with a 行集 input fill them
  out.texts.clear();
  auto cell = [&](int col) -> const CellView* { return col >= 0 && static_cast<size_t>(col) < count ? &cells[col] : nullptr; };
  if (const CellView* c = cell(m.id)) out.id.assign(trimView(viewText(*c)));
  for (size_t i = 0; i < p.inputs.size(); ++i) {
    const CellView* c = cell(m.input[i]);
    if (!c) continue;
    if (const InputKind kind = p.inputs[i].spec.kind; kind == InputKind::Text || kind == InputKind::RowSet) {
      // 文字 and 行集 inputs (compiler/eval/bind/row_binder.h) read the cell itself: a row set's rows are no text.
      const Cell owned = c->cell ? Cell() : ownedCell(*c);
      if (bindRowSetOrText(p, static_cast<int>(i), c->cell ? *c->cell : owned, columns[m.input[i]], out)) continue;
    }
    if (c->kind == Cell::Kind::Missing) continue;
    std::string& fault = out.inputFaults[i];
    Conversion conv = convertText(c->kind, c->text, p.inputs[i].spec);
    if (auto* err = std::get_if<std::string>(&conv)) {
      fault = fmt::format("列“{}”：{}", columns[m.input[i]], *err);
      continue;
    }
    Value v = std::get<Value>(conv);
    const auto& range = p.inputs[i].range;
    auto shown = [&](Decimal d) { return formatForPeople(p, p.inputs[i].display, Value::ofNumber(d)); };
    if (v.kind == Value::Kind::Number && range && !range->contains(v.number)) {
      fault = fmt::format("列“{}”：值 {} 超出规定范围 {}{}", columns[m.input[i]], shown(v.number), ir::formatInterval(*range, shown),
                          unitSlip(ownedCell(*c), p.inputs[i], v.number, *range, shown));
      continue;
    }
    if (const auto& usual = p.inputs[i].usual; v.kind == Value::Kind::Number && usual && !usual->contains(v.number))
      out.warnings.push_back(fmt::format("第{}行，列“{}”：值 {} 超出通常范围 {}，请核对{}", row, columns[m.input[i]], shown(v.number),
                                         ir::formatInterval(*usual, shown), unitSlip(ownedCell(*c), p.inputs[i], v.number, *usual, shown)));
    // A reviewer's score needs the reviewer's reason beside it.
    if (p.inputs[i].spec.kind == InputKind::Review && !p.inputs[i].implicit && v.kind != Value::Kind::Missing) {
      const CellView* reason = cell(m.inputReason[i]);
      if (!reason || trimView(viewText(*reason)).empty()) {
        fault = fmt::format("评审分“{}”须在“{}.说明”列写明理由", p.inputs[i].spec.name, p.inputs[i].spec.name);
        continue;
      }
    }
    out.inputs[i] = v;
  }
  for (size_t n = 0; n < p.nodes.size(); ++n) {
    NodeData& d = out.nodes[n];
    if (const CellView* c = cell(m.reason[n])) d.reason.assign(trimView(viewText(*c)));
    if (const CellView* c = cell(m.tier[n])) d.tier.assign(trimView(viewText(*c)));
    if (const CellView* c = cell(m.override[n]); c && c->kind != Cell::Kind::Missing) {
      Conversion conv = convertText(c->kind, c->text, overrideSpec());
      if (auto* err = std::get_if<std::string>(&conv)) {
        d.fault = fmt::format("列“{}”：{}", columns[m.override[n]], *err);
      } else if (auto v = std::get<Value>(conv); v.kind == Value::Kind::Number) {
        if (v.number < Decimal() || v.number > p.nodes[n].weight)
          d.fault = fmt::format("列“{}”：核定分 {} 超出 [0, {}分]", columns[m.override[n]], toString(v.number), toString(p.nodes[n].weight));
        else if (d.reason.empty())
          d.fault = fmt::format("指标“{}”的核定分须在“{}.说明”列写明理由", p.nodes[n].name, p.nodes[n].name);
        else
          d.override = v.number;
      }
    }
  }
}

BoundRecord bindRecord(const ir::Program& p, const ColumnMap& m, const Table& table, const Record& record) {
  std::vector<CellView> cells;
  cells.reserve(record.cells.size());
  for (const Cell& c : record.cells) cells.push_back(CellView{c.kind, c.text, &c});
  BoundRecord out;
  bindCells(p, m, table.columns, cells.data(), cells.size(), record.row, record.line, out);
  return out;
}

BoundRecord bindFields(const ir::Program& p, const std::vector<std::pair<std::string, std::string>>& fields, int row) {
  Table t;
  Record r;
  r.row = row;
  for (const auto& [name, text] : fields) {
    t.columns.push_back(name);
    r.cells.push_back(Cell{Cell::Kind::Text, text});
  }
  std::vector<std::string> warnings;
  ColumnMap m = mapColumns(p, t, warnings);
  return bindRecord(p, m, t, r);
}

}  // namespace defen

#include "compiler/eval/bind/binder.h"

#include "compiler/eval/bind/bind_cells.h"
#include "compiler/eval/bind/row_binder.h"
#include "compiler/core/convert_text.h"

#include <fmt/format.h>

#include <unordered_map>
#include <variant>

namespace defen {

namespace {

const char* const kIdColumns[] = {"名称", "单位", "部门", "单位名称", "部门名称", "项目名称", "id", "ID"};

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

// A refused cell: its code and operands (the message waits until it is reported).
void refuse(BindFault& f, BindFault::Code code, int slot, const CellView& cell, Decimal value = Decimal()) {
  f.code = code;
  f.slot = slot;
  f.cellKind = cell.kind;
  f.value = value;
  f.text.assign(cell.text);
}

}  // namespace

const InputSpec& overrideSpec() {
  static const InputSpec spec{"核定分", InputKind::Number, MoneyUnit::Yuan, {}};
  return spec;
}

void bindCells(const ir::Program& p, const ColumnMap& m, const CellView* cells, size_t count, int row, int line, BoundRecord& out) {
  out.row = row;
  out.line = line;
  out.id.clear();
  out.inputs.assign(p.inputs.size(), Value::missing());
  out.nodes.resize(p.nodes.size());
  for (NodeData& d : out.nodes) {
    d.override.reset();
    d.reason.clear();
    d.tier.clear();
    d.fault.code = BindFault::Code::None;
  }
  out.inputFaults.resize(p.inputs.size());
  for (BindFault& f : out.inputFaults) f.code = BindFault::Code::None;
  out.errors.clear();
  out.warnings.clear();
  out.rowSets.clear();  // only rulesets with a 行集 input fill them
  out.texts.clear();
  auto cell = [&](int col) -> const CellView* { return col >= 0 && static_cast<size_t>(col) < count ? &cells[col] : nullptr; };
  if (const CellView* c = cell(m.id)) out.id.assign(trimView(viewText(*c)));
  for (size_t i = 0; i < p.inputs.size(); ++i) {
    const CellView* c = cell(m.input[i]);
    if (!c) continue;
    const int slot = static_cast<int>(i);
    if (const InputKind kind = p.inputs[i].spec.kind; kind == InputKind::Text || kind == InputKind::RowSet) {
      // 文字 and 行集 inputs (compiler/eval/bind/row_binder.h) read the cell itself: a row set's rows are no text.
      const Cell owned = c->cell ? Cell() : ownedCell(*c);
      if (bindRowSetOrText(p, slot, c->cell ? *c->cell : owned, out)) continue;
    }
    if (c->kind == Cell::Kind::Missing) continue;
    BindFault& fault = out.inputFaults[i];
    Conversion conv = convertText(c->kind, c->text, p.inputs[i].spec);
    if (std::holds_alternative<std::string>(conv)) {
      refuse(fault, BindFault::Code::Unreadable, slot, *c);
      continue;
    }
    Value v = std::get<Value>(conv);
    if (const auto& range = p.inputs[i].range; v.kind == Value::Kind::Number && range && !range->contains(v.number)) {
      refuse(fault, BindFault::Code::OutOfRange, slot, *c, v.number);
      continue;
    }
    if (const auto& usual = p.inputs[i].usual; v.kind == Value::Kind::Number && usual && !usual->contains(v.number))
      out.warnings.push_back(BindWarning{slot, v.number, c->kind, std::string(c->text)});
    // A reviewer's score needs the reviewer's reason beside it.
    if (p.inputs[i].spec.kind == InputKind::Review && !p.inputs[i].implicit && v.kind != Value::Kind::Missing) {
      const CellView* reason = cell(m.inputReason[i]);
      if (!reason || trimView(viewText(*reason)).empty()) {
        refuse(fault, BindFault::Code::ReviewNoReason, slot, *c);
        continue;
      }
    }
    out.inputs[i] = v;
  }
  for (size_t n = 0; n < p.nodes.size(); ++n) {
    NodeData& d = out.nodes[n];
    const int node = static_cast<int>(n);
    if (const CellView* c = cell(m.reason[n])) d.reason.assign(trimView(viewText(*c)));
    if (const CellView* c = cell(m.tier[n])) d.tier.assign(trimView(viewText(*c)));
    if (const CellView* c = cell(m.override[n]); c && c->kind != Cell::Kind::Missing) {
      Conversion conv = convertText(c->kind, c->text, overrideSpec());
      if (std::holds_alternative<std::string>(conv)) {
        refuse(d.fault, BindFault::Code::OverrideUnreadable, node, *c);
      } else if (auto v = std::get<Value>(conv); v.kind == Value::Kind::Number) {
        if (v.number < Decimal() || v.number > p.nodes[n].weight)
          refuse(d.fault, BindFault::Code::OverrideOutOfRange, node, *c, v.number);
        else if (d.reason.empty())
          refuse(d.fault, BindFault::Code::OverrideNoReason, node, *c);
        else
          d.override = v.number;
      }
    }
  }
}

BoundRecord bindRecord(const ir::Program& p, const ColumnMap& m, const Table& /*table*/, const Record& record) {
  std::vector<CellView> cells;
  cells.reserve(record.cells.size());
  for (const Cell& c : record.cells) cells.push_back(CellView{c.kind, c.text, &c});
  BoundRecord out;
  bindCells(p, m, cells.data(), cells.size(), record.row, record.line, out);
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

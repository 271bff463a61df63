#include "compiler/eval/bind/row_binder.h"

#include "compiler/core/target_value.h"

#include <fmt/format.h>

#include <algorithm>

namespace defen {

namespace {

std::string trimmed(const Cell& c) {
  if (c.kind == Cell::Kind::Missing) return {};
  std::string s = c.text;
  auto notSpace = [](unsigned char ch) { return !std::isspace(ch); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), notSpace));
  s.erase(std::find_if(s.rbegin(), s.rend(), notSpace).base(), s.end());
  return s;
}

Value textValue(const ir::Program& p, BoundRecord& out, const std::string& text) {
  auto lit = std::find(p.texts.begin(), p.texts.end(), text);
  if (lit != p.texts.end()) return Value::ofNumber(Decimal::fromInt(lit - p.texts.begin()));
  auto mine = std::find(out.texts.begin(), out.texts.end(), text);
  int64_t i = mine - out.texts.begin();
  if (mine == out.texts.end()) out.texts.push_back(text);
  return Value::ofNumber(Decimal::fromInt(-1 - i));
}

void bindRow(const ir::Program& p, const ir::Input& set, const Table& table, const Record& rec, BoundRow& row, BoundRecord& out) {
  row.row = rec.row;
  row.line = rec.line;
  // 指标值 first: a 完成值 reads in its unit.
  std::vector<int> order = set.columns;
  std::stable_partition(order.begin(), order.end(), [&](int s) { return p.inputs[s].spec.kind == InputKind::Target; });
  std::vector<std::pair<int, TargetValue>> targets;
  for (int slot : order) {
    const ir::Input& in = p.inputs[slot];
    auto col = table.columnIndex(in.spec.name);
    const Cell* cell = col && *col < rec.cells.size() ? &rec.cells[*col] : nullptr;
    std::string text = cell ? trimmed(*cell) : std::string();
    row.texts.emplace_back(slot, text);
    if (text.empty()) continue;  // absent: the rule decides (缺少必填数据)
    auto fault = [&](const std::string& why) { row.faults.emplace_back(slot, fmt::format("列“{}”：{}", in.spec.name, why)); };
    switch (in.spec.kind) {
      case InputKind::Text: row.values.emplace_back(slot, textValue(p, out, text)); break;
      case InputKind::Target: {
        auto t = parseTargetValue(text);
        if (auto* why = std::get_if<std::string>(&t)) { fault(*why); break; }
        const TargetValue& target = std::get<TargetValue>(t);
        row.values.emplace_back(in.companion, Value::ofEnum(static_cast<int>(target.direction)));
        if (target.direction != TargetValue::Direction::Qualitative) row.values.emplace_back(slot, Value::ofNumber(target.value));
        targets.emplace_back(slot, target);
        break;
      }
      case InputKind::Achieved: {
        auto t = std::find_if(targets.begin(), targets.end(), [&](const auto& x) { return x.first == in.companion; });
        if (t == targets.end()) break;  // no readable target: the row's fault says why
        if (t->second.direction == TargetValue::Direction::Qualitative) break;  // words, read by 评审 按 列
        auto v = parseAchievedValue(text, t->second);
        if (auto* why = std::get_if<std::string>(&v)) fault(*why);
        else row.values.emplace_back(slot, Value::ofNumber(std::get<Decimal>(v)));
        break;
      }
      default: {
        Conversion conv = convertCell(*cell, in.spec);
        if (auto* why = std::get_if<std::string>(&conv)) fault(*why);
        else if (const Value& v = std::get<Value>(conv); v.kind == Value::Kind::Number && in.range && !in.range->contains(v.number))
          fault(fmt::format("值 {} 超出规定范围 {}", toString(v.number), ir::formatInterval(*in.range, [](Decimal d) { return toString(d); })));
        else if (v.kind != Value::Kind::Missing) row.values.emplace_back(slot, v);
        break;
      }
    }
  }
}

}  // namespace

const Value* BoundRow::value(int slot) const {
  for (const auto& [s, v] : values)
    if (s == slot) return &v;
  return nullptr;
}

std::string BoundRow::text(int slot) const {
  for (const auto& [s, t] : texts)
    if (s == slot) return t;
  return {};
}

bool bindRowSetOrText(const ir::Program& p, int slot, const Cell& cell, BoundRecord& out) {
  const ir::Input& in = p.inputs[slot];
  if (in.spec.kind == InputKind::Text) {
    std::string text = trimmed(cell);
    if (!text.empty()) out.inputs[slot] = textValue(p, out, text);
    return true;
  }
  if (in.spec.kind != InputKind::RowSet) return false;
  if (out.rowSets.size() < p.inputs.size()) out.rowSets.resize(p.inputs.size());
  if (cell.kind == Cell::Kind::Missing) return true;
  if (cell.kind != Cell::Kind::Rows || !cell.rows) {
    if (trimmed(cell).empty()) return true;
    BindFault& fault = out.inputFaults[slot];  // the column is the input's name (bindFaultText)
    fault.code = BindFault::Code::NotRows;
    fault.slot = slot;
    fault.text = trimmed(cell);
    return true;
  }
  BoundRowSet& set = out.rowSets[slot];
  set.present = true;
  for (const Record& rec : cell.rows->records) {
    set.rows.emplace_back();
    bindRow(p, in, *cell.rows, rec, set.rows.back(), out);
  }
  return true;
}

std::string textOf(const ir::Program& p, const BoundRecord& record, Decimal code) {
  int64_t c = code.raw() / Decimal::kOne;
  if (c >= 0 && static_cast<size_t>(c) < p.texts.size()) return p.texts[c];
  size_t i = static_cast<size_t>(-1 - c);
  return i < record.texts.size() ? record.texts[i] : std::string();
}

}  // namespace defen

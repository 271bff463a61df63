#include "compiler/tools/ruletest/boundary_cases.h"

#include "compiler/tools/ruletest/checked_math.h"

#include "compiler/eval/bind/binder.h"
#include "compiler/report/explain/explain.h"
#include "compiler/core/number_text.h"
#include "compiler/tools/ruletest/solver.h"
#include "compiler/tools/ruletest/test_runner.h"

#include <fmt/format.h>

#include <map>

namespace defen::ruletest {

namespace {

using namespace checked;  // add, sub, mul, div, neg, dec, ints, scaled, roundInt, Opt

// Fixed, readable choices: decide the right side of a + b first and make it
// 0, take |x| positive, divide by 1,000,000.00元 (or 100 of a count), so an
// edge of 90% becomes 900,000.00元 of 1,000,000.00元.
class ReadableChoices final : public SolverChoices {
 public:
  bool coin() override { return true; }
  uint64_t below(uint64_t) override { return 0; }
  Decimal freeValue(const ir::Expr*) override { return Decimal(); }
  Decimal denominator(const ir::Expr* e) override {
    if (e->type.integer || e->type.display == ir::Display::Count) return Decimal::fromInt(100);
    if (e->type.display == ir::Display::Money) return Decimal::fromInt(1'000'000);
    if (e->type.display == ir::Display::Percent) return Decimal::one();
    return Decimal::fromInt(100);
  }
};

// How far "just beside" an edge is, in the subject's own terms.
Decimal besideStep(const ir::Expr* e) {
  if (e->type.integer || e->type.display == ir::Display::Count) return Decimal::one();
  if (e->type.display == ir::Display::Percent) return dec("0.0001");
  return dec("0.01");
}

// A cell as a data file would hold it, exactly.
std::string cellText(const ir::Input& in, const Value& v) {
  switch (v.kind) {
    case Value::Kind::Missing: return {};
    case Value::Kind::Bool: return v.boolean ? "是" : "否";
    case Value::Kind::Enum: return in.spec.enumValues[static_cast<size_t>(v.enumIndex)];
    case Value::Kind::Number: break;
  }
  if (in.spec.kind == InputKind::Money) {
    Decimal cents;
    bool whole = checkedMul(v.number, Decimal::fromInt(100), cents) == DecimalStatus::Ok && cents.isInteger();
    return (whole ? toGrouped(v.number, 2) : toString(v.number)) + "元";
  }
  if (in.spec.kind == InputKind::Ratio) {
    Decimal pct;
    if (checkedMul(v.number, Decimal::fromInt(100), pct) == DecimalStatus::Ok) return toString(pct) + "%";
  }
  return toString(v.number);
}

std::string neutralText(const ir::Input& in) {
  switch (in.spec.kind) {
    case InputKind::Bool: return "否";
    case InputKind::Enum: return in.spec.enumValues.empty() ? "" : in.spec.enumValues.front();
    case InputKind::Ratio: return "0%";
    default: return "0";
  }
}

bool within(const ir::Program& p, int node, int only) {
  for (int n = node; n >= 0; n = p.nodes[static_cast<size_t>(n)].parent)
    if (n == only) return true;
  return only < 0;
}

void collectBools(const ir::Program& p, const ir::Expr* e, std::set<int>& out) {
  if (!e) return;
  if (e->op == ir::Op::Input && p.inputs[static_cast<size_t>(e->slot)].spec.kind == InputKind::Bool) out.insert(e->slot);
  if (e->op == ir::Op::Let) collectBools(p, p.lets[static_cast<size_t>(e->slot)].value, out);
  for (const auto* a : e->args) collectBools(p, a, out);
}

class Builder {
 public:
  Builder(const ir::Program& p, const CasesOptions& o) : p_(p), o_(o), solver_(p, choices_) {
    TestCase base;
    base.baseline = o.baseline;
    Table t = caseTable(base);
    std::vector<std::string> warnings;
    base_ = bindRecord(p, mapColumns(p, t, warnings), t, t.records.front());
  }

  std::vector<BoundaryGroup> run() {
    std::vector<BoundaryGroup> out;
    std::set<std::pair<const ir::Expr*, Decimal>> seen;
    for (const Edge& edge : findEdges(p_)) {
      bool wanted = edge.kind == Edge::Kind::Band || edge.kind == Edge::Kind::Step || edge.kind == Edge::Kind::Compare ||
                    edge.kind == Edge::Kind::Equal || edge.kind == Edge::Kind::Limit || edge.kind == Edge::Kind::Bonus;
      if (!wanted || (edge.node < 0 && (edge.kind != Edge::Kind::Bonus || o_.node >= 0)) || !within(p_, edge.node, o_.node)) continue;
      std::vector<Decimal> targets = edge.targets;
      if (edge.kind == Edge::Kind::Step && !targets.empty()) targets.pop_back();  // stop at the step that uses the indicator up
      if (edge.kind == Edge::Kind::Equal) targets = {Decimal()};
      for (Decimal t : targets) {
        bool below = t < Decimal() && (edge.kind == Edge::Kind::Step || edge.kind == Edge::Kind::Bonus);  // -1 step: the generator's, not staff's
        if (edge.kind != Edge::Kind::Equal && (below || !seen.insert({edge.expr, t}).second)) continue;
        BoundaryGroup g = group(edge);
        g.edge = edge.kind == Edge::Kind::Equal ? p_.text(edge.other->range) : formatForPeople(p_, edge.expr->type.display, Value::ofNumber(t));
        for (int side : {-1, 0, 1}) addPoint(g, edge, t, side);
        if (!g.points.empty()) out.push_back(std::move(g));
      }
    }
    choices(out);
    return out;
  }

 private:
  const ir::Program& p_;
  const CasesOptions& o_;
  ReadableChoices choices_;
  Solver solver_;
  BoundRecord base_;
  std::set<std::string> pointKeys_;

  BoundaryGroup group(const Edge& edge) const {
    BoundaryGroup g;
    g.node = edge.node;
    g.range = edge.range;
    g.text = oneLine(edge.text);
    g.subject = oneLine(p_.text(edge.expr->range));
    for (const auto& b : p_.bonuses)
      for (const auto& line : b.lines)
        if (line.points == edge.expr) g.plus = line.plus;
    return g;
  }

  // Solves the edge's expression to t − step, t or t + step; keeps the point
  // when the subject lands on the intended side.
  void addPoint(BoundaryGroup& g, const Edge& edge, Decimal t, int side) {
    solver_.reset(base_.inputs);
    Decimal step = besideStep(edge.expr), target = t;
    if (edge.kind == Edge::Kind::Equal) {
      solver_.solve(edge.other, choices_.denominator(edge.other));
      Opt other = solver_.known(edge.other);
      if (!other) return;
      t = target = *other;
    }
    if (side != 0 && (side < 0 ? checkedSub(t, step, target) : checkedAdd(t, step, target)) != DecimalStatus::Ok) return;
    int slot = solver_.solve(edge.expr, target);
    if (slot < 0) return;
    Opt v = solver_.evaluate(edge.expr);
    auto onSide = [&](Opt x) { return x && (side < 0 ? *x < t : side > 0 ? *x > t : *x == t); };
    if (!onSide(v)) {  // a whole count cannot take 89.99%: move the input by its own unit instead
      Value saved = solver_.vals[static_cast<size_t>(slot)];
      bool moved = false;
      for (int dir : {1, -1}) {
        if (saved.kind != Value::Kind::Number || moved || side == 0) break;
        Decimal n;
        if ((dir > 0 ? checkedAdd(saved.number, solver_.unit(slot), n) : checkedSub(saved.number, solver_.unit(slot), n)) != DecimalStatus::Ok) continue;
        Opt f = solver_.fit(slot, n);
        if (!f) continue;
        solver_.vals[static_cast<size_t>(slot)].number = *f;
        v = solver_.evaluate(edge.expr);
        moved = onSide(v);
        if (!moved) solver_.vals[static_cast<size_t>(slot)] = saved;
      }
      if (!moved && side != 0) return;
    }
    // Amounts, rates and counts below zero are not data anyone sends (unless
    // a declared 范围 allows them): no point just below an edge at 0.
    for (size_t i = 0; i < p_.inputs.size(); ++i) {
      const Value& x = solver_.vals[i];
      bool declaredNegative = p_.inputs[i].range && (p_.inputs[i].range->lower.infinite || p_.inputs[i].range->lower.value < Decimal());
      if (solver_.fixed[i] && x.kind == Value::Kind::Number && x.number < Decimal() && !declaredNegative &&
          p_.inputs[i].spec.kind != InputKind::Number)
        return;
    }
    BoundaryPoint point;
    point.value = g.subject + "=" + (v ? formatForPeople(p_, edge.expr->type.display, Value::ofNumber(*v)) : "?");
    for (size_t i = 0; i < p_.inputs.size(); ++i)
      if (solver_.fixed[i]) point.fields.push_back(Field{p_.inputs[i].spec.name, cellText(p_.inputs[i], solver_.vals[i]), {}});
    finish(g, std::move(point));
  }

  // Each enum label a band table names, and both answers of each yes/no input
  // an indicator reads.
  void choices(std::vector<BoundaryGroup>& out) {
    for (const auto& node : p_.nodes) {
      if (!within(p_, node.id, o_.node) || node.rule == ir::RuleKind::Sum) continue;
      for (int t : node.tablesRead) {
        const ir::BandTable& table = p_.tables[static_cast<size_t>(t)];
        const ir::Expr* subject = table.subject;
        if (subject->op != ir::Op::Input || subject->type.kind != ir::Type::Kind::Enum) continue;
        const ir::Input& in = p_.inputs[static_cast<size_t>(subject->slot)];
        BoundaryGroup g{node.id, true, in.spec.name, "", table.range, oneLine(p_.text(table.range)), {}};
        for (const auto& label : in.spec.enumValues) {
          BoundaryPoint point;
          point.value = in.spec.name + "=" + label;
          point.fields.push_back(Field{in.spec.name, label, {}});
          finish(g, std::move(point));
        }
        if (!g.points.empty()) out.push_back(std::move(g));
      }
      std::set<int> bools;
      collectBools(p_, node.formula, bools);
      for (const auto& item : node.items) collectBools(p_, item.condition, bools);
      for (const auto& na : node.na) collectBools(p_, na.when, bools);
      for (int slot : bools) {
        const ir::Input& in = p_.inputs[static_cast<size_t>(slot)];
        BoundaryGroup g{node.id, true, in.spec.name, "", in.range_, oneLine(p_.text(in.range_)), {}};
        for (const char* answer : {"是", "否"}) {
          BoundaryPoint point;
          point.value = in.spec.name + "=" + answer;
          point.fields.push_back(Field{in.spec.name, answer, {}});
          finish(g, std::move(point));
        }
        if (!g.points.empty()) out.push_back(std::move(g));
      }
    }
  }

  // Scores a row; fills in required inputs the row lacks (a row that stops
  // on 缺少必填数据 tests nothing) with neutral values, added to `fields`.
  RecordResult score(std::vector<Field>& fields) {
    TestCase tc;
    tc.baseline = o_.baseline;
    RecordResult r;
    for (int round = 0; round < 8; ++round) {
      tc.fields = fields;
      r = scoreCase(p_, tc);
      bool filled = false;
      for (const auto& e : r.errors) {
        size_t at = e.find("缺少必填数据“");
        if (at == std::string::npos) continue;
        size_t from = at + std::string("缺少必填数据“").size(), to = e.find("”", from);
        std::string name = e.substr(from, to - from);
        int slot = p_.findInput(name);
        bool present = std::any_of(fields.begin(), fields.end(), [&](const Field& f) { return f.column == name; });
        if (slot < 0 || present) continue;
        fields.push_back(Field{name, neutralText(p_.inputs[static_cast<size_t>(slot)]), {}});
        filled = true;
      }
      if (!filled) break;
    }
    return r;
  }

  // Scores the point; fills required inputs the baseline lacks (a row that
  // stops on 缺少必填数据 tests nothing) and clears an override (核定分) the
  // baseline puts on the indicator, so the rule itself decides.
  void finish(BoundaryGroup& g, BoundaryPoint point) {
    if (g.node >= 0 && base_.nodes[static_cast<size_t>(g.node)].override)
      point.fields.push_back(Field{p_.nodes[static_cast<size_t>(g.node)].name + ".核定分", "", {}});
    RecordResult r = score(point.fields);
    // An indicator the baseline makes 不考核 (无下属单位) shows nothing about
    // its bands: answer its yes/no conditions the other way, if that helps.
    if (g.node >= 0 && r.nodes[static_cast<size_t>(g.node)].status == NodeStatus::NotApplicable) {
      std::set<int> bools;
      for (int n = g.node; n >= 0; n = p_.nodes[static_cast<size_t>(n)].parent)
        for (const auto& na : p_.nodes[static_cast<size_t>(n)].na) collectBools(p_, na.when, bools);
      for (int slot : bools) {
        const std::string& name = p_.inputs[static_cast<size_t>(slot)].spec.name;
        if (std::any_of(point.fields.begin(), point.fields.end(), [&](const Field& f) { return f.column == name; })) continue;
        const Value& was = base_.inputs[static_cast<size_t>(slot)];
        std::vector<Field> tried = point.fields;
        tried.push_back(Field{name, was.kind == Value::Kind::Bool && was.boolean ? "否" : "是", {}});
        RecordResult again = score(tried);
        if (again.nodes[static_cast<size_t>(g.node)].status == NodeStatus::NotApplicable) continue;
        point.fields = std::move(tried);
        r = std::move(again);
        break;
      }
    }
    std::string key = fmt::format("{}|{}", g.node, g.plus);
    for (const auto& f : point.fields) key += "|" + f.column + "=" + f.text;
    if (!pointKeys_.insert(key).second) return;
    point.ok = r.ok;
    point.errors = r.errors;
    if (g.node >= 0) {
      const NodeResult& n = r.nodes[static_cast<size_t>(g.node)];
      point.score = n.score;
      point.status = n.status;
      point.explanation = n.explanation;
    } else {
      point.score = g.plus ? r.bonus : r.penalty;
    }
    g.points.push_back(std::move(point));
  }
};

std::string fieldsText(const std::vector<Field>& fields) {
  std::vector<std::string> parts;
  for (const auto& f : fields) parts.push_back(f.column + "=" + (f.text.empty() ? "（空）" : f.text));
  return joined(parts, "，");
}

std::string outcome(const BoundaryPoint& pt) {
  if (!pt.ok) return "错误：" + joined(pt.errors, "；");
  std::string label = pt.status == NodeStatus::Scored ? "" : std::string(statusWord(pt.status)) + " ";
  return label + writtenScore(pt.score);
}

std::string what(const ir::Program& p, const BoundaryGroup& g) {
  return g.node >= 0 ? p.nodes[static_cast<size_t>(g.node)].name : (g.plus ? "加分" : "减分");
}

}  // namespace

std::vector<BoundaryGroup> boundaryCases(const ir::Program& program, const CasesOptions& options) {
  CasesOptions o = options;
  if (!o.baseline) o.baseline = neutralBaseline(program);
  return Builder(program, o).run();
}

void inlineBaseline(std::vector<BoundaryGroup>& groups, const Baseline& baseline) {
  const Record& row = baseline.table->records[baseline.record];
  for (auto& g : groups)
    for (auto& pt : g.points) {
      std::vector<Field> full;
      for (size_t c = 0; c < baseline.table->columns.size() && c < row.cells.size(); ++c) {
        const std::string& column = baseline.table->columns[c];
        bool given = std::any_of(pt.fields.begin(), pt.fields.end(), [&](const Field& f) { return f.column == column; });
        if (!given && row.cells[c].kind != Cell::Kind::Missing) full.push_back(Field{column, row.cells[c].text, {}});
      }
      full.insert(full.end(), pt.fields.begin(), pt.fields.end());
      pt.fields = std::move(full);
    }
}

std::shared_ptr<const Baseline> neutralBaseline(const ir::Program& p) {
  auto table = std::make_shared<Table>();
  Record r;
  r.row = 1;
  auto cell = [&](const std::string& column, const std::string& text) {
    table->columns.push_back(column);
    r.cells.push_back(Cell{Cell::Kind::Text, text});
  };
  for (const auto& in : p.inputs)
    if (!in.implicit) cell(in.spec.name, neutralText(in));
  for (const auto& node : p.nodes)
    if (node.rule == ir::RuleKind::Review) {
      cell(node.name, toString(node.weight));
      cell(node.name + ".说明", "（边界用例：评审满分）");
      if (!node.tiers.empty()) cell(node.name + ".档次", node.tiers.front().name);
    }
  table->records.push_back(std::move(r));
  auto b = std::make_shared<Baseline>();
  b->path = "（中性数据）";
  b->table = table;
  return b;
}

std::string casesTable(const ir::Program& p, const std::vector<BoundaryGroup>& groups) {
  std::string out;
  for (const auto& g : groups) {
    SourceLocation at = p.locate(g.range);  // the file that wrote it (基于)
    out += fmt::format("{}  {}:{}:{} “{}”{}\n", what(p, g), at.path, at.range.line, at.range.col, g.text,
                       g.edge.empty() ? "" : fmt::format("，边界 {}", g.edge));
    for (const auto& pt : g.points) out += fmt::format("  {}  →  {}    {}\n", pt.value, outcome(pt), fieldsText(pt.fields));
  }
  return out;
}

std::string casesAsTests(const ir::Program& p, const std::vector<BoundaryGroup>& groups, std::set<std::string>& existing,
                         const std::string& baselineLine, int* written) {
  std::string out;
  int count = 0;
  for (const auto& g : groups) {
    for (const auto& pt : g.points) {
      std::string name = what(p, g) + "：" + pt.value;
      if (!pt.ok || !existing.insert(name).second) continue;
      out += fmt::format("\n# 边界：{}“{}”{}\n用例 {}\n", p.ruleLine(g.range), g.text, g.edge.empty() ? "" : "，" + g.edge, name);
      if (!baselineLine.empty()) out += "  " + baselineLine + "\n";
      for (const auto& f : pt.fields) out += fmt::format("  {} = {}\n", f.column, f.text);
      std::string status = g.node >= 0 && (pt.status == NodeStatus::NotApplicable || pt.status == NodeStatus::Missing)
                               ? std::string(statusWord(pt.status)) + " " : "";
      out += fmt::format("  期望 {} {}{}\n", what(p, g), status, writtenScore(pt.score));
      ++count;
    }
  }
  if (written) *written = count;
  return out;
}

}  // namespace defen::ruletest

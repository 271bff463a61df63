#include "compiler/tools/ruletest/edges.h"

#include "compiler/tools/ruletest/checked_math.h"

#include <algorithm>

namespace defen::ruletest {

namespace {

using ir::Op;
using namespace checked;  // add, sub, mul, div, neg, dec, ints, scaled, roundInt, Opt

bool numeric(const ir::Expr* e) { return e->type.kind == ir::Type::Kind::Number; }

// For each expression, the first indicator (document order) whose rule reads it.
std::vector<int> owners(const ir::Program& p) {
  std::vector<int> owner(p.arena.size(), -1);
  auto walk = [&](auto& self, const ir::Expr* e, int node) -> void {
    if (!e || owner[static_cast<size_t>(e->id)] == node) return;
    if (owner[static_cast<size_t>(e->id)] < 0) owner[static_cast<size_t>(e->id)] = node;
    for (const auto* a : e->args) self(self, a, node);
    if (e->op == Op::Let) self(self, p.lets[static_cast<size_t>(e->slot)].value, node);
    if (e->op == Op::Bands)
      for (const auto& c : p.tables[static_cast<size_t>(e->table)].cases) self(self, c.value, node);
  };
  for (const auto& n : p.nodes) {
    walk(walk, n.formula, n.id);
    for (const auto& item : n.items) walk(walk, item.condition, n.id);
    for (const auto& d : n.deductions) walk(walk, d.subject, n.id), walk(walk, d.points, n.id);
    for (const auto& na : n.na) walk(walk, na.when, n.id);
  }
  return owner;
}

}  // namespace

Opt constantValue(const ir::Expr* e) {
  switch (e->op) {
    case Op::Const: return e->type.kind == ir::Type::Kind::Number ? Opt(e->number) : std::nullopt;
    case Op::Neg: if (auto a = constantValue(e->args[0])) return neg(*a); return std::nullopt;
    case Op::Add: case Op::Sub: case Op::Mul: case Op::Div: {
      auto a = constantValue(e->args[0]), b = constantValue(e->args[1]);
      if (!a || !b) return std::nullopt;
      return checked::arithmetic(e->op, *a, *b);
    }
    default: return std::nullopt;
  }
}

std::vector<Edge> findEdges(const ir::Program& p) {
  std::vector<Edge> out;
  std::vector<int> owner = owners(p);
  auto ownerOf = [&](const ir::Expr* e) { return owner[static_cast<size_t>(e->id)]; };
  auto hit = [&](Edge::Kind kind, const ir::Expr* e, std::vector<Decimal> targets, int node, SourceRange range, std::string text) {
    if (!numeric(e) || constantValue(e) || targets.empty()) return;
    out.push_back(Edge{kind, e, nullptr, std::move(targets), std::nullopt, node, range, std::move(text)});
  };
  // Band edges: every finite bound of every interval, case by case.
  for (const auto& t : p.tables)
    for (const auto& c : t.cases) {
      if (c.kind != ir::BandCase::Kind::Range) continue;
      std::vector<Decimal> bounds;
      if (!c.interval.lower.infinite) bounds.push_back(c.interval.lower.value);
      if (!c.interval.upper.infinite) bounds.push_back(c.interval.upper.value);
      hit(Edge::Kind::Band, t.subject, bounds, t.node >= 0 ? t.node : ownerOf(t.subject), c.range, p.text(c.range));
    }
  for (const auto& n : p.nodes) {
    // Deduction steps: 0, then each multiple of the step up to past the
    // point where the indicator is used up (and one step below zero).
    for (const auto& d : n.deductions) {
      if (d.kind != ir::Deduction::Kind::Step || d.step.isZero()) continue;
      int64_t steps = 12;
      if (auto pts = constantValue(d.points); pts && *pts > Decimal())
        if (auto k = div(n.weight, *pts)) steps = std::clamp<int64_t>(static_cast<int64_t>(roundInt(*k).raw() / Decimal::kOne) + 2, 3, 60);
      std::vector<Decimal> targets;
      for (int64_t k = -1; k <= steps; ++k)
        if (auto v = mul(ints(k), d.step)) targets.push_back(*v);
      hit(Edge::Kind::Step, d.subject, targets, n.id, d.range, d.text);
    }
    // A formula's score: 0, 分值, just outside [0, 分值] (a run-time error),
    // and half a unit of the declared rounding (四舍五入 at x.xx5).
    if (n.rule == ir::RuleKind::Formula && n.formula) {
      Decimal half = scaled(5, std::min(p.places + 1, Decimal::kScale)), nudge = scaled(1, std::min(p.places + 2, Decimal::kScale));
      std::vector<Decimal> targets = {Decimal(), n.weight, half};
      for (Opt v : {add(n.weight, nudge), neg(nudge), sub(n.weight, half), add(div(n.weight, ints(2)).value_or(Decimal()), half),
                    add(div(n.weight, ints(3)).value_or(Decimal()), half)})
        if (v) targets.push_back(*v);
      size_t before = out.size();
      hit(Edge::Kind::Formula, n.formula, targets, n.id, n.range, n.ruleText);
      if (out.size() > before) out.back().score = n.weight;
    }
  }
  // Bonus lines: on, just under and just over the cap.
  for (const auto& b : p.bonuses)
    for (const auto& line : b.lines) {
      std::vector<Decimal> targets = {Decimal(), Decimal::one()};
      if (line.cap)
        for (Opt v : {Opt(*line.cap), sub(*line.cap, Decimal::one()), add(*line.cap, Decimal::one())})
          if (v) targets.push_back(*v);
      hit(Edge::Kind::Bonus, line.points, targets, -1, line.range, line.text);
    }
  // Everything compared with something, and the constants of 最小/最大/限定
  // and the integer steps of 向上取整/向下取整/四舍五入.
  for (const auto& e : p.arena) {
    std::string text = p.text(e.range);
    switch (e.op) {
      case Op::Compare:
        for (size_t i = 0; i + 1 < e.args.size(); ++i) {
          const ir::Expr *a = e.args[i], *b = e.args[i + 1];
          if (!numeric(a) || !numeric(b)) continue;
          Opt ca = constantValue(a), cb = constantValue(b);
          if (ca && !cb) hit(Edge::Kind::Compare, b, {*ca}, ownerOf(&e), e.range, text);
          else if (cb && !ca) hit(Edge::Kind::Compare, a, {*cb}, ownerOf(&e), e.range, text);
          else if (!ca && !cb) out.push_back(Edge{Edge::Kind::Equal, a, b, {}, std::nullopt, ownerOf(&e), e.range, text});
        }
        break;
      case Op::Min: case Op::Max: case Op::Clamp: {
        std::vector<Decimal> ks;
        for (const auto* a : e.args)
          if (auto k = constantValue(a)) ks.push_back(*k);
        for (size_t i = 0; i < e.args.size(); ++i)
          if (e.op != Op::Clamp || i == 0) hit(Edge::Kind::Limit, e.args[i], ks, ownerOf(&e), e.range, text);
        break;
      }
      case Op::Ceil: case Op::Floor:
        hit(Edge::Kind::Rounding, e.args[0], {Decimal(), ints(1), ints(2), ints(3), dec("0.5"), dec("1.5"), ints(-1)}, ownerOf(&e), e.range, text);
        break;
      case Op::Round: {
        Decimal half = scaled(5, std::min(e.places + 1, Decimal::kScale));
        hit(Edge::Kind::Rounding, e.args[0], {half, *add(scaled(1, e.places), half), *add(scaled(123, e.places), half), Decimal()},
            ownerOf(&e), e.range, text);
        break;
      }
      default: break;
    }
  }
  return out;
}

}  // namespace defen::ruletest

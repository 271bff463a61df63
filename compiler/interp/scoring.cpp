#include "compiler/interp/scoring.h"

#include "compiler/explain/explain.h"

#include <fmt/format.h>

namespace defen::interp {

bool holds(ir::Cmp cmp, const Value& a, const Value& b) {
  if (a.kind == Value::Kind::Bool || b.kind == Value::Kind::Bool) {
    bool eq = a.boolean == b.boolean;
    return cmp == ir::Cmp::Eq ? eq : cmp == ir::Cmp::Ne ? !eq : false;
  }
  switch (cmp) {
    case ir::Cmp::Ge: return a.number >= b.number;
    case ir::Cmp::Gt: return a.number > b.number;
    case ir::Cmp::Le: return a.number <= b.number;
    case ir::Cmp::Lt: return a.number < b.number;
    case ir::Cmp::Eq: return a.number == b.number;
    case ir::Cmp::Ne: return a.number != b.number;
  }
  return false;
}

bool caseMatches(const ir::BandCase& c, const Value& subject) {
  switch (c.kind) {
    case ir::BandCase::Kind::Else: return true;
    case ir::BandCase::Kind::Label: return subject.enumIndex == c.label;
    case ir::BandCase::Kind::Range: return c.interval.contains(subject.number);
  }
  return false;
}

namespace {

using ir::NaRule;

Decimal mustOk(DecimalStatus s, Decimal v, const std::string& where) {
  if (s != DecimalStatus::Ok) throw EvalError{fmt::format("指标“{}”计算溢出", where)};
  return v;
}

class RecordScorer {
 public:
  RecordScorer(const ir::Program& p, const BoundRecord& rec, Evaluator& ev) : p_(p), rec_(rec), ev_(ev) {}

  RecordResult run() {
    RecordResult r;
    r.row = rec_.row;
    r.line = rec_.line;
    r.id = rec_.id;
    r.errors = rec_.errors;
    r.nodes.assign(p_.nodes.size(), NodeResult{});
    result_ = &r;
    if (!r.errors.empty()) return r;
    for (size_t i = 0; i < p_.nodes.size(); ++i) applicability(static_cast<int>(i));
    for (int id : p_.evalOrder) guarded(id);
    if (!r.errors.empty()) return r;
    try {
      total();
      r.ok = true;
    } catch (const EvalError& e) {
      r.errors.push_back(e.message);
    }
    for (size_t i = 0; i < p_.nodes.size(); ++i) r.nodes[i].explanation = explainNode(p_, r, static_cast<int>(i));
    return r;
  }

 private:
  const ir::Program& p_;
  const BoundRecord& rec_;
  Evaluator& ev_;
  RecordResult* result_ = nullptr;
  std::vector<char> failed_ = std::vector<char>(p_.nodes.size(), 0);

  std::string rowPrefix(int id) const { return fmt::format("第{}行，指标“{}”：", rec_.row, p_.nodes[id].name); }

  [[noreturn]] void missingError(int slot) {
    throw EvalError{fmt::format("缺少必填数据“{}”", p_.inputs[slot].spec.name)};
  }

  // Applies a missing optional input's policy to the node; false when the
  // input is required.
  bool applyMissing(int id, int slot) {
    NodeResult& n = result_->nodes[id];
    switch (p_.inputs[slot].missing) {
      case ir::Input::Missing::Full: n.computed = p_.nodes[id].weight; break;
      case ir::Input::Missing::Zero: n.computed = Decimal(); break;
      case ir::Input::Missing::NotApplicable: n.counted = false; n.computed = Decimal(); break;
      default: return false;
    }
    n.status = NodeStatus::Missing;
    n.missingInput = slot;
    n.score = n.computed;
    return true;
  }

  void applicability(int id) {
    const ir::Node& node = p_.nodes[id];
    NodeResult& n = result_->nodes[id];
    if (node.parent >= 0 && result_->nodes[node.parent].status == NodeStatus::NotApplicable) {
      n.status = NodeStatus::NotApplicable;
      n.inheritedNa = true;
      n.counted = false;
      return;
    }
    try {
      for (size_t i = 0; i < node.na.size(); ++i) {
        if (!ev_.truth(node.na[i].when, n)) continue;
        n.status = NodeStatus::NotApplicable;
        n.naRule = static_cast<int>(i);
        n.counted = node.na[i].policy != NaRule::Policy::Rescale;
        return;
      }
    } catch (const MissingInput& m) {
      if (!applyMissing(id, m.slot)) fail(id, fmt::format("缺少必填数据“{}”", p_.inputs[m.slot].spec.name));
    } catch (const EvalError& e) {
      fail(id, e.message);
    }
  }

  void fail(int id, const std::string& message) {
    if (failed_[id]) return;
    failed_[id] = 1;
    result_->errors.push_back(rowPrefix(id) + message);
  }

  void guarded(int id) {
    try {
      score(id);
    } catch (const MissingInput& m) {
      if (!applyMissing(id, m.slot)) fail(id, fmt::format("缺少必填数据“{}”", p_.inputs[m.slot].spec.name));
    } catch (const EvalError& e) {
      fail(id, e.message);
    }
  }

  Decimal round(Decimal v, int id) const {
    Decimal out;
    return mustOk(roundHalfAway(v, p_.places, out), out, p_.nodes[id].name);
  }

  void score(int id) {
    const ir::Node& node = p_.nodes[id];
    NodeResult& n = result_->nodes[id];
    if (failed_[id] || n.status == NodeStatus::Missing) return;
    if (n.status == NodeStatus::NotApplicable) {
      if (n.inheritedNa || !n.counted) return;
      const NaRule& rule = node.na[n.naRule];
      if (rule.policy == NaRule::Policy::Full) n.computed = node.weight;
      else if (rule.policy == NaRule::Policy::Move) n.computed = moved(id, rule);
      n.score = n.computed;
    } else if (node.rule == ir::RuleKind::Sum) {
      sum(id);
    } else {
      // The exact score must lie in [0, 分值]; rounding must not hide -0.000001.
      Decimal exact = leaf(id);
      if (exact < Decimal() || exact > node.weight)
        throw EvalError{fmt::format("得分{}超出[0, {}]", toString(exact), toString(node.weight))};
      n.computed = round(exact, id);
      n.score = n.computed;
      if (node.rule == ir::RuleKind::Review) {
        n.status = NodeStatus::Reviewed;
        n.reason = rec_.nodes[id].reason;
        n.tier = rec_.nodes[id].tier;
      }
    }
    if (const auto& ov = rec_.nodes[id].override) {
      n.computedStatus = n.status;
      n.status = NodeStatus::Overridden;
      n.score = *ov;
      n.reason = rec_.nodes[id].reason;
    }
  }

  // 转入: the weight moves to the targets in equal shares; their score rate applies.
  Decimal moved(int id, const NaRule& rule) {
    const ir::Node& node = p_.nodes[id];
    Decimal share, total;
    mustOk(checkedDiv(node.weight, Decimal::fromInt(static_cast<int64_t>(rule.targets.size())), share), share, node.name);
    for (int t : rule.targets) {
      const NodeResult& target = result_->nodes[t];
      if (failed_[t]) throw EvalError{fmt::format("分值转入的指标“{}”未能计分", p_.nodes[t].name)};
      if (!target.counted) throw EvalError{fmt::format("分值转入的指标“{}”也不考核，无得分率可用", p_.nodes[t].name)};
      Decimal rate = Decimal::one(), part;
      if (!p_.nodes[t].weight.isZero()) mustOk(checkedDiv(target.score, p_.nodes[t].weight, rate), rate, node.name);
      mustOk(checkedMul(share, rate, part), part, node.name);
      mustOk(checkedAdd(total, part, total), total, node.name);
    }
    return round(total, id);
  }

  void sum(int id) {
    const ir::Node& node = p_.nodes[id];
    NodeResult& n = result_->nodes[id];
    Decimal scores, weights;
    bool dropped = false;
    for (int c : node.children) {
      if (failed_[c]) { failed_[id] = 1; return; }
      const NodeResult& child = result_->nodes[c];
      if (!child.counted) { dropped = true; continue; }
      mustOk(checkedAdd(scores, child.score, scores), scores, node.name);
      mustOk(checkedAdd(weights, p_.nodes[c].weight, weights), weights, node.name);
    }
    if (dropped && weights.isZero()) {  // every child dropped: so is the parent
      n.status = NodeStatus::NotApplicable;
      n.counted = false;
      return;
    }
    if (dropped) {
      Decimal scaled;
      mustOk(checkedMul(node.weight, scores, scaled), scaled, node.name);
      mustOk(checkedDiv(scaled, weights, scaled), scaled, node.name);
      scores = round(scaled, id);
    }
    n.computed = scores;
    n.score = scores;
  }

  Decimal leaf(int id) {
    const ir::Node& node = p_.nodes[id];
    NodeResult& n = result_->nodes[id];
    switch (node.rule) {
      case ir::RuleKind::Formula: return ev_.number(node.formula, n);
      case ir::RuleKind::Checklist: {
        Decimal total;
        for (const auto& item : node.items) {
          bool met = ev_.truth(item.condition, n);
          n.itemsMet.push_back(met);
          if (met) mustOk(checkedAdd(total, item.points, total), total, node.name);
        }
        return total;
      }
      case ir::RuleKind::Deductions: return deductions(id);
      case ir::RuleKind::Review: return review(id);
      case ir::RuleKind::Sum: break;
    }
    return Decimal();
  }

  Decimal deductions(int id) {
    const ir::Node& node = p_.nodes[id];
    NodeResult& n = result_->nodes[id];
    Decimal total;
    for (const auto& d : node.deductions) {
      Decimal amount, steps;
      if (d.kind == ir::Deduction::Kind::Plain) {
        amount = ev_.number(d.points, n);
        if (amount < Decimal()) throw EvalError{fmt::format("扣分为负数 {}（“{}”）", toString(amount), d.text)};
      } else {
        Decimal measured = ev_.number(d.subject, n);
        if (measured > Decimal()) {
          mustOk(checkedDiv(measured, d.step, steps), steps, node.name);
          if (d.partial == ir::Partial::Ceil) mustOk(ceilTo(steps, 0, steps), steps, node.name);
          else if (d.partial == ir::Partial::Floor) mustOk(floorTo(steps, 0, steps), steps, node.name);
        }
        mustOk(checkedMul(steps, ev_.number(d.points, n), amount), amount, node.name);
      }
      n.steps.push_back(steps);
      n.deducted.push_back(amount);
      mustOk(checkedAdd(total, amount, total), total, node.name);
    }
    if (node.deductionCap && total > *node.deductionCap) {
      total = *node.deductionCap;
      n.deductionCapped = true;
    }
    Decimal left;
    mustOk(checkedSub(node.weight, total, left), left, node.name);
    return max(Decimal(), left);
  }

  Decimal review(int id) {
    const ir::Node& node = p_.nodes[id];
    const Value& v = rec_.inputs[node.reviewInput];
    if (v.kind == Value::Kind::Missing) throw EvalError{fmt::format("缺少评审分（数据列“{}”）", node.name)};
    const NodeData& data = rec_.nodes[id];
    if (data.reason.empty()) throw EvalError{fmt::format("评审分须在“{}.说明”列写明理由", node.name)};
    if (v.number > node.weight) throw EvalError{fmt::format("评审分{}超过分值{}分", toString(v.number), toString(node.weight))};
    if (!node.tiers.empty()) {
      const ir::ReviewTier* tier = nullptr;
      for (const auto& t : node.tiers) if (t.name == data.tier) tier = &t;
      if (data.tier.empty()) throw EvalError{fmt::format("缺少评审档次（数据列“{}.档次”）", node.name)};
      if (!tier) throw EvalError{fmt::format("评审档次“{}”不是规定的档次（数据列“{}.档次”）", data.tier, node.name)};
      Decimal fraction;
      mustOk(checkedDiv(v.number, node.weight, fraction), fraction, node.name);
      if (!tier->fraction.contains(fraction))
        throw EvalError{fmt::format("评审分{}不在档次“{}”的范围内", toString(v.number), tier->name)};
    }
    result_->nodes[id].inputs.emplace_back(node.reviewInput, v);
    return v.number;
  }

  void total() {
    RecordResult& r = *result_;
    Decimal scores, weights;
    bool dropped = false;
    for (int root : p_.roots) {
      const NodeResult& n = r.nodes[root];
      if (!n.counted) { dropped = true; continue; }
      mustOk(checkedAdd(scores, n.score, scores), scores, "总分");
      mustOk(checkedAdd(weights, p_.nodes[root].weight, weights), weights, "总分");
    }
    if (dropped) {
      if (weights.isZero()) throw EvalError{"所有指标均不考核，无法计算总分"};
      mustOk(checkedMul(p_.total, scores, scores), scores, "总分");
      mustOk(checkedDiv(scores, weights, scores), scores, "总分");
    }
    for (const auto& b : p_.bonuses) {
      NodeResult trace;
      for (const auto& line : b.lines) {
        Decimal v;
        try {
          v = ev_.number(line.points, trace);
        } catch (const MissingInput& m) {
          missingError(m.slot);
        }
        if (v < Decimal()) throw EvalError{fmt::format("加减分为负数：{}", line.text)};
        if (line.cap) v = min(v, *line.cap);
        Decimal& side = line.plus ? r.bonus : r.penalty;
        mustOk(checkedAdd(side, v, side), side, b.name);
      }
    }
    // “加分后总分不能超过100分；减分后总分不能低于0分”: the bonus is added and
    // capped at 总分, then the penalty is subtracted and floored at 0.
    mustOk(checkedAdd(scores, r.bonus, scores), scores, "总分");
    r.rawTotal = scores;
    scores = min(p_.total, scores);
    mustOk(checkedSub(scores, r.penalty, scores), scores, "总分");
    checkedSub(r.rawTotal, r.penalty, r.rawTotal);
    r.total = round(max(Decimal(), scores), p_.roots.empty() ? 0 : p_.roots.front());
    for (const auto& g : p_.grades)
      if (g.range.contains(r.total)) { r.grade = g.name; break; }
  }
};

}  // namespace

RecordResult scoreRecord(const ir::Program& program, const BoundRecord& record, Evaluator& evaluator) {
  return RecordScorer(program, record, evaluator).run();
}

}  // namespace defen::interp

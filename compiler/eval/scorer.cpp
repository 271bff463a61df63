#include "compiler/eval/scorer.h"
#include "compiler/eval/scorer_fault.h"

#include "compiler/explain/explain.h"

#include <fmt/format.h>

#include <algorithm>

namespace defen::eval {


Scorer::Scorer(const ir::Program& p, Kernels& k) : p_(p), k_(k) {
  scratch_.reset(p_.inputs.size(), p_.lets.size(), p_.tables.size(), p_.itemCount, p_.deductionCount);
}

Decimal Scorer::round(Decimal v) const {
  Decimal out;
  return ok(roundSnapped(v, p_.places, out), out, "舍入");
}

void Scorer::load(const BoundRecord& record) {
  rec_ = &record;
  scratch_.clearRecord();
  for (size_t i = 0; i < p_.inputs.size(); ++i) {
    const Value v = i < record.inputs.size() ? record.inputs[i] : Value::missing();
    scratch_.present[i] = v.kind != Value::Kind::Missing;
    switch (v.kind) {
      case Value::Kind::Number: scratch_.inputs[i] = v.number.raw(); break;
      case Value::Kind::Bool: scratch_.inputs[i] = v.boolean ? 1 : 0; break;
      case Value::Kind::Enum: scratch_.inputs[i] = v.enumIndex; break;
      case Value::Kind::Missing: scratch_.inputs[i] = 0; break;
    }
  }
  out_.nodes.assign(p_.nodes.size(), NodeState{});
  out_.nodeErrors.assign(p_.nodes.size(), {});
  if (record.errors.empty()) out_.errors.clear();
  else out_.errors = record.errors;
  out_.incompleteReasons.clear();
  out_.total = out_.rawTotal = out_.bonus = out_.penalty = Decimal();
  out_.bonusLines.clear();
  out_.grade = -1;
  out_.ok = out_.incomplete = out_.evaluated = false;
  out_.rows.assign(p_.nodes.size(), {});
  out_.warnings.clear();
  out_.computed = Decimal();
}

// One fault, one indicator: a fault fails the indicator it belongs to; the
// others are scored, and sums and the total are taken over what is known and
// marked incomplete. Only a fault of the row itself (it could not be read,
// every indicator 不考核, the total overflows) leaves the row without a total.
const Scored& Scorer::score(const BoundRecord& record) {
  load(record);
  if (!out_.errors.empty()) return out_;
  out_.evaluated = true;
  bindFaults();
  if (!prepareRows()) {
    out_.evaluated = false;
    return out_;
  }
  for (size_t i = 0; i < p_.nodes.size(); ++i) applicability(static_cast<int>(i));
  for (int id : p_.evalOrder) {
    try {
      scoreNode(id);
    } catch (const Fault& f) {
      fail(id, f.message);
    }
  }
  try {
    total();
  } catch (const Fault& f) {
    out_.errors.push_back(fmt::format("第{}行：{}", rec_->row, f.message));
    out_.grade = -1;
    out_.incompleteReasons.clear();  // no total at all, so nothing it is incomplete by
    return out_;
  }
  out_.computed = ruleOnlyTotal();
  if (out_.errors.empty()) {
    out_.ok = true;
    return out_;
  }
  out_.incomplete = true;
  out_.grade = -1;  // a grade from a partial total would read as final
  std::vector<std::string> reasons;
  for (size_t i = 0; i < p_.nodes.size(); ++i)
    if (out_.nodes[i].failed)
      reasons.push_back(fmt::format("指标“{}”未能计分（{}）", p_.nodes[i].name, out_.nodeErrors[i].front()));
  reasons.insert(reasons.end(), out_.incompleteReasons.begin(), out_.incompleteReasons.end());
  out_.incompleteReasons = std::move(reasons);
  return out_;
}

void Scorer::fail(int id, const std::string& message, bool report) {
  NodeState& n = out_.nodes[id];
  n.failed = true;
  n.incomplete = false;
  n.score = n.computed = Decimal();
  auto& mine = out_.nodeErrors[id];
  if (std::find(mine.begin(), mine.end(), message) != mine.end()) return;
  mine.push_back(message);
  if (report) out_.errors.push_back(fmt::format("第{}行，指标“{}”：{}", rec_->row, p_.nodes[id].name, message));
}

// Cells the binder refused: each is reported once, and fails every indicator
// that reads it; a refused 核定分 fails the indicator it overrides. A refused
// cell no indicator reads still leaves the row incomplete: its data is wrong.
void Scorer::bindFaults() {
  const std::vector<std::string>& faults = rec_->inputFaults;
  std::vector<char> read(faults.size(), 0);
  for (size_t slot = 0; slot < faults.size(); ++slot)
    if (!faults[slot].empty()) out_.errors.push_back(fmt::format("第{}行，{}", rec_->row, faults[slot]));
  for (size_t id = 0; id < p_.nodes.size(); ++id) {
    for (int slot : p_.nodes[id].reads)
      if (static_cast<size_t>(slot) < faults.size() && !faults[slot].empty()) {
        fail(static_cast<int>(id), faults[slot], false);
        read[slot] = 1;
      }
    if (const std::string& fault = rec_->nodes[id].fault; !fault.empty()) {
      out_.errors.push_back(fmt::format("第{}行，{}", rec_->row, fault));
      fail(static_cast<int>(id), fault, false);
    }
  }
  for (const auto& bonus : p_.bonuses)
    for (int slot : bonus.reads)
      if (static_cast<size_t>(slot) < faults.size()) read[slot] = 1;
  for (size_t slot = 0; slot < faults.size(); ++slot)
    if (!faults[slot].empty() && !read[slot]) out_.incompleteReasons.push_back(faults[slot]);
}

std::string Scorer::kernelError(const Frame& f) const {
  const ir::Expr& e = p_.arena[f.errorExpr];
  std::string where = fmt::format("（{}“{}”）", p_.ruleLine(e.range), p_.text(e.range));
  switch (f.errorKind) {
    case kOverflow: return "计算溢出" + where;
    case kDivisionByZero: return "除数为0" + fmt::format("（{}“{}”）", p_.ruleLine(e.args[1]->range), p_.text(e.args[1]->range));
    case kNoBand: return fmt::format("{} 不在任何分段内{}", toString(Decimal::fromRaw(f.errorValue)), where);
    default: return "内部错误" + where;
  }
}

// A missing optional input's policy decides the node; false when it is required.
bool Scorer::applyMissing(int id, int slot) {
  NodeState& n = out_.nodes[id];
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

void Scorer::applicability(int id) {
  const ir::Node& node = p_.nodes[id];
  NodeState& n = out_.nodes[id];
  if (n.failed) return;  // a refused cell it reads
  if (node.parent >= 0 && out_.nodes[node.parent].status == NodeStatus::NotApplicable) {
    n.status = NodeStatus::NotApplicable;
    n.inheritedNa = true;
    n.counted = false;
    return;
  }
  Frame& f = scratch_.frame;
  for (size_t i = 0; i < node.na.size(); ++i) {
    bool when = false;
    KernelStatus s = k_.naCondition(id, static_cast<int>(i), f, when);
    if (s == kMissing) {
      if (!applyMissing(id, f.missingSlot)) fail(id, fmt::format("缺少必填数据“{}”", p_.inputs[f.missingSlot].spec.name));
      return;
    }
    if (s == kError) { fail(id, kernelError(f)); return; }
    if (!when) continue;
    n.status = NodeStatus::NotApplicable;
    n.naRule = static_cast<int>(i);
    n.counted = node.na[i].policy != ir::NaRule::Policy::Rescale;
    return;
  }
}

void Scorer::scoreNode(int id) {
  const ir::Node& node = p_.nodes[id];
  NodeState& n = out_.nodes[id];
  if (n.failed) return;
  if (n.status == NodeStatus::Missing) {
    // decided while checking applicability; an override still applies below
  } else if (n.status == NodeStatus::NotApplicable) {
    if (n.inheritedNa || !n.counted) {
      // A dropped indicator has no score to override: say so rather than ignore the data.
      if (rec_->nodes[id].override)
        throw Fault{fmt::format("本项不考核（不计入得分），不能核定分；请删去“{}.核定分”或修改不考核条件", node.name)};
      return;
    }
    const ir::NaRule& rule = node.na[n.naRule];
    if (rule.policy == ir::NaRule::Policy::Full) n.computed = node.weight;
    else if (rule.policy == ir::NaRule::Policy::Move) n.computed = moved(id, rule);
    n.score = n.computed;
  } else if (node.rule == ir::RuleKind::Sum) {
    sum(id);
  } else if (node.rule == ir::RuleKind::Rows) {
    scoreRows(id);
  } else {
    Decimal exact;
    if (leaf(id, exact)) {
      // The exact score must lie in [0, 分值]; rounding must not hide -0.000001.
      if (exact < Decimal() || exact > node.weight)
        throw Fault{fmt::format("得分{}超出[0, {}]", toString(exact), toString(node.weight))};
      n.computed = round(exact);
      n.score = n.computed;
      if (node.rule == ir::RuleKind::Review) n.status = NodeStatus::Reviewed;
    } else if (n.failed) {
      return;
    }  // else a missing-data policy decided it; an override still applies
  }
  if (const auto& ov = rec_->nodes[id].override) {
    n.computedStatus = n.status;
    n.status = NodeStatus::Overridden;
    n.score = *ov;
    n.incomplete = false;  // the 核定分 replaces the sum that lacked a faulted indicator
  }
}

bool Scorer::leaf(int id, Decimal& exact) {
  const ir::Node& node = p_.nodes[id];
  if (node.rule == ir::RuleKind::Review) {
    exact = review(id);
    return true;
  }
  Frame& f = scratch_.frame;
  Raw raw = 0;
  KernelStatus s = k_.leaf(id, f, raw);
  if (s == kMissing) {
    if (!applyMissing(id, f.missingSlot)) fail(id, fmt::format("缺少必填数据“{}”", p_.inputs[f.missingSlot].spec.name));
    return false;
  }
  if (s == kError) { fail(id, kernelError(f)); return false; }
  switch (node.rule) {
    case ir::RuleKind::Formula: exact = Decimal::fromRaw(raw); return true;
    case ir::RuleKind::Checklist: {
      Decimal total;
      for (const auto& item : node.items)
        if (f.itemMet[item.index]) ok(checkedAdd(total, item.points, total), total, node.name);
      exact = total;
      return true;
    }
    case ir::RuleKind::Deductions: {
      Decimal total;
      for (const auto& d : node.deductions) {
        Decimal amount = Decimal::fromRaw(f.deducted[d.index]);
        if (amount < Decimal()) throw Fault{fmt::format("扣分为负数 {}（“{}”）", toString(amount), d.text)};
        ok(checkedAdd(total, amount, total), total, node.name);
      }
      if (node.deductionCap && total > *node.deductionCap) {
        total = *node.deductionCap;
        out_.nodes[id].capped = true;
      }
      Decimal left;
      ok(checkedSub(node.weight, total, left), left, node.name);
      exact = max(Decimal(), left);
      return true;
    }
    default: return false;
  }
}

// 转入: the weight moves to the targets in equal shares; their score rate applies.
Decimal Scorer::moved(int id, const ir::NaRule& rule) {
  const ir::Node& node = p_.nodes[id];
  Decimal share, total;
  ok(checkedDiv(node.weight, Decimal::fromInt(static_cast<int64_t>(rule.targets.size())), share), share, node.name);
  for (int t : rule.targets) {
    const NodeState& target = out_.nodes[t];
    if (target.failed || target.incomplete) throw Fault{fmt::format("分值转入的指标“{}”未能计分", p_.nodes[t].name)};
    if (!target.counted) throw Fault{fmt::format("分值转入的指标“{}”也不考核，无得分率可用", p_.nodes[t].name)};
    Decimal rate = Decimal::one(), part;
    if (!p_.nodes[t].weight.isZero()) ok(checkedDiv(target.score, p_.nodes[t].weight, rate), rate, node.name);
    ok(checkedMul(share, rate, part), part, node.name);
    ok(checkedAdd(total, part, total), total, node.name);
  }
  return round(total);
}

void Scorer::sum(int id) {
  const ir::Node& node = p_.nodes[id];
  NodeState& n = out_.nodes[id];
  Decimal scores, weights;
  bool dropped = false;
  for (int c : node.children) {
    const NodeState& child = out_.nodes[c];
    if (!child.counted) { dropped = true; continue; }
    // A faulted child adds nothing but keeps its weight: its score is unknown, not absent.
    if (child.failed || child.incomplete) n.incomplete = true;
    if (!child.failed) ok(checkedAdd(scores, child.score, scores), scores, node.name);
    ok(checkedAdd(weights, p_.nodes[c].weight, weights), weights, node.name);
  }
  if (dropped && weights.isZero()) {  // every child dropped: so is the parent
    n.status = NodeStatus::NotApplicable;
    n.counted = false;
    return;
  }
  if (dropped) {
    Decimal scaled;
    ok(checkedMul(node.weight, scores, scaled), scaled, node.name);
    ok(checkedDiv(scaled, weights, scaled), scaled, node.name);
    scores = round(scaled);
  }
  n.computed = scores;
  n.score = scores;
}

Decimal Scorer::review(int id) {
  const ir::Node& node = p_.nodes[id];
  const Value& v = rec_->inputs[node.reviewInput];
  if (v.kind == Value::Kind::Missing) throw Fault{fmt::format("缺少评审分（数据列“{}”）", node.name)};
  const NodeData& data = rec_->nodes[id];
  if (data.reason.empty()) throw Fault{fmt::format("评审分须在“{}.说明”列写明理由", node.name)};
  if (v.number > node.weight) throw Fault{fmt::format("评审分{}超过分值{}分", toString(v.number), toString(node.weight))};
  if (!node.tiers.empty()) {
    const ir::ReviewTier* tier = nullptr;
    for (const auto& t : node.tiers)
      if (t.name == data.tier) tier = &t;
    if (data.tier.empty()) throw Fault{fmt::format("缺少评审档次（数据列“{}.档次”）", node.name)};
    if (!tier) throw Fault{fmt::format("评审档次“{}”不是规定的档次（数据列“{}.档次”）", data.tier, node.name)};
    Decimal fraction;
    ok(checkedDiv(v.number, node.weight, fraction), fraction, node.name);
    if (!tier->fraction.contains(fraction)) throw Fault{fmt::format("评审分{}不在档次“{}”的范围内", toString(v.number), tier->name)};
  }
  return v.number;
}

void Scorer::total() {
  Decimal scores, weights;
  bool dropped = false;
  for (int root : p_.roots) {
    const NodeState& n = out_.nodes[root];
    if (!n.counted) { dropped = true; continue; }
    if (!n.failed) ok(checkedAdd(scores, n.score, scores), scores, "总分");
    ok(checkedAdd(weights, p_.nodes[root].weight, weights), weights, "总分");
  }
  if (dropped) {
    if (weights.isZero()) throw Fault{"所有指标均不考核，无法计算总分"};
    ok(checkedMul(p_.total, scores, scores), scores, "总分");
    ok(checkedDiv(scores, weights, scores), scores, "总分");
  }
  Frame& f = scratch_.frame;
  for (size_t b = 0; b < p_.bonuses.size(); ++b) {
    const ir::Bonus& bonus = p_.bonuses[b];
    // A 加减分 line that faults adds nothing; the total says it is incomplete.
    auto lineFault = [&](const ir::BonusLine& line, const std::string& message, bool report) {
      if (report) out_.errors.push_back(fmt::format("第{}行，{}“{}”：{}", rec_->row, bonus.name, line.text, message));
      out_.incompleteReasons.push_back(fmt::format("{}“{}”未能计分（{}）", bonus.name, line.text, message));
      out_.bonusLines.push_back(Decimal());
    };
    std::string refused;  // a refused cell the block reads: its lines cannot be trusted
    for (int slot : bonus.reads)
      if (static_cast<size_t>(slot) < rec_->inputFaults.size() && !rec_->inputFaults[slot].empty() && refused.empty())
        refused = rec_->inputFaults[slot];
    for (size_t l = 0; l < bonus.lines.size(); ++l) {
      const ir::BonusLine& line = bonus.lines[l];
      if (!refused.empty()) { lineFault(line, refused, false); continue; }
      Raw raw = 0;
      KernelStatus s = k_.bonusLine(static_cast<int>(b), static_cast<int>(l), f, raw);
      // An absent optional count (缺失时 …) earns no bonus and costs no penalty.
      if (s == kMissing && p_.inputs[f.missingSlot].missing == ir::Input::Missing::Required) {
        lineFault(line, fmt::format("缺少必填数据“{}”", p_.inputs[f.missingSlot].spec.name), true);
        continue;
      }
      if (s == kError) { lineFault(line, kernelError(f), true); continue; }
      Decimal v = s == kMissing ? Decimal() : Decimal::fromRaw(raw);
      if (v < Decimal()) { lineFault(line, fmt::format("加减分为负数 {}", toString(v)), true); continue; }
      if (line.cap) v = min(v, *line.cap);
      out_.bonusLines.push_back(v);
      Decimal& side = line.plus ? out_.bonus : out_.penalty;
      ok(checkedAdd(side, v, side), side, bonus.name);
    }
  }
  // “加分后总分不能超过100分；减分后总分不能低于0分”: the bonus is added and
  // capped at 总分, then the penalty is subtracted and floored at 0.
  ok(checkedAdd(scores, out_.bonus, scores), scores, "总分");
  out_.rawTotal = scores;
  scores = min(p_.total, scores);
  ok(checkedSub(scores, out_.penalty, scores), scores, "总分");
  checkedSub(out_.rawTotal, out_.penalty, out_.rawTotal);
  out_.total = round(max(Decimal(), scores));
  if (!out_.errors.empty()) return;  // no grade for an incomplete total
  for (size_t g = 0; g < p_.grades.size(); ++g)
    if (p_.grades[g].range.contains(out_.total)) { out_.grade = static_cast<int>(g); break; }
}

RecordResult materialize(const ir::Program& p, const BoundRecord& rec, const Scored& s, const Scratch& scratch, bool explain) {
  RecordResult r;
  r.row = rec.row;
  r.line = rec.line;
  r.id = rec.id;
  r.ok = s.ok;
  r.incomplete = s.incomplete;
  r.incompleteReasons = s.incompleteReasons;
  r.evaluated = s.evaluated;
  r.total = s.total;
  r.rawTotal = s.rawTotal;
  r.bonus = s.bonus;
  r.penalty = s.penalty;
  r.bonusLines = s.bonusLines;
  r.grade = s.grade >= 0 ? p.grades[s.grade].name : std::string();
  r.errors = s.errors;
  r.warnings = s.warnings;
  r.computed = s.computed;
  r.nodes.resize(p.nodes.size());
  for (size_t i = 0; i < p.nodes.size(); ++i) {
    const ir::Node& node = p.nodes[i];
    const NodeState& st = s.nodes[i];
    NodeResult& n = r.nodes[i];
    n.status = st.failed ? NodeStatus::Failed : st.status;
    n.computedStatus = st.computedStatus;
    n.errors = s.nodeErrors[i];
    n.incomplete = st.incomplete;
    n.counted = st.counted;
    n.score = st.score;
    n.computed = st.computed;
    n.naRule = st.naRule;
    n.inheritedNa = st.inheritedNa;
    n.missingInput = st.missingInput;
    n.deductionCapped = st.capped;
    if (i < s.rows.size()) n.rows = s.rows[i];
    if (!explain) continue;  // scores only: the trace and reasons feed explanations
    n.reason = rec.nodes[i].reason;
    n.tier = rec.nodes[i].tier;
    // The trace, in the node's static order, so both engines explain alike.
    for (int slot : node.reads)
      if (scratch.present[slot] && slot != node.reviewInput)
        // An aggregate over rows (合计(…)) is computed, not read: its value is in the frame.
        n.inputs.emplace_back(slot, rec.inputs[slot].kind == Value::Kind::Missing ? Value::ofNumber(Decimal::fromRaw(scratch.inputs[slot]))
                                                                                   : rec.inputs[slot]);
    for (int slot : node.letsRead)
      if (scratch.letDone[slot]) n.lets.emplace_back(slot, Decimal::fromRaw(scratch.lets[slot]));
    for (int t : node.tablesRead)
      if (scratch.fired[t] >= 0) n.fired.push_back(FiredCase{t, scratch.fired[t]});
    for (const auto& item : node.items) n.itemsMet.push_back(scratch.itemMet[item.index]);
    for (const auto& d : node.deductions) {
      n.deducted.push_back(Decimal::fromRaw(scratch.deducted[d.index]));
      n.steps.push_back(Decimal::fromRaw(scratch.steps[d.index]));
    }
  }
  if (s.evaluated && explain) {
    for (size_t i = 0; i < p.nodes.size(); ++i) r.nodes[i].explanation = explainNode(p, r, static_cast<int>(i));
    NodeResult bonusTrace;  // the inputs the 加减分 lines read, for their sentence
    for (const auto& b : p.bonuses)
      for (int slot : b.reads)
        if (scratch.present[slot]) bonusTrace.inputs.emplace_back(slot, rec.inputs[slot]);
    r.bonusExplanation = explainBonus(p, r, bonusTrace);
  }
  return r;
}

}  // namespace defen::eval

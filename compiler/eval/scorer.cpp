#include "compiler/eval/scorer.h"
#include "compiler/eval/scorer_fault.h"

#include "compiler/eval/bind/bind_messages.h"
#include "compiler/report/explain/explain.h"

#include <fmt/format.h>

#include <algorithm>

namespace defen::eval {

Scorer::Scorer(const ir::Program& p, Kernels& k) : p_(p), k_(k) {
  size_t lines = 0;
  for (size_t b = 0; b < p_.bonuses.size(); ++b)
    for (size_t l = 0; l < p_.bonuses[b].lines.size(); ++l, ++lines) {
      lineBlock_.push_back(static_cast<int>(b));
      lineInBlock_.push_back(static_cast<int>(l));
    }
  scratch_.reset(p_.inputs.size(), p_.lets.size(), p_.tables.size(), p_.itemCount, p_.deductionCount, p_.nodes.size(), lines);
  out_.nodes.assign(p_.nodes.size(), NodeState{});
  out_.nodeErrors.assign(p_.nodes.size(), {});
  out_.rows.assign(p_.nodes.size(), {});
  hasRows_ = std::any_of(p_.nodes.begin(), p_.nodes.end(), [](const ir::Node& n) { return n.rule == ir::RuleKind::Rows; });
}

// One fault, one indicator: a fault fails the indicator it belongs to; the
// others are scored, and sums and the total are taken over what is known and
// marked incomplete. Only a fault of the row itself (it could not be read,
// every indicator 不考核, the total overflows) leaves the row without a total.
//
// Row sets come first: aggregates and 校验 feed the indicators' inputs, and a
// 逐行 node's score depends only on inputs, 令 and its rows, never on another
// indicator's score, so it is decided before the plan runs and the plan's
// Rows step takes it from the frame like any other node's score.
const Scored& Scorer::score(const BoundRecord& record) {
  if (!load(record)) return out_;
  if (!prepareRows()) {
    out_.evaluated = false;
    std::fill(out_.nodes.begin(), out_.nodes.end(), NodeState{});
    return out_;
  }
  for (int id : p_.evalOrder)
    if (p_.nodes[id].rule == ir::RuleKind::Rows && !scratch_.nodes[id].failed) try {
        scoreRows(id);
      } catch (const IndicatorFault& f) {
        fail(id, f.message);
      }
  if (!out_.errors.empty() || !out_.incompleteReasons.empty()) scratch_.frame.anyFault = 1;
  k_.run(scratch_.frame);
  read();
  if (ruleOnlyTotal_ && scratch_.frame.rowFault == kNoFault) out_.computed = ruleOnlyTotal();
  return out_;
}

Decimal Scorer::round(Decimal v) const {
  Decimal out;
  return ok(roundSnapped(v, p_.places, out), out, "舍入");
}

void Scorer::fail(int id, const std::string& message, bool report) {
  NodeSlot& n = scratch_.nodes[id];
  n.failed = 1;
  n.incomplete = 0;
  n.score = n.computed = 0;
  scratch_.frame.anyFault = 1;
  addFault(id, message, report);
}

bool Scorer::load(const BoundRecord& record) {
  rec_ = &record;
  scratch_.clearRecord();
  const size_t inputs = p_.inputs.size(), given = std::min(inputs, record.inputs.size());
  const Value* value = record.inputs.data();
  Raw* raw = scratch_.inputs.data();
  uint8_t* present = scratch_.present.data();
  for (size_t i = 0; i < given; ++i) {
    const Value& v = value[i];
    present[i] = v.kind != Value::Kind::Missing;
    switch (v.kind) {
      case Value::Kind::Number: raw[i] = v.number.raw(); break;
      case Value::Kind::Bool: raw[i] = v.boolean ? 1 : 0; break;
      case Value::Kind::Enum: raw[i] = v.enumIndex; break;
      case Value::Kind::Missing: raw[i] = 0; break;
    }
  }
  std::fill(raw + given, raw + inputs, Raw(0));
  std::fill(present + given, present + inputs, uint8_t(0));
  if (nodeErrorsDirty_) {  // most records have none: 56 empty vectors need no clearing
    for (auto& e : out_.nodeErrors) e.clear();
    nodeErrorsDirty_ = false;
  }
  if (record.errors.empty()) out_.errors.clear();
  else out_.errors = record.errors;
  out_.incompleteReasons.clear();
  out_.total = out_.rawTotal = out_.bonus = out_.penalty = Decimal();
  out_.bonusLines.clear();
  out_.grade = -1;
  out_.ok = out_.incomplete = out_.evaluated = false;
  if (hasRows_)  // only a 逐行 node writes its lines; clearing keeps their capacity
    for (auto& lines : out_.rows) lines.clear();
  out_.warnings.clear();
  out_.computed = Decimal();
  out_.computedIncomplete = false;
  if (!out_.errors.empty()) {
    std::fill(out_.nodes.begin(), out_.nodes.end(), NodeState{});
    return false;
  }
  out_.evaluated = true;
  // What the record says per indicator; a 档次 is resolved to its tier here,
  // so scoring compares numbers.
  // Only what the plan reads is touched: a record's per-node data is most of
  // its memory, and loading it is most of the time of a record.
  bool refused = false;
  for (size_t id = 0; id < p_.nodes.size(); ++id) {
    const ir::Node& node = p_.nodes[id];
    const NodeData& data = record.nodes[id];
    NodeInput& in = scratch_.nodeData[id];
    in.hasOverride = data.override.has_value();
    in.override = data.override ? data.override->raw() : 0;
    refused = refused || data.fault.refused();
    if (node.rule != ir::RuleKind::Review) continue;
    in.hasReason = !data.reason.empty();
    in.tier = kNoTier;
    if (!node.tiers.empty() && !data.tier.empty()) {
      in.tier = kUnknownTier;
      for (size_t t = 0; t < node.tiers.size(); ++t)
        if (node.tiers[t].name == data.tier) in.tier = static_cast<int32_t>(t);
    }
  }
  for (const BindFault& fault : record.inputFaults) refused = refused || fault.refused();
  if (refused) bindFaults();
  return true;
}

void Scorer::addFault(int id, const std::string& message, bool report) {
  auto& mine = out_.nodeErrors[id];
  nodeErrorsDirty_ = true;
  if (std::find(mine.begin(), mine.end(), message) != mine.end()) return;
  mine.push_back(message);
  if (report) out_.errors.push_back(fmt::format("第{}行，指标“{}”：{}", rec_->row, p_.nodes[id].name, message));
}

// Cells the binder refused: each is reported once, and fails every indicator
// that reads it; a refused 核定分 fails the indicator it overrides. A refused
// cell no indicator reads still leaves the row incomplete: its data is wrong.
// A 加减分 block reading a refused cell has its lines refused too.
void Scorer::bindFaults() {
  // The binder's codes in words, now that they are reported.
  std::vector<std::string> faults(rec_->inputFaults.size());
  for (size_t slot = 0; slot < faults.size(); ++slot)
    if (rec_->inputFaults[slot].refused()) faults[slot] = bindFaultText(p_, rec_->inputFaults[slot]);
  Frame& f = scratch_.frame;
  f.anyFault = 1;
  std::vector<char> read(faults.size(), 0);
  auto failAtBinding = [&](size_t id) {
    NodeSlot& n = scratch_.nodes[id];
    n.failed = 1;
    n.score = n.computed = 0;
  };
  for (size_t slot = 0; slot < faults.size(); ++slot)
    if (!faults[slot].empty()) out_.errors.push_back(fmt::format("第{}行，{}", rec_->row, faults[slot]));
  for (size_t id = 0; id < p_.nodes.size(); ++id) {
    for (int slot : p_.nodes[id].reads)
      if (static_cast<size_t>(slot) < faults.size() && !faults[slot].empty()) {
        failAtBinding(id);
        addFault(static_cast<int>(id), faults[slot], false);
        read[slot] = 1;
      }
    if (const BindFault& refused = rec_->nodes[id].fault; refused.refused()) {
      const std::string fault = bindFaultText(p_, refused);
      out_.errors.push_back(fmt::format("第{}行，{}", rec_->row, fault));
      failAtBinding(id);
      addFault(static_cast<int>(id), fault, false);
    }
  }
  size_t line = 0;
  for (const auto& bonus : p_.bonuses) {
    int refused = -1;
    for (int slot : bonus.reads)
      if (static_cast<size_t>(slot) < faults.size()) {
        read[slot] = 1;
        if (refused < 0 && !faults[slot].empty()) refused = slot;
      }
    for (size_t l = 0; l < bonus.lines.size(); ++l, ++line)
      if (refused >= 0) {
        scratch_.bonusLines[line].fault = kFaultBonusRefused;
        scratch_.bonusLines[line].faultArg = refused;
      }
  }
  for (size_t slot = 0; slot < faults.size(); ++slot)
    if (!faults[slot].empty() && !read[slot]) out_.incompleteReasons.push_back(faults[slot]);
}

std::string Scorer::kernelError(int32_t kind, int32_t expr, Raw value) const {
  const ir::Expr& e = p_.arena[expr];
  std::string where = fmt::format("（{}“{}”）", p_.ruleLine(e.range), p_.text(e.range));
  switch (kind) {
    case kFaultOverflow: return "计算溢出" + where;
    case kFaultDivisionByZero: return "除数为0" + fmt::format("（{}“{}”）", p_.ruleLine(e.args[1]->range), p_.text(e.args[1]->range));
    case kFaultNoBand: return fmt::format("{} 不在任何分段内{}", toString(Decimal::fromRaw(value)), where);
    default: return "内部错误" + where;
  }
}

std::string Scorer::faultMessage(int id, const NodeSlot& n) const {
  const ir::Node& node = p_.nodes[id];
  const Decimal value = Decimal::fromRaw(n.faultValue);
  switch (n.fault) {
    case kFaultOverflow: case kFaultDivisionByZero: case kFaultNoBand: return kernelError(n.fault, n.faultExpr, n.faultValue);
    case kFaultMissingInput: return fmt::format("缺少必填数据“{}”", p_.inputs[n.faultArg].spec.name);
    case kFaultArithmetic: return fmt::format("指标“{}”计算溢出", node.name);
    case kFaultRounding: return "指标“舍入”计算溢出";
    case kFaultOutOfRange: return fmt::format("得分{}超出[0, {}]", toString(value), toString(node.weight));
    case kFaultNegativeDeduction: return fmt::format("扣分为负数 {}（“{}”）", toString(value), node.deductions[n.faultArg].text);
    case kFaultOverrideOfDropped:
      return fmt::format("本项不考核（不计入得分），不能核定分；请删去“{}.核定分”或修改不考核条件", node.name);
    case kFaultMoveTargetFailed: return fmt::format("分值转入的指标“{}”未能计分", p_.nodes[n.faultArg].name);
    case kFaultMoveTargetDropped: return fmt::format("分值转入的指标“{}”也不考核，无得分率可用", p_.nodes[n.faultArg].name);
    case kFaultReviewMissing: return fmt::format("缺少评审分（数据列“{}”）", node.name);
    case kFaultReviewNoReason: return fmt::format("评审分须在“{}.说明”列写明理由", node.name);
    case kFaultReviewAboveWeight: return fmt::format("评审分{}超过分值{}分", toString(value), toString(node.weight));
    case kFaultReviewNoTier: return fmt::format("缺少评审档次（数据列“{}.档次”）", node.name);
    case kFaultReviewUnknownTier: return fmt::format("评审档次“{}”不是规定的档次（数据列“{}.档次”）", rec_->nodes[id].tier, node.name);
    case kFaultReviewOutsideTier: return fmt::format("评审分{}不在档次“{}”的范围内", toString(value), node.tiers[n.faultArg].name);
    default: return "内部错误";
  }
}

std::string Scorer::lineMessage(const BonusSlot& line) const {
  switch (line.fault) {
    case kFaultBonusRefused: return bindFaultText(p_, rec_->inputFaults[line.faultArg]);
    case kFaultMissingInput: return fmt::format("缺少必填数据“{}”", p_.inputs[line.faultArg].spec.name);
    case kFaultNegativeBonus: return fmt::format("加减分为负数 {}", toString(Decimal::fromRaw(line.faultValue)));
    default: return kernelError(line.fault, line.faultExpr, line.faultValue);
  }
}

// The frame after the engine's run, as a Scored: every message is made here.
void Scorer::read() {
  const Frame& f = scratch_.frame;
  for (size_t i = 0; i < p_.nodes.size(); ++i) {
    const NodeSlot& s = scratch_.nodes[i];
    NodeState& n = out_.nodes[i];
    n.score = Decimal::fromRaw(s.score);
    n.computed = Decimal::fromRaw(s.computed);
    n.status = static_cast<NodeStatus>(s.status);
    n.computedStatus = static_cast<NodeStatus>(s.computedStatus);
    n.counted = s.counted;
    n.inheritedNa = s.inheritedNa;
    n.failed = s.failed;
    n.incomplete = s.incomplete;
    n.capped = s.capped;
    n.naRule = s.naRule;
    n.missingInput = s.missingInput;
  }
  out_.bonus = Decimal::fromRaw(f.bonus);
  out_.penalty = Decimal::fromRaw(f.penalty);
  out_.total = Decimal::fromRaw(f.total);
  out_.rawTotal = Decimal::fromRaw(f.rawTotal);
  out_.grade = f.grade;
  if (!f.anyFault && f.rowFault == kNoFault) {  // the common case: nothing to say
    for (int32_t g = 0; g < f.bonusLinesDone; ++g) out_.bonusLines.push_back(Decimal::fromRaw(scratch_.bonusLines[g].value));
    out_.ok = true;
    return;
  }
  for (int32_t k = 0; k < f.faultCount; ++k) {
    const int id = f.faultLog[k];
    addFault(id, faultMessage(id, scratch_.nodes[id]), true);
  }
  std::vector<std::string> lineReasons;
  for (int32_t g = 0; g < f.bonusLinesDone; ++g) {
    const BonusSlot& line = scratch_.bonusLines[g];
    out_.bonusLines.push_back(Decimal::fromRaw(line.value));
    if (line.fault == kNoFault) continue;
    const ir::Bonus& bonus = p_.bonuses[lineBlock_[g]];
    const std::string& text = bonus.lines[lineInBlock_[g]].text;
    const std::string message = lineMessage(line);
    if (line.fault != kFaultBonusRefused) out_.errors.push_back(fmt::format("第{}行，{}“{}”：{}", rec_->row, bonus.name, text, message));
    lineReasons.push_back(fmt::format("{}“{}”未能计分（{}）", bonus.name, text, message));
  }
  if (f.rowFault != kNoFault) {
    std::string message = f.rowFault == kFaultAllNotApplicable ? "所有指标均不考核，无法计算总分"
                          : f.rowFault == kFaultRounding       ? "指标“舍入”计算溢出"
                                                               : fmt::format("指标“{}”计算溢出", f.rowFaultArg < 0 ? std::string("总分") : p_.bonuses[f.rowFaultArg].name);
    out_.errors.push_back(fmt::format("第{}行：{}", rec_->row, message));
    out_.grade = -1;
    out_.incompleteReasons.clear();  // no total at all, so nothing it is incomplete by
    return;
  }
  out_.incomplete = true;
  out_.grade = -1;  // a grade from a partial total would read as final
  std::vector<std::string> reasons;
  for (size_t i = 0; i < p_.nodes.size(); ++i)
    if (out_.nodes[i].failed)
      reasons.push_back(fmt::format("指标“{}”未能计分（{}）", p_.nodes[i].name, out_.nodeErrors[i].front()));
  reasons.insert(reasons.end(), out_.incompleteReasons.begin(), out_.incompleteReasons.end());
  reasons.insert(reasons.end(), lineReasons.begin(), lineReasons.end());
  out_.incompleteReasons = std::move(reasons);
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
  r.computedIncomplete = s.incomplete || s.computedIncomplete;
  r.nodes.resize(p.nodes.size());
  for (size_t i = 0; i < p.nodes.size(); ++i) {
    const ir::Node& node = p.nodes[i];
    const NodeState& st = s.nodes[i];
    NodeResult& n = r.nodes[i];
    static_cast<NodeScore&>(n) = st;
    if (st.failed) n.status = NodeStatus::Failed;
    n.errors = s.nodeErrors[i];
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

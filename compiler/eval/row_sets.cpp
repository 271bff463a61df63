// Row sets in the scorer: aggregates over rows and the record's 校验 before
// the indicators, a 逐行 rule's rows, and the total from the rules alone.
//
// A row is evaluated by loading its cells into the row set's column slots of
// the frame and running the engine's row kernels (Program::rowExprs), so the
// interpreter and the JIT compute every per-row value the same way the rest
// of the record is computed; everything around them — which rows count, the
// unit's 得分 beside the rule's, 评审 tiers, 分值 sums — is decided here, once.
#include "compiler/eval/bind/bind_messages.h"
#include "compiler/eval/bind/row_binder.h"
#include "compiler/eval/scorer.h"
#include "compiler/eval/scorer_fault.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

namespace defen::eval {

namespace {

// The column a person wrote for `slot`: a 指标值's direction (正向/反向/定性) is
// read from the 指标值 cell itself, so a blank one is named as that column.
std::string writtenColumn(const ir::Program& p, int slot) {
  for (const auto& in : p.inputs)
    if (in.spec.kind == InputKind::Target && in.companion == slot) return in.spec.name;
  return p.inputs[slot].spec.name;
}

}  // namespace

namespace {

struct RowFault { std::string message; };

std::string rowLabel(const ir::Program& p, const ir::RowRule* rule, int rowSet, const BoundRow& row) {
  std::string label = fmt::format("{}第{}行", p.inputs[rowSet].spec.name, row.row);
  if (rule && rule->name >= 0)
    if (std::string name = row.text(rule->name); !name.empty()) label += fmt::format("（{}）", name);
  return label;
}

// The tier a cell names: the longest tier name it starts with (部分达成… is not 达成…).
const ir::ReviewTier* tierOf(const std::vector<ir::ReviewTier>& tiers, const std::string& text) {
  const ir::ReviewTier* best = nullptr;
  for (const auto& t : tiers)
    if (text.starts_with(t.name) && (!best || t.name.size() > best->name.size())) best = &t;
  return best;
}

// Signs as the 评分说明 words them (≥95% → 不低于95%): it names figures and
// the rule in words, never a sign of the language.
constexpr std::pair<const char*, const char*> kSignWords[] = {
    {"≥", "不低于"}, {"≤", "不高于"}, {"≧", "不低于"}, {"≦", "不高于"}, {"＞", "高于"}, {"＜", "低于"}, {">=", "不低于"},
    {"<=", "不高于"}, {">", "高于"},   {"<", "低于"},   {"＝", "等于"},   {"﹦", "等于"}, {"=", "等于"}};

// A cell as written, its leading sign in words.
std::string leadingSignInWords(const std::string& text) {
  for (const auto& [sign, word] : kSignWords)
    if (text.starts_with(sign)) return word + text.substr(std::strlen(sign));
  return text;
}

// Why the rule could not check a row, as the 评分说明 says it: the column
// prefix dropped (the sentence names the column) and every sign in words.
std::string reasonInWords(std::string reason) {
  if (reason.starts_with("列“"))
    if (size_t at = reason.find("”："); at != std::string::npos) reason = reason.substr(at + std::strlen("”："));
  auto replaceAll = [&](const std::string& from, const std::string& to) {
    for (size_t at = reason.find(from); at != std::string::npos; at = reason.find(from, at + to.size()))
      reason.replace(at, from.size(), to);
  };
  replaceAll("≥、≤或＝", "“不低于”“不高于”“等于”的符号");
  for (const auto& [sign, word] : kSignWords)
    if (static_cast<unsigned char>(sign[0]) >= 0x80) replaceAll(sign, word);  // not ASCII: never part of a formula's text
  return reason;
}

// The row's 评分说明: what it read, how the rule scored it, whose score stands.
std::string rowSentence(const RowLine& line, int places, bool ruleStands) {
  auto pts = [&](Decimal v) { return toFixed(v, places) + "分"; };
  std::string s;
  if (line.status == NodeStatus::Failed) return "未能计分：" + line.errors.front() + "。";
  if (!line.target.empty()) s += fmt::format("年度指标值为{}，", leadingSignInWords(line.target));
  if (!line.achieved.empty()) s += fmt::format("实际完成值“{}”，", leadingSignInWords(line.achieved));
  if (!line.ruleFault.empty())
    return s + fmt::format("单位自评得分{}；按规则无法核对：{}。", pts(line.self), reasonInWords(line.ruleFault));
  if (line.status == NodeStatus::Reviewed) {
    s += fmt::format("定性指标，属档次“{}”，单位自评{}在该档范围内，得{}。", line.tier, pts(line.self), pts(line.score));
    return s;
  }
  s += fmt::format("按规则得{}（分值{}）", pts(line.computed), pts(line.weight));
  if (line.hasSelf && ruleStands && line.self != line.computed) s += fmt::format("；单位自评{}，以规则得分为准", pts(line.self));
  else if (line.hasSelf && line.self != line.computed) s += fmt::format("；单位自评{}，以自评为准", pts(line.self));
  return s + "。";
}

}  // namespace

void Scorer::loadRow(const std::vector<int>& columns, const BoundRow* row) {
  for (int slot : columns) {
    scratch_.present[slot] = 0;
    scratch_.inputs[slot] = 0;
    if (int c = p_.inputs[slot].companion; c >= 0 && p_.inputs[slot].spec.kind == InputKind::Target) {
      scratch_.present[c] = 0;
      scratch_.inputs[c] = 0;
    }
  }
  if (!row) return;
  for (int slot : columns)  // 缺失时 0: an empty cell (a blank 上年结转资金) reads as 0
    if (p_.inputs[slot].missing == ir::Input::Missing::Zero) scratch_.present[slot] = 1;
  for (const auto& [slot, v] : row->values) {
    scratch_.present[slot] = 1;
    switch (v.kind) {
      case Value::Kind::Number: scratch_.inputs[slot] = v.number.raw(); break;
      case Value::Kind::Bool: scratch_.inputs[slot] = v.boolean ? 1 : 0; break;
      case Value::Kind::Enum: scratch_.inputs[slot] = v.enumIndex; break;
      case Value::Kind::Missing: scratch_.present[slot] = 0; break;
    }
  }
}

bool Scorer::prepareRows() {
  if (p_.aggregates.empty() && p_.checks.empty()) return true;
  Frame& f = scratch_.frame;
  auto rowSetOf = [&](int slot) -> const BoundRowSet* {
    if (static_cast<size_t>(slot) >= rec_->rowSets.size() || !rec_->rowSets[slot].present) return nullptr;
    return &rec_->rowSets[slot];
  };
  // A kernel over the loaded row: its value, or a fault naming what it lacked.
  auto run = [&](int index, Raw& out) -> std::string {
    KernelStatus s = k_.rowExpr(index, f, out);
    if (s == kMissing) return fmt::format("缺少“{}”", writtenColumn(p_, f.missingSlot));
    if (s == kError) return kernelError(f);
    return {};
  };
  for (const auto& a : p_.aggregates) {
    const std::vector<int>& columns = p_.inputs[a.rowSet].columns;
    std::string fault;
    std::vector<Decimal> values;
    if (!rec_->inputFaults.empty() && rec_->inputFaults[a.rowSet].refused()) fault = bindFaultText(p_, rec_->inputFaults[a.rowSet]);
    else if (const BoundRowSet* set = rowSetOf(a.rowSet); !set) fault = fmt::format("缺少必填数据“{}”", p_.inputs[a.rowSet].spec.name);
    else
      for (const BoundRow& row : set->rows) {
        loadRow(columns, &row);
        Raw when = 1, value = 0;
        std::string why;
        if (a.when >= 0) why = run(a.when, when);
        if (why.empty() && when && a.value >= 0) why = run(a.value, value);
        if (!why.empty()) {
          fault = fmt::format("{}：{}", rowLabel(p_, nullptr, a.rowSet, row), why);
          break;
        }
        if (when) values.push_back(Decimal::fromRaw(value));
      }
    loadRow(columns, nullptr);
    Decimal result;
    DecimalStatus status = DecimalStatus::Ok;
    if (fault.empty()) {
      switch (a.kind) {
        case ir::Aggregate::Kind::Count: result = Decimal::fromInt(static_cast<int64_t>(values.size())); break;
        case ir::Aggregate::Kind::Sum:
          for (Decimal v : values) if (status == DecimalStatus::Ok) status = checkedAdd(result, v, result);
          break;
        case ir::Aggregate::Kind::Max: case ir::Aggregate::Kind::Min:
          if (values.empty()) { fault = "没有符合条件的行"; break; }
          result = a.kind == ir::Aggregate::Kind::Max ? *std::max_element(values.begin(), values.end())
                                                      : *std::min_element(values.begin(), values.end());
          break;
        case ir::Aggregate::Kind::Avg: case ir::Aggregate::Kind::TrimmedAvg: {
          // 去极值平均: one highest and one lowest dropped, as panels score.
          bool trimmed = a.kind == ir::Aggregate::Kind::TrimmedAvg;
          if (values.size() < (trimmed ? 3u : 1u)) {
            fault = trimmed ? fmt::format("去掉最高、最低后须至少剩一个值，只有{}个", values.size()) : std::string("没有符合条件的行");
            break;
          }
          std::sort(values.begin(), values.end());
          size_t from = trimmed ? 1 : 0, to = values.size() - from;
          for (size_t i = from; i < to && status == DecimalStatus::Ok; ++i) status = checkedAdd(result, values[i], result);
          if (status == DecimalStatus::Ok) status = checkedDiv(result, Decimal::fromInt(static_cast<int64_t>(to - from)), result);
          break;
        }
      }
      if (status != DecimalStatus::Ok) fault = "计算溢出";
    }
    if (fault.empty()) {
      scratch_.inputs[a.slot] = result.raw();
      scratch_.present[a.slot] = 1;
      continue;
    }
    scratch_.present[a.slot] = 0;
    std::string message = fmt::format("{}：{}", p_.inputs[a.slot].spec.name, fault);
    bool reported = false;
    for (const auto& node : p_.nodes)
      if (std::find(node.reads.begin(), node.reads.end(), a.slot) != node.reads.end()) {
        fail(node.id, message, !reported);
        reported = true;
      }
    if (!reported) out_.incompleteReasons.push_back(message);
  }
  bool scored = true;
  for (const auto& c : p_.checks) {
    Raw hit = 0;
    // A check that reads what the record lacks does not fire: the rules report the lack.
    if (KernelStatus s = k_.rowExpr(c.when, f, hit); s != kOk || !hit) continue;
    if (c.fault) {
      out_.errors.push_back(fmt::format("第{}行：{}", rec_->row, c.message));
      scored = false;
    } else {
      out_.warnings.push_back(fmt::format("第{}行：{}", rec_->row, c.message));
    }
  }
  return scored;
}

void Scorer::scoreRows(int id) {
  const ir::Node& node = p_.nodes[id];
  const ir::RowRule& r = p_.rowRules[node.rowRule];
  NodeSlot& n = scratch_.nodes[id];
  std::vector<RowLine>& lines = out_.rows[id];
  lines.clear();
  Frame& f = scratch_.frame;
  // 不考核 by a condition that holds: the plan gives the indicator its score
  // (满分, 折算, 转入) and none of its rows is read. A condition that cannot
  // be evaluated is left to the plan, which reports it.
  for (int c : r.notApplicable) {
    Raw hit = 0;
    if (k_.rowExpr(c, f, hit) == kOk && hit) {
      n.score = n.computed = 0;
      n.incomplete = 0;
      return;
    }
  }
  if (static_cast<size_t>(r.rowSet) >= rec_->rowSets.size() || !rec_->rowSets[r.rowSet].present)
    throw IndicatorFault{fmt::format("缺少必填数据“{}”", p_.inputs[r.rowSet].spec.name)};
  const std::vector<int>& columns = p_.inputs[r.rowSet].columns;
  auto run = [&](int index) -> Raw {
    Raw out = 0;
    KernelStatus s = k_.rowExpr(index, f, out);
    if (s == kMissing) throw RowFault{fmt::format("缺少“{}”", writtenColumn(p_, f.missingSlot))};
    if (s == kError) throw RowFault{kernelError(f)};
    return out;
  };
  auto number = [&](const BoundRow& row, int slot) -> std::optional<Decimal> {
    const Value* v = slot >= 0 ? row.value(slot) : nullptr;
    if (!v || v->kind != Value::Kind::Number) return std::nullopt;
    return v->number;
  };
  Decimal weights, scores, computed;
  bool faulted = false;
  std::vector<std::pair<std::string, Decimal>> groupSums;
  for (const BoundRow& row : rec_->rowSets[r.rowSet].rows) {
    RowLine line;
    line.row = row.row;
    for (int g : r.groups) line.groups.push_back(row.text(g));
    line.name = row.text(r.name);
    for (int slot : columns) {
      const ir::Input& in = p_.inputs[slot];
      if (in.spec.kind == InputKind::Target && line.target.empty()) line.target = row.text(slot);
      if (in.spec.kind == InputKind::Achieved && line.achieved.empty()) line.achieved = row.text(slot);
    }
    if (r.note >= 0) line.note = row.text(r.note);
    std::string label = rowLabel(p_, &r, r.rowSet, row);
    auto w = number(row, r.weight);
    if (w) {
      line.weight = *w;
      ok(checkedAdd(weights, *w, weights), weights, node.name);
      if (!r.groups.empty()) {
        std::string group = row.text(r.groups.front());
        auto it = std::find_if(groupSums.begin(), groupSums.end(), [&](const auto& g) { return g.first == group; });
        if (it == groupSums.end()) groupSums.emplace_back(group, *w);
        else ok(checkedAdd(it->second, *w, it->second), it->second, node.name);
      }
    }
    auto self = number(row, r.self);
    line.hasSelf = self.has_value();
    if (self) line.self = *self;
    loadRow(columns, &row);
    for (int slot : r.lets) scratch_.letDone[slot] = 0;
    // A refused cell of 分值 or 得分 faults the row (neither score can be
    // weighed); a refused cell of another column is the rule's to lack.
    auto refused = [&](bool scoreColumn) -> const std::string* {
      for (const auto& fault : row.faults)
        if ((fault.first == r.weight || fault.first == r.self) == scoreColumn) return &fault.second;
      return nullptr;
    };
    try {
      if (const std::string* why = refused(true)) throw RowFault{*why};
      if (!w) throw RowFault{fmt::format("缺少“{}”", p_.inputs[r.weight].spec.name)};
      for (const auto& c : r.checks) {
        Raw hit = 0;
        if (k_.rowExpr(c.when, f, hit) != kOk || !hit) continue;  // reads what the row lacks: the rule reports it
        if (c.fault) throw RowFault{c.message};
        line.warnings.push_back(c.message);
        out_.warnings.push_back(fmt::format("第{}行，{}：{}", rec_->row, label, c.message));
      }
      if (self && *self > *w) throw RowFault{fmt::format("得分{}超过分值{}分", toString(*self), toString(*w))};
      // What the rule makes of the row. Where it cannot (an unreadable
      // 年度指标值, a 实际完成值 naming no tier), a unit's 得分 still stands as
      // its self-evaluation, like a 核定分 — unless the rule's score must
      // (以规则为准): then the row has no score.
      Decimal rule;
      const ir::ReviewTier* tier = nullptr;
      bool reviewed = false;
      try {
        if (const std::string* why = refused(false)) throw RowFault{*why};
        if (r.reviewWhen >= 0 && run(r.reviewWhen)) {
          // 定性: the unit's score stands if it lies in the tier its 实际完成值 names.
          reviewed = true;
          if (!self) throw RowFault{fmt::format("定性指标须填写“{}”", p_.inputs[r.self].spec.name)};
          std::string said = r.reviewColumn >= 0 ? row.text(r.reviewColumn) : std::string();
          tier = tierOf(r.tiers, said);
          if (!r.tiers.empty() && !tier) {
            std::string names;
            for (const auto& t : r.tiers) names += (names.empty() ? "" : "、") + t.name;
            throw RowFault{fmt::format("“{}”不是规定的档次（{}）", said, names)};
          }
        } else {
          Decimal exact = Decimal::fromRaw(run(r.formula));
          if (exact < Decimal() || exact > *w) throw RowFault{fmt::format("得分{}超出[0, {}]", toString(exact), toString(*w))};
          rule = round(exact);
        }
      } catch (const RowFault& fault) {
        if (!self || r.ruleStands) throw;
        line.ruleFault = fault.message;
      }
      if (!line.ruleFault.empty()) {
        line.status = NodeStatus::Overridden;
        line.score = *self;
        std::string why = fmt::format("{}，按规则无法核对，以单位自评得分{}分计", line.ruleFault, toString(*self));
        line.warnings.push_back(why);
        out_.warnings.push_back(fmt::format("第{}行，{}：{}", rec_->row, label, why));
        out_.computedIncomplete = true;
        ok(checkedAdd(scores, line.score, scores), scores, node.name);
      } else {
        if (reviewed) {
          if (tier) {
            line.tier = tier->name;
            Decimal fraction = Decimal::one();
            if (!w->isZero()) ok(checkedDiv(*self, *w, fraction), fraction, node.name);
            if (!tier->fraction.contains(fraction))
              throw RowFault{fmt::format("得分{}不在档次“{}”的范围内", toString(*self), tier->name)};
          }
          rule = *self;
          line.status = NodeStatus::Reviewed;
        }
        line.computed = rule;
        line.score = rule;
        // The unit's 得分 stands (as a 核定分) unless the ruleset says the rule's does (财政复核);
        // either way a self-score above the rule's is flagged.
        if (self && line.status != NodeStatus::Reviewed) {
          if (!r.ruleStands) line.score = *self;
          if (!r.ruleStands && *self != rule) line.status = NodeStatus::Overridden;
          if (*self > rule) {
            std::string why = fmt::format("自评得分{}分高于按规则计算的{}分", toString(*self), toString(rule));
            line.warnings.push_back(why);
            out_.warnings.push_back(fmt::format("第{}行，{}：{}", rec_->row, label, why));
          }
        }
        ok(checkedAdd(scores, line.score, scores), scores, node.name);
        ok(checkedAdd(computed, line.computed, computed), computed, node.name);
      }
    } catch (const RowFault& fault) {
      line.status = NodeStatus::Failed;
      line.ruleFault.clear();
      line.errors.push_back(fault.message);
      out_.errors.push_back(fmt::format("第{}行，{}：{}", rec_->row, label, fault.message));
      faulted = true;
    }
    line.explanation = rowSentence(line, p_.places, r.ruleStands);
    lines.push_back(std::move(line));
  }
  loadRow(columns, nullptr);
  for (const auto& groupWeight : r.groupWeights) {
    const auto& [group, declared] = groupWeight;
    const std::string& name = groupWeight.first;  // a lambda may not capture a structured binding (clang before 16)
    auto it = std::find_if(groupSums.begin(), groupSums.end(), [&](const auto& g) { return g.first == name; });
    Decimal have = it == groupSums.end() ? Decimal() : it->second;
    if (have != declared)
      out_.warnings.push_back(fmt::format("第{}行，{}：“{}”各行分值合计{}分，规定为{}分", rec_->row, node.name, group, toString(have),
                                          toString(declared)));
  }
  if (weights != node.weight) {
    Decimal others, all;
    ok(checkedSub(p_.total, node.weight, others), others, node.name);
    ok(checkedAdd(others, weights, all), all, node.name);
    throw IndicatorFault{fmt::format("各行分值合计{}分，加上其他指标的{}分共{}分，应为总分{}分", toString(weights), toString(others),
                            toString(all), toString(p_.total))};
  }
  n.score = scores.raw();
  n.computed = computed.raw();
  n.incomplete = faulted;
}

// As sum() and total() compute, with the rule's score wherever the unit's
// 得分 (逐行) or a 核定分 stands in its place.
Decimal Scorer::ruleOnlyTotal() const {
  std::vector<Decimal> rule(p_.nodes.size());
  for (int id : p_.evalOrder) {
    const ir::Node& node = p_.nodes[id];
    const NodeState& n = out_.nodes[id];
    if (n.failed) continue;
    if (n.status == NodeStatus::Overridden || node.rule == ir::RuleKind::Rows) { rule[id] = n.computed; continue; }
    if (node.rule != ir::RuleKind::Sum || n.status == NodeStatus::NotApplicable || n.status == NodeStatus::Missing) {
      rule[id] = n.score;
      continue;
    }
    Decimal scores, weights, scaled;
    bool dropped = false;
    for (int c : node.children) {
      if (!out_.nodes[c].counted) { dropped = true; continue; }
      if (!out_.nodes[c].failed) checkedAdd(scores, rule[c], scores);
      checkedAdd(weights, p_.nodes[c].weight, weights);
    }
    if (dropped && !weights.isZero() && checkedMul(node.weight, scores, scaled) == DecimalStatus::Ok &&
        checkedDiv(scaled, weights, scaled) == DecimalStatus::Ok)
      scores = round(scaled);
    rule[id] = scores;
  }
  Decimal scores, weights;
  bool dropped = false;
  for (int root : p_.roots) {
    if (!out_.nodes[root].counted) { dropped = true; continue; }
    if (!out_.nodes[root].failed) checkedAdd(scores, rule[root], scores);
    checkedAdd(weights, p_.nodes[root].weight, weights);
  }
  if (dropped && !weights.isZero()) {
    checkedMul(p_.total, scores, scores);
    checkedDiv(scores, weights, scores);
  }
  checkedAdd(scores, out_.bonus, scores);
  scores = min(p_.total, scores);
  checkedSub(scores, out_.penalty, scores);
  return round(max(Decimal(), scores));
}

}  // namespace defen::eval

#include "compiler/report/explain/explain.h"

#include "compiler/report/explain/formula_text.h"
#include "compiler/core/number_text.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <set>

namespace defen {

std::string joined(const std::vector<std::string>& parts, std::string_view sep) { return fmt::format("{}", fmt::join(parts, sep)); }

std::vector<std::pair<std::string, std::string>> valuesOf(const ir::Program& p, const NodeResult& n, int skipInput) {
  Words w(p, n);
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [slot, v] : n.inputs)
    if (slot != skipInput) out.emplace_back(p.inputs[slot].spec.name, w.inputValue(slot));
  for (const auto& [slot, v] : n.lets) out.emplace_back(p.lets[slot].name, w.letValue(slot));
  return out;
}

// Rule text quoted in a sentence: one line, single spaces.
std::string oneLine(const std::string& text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') { space = !out.empty(); continue; }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

namespace {

// A score in a 评分说明: to the ruleset's declared places, as the 得分 column ("得4.63分", "得3.00分").
std::string scoreIn(const ir::Program& p, Decimal v) { return scoreText(v, p.places) + "分"; }

// The numbers behind a score in the seed's register: each 令 as an equation
// with the record's values substituted ("支出完成率=年度实际支出3,974,522.77元÷
// 财政下达预算数3,974,522.77元×100%=100.00%"), preceded by the inputs no
// equation (and no formula shown in `shown`) already names ("项目库按要求储备=是").
std::string valuesRead(const ir::Program& p, const NodeResult& n, const Words& w, std::set<int> shown = {}) {
  for (const auto& [slot, v] : n.lets) {
    if (p.lets[slot].value->type.kind != ir::Type::Kind::Number) continue;  // a yes/no 令 shows 是/否, not its inputs
    auto named = inputsNamedIn(p.lets[slot].value);
    shown.insert(named.begin(), named.end());
  }
  std::vector<std::string> parts;
  for (const auto& [slot, v] : n.inputs)
    if (!shown.count(slot)) parts.push_back(p.inputs[slot].spec.name + "=" + w.inputValue(slot));
  for (const auto& [slot, v] : n.lets) parts.push_back(w.letEquation(slot));
  return joined(parts, "，");
}

std::string naExplanation(const ir::Program& p, const RecordResult& r, int id) {
  const ir::Node& node = p.nodes[id];
  const NodeResult& n = r.nodes[id];
  if (n.inheritedNa) return "上级指标不考核，本项随之不考核。";
  if (n.naRule < 0) return "下级指标均不考核，本项不计入，上级指标按适用指标折算。";
  const ir::NaRule& rule = node.na[n.naRule];
  std::string cond = Words(p, n).condition(rule.when);
  switch (rule.policy) {
    case ir::NaRule::Policy::Full: return fmt::format("{}，本项不考核，按满分计{}。", cond, scoreIn(p, n.computed));
    case ir::NaRule::Policy::Rescale:
      return fmt::format("{}，本项不考核，不计入得分，{}按适用指标折算。", cond, node.parent < 0 ? "总分" : "上级指标");
    case ir::NaRule::Policy::Move: {
      std::vector<std::string> targets;
      for (int t : rule.targets) {
        Decimal rate = Decimal::one();
        if (!p.nodes[t].weight.isZero()) checkedDiv(r.nodes[t].score, p.nodes[t].weight, rate);
        targets.push_back(fmt::format("“{}”（得分率{}）", p.nodes[t].name, formatForPeople(p, ir::Display::Percent, Value::ofNumber(rate))));
      }
      return fmt::format("{}，本项不考核，分值{}转入{}，按其得分率计{}。", cond, writtenScore(node.weight), joined(targets, "、"),
                         scoreIn(p, n.computed));
    }
  }
  return {};
}

// "超出100%的部分": what a per-step deduction counts, in words.
std::string stepSubject(const Words& w, const ir::Expr* s) {
  if (s->op == ir::Op::Sub && s->args[1]->op == ir::Op::Const && s->args[0]->op != ir::Op::Const)
    return w.namesOnly(s->args[0]) + "超出" + w.namesOnly(s->args[1]) + "的部分";
  if (s->op == ir::Op::Sub && s->args[0]->op == ir::Op::Const && s->args[1]->op != ir::Op::Const)
    return w.namesOnly(s->args[1]) + "低于" + w.namesOnly(s->args[0]) + "的部分";
  return w.namesOnly(s);
}

std::string stepSize(const ir::Program& p, const ir::Expr* subject, Decimal step) {
  if (subject->type.display == ir::Display::Count) return toString(step) + "个";
  return formatForPeople(p, subject->type.display, Value::ofNumber(step), -1, subject->type.display == ir::Display::Money ? 2 : -1);
}

// The step as the ruleset wrote it ("1项", "5%"), or as the figure reads.
std::string writtenStep(const ir::Program& p, const ir::Deduction& d) {
  auto at = d.text.find("每");
  auto deduct = d.text.find("扣", at == std::string::npos ? 0 : at);
  if (at != std::string::npos && deduct != std::string::npos) {
    std::string step;
    for (char c : d.text.substr(at + std::string("每").size(), deduct - at - std::string("每").size()))
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') step += c;
    if (!step.empty()) return step;
  }
  if (d.subject->type.display == ir::Display::Percent) {
    Decimal pct;
    if (checkedMul(d.step, Decimal::fromInt(100), pct) == DecimalStatus::Ok) return toString(pct) + "%";
  }
  return stepSize(p, d.subject, d.step);
}

std::string deductionWords(const ir::Program& p, const NodeResult& n, const Words& w, const ir::Deduction& d, size_t i) {
  if (d.kind == ir::Deduction::Kind::Step) {
    std::string step = writtenStep(p, d);
    const char* partial = d.partial == ir::Partial::Ceil ? "，不足{0}的按{0}计" : d.partial == ir::Partial::Floor ? "，不足{0}的不扣"
                          : d.partial == ir::Partial::Linear                      ? "，不足{0}的按比例扣"
                                                                                 : "";
    return fmt::format("{}每{}扣{}{}，计{}档，扣{}", stepSubject(w, d.subject), step, w.namesOnly(d.points), fmt::format(fmt::runtime(partial), step),
                       toString(n.steps[i]), scoreIn(p, n.deducted[i]));
  }
  if (d.points->op == ir::Op::If) return fmt::format("按“{}”，扣{}", w.conditionalRule(d.points, "扣"), scoreIn(p, n.deducted[i]));
  if (d.points->op == ir::Op::Const) return "扣" + scoreIn(p, n.deducted[i]);
  if (d.points->op == ir::Op::Bands)  // "非统一政策调整事项数低于3，扣0.00分"
    for (const auto& fc : n.fired)
      if (fc.table == d.points->table) return fmt::format("{}，扣{}", w.bandCase(p.tables[fc.table], p.tables[fc.table].cases[fc.index]), scoreIn(p, n.deducted[i]));
  return fmt::format("扣{}，共扣{}", w.withValues(d.points), scoreIn(p, n.deducted[i]));
}

// A checklist item as a person reads it: its own words, or, when the ruleset
// wrote only the condition ("三公经费实际支出数 ≤ 三公经费预算数"), the condition in words.
std::string itemText(const ir::Program& p, const Words& w, const ir::CheckItem& item) {
  std::string text = oneLine(item.text);
  if (item.condition && item.condition->range.valid() && oneLine(p.text(item.condition->range)) == text) return w.condition(item.condition);
  return text;
}

// The branch of a conditional formula the record took, and the conditions
// that led there in words ("政府采购计划金额不为0"); null when unknown.
const ir::Expr* branchTaken(const Words& w, const ir::Expr* e, std::vector<std::string>& why) {
  while (e->op == ir::Op::If) {
    auto c = w.evaluate(e->args[0]);
    if (!c) return nullptr;
    why.push_back(w.condition(e->args[0], !*c));
    e = *c ? e->args[1] : e->args[2];
  }
  return e;
}

std::string ruleExplanation(const ir::Program& p, const RecordResult& r, int id) {
  const ir::Node& node = p.nodes[id];
  const NodeResult& n = r.nodes[id];
  Words w(p, n, &node.weight);
  std::vector<std::string> parts;
  switch (node.rule) {
    case ir::RuleKind::Rows: {
      // 逐行: each row has its own sentence (RowLine::explanation); this is their sum.
      std::string sum = fmt::format("逐行计分，{}行得分合计{}", n.rows.size(), scoreIn(p, n.score));
      size_t unchecked = std::count_if(n.rows.begin(), n.rows.end(), [](const RowLine& l) { return !l.ruleFault.empty(); });
      if (unchecked > 0 && unchecked == n.rows.size())
        sum += fmt::format("（{}行均按规则无法核对，以单位自评计）", unchecked);
      else if (unchecked > 0)
        sum += fmt::format("（其中{}行按规则无法核对，以单位自评计；其余各行按规则计算合计{}）", unchecked, scoreIn(p, n.computed));
      else if (n.computed != n.score) sum += fmt::format("（按规则计算合计{}）", scoreIn(p, n.computed));
      if (n.incomplete) sum += "（不完整：有行出错，未计入）";
      return sum + "。";
    }
    case ir::RuleKind::Sum: {
      bool rescaled = false;
      for (int c : node.children) rescaled |= !r.nodes[c].counted;
      std::string sum = rescaled ? fmt::format("有下级指标不考核，按适用的下级指标折算，得{}", scoreIn(p, n.computed))
                                 : fmt::format("下级指标得分合计{}", scoreIn(p, n.computed));
      if (!n.incomplete) return sum + "。";
      // Name the faulted indicators themselves, however deep below.
      std::vector<std::string> faulted;
      auto collect = [&](auto&& self, int parent) -> void {
        for (int c : p.nodes[parent].children) {
          if (!r.nodes[c].counted) continue;
          if (r.nodes[c].status == NodeStatus::Failed) faulted.push_back(fmt::format("“{}”", p.nodes[c].name));
          else if (r.nodes[c].incomplete) self(self, c);
        }
      };
      collect(collect, id);
      return fmt::format("{}（不完整：未计入出错的{}）。", sum, joined(faulted, "、"));
    }
    case ir::RuleKind::Review: {
      std::string tier = n.tier.empty() ? "" : fmt::format("（{}）", n.tier);
      return fmt::format("评审得分{}{}{}", scoreIn(p, n.computed), tier, n.reason.empty() ? "。" : "：" + n.reason);
    }
    case ir::RuleKind::Checklist: {
      std::vector<std::string> met, unmet;
      for (size_t i = 0; i < node.items.size() && i < n.itemsMet.size(); ++i)
        (n.itemsMet[i] ? met : unmet).push_back(fmt::format("{}（{}）", itemText(p, w, node.items[i]), writtenScore(node.items[i].points)));
      if (!met.empty()) parts.push_back("符合：" + joined(met, "、"));
      if (!unmet.empty()) parts.push_back("不符合：" + joined(unmet, "、"));
      break;
    }
    case ir::RuleKind::Deductions: {
      std::string values = valuesRead(p, n, w);
      if (!values.empty()) parts.push_back(values);
      for (size_t i = 0; i < node.deductions.size() && i < n.deducted.size(); ++i) parts.push_back(deductionWords(p, n, w, node.deductions[i], i));
      if (n.deductionCapped) parts.push_back(fmt::format("扣分以{}为限", writtenScore(*node.deductionCap)));
      break;
    }
    case ir::RuleKind::Formula: {
      // Arithmetic is shown with the record's numbers in it ("得分=分值4分×
      // 完成数8÷目标数9"); a band table reads "…=95.00%，不低于90%且低于100%";
      // a conditional formula says its rule in words, then the branch taken.
      const ir::Expr* f = node.formula;
      if (!f) break;
      std::vector<std::string> why;
      const ir::Expr* taken = f->op == ir::Op::If ? branchTaken(w, f, why) : f;
      bool arithmetic = taken && taken->op != ir::Op::Bands && taken->op != ir::Op::Const;
      std::set<int> shown = arithmetic ? inputsNamedIn(taken) : std::set<int>{};
      // "下属单位预算批复为“超时”" says the value itself.
      for (const auto& fc : n.fired) {
        const ir::BandTable& t = p.tables[fc.table];
        if (t.cases[fc.index].kind == ir::BandCase::Kind::Label && t.subject->op == ir::Op::Input) shown.insert(t.subject->slot);
      }
      std::string values = valuesRead(p, n, w, shown);
      if (!values.empty()) parts.push_back(values);
      // A score read off the rule ("…的，得满分；否则得0分") quotes the rule in
      // words; a computed one says which case applied and shows the arithmetic.
      if (f->op == ir::Op::If && !(arithmetic && taken->op != ir::Op::If)) parts.push_back("按“" + w.conditionalRule(f, "得") + "”");
      else if (f->op == ir::Op::If) parts.push_back(joined(why, "，"));
      if (arithmetic) parts.push_back("得分=" + w.withValues(taken));
      for (const auto& fc : n.fired) parts.push_back(w.bandCase(p.tables[fc.table], p.tables[fc.table].cases[fc.index]));
      break;
    }
  }
  parts.push_back("得" + scoreIn(p, n.computed));
  return joined(parts, "，") + "。";
}

// The rule's own wording: 评分说明 "…{名}…".
std::string fromTemplate(const ir::Program& p, const RecordResult& r, int id) {
  const ir::Node& node = p.nodes[id];
  const NodeResult& n = r.nodes[id];
  Words w(p, n, &node.weight);
  std::string out;
  for (const auto& piece : node.explainTemplate) {
    using K = ir::TemplatePiece::Kind;
    switch (piece.kind) {
      case K::Text: out += piece.text; break;
      case K::Input: {
        auto it = std::find_if(n.inputs.begin(), n.inputs.end(), [&](const auto& iv) { return iv.first == piece.slot; });
        out += it == n.inputs.end()   ? "（未提供）"
               : piece.places < 0     ? w.inputValue(piece.slot)
                                      : formatForPeople(p, p.inputs[piece.slot].display, it->second, piece.slot, piece.places);
        break;
      }
      case K::Let: {
        auto it = std::find_if(n.lets.begin(), n.lets.end(), [&](const auto& lv) { return lv.first == piece.slot; });
        bool number = p.lets[piece.slot].value->type.kind == ir::Type::Kind::Number;
        out += it == n.lets.end()               ? "（未计算）"
               : piece.places < 0 || !number    ? w.letValue(piece.slot)
                                                : formatForPeople(p, p.lets[piece.slot].value->type.display, Value::ofNumber(it->second), -1, piece.places);
        break;
      }
      case K::Equation: out += w.letEquation(piece.slot); break;
      case K::Score: out += formatForPeople(p, ir::Display::Score, Value::ofNumber(n.computed), -1, piece.places < 0 ? p.places : piece.places); break;
      case K::Weight: out += formatForPeople(p, ir::Display::Score, Value::ofNumber(node.weight), -1, piece.places); break;
      case K::Lost: {
        Decimal lost;
        checkedSub(node.weight, n.computed, lost);
        out += formatForPeople(p, ir::Display::Score, Value::ofNumber(lost), -1, piece.places < 0 ? p.places : piece.places);
        break;
      }
      case K::Band: {
        std::vector<std::string> fired;
        for (const auto& f : n.fired) fired.push_back(w.bandCase(p.tables[f.table], p.tables[f.table].cases[f.index], false));
        out += joined(fired, "；");
        break;
      }
      case K::Generated: out += ruleExplanation(p, r, id); break;
      case K::Reason: out += n.reason; break;
    }
  }
  return out;
}

std::string explainAs(const ir::Program& p, const RecordResult& r, int id, NodeStatus status) {
  const NodeResult& n = r.nodes[id];
  switch (status) {
    case NodeStatus::NotApplicable: return naExplanation(p, r, id);
    case NodeStatus::Missing: {
      const ir::Input& in = p.inputs[n.missingInput];
      const char* policy = in.missing == ir::Input::Missing::Full ? "作不扣分处理" : in.missing == ir::Input::Missing::Zero ? "按0分计" : "本项不考核";
      return fmt::format("未提供“{}”，{}，得{}。", in.spec.name, policy, scoreIn(p, n.computed));
    }
    case NodeStatus::Overridden:
      return fmt::format("{}核定为{}：{}", explainAs(p, r, id, n.computedStatus), scoreIn(p, n.score), n.reason);
    case NodeStatus::Failed: return fmt::format("未能计分：{}。", joined(n.errors, "；"));
    default: return p.nodes[id].explainTemplate.empty() ? ruleExplanation(p, r, id) : fromTemplate(p, r, id);
  }
}

}  // namespace

std::string explainNode(const ir::Program& p, const RecordResult& r, int id) { return explainAs(p, r, id, r.nodes[id].status); }

std::string explainBonus(const ir::Program& p, const RecordResult& r, const NodeResult& trace) {
  Words w(p, trace);
  std::vector<std::string> parts;
  size_t k = 0;
  for (const auto& bonus : p.bonuses)
    for (const auto& line : bonus.lines) {
      if (k >= r.bonusLines.size()) break;
      const char* verb = line.plus ? "加" : "减";
      std::string figure = line.points->op == ir::Op::Const ? "" : w.withValues(line.points);
      std::string cap = line.cap ? fmt::format("（最多{}{}）", verb, writtenScore(*line.cap)) : "";
      parts.push_back(fmt::format("{}{}{}{}", figure, cap, figure.empty() && cap.empty() ? "" : "，", verb + scoreIn(p, r.bonusLines[k++])));
    }
  if (parts.empty()) return {};
  std::string out = joined(parts, "；");
  // “加分后总分不能超过100分；减分后总分不能低于0分”.
  if (r.rawTotal > r.total && !r.bonus.isZero()) out += fmt::format("，加分后总分以{}为限", writtenScore(p.total));
  if (r.rawTotal < Decimal() && !r.penalty.isZero()) out += "，减分后总分不低于0分";
  return out + "。";
}

}  // namespace defen

#include "compiler/explain/explain.h"

#include "compiler/explain/formula_text.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <set>

namespace defen {

std::string formatScore(Decimal v) { return toString(v) + "分"; }

std::string joined(const std::vector<std::string>& parts, std::string_view sep) { return fmt::format("{}", fmt::join(parts, sep)); }

std::vector<std::pair<std::string, std::string>> valuesOf(const ir::Program& p, const NodeResult& n, int skipInput) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [slot, v] : n.inputs)
    if (slot != skipInput) out.emplace_back(p.inputs[slot].spec.name, formatForPeople(p, p.inputs[slot].display, v, slot));
  for (const auto& [slot, v] : n.lets)
    out.emplace_back(p.lets[slot].name, formatForPeople(p, p.lets[slot].value->type.display, Value::ofNumber(v)));
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


std::string formatForPeople(const ir::Program& p, ir::Display display, const Value& v, int enumInput, int places) {
  switch (v.kind) {
    case Value::Kind::Missing: return "（缺失）";
    case Value::Kind::Bool: return v.boolean ? "是" : "否";
    case Value::Kind::Enum:
      return enumInput >= 0 && v.enumIndex >= 0 ? p.inputs[enumInput].spec.enumValues[v.enumIndex] : std::to_string(v.enumIndex);
    case Value::Kind::Number: break;
  }
  auto plain = [&](Decimal d) { return places >= 0 ? toFixed(d, places) : toString(d); };
  switch (display) {
    case ir::Display::Money: return toGrouped(v.number, places >= 0 ? places : 2) + "元";
    case ir::Display::Percent: {
      Decimal pct;
      if (checkedMul(v.number, Decimal::fromInt(100), pct) != DecimalStatus::Ok) return toString(v.number);
      return toFixed(pct, places >= 0 ? places : 2) + "%";
    }
    case ir::Display::Score: return plain(v.number) + "分";
    case ir::Display::Count: return plain(v.number);
    case ir::Display::Plain: return plain(v.number);
  }
  return plain(v.number);
}

namespace {


// The numbers behind a score in the seed's register: each 令 as an equation
// with the record's values substituted ("支出完成率=年度实际支出3,974,522.77元÷
// 财政下达预算数3,974,522.77元×100%=100.00%"), preceded by the inputs no
// equation (and no formula shown in `shown`) already names ("项目库按要求储备=是").
std::string valuesRead(const ir::Program& p, const NodeResult& n, std::set<int> shown = {}) {
  for (const auto& [slot, v] : n.lets) {
    auto named = inputsNamedIn(p.lets[slot].value);
    shown.insert(named.begin(), named.end());
  }
  std::vector<std::string> parts;
  for (const auto& [slot, v] : n.inputs)
    if (!shown.count(slot)) parts.push_back(p.inputs[slot].spec.name + "=" + formatForPeople(p, p.inputs[slot].display, v, slot));
  for (const auto& [slot, v] : n.lets) parts.push_back(letEquation(p, slot, n));
  return joined(parts, "，");
}

// Numbers and operators only: no condition, no band table.
bool isArithmetic(const ir::Expr* e) {
  switch (e->op) {
    case ir::Op::If: case ir::Op::Bands: case ir::Op::Compare: case ir::Op::And: case ir::Op::Or: case ir::Op::Not:
    case ir::Op::EnumIs: case ir::Op::HasValue: case ir::Op::CountTrue:
      return false;
    default: break;
  }
  for (const auto* a : e->args)
    if (!isArithmetic(a)) return false;
  return true;
}

std::string naExplanation(const ir::Program& p, const RecordResult& r, int id) {
  const ir::Node& node = p.nodes[id];
  const NodeResult& n = r.nodes[id];
  if (n.inheritedNa) return "上级指标不考核，本项随之不考核。";
  if (n.naRule < 0) return "下级指标均不考核，本项不计入，按适用指标折算。";
  const ir::NaRule& rule = node.na[n.naRule];
  std::string cond = oneLine(p.text(rule.when->range));
  switch (rule.policy) {
    case ir::NaRule::Policy::Full: return fmt::format("{}，本项不考核，按满分计{}。", cond, formatScore(n.computed));
    case ir::NaRule::Policy::Rescale: return fmt::format("{}，本项不考核，不计入得分，上级按适用指标折算。", cond);
    case ir::NaRule::Policy::Move: {
      std::vector<std::string> targets;
      for (int t : rule.targets) {
        Decimal rate = Decimal::one();
        if (!p.nodes[t].weight.isZero()) checkedDiv(r.nodes[t].score, p.nodes[t].weight, rate);
        targets.push_back(fmt::format("“{}”（得分率{}）", p.nodes[t].name, formatForPeople(p, ir::Display::Percent, Value::ofNumber(rate))));
      }
      return fmt::format("{}，本项不考核，分值{}转入{}，按其得分率计{}。", cond, formatScore(node.weight), joined(targets, "、"),
                         formatScore(n.computed));
    }
  }
  return {};
}

std::string ruleExplanation(const ir::Program& p, const RecordResult& r, int id) {
  const ir::Node& node = p.nodes[id];
  const NodeResult& n = r.nodes[id];
  std::vector<std::string> parts;
  switch (node.rule) {
    case ir::RuleKind::Sum: {
      bool rescaled = false;
      for (int c : node.children) rescaled |= !r.nodes[c].counted;
      std::string sum = rescaled ? fmt::format("按适用的下级指标折算，得{}", formatScore(n.computed))
                                 : fmt::format("下级指标合计{}", formatScore(n.computed));
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
      return fmt::format("评审得分{}{}：{}", formatScore(n.computed), tier, r.nodes[id].reason.empty() ? "" : r.nodes[id].reason);
    }
    case ir::RuleKind::Checklist: {
      std::vector<std::string> met, unmet;
      for (size_t i = 0; i < node.items.size() && i < n.itemsMet.size(); ++i)
        (n.itemsMet[i] ? met : unmet).push_back(fmt::format("{}（{}）", node.items[i].text, formatScore(node.items[i].points)));
      if (!met.empty()) parts.push_back("符合：" + joined(met, "、"));
      if (!unmet.empty()) parts.push_back("不符合：" + joined(unmet, "、"));
      break;
    }
    case ir::RuleKind::Deductions: {
      std::string values = valuesRead(p, n);
      if (!values.empty()) parts.push_back(values);
      for (size_t i = 0; i < node.deductions.size() && i < n.deducted.size(); ++i) {
        const auto& d = node.deductions[i];
        if (d.kind == ir::Deduction::Kind::Step)
          parts.push_back(fmt::format("按“{}”计{}档，扣{}", oneLine(d.text), toString(n.steps[i]), formatScore(n.deducted[i])));
        else
          parts.push_back(fmt::format("按“{}”扣{}", oneLine(d.text), formatScore(n.deducted[i])));
      }
      if (n.deductionCapped) parts.push_back(fmt::format("扣分以{}为限", formatScore(*node.deductionCap)));
      break;
    }
    case ir::RuleKind::Formula: {
      // Arithmetic is shown with the record's numbers in it ("得分=分值×完成数8÷
      // 目标数9"); a band table reads "…=100.00%，符合“结果 ≥ 100%”"; a
      // conditional formula lists the values and quotes the rule.
      bool arithmetic = node.formula && isArithmetic(node.formula);
      std::set<int> shown = arithmetic ? inputsNamedIn(node.formula) : std::set<int>{};
      std::string values = valuesRead(p, n, shown);
      if (!values.empty()) parts.push_back(values);
      if (arithmetic) parts.push_back("得分=" + substitutedText(p, node.formula, n, &node.weight));
      else if (node.formula && node.formula->op != ir::Op::Bands && n.fired.empty())
        parts.push_back(fmt::format("按“{}”计算", oneLine(node.ruleText)));
      for (const auto& f : n.fired) {
        const ir::BandCase& c = p.tables[f.table].cases[f.index];
        parts.push_back(c.kind == ir::BandCase::Kind::Else ? "不属于以上各档" : fmt::format("符合“{}”", oneLine(c.text)));
      }
      break;
    }
  }
  parts.push_back("得" + formatScore(n.computed));
  return joined(parts, "，") + "。";
}

// The rule's own wording: 评分说明 "…{名}…".
std::string fromTemplate(const ir::Program& p, const RecordResult& r, int id) {
  const ir::Node& node = p.nodes[id];
  const NodeResult& n = r.nodes[id];
  std::string out;
  for (const auto& piece : node.explainTemplate) {
    using K = ir::TemplatePiece::Kind;
    switch (piece.kind) {
      case K::Text: out += piece.text; break;
      case K::Input: {
        auto it = std::find_if(n.inputs.begin(), n.inputs.end(), [&](const auto& iv) { return iv.first == piece.slot; });
        out += it == n.inputs.end() ? "（未提供）" : formatForPeople(p, p.inputs[piece.slot].display, it->second, piece.slot, piece.places);
        break;
      }
      case K::Let: {
        auto it = std::find_if(n.lets.begin(), n.lets.end(), [&](const auto& lv) { return lv.first == piece.slot; });
        out += it == n.lets.end() ? "（未计算）"
                                  : formatForPeople(p, p.lets[piece.slot].value->type.display, Value::ofNumber(it->second), -1, piece.places);
        break;
      }
      case K::Equation: out += letEquation(p, piece.slot, n); break;
      case K::Score: out += formatForPeople(p, ir::Display::Score, Value::ofNumber(n.computed), -1, piece.places); break;
      case K::Weight: out += formatForPeople(p, ir::Display::Score, Value::ofNumber(node.weight), -1, piece.places); break;
      case K::Lost: {
        Decimal lost;
        checkedSub(node.weight, n.computed, lost);
        out += formatForPeople(p, ir::Display::Score, Value::ofNumber(lost), -1, piece.places);
        break;
      }
      case K::Band: {
        std::vector<std::string> fired;
        for (const auto& f : n.fired) {
          const ir::BandCase& c = p.tables[f.table].cases[f.index];
          fired.push_back(c.kind == ir::BandCase::Kind::Else ? "其他" : oneLine(c.text));
        }
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
      return fmt::format("未提供“{}”，{}，得{}。", in.spec.name, policy, formatScore(n.computed));
    }
    case NodeStatus::Overridden:
      return fmt::format("{}核定为{}：{}", explainAs(p, r, id, n.computedStatus), formatScore(n.score), n.reason);
    case NodeStatus::Failed: return fmt::format("未能计分：{}。", joined(n.errors, "；"));
    default: return p.nodes[id].explainTemplate.empty() ? ruleExplanation(p, r, id) : fromTemplate(p, r, id);
  }
}

}  // namespace

std::string explainNode(const ir::Program& p, const RecordResult& r, int id) { return explainAs(p, r, id, r.nodes[id].status); }

}  // namespace defen

// Each indicator's rule, its 不考核 clauses, and the 加减分 block, lowered to
// IR; records which inputs and 令 a rule reads (for the explanation trace).
#include "compiler/sema/lower_expr.h"
#include "compiler/core/suggest_name.h"

#include <fmt/format.h>

#include <set>

namespace defen::sema {

namespace {

bool isScore(const ir::Expr* e) {
  return e->type.kind == ir::Type::Kind::Number && (e->type.dim == ir::Dim::scoreDim() || e->type.flexible);
}

void requireScore(Context& cx, const ir::Expr* e, const char* whatZh) {
  if (isScore(e) || e->type.poisoned) return;
  cx.diags.error("E240", e->range, fmt::format("{}应以“分”为单位，这里是{}", whatZh, describeType(e->type)),
                 fmt::format("{} must be in points (分)", whatZh));
}

std::optional<Decimal> constantScore(Context& cx, const ast::Expr& e, const Scope& scope, const char* whatZh) {
  const ir::Expr* x = lowerExpr(cx, e, scope);
  requireScore(cx, x, whatZh);
  return requireConstant(cx, x, whatZh, "points");
}

// Inputs and 令 that an expression reads, following 令 into their values.
class ReadCollector {
 public:
  explicit ReadCollector(const ir::Program& p) : p_(p) {}
  void walk(const ir::Expr* e) {
    if (!e) return;
    if (e->op == ir::Op::Input || e->op == ir::Op::HasValue) inputs.insert(e->slot);
    if (e->op == ir::Op::Let && lets.insert(e->slot).second) walk(p_.lets[e->slot].value);
    for (const auto* a : e->args) walk(a);
    if (e->op == ir::Op::Bands) {
      tables.insert(e->table);
      for (const auto& c : p_.tables[e->table].cases) walk(c.value);
    }
  }
  std::set<int> inputs, lets, tables;

 private:
  const ir::Program& p_;
};

class RuleLowerer {
 public:
  explicit RuleLowerer(Context& cx) : cx_(cx) {}

  void node(int id) {
    const ast::Indicator& syn = *cx_.nodeSyntax[id];
    Scope scope{id, nullptr};
    ReadCollector reads(cx_.program);
    for (const auto& na : syn.na) {
      ir::NaRule rule = naRule(id, na, scope);
      reads.walk(rule.when);
      cx_.program.nodes[id].na.push_back(std::move(rule));
    }
    bool leaf = syn.children.empty();
    if (!leaf && !syn.rules.empty()) {
      cx_.diags.error("E120", syn.rules[0].range, fmt::format("指标“{}”有下级指标，其得分为下级之和，不能再写评分规则", syn.name),
                      fmt::format("'{}' has sub-indicators; its score is their sum and it takes no rule", syn.name));
    } else if (leaf && syn.rules.empty()) {
      cx_.diags.error("E121", syn.nameRange, fmt::format("指标“{}”缺少评分规则", syn.name), fmt::format("'{}' has no scoring rule", syn.name));
    } else if (leaf) {
      if (syn.rules.size() > 1)
        cx_.diags.error("E122", syn.rules[1].range, fmt::format("指标“{}”只能有一条评分规则", syn.name),
                        fmt::format("'{}' has more than one scoring rule", syn.name));
      rule(id, syn.rules[0], scope, reads);
    }
    lowerExplainTemplate(cx_, id, scope, reads.lets, reads.inputs);
    ir::Node& node = cx_.program.nodes[id];
    node.reads.assign(reads.inputs.begin(), reads.inputs.end());
    node.letsRead.assign(reads.lets.begin(), reads.lets.end());
    node.tablesRead.assign(reads.tables.begin(), reads.tables.end());
  }

  void bonus(const ast::BonusBlock& block) {
    ir::Bonus b{block.name, {}, {}, block.range};
    ReadCollector reads(cx_.program);
    for (const auto& line : block.lines) {
      ir::BonusLine l;
      l.plus = line.plus;
      l.points = lowerExpr(cx_, *line.points, Scope{});
      l.text = cx_.text(line.range);
      l.range = line.range;
      requireScore(cx_, l.points, line.plus ? "加分" : "减分");
      if (line.cap) {
        if (line.cap->unit != ast::Unit::Score && line.cap->unit != ast::Unit::None)
          cx_.diags.error("E240", line.cap->range, "上限应以“分”为单位", "a cap is in points");
        l.cap = line.cap->value;
      }
      reads.walk(l.points);
      b.lines.push_back(l);
    }
    b.reads.assign(reads.inputs.begin(), reads.inputs.end());
    cx_.program.bonuses.push_back(std::move(b));
  }

 private:
  Context& cx_;

  ir::NaRule naRule(int id, const ast::NaClause& na, const Scope& scope) {
    ir::NaRule out;
    out.when = lowerExpr(cx_, *na.when, scope);
    out.text = cx_.text(na.range);
    out.range = na.range;
    if (out.when->type.kind != ir::Type::Kind::Bool && !out.when->type.flexible)
      cx_.diags.error("E205", na.when->range, "“不考核 当”后应为条件", "不考核 当 takes a condition");
    switch (na.policy) {
      case ast::NaClause::Policy::Full: out.policy = ir::NaRule::Policy::Full; break;
      case ast::NaClause::Policy::Rescale: out.policy = ir::NaRule::Policy::Rescale; break;
      case ast::NaClause::Policy::Move:
        out.policy = ir::NaRule::Policy::Move;
        for (const auto& [name, range] : na.targets) {
          auto it = cx_.nodes.find(name);
          if (it == cx_.nodes.end()) {
            auto& d = cx_.diags.error("E201", range, fmt::format("未定义的指标“{}”", name), fmt::format("undefined indicator '{}'", name));
            std::vector<std::string> indicators;
            for (const auto& node : cx_.program.nodes) indicators.push_back(node.name);  // in tree order
            if (auto meant = closestName(name, indicators))
              d.notes.push_back({{}, fmt::format("是否指“{}”？", *meant), fmt::format("did you mean '{}'?", *meant)});
            continue;
          }
          if (related(id, it->second)) {
            cx_.diags.error("E123", range, fmt::format("分值不能转入自身或其上、下级指标“{}”", name),
                            fmt::format("weight cannot move to '{}', which is the indicator itself or its ancestor/descendant", name));
            continue;
          }
          out.targets.push_back(it->second);
        }
        break;
    }
    return out;
  }

  bool related(int a, int b) {
    for (int x = a; x >= 0; x = cx_.program.nodes[x].parent) if (x == b) return true;
    for (int x = b; x >= 0; x = cx_.program.nodes[x].parent) if (x == a) return true;
    return false;
  }

  void rule(int id, const ast::Rule& r, const Scope& scope, ReadCollector& reads) {
    ir::Node& n = cx_.program.nodes[id];
    n.ruleText = withoutComments(cx_.text(r.range));  // quoted in explanations and reports
    n.ruleRange = r.range;
    switch (r.kind) {
      case ast::Rule::Kind::Formula:
        n.rule = ir::RuleKind::Formula;
        n.formula = lowerExpr(cx_, *r.formula, scope);
        requireScore(cx_, n.formula, "得分");
        reads.walk(n.formula);
        break;
      case ast::Rule::Kind::Bands:
        n.rule = ir::RuleKind::Formula;
        n.formula = lowerBands(cx_, *r.bands, scope, r.range);
        requireScore(cx_, n.formula, "分段的得分");
        reads.walk(n.formula);
        break;
      case ast::Rule::Kind::Checklist: checklist(id, r, scope, reads); break;
      case ast::Rule::Kind::Deductions: deductions(id, r, scope, reads); break;
      case ast::Rule::Kind::Review: review(id, r); break;
      case ast::Rule::Kind::PerRow: lowerPerRow(cx_, id, *r.perRow, reads.inputs, reads.lets); break;
    }
  }

  void checklist(int id, const ast::Rule& r, const Scope& scope, ReadCollector& reads) {
    cx_.program.nodes[id].rule = ir::RuleKind::Checklist;
    Decimal sum;
    for (const auto& item : r.items) {
      ir::CheckItem out;
      out.condition = lowerExpr(cx_, *item.condition, scope);
      if (out.condition->type.kind != ir::Type::Kind::Bool)
        cx_.diags.error("E205", item.condition->range, "逐项的每一项应为条件", "each checklist item is a condition");
      auto pts = constantScore(cx_, *item.points, scope, "每项的分数");
      out.points = pts.value_or(Decimal());
      out.text = cx_.text(item.condition->range);
      out.range = item.range;
      out.index = cx_.program.itemCount++;
      checkedAdd(sum, out.points, sum);
      reads.walk(out.condition);
      cx_.program.nodes[id].items.push_back(out);
    }
    const ir::Node& n = cx_.program.nodes[id];
    if (sum != n.weight)
      cx_.diags.warning("W241", r.range, fmt::format("逐项分数合计{}分，与分值{}分不等", toString(sum), toString(n.weight)),
                        fmt::format("checklist items total {} but the weight is {}", toString(sum), toString(n.weight)));
  }

  void deductions(int id, const ast::Rule& r, const Scope& scope, ReadCollector& reads) {
    cx_.program.nodes[id].rule = ir::RuleKind::Deductions;
    for (const auto& d : r.deductions) {
      ir::Deduction out;
      out.index = cx_.program.deductionCount++;
      out.text = cx_.text(d.range);
      out.range = d.range;
      if (d.kind == ast::Deduction::Kind::Plain) {
        out.kind = ir::Deduction::Kind::Plain;
        out.points = lowerExpr(cx_, *d.points, scope);
        requireScore(cx_, out.points, "扣分");
        reads.walk(out.points);
      } else {
        out.kind = ir::Deduction::Kind::Step;
        out.subject = lowerExpr(cx_, *d.subject, scope);
        const ir::Expr* step = lowerExpr(cx_, *d.step, scope);
        out.points = lowerExpr(cx_, *d.points, scope);
        requireScore(cx_, out.points, "每档扣分");
        if (out.subject->type.kind != ir::Type::Kind::Number)
          cx_.diags.error("E205", d.subject->range, "“每…扣…”前应为数值", "每 … 扣 … measures a number");
        ir::Type joined;
        joinNumeric(cx_, out.subject->type, step->type, d.step->range, "作为步长", joined);
        auto size = requireConstant(cx_, step, "步长", "the step");
        if (size && *size <= Decimal::zero())
          cx_.diags.error("E242", d.step->range, "步长必须大于0", "the step must be positive");
        out.step = size.value_or(Decimal::one());
        switch (d.partial) {
          case ast::Partial::Ceil: out.partial = ir::Partial::Ceil; break;
          case ast::Partial::Floor: out.partial = ir::Partial::Floor; break;
          case ast::Partial::Linear: out.partial = ir::Partial::Linear; break;
          case ast::Partial::Unstated:
            out.partial = ir::Partial::Exact;
            if (!(out.subject->type.integer && size && *size == Decimal::one()))
              cx_.diags.error("E243", d.range, "未说明不足一档时如何扣分：请写“不足 进一”、“不足 舍去”或“不足 按比例”",
                              "state how a partial step counts: 不足 进一 (ceil), 不足 舍去 (floor) or 不足 按比例 (linear)");
            break;
        }
        reads.walk(out.subject);
        reads.walk(out.points);
      }
      cx_.program.nodes[id].deductions.push_back(out);
    }
    if (r.cap) {
      if (r.cap->unit != ast::Unit::Score && r.cap->unit != ast::Unit::None)
        cx_.diags.error("E240", r.cap->range, "最多扣分应以“分”为单位", "a deduction cap is in points");
      cx_.program.nodes[id].deductionCap = r.cap->value;
    }
    if (r.deductions.empty()) cx_.diags.error("E244", r.range, "扣分规则没有任何扣分项", "the deduction rule lists nothing to deduct");
  }

  void review(int id, const ast::Rule& r) {
    ir::Node& n = cx_.program.nodes[id];
    n.rule = ir::RuleKind::Review;
    if (cx_.inputs.count(n.name)) {
      cx_.diags.error("E102", cx_.nodeSyntax[id]->nameRange,
                      fmt::format("评审指标“{}”的评审分以指标名为数据列，不能再有同名输入", n.name),
                      fmt::format("reviewed indicator '{}' reads its score from a column of the same name; remove the input", n.name));
      return;
    }
    ir::Input in;
    in.spec.name = n.name;
    in.spec.kind = InputKind::Review;
    in.display = ir::Display::Score;
    in.implicit = true;
    in.range_ = r.range;
    n.reviewInput = static_cast<int>(cx_.program.inputs.size());
    cx_.program.inputs.push_back(in);
    cx_.inputUsed.push_back(true);
    cx_.inputs[n.name] = n.reviewInput;
    n.reads.push_back(n.reviewInput);
    for (const auto& t : r.tiers) {
      Interval iv;
      auto bound = [&](const ast::ExprPtr& e) -> std::optional<Decimal> {
        if (!e) return std::nullopt;
        auto v = requireConstant(cx_, lowerExpr(cx_, *e, Scope{id, nullptr}), "档次的边界", "a tier bound");
        return v;
      };
      if (auto lo = bound(t.interval.lower)) iv.lower = Bound::at(*lo, t.interval.lowerClosed);
      if (auto hi = bound(t.interval.upper)) iv.upper = Bound::at(*hi, t.interval.upperClosed);
      n.tiers.push_back(ir::ReviewTier{t.name, iv});
    }
  }
};

}  // namespace

void lowerRules(Context& cx, const ast::File& file) {
  RuleLowerer lowerer(cx);
  for (int id = 0; id < static_cast<int>(cx.program.nodes.size()); ++id) lowerer.node(id);
  // 令 that no rule reaches are still checked.
  for (int slot = 0; slot < static_cast<int>(cx.program.lets.size()); ++slot) lowerLet(cx, slot);
  for (const auto& b : file.bonuses) lowerer.bonus(b);
  if (file.bonuses.size() > 1)
    cx.diags.error("E124", file.bonuses[1].range, "只能有一个加减分项", "only one 加减分 block is allowed");
}

}  // namespace defen::sema

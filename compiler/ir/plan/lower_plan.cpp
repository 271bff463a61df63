#include "compiler/ir/plan/plan.h"

#include <fmt/format.h>

namespace defen::plan {

namespace {

// Lowering writes one group of steps at a time and patches its jump targets
// once the group is complete.
class Lowering {
 public:
  explicit Lowering(const ir::Program& p) : p_(p) { plan_.program = &p; }

  Plan run() {
    plan_.mayBeNotApplicable.assign(p_.nodes.size(), 0);
    for (const auto& node : p_.nodes)  // a parent precedes its children
      plan_.mayBeNotApplicable[node.id] = !node.na.empty() || (node.parent >= 0 && plan_.mayBeNotApplicable[node.parent]);
    // 1. Which indicators apply, in document order: a child inherits its
    //    parent's 不考核, so the parent is decided first.
    for (const auto& node : p_.nodes) {
      size_t first = open(Op::Applies, node.id);
      for (size_t r = 0; r < node.na.size(); ++r) add(Step{Op::NaWhen, node.id, static_cast<int>(r), -1, -1, node.na[r].when});
      close(first);
    }
    // 2. Scores, children and 转入 targets before the node that uses them.
    for (int id : p_.evalOrder) score(p_.nodes[id]);
    // 3. The row.
    add(Step{Op::Roots});
    int global = 0;
    for (size_t b = 0; b < p_.bonuses.size(); ++b)
      for (size_t l = 0; l < p_.bonuses[b].lines.size(); ++l, ++global)
        add(Step{Op::BonusLine, -1, global, static_cast<int>(b), static_cast<int>(l), p_.bonuses[b].lines[l].points});
    plan_.bonusLineCount = global;
    add(Step{Op::Total});
    add(Step{Op::Grade});
    return std::move(plan_);
  }

 private:
  const ir::Program& p_;
  Plan plan_;

  size_t add(Step s) {
    plan_.steps.push_back(s);
    return plan_.steps.size() - 1;
  }
  size_t open(Op op, int node) { return add(Step{op, node}); }
  // Every step of the group from `first` on ends at the step after it.
  void close(size_t first, int settle = -1) {
    for (size_t i = first; i < plan_.steps.size(); ++i) {
      plan_.steps[i].end = static_cast<int>(plan_.steps.size());
      plan_.steps[i].settle = settle;
    }
  }

  void score(const ir::Node& node) {
    size_t first = open(Op::Enter, node.id);
    if (plan_.mayBeNotApplicable[node.id]) add(Step{Op::Settled, node.id});
    switch (node.rule) {
      case ir::RuleKind::Sum: add(Step{Op::Sum, node.id}); break;
      case ir::RuleKind::Rows: add(Step{Op::Rows, node.id}); break;
      case ir::RuleKind::Formula:
        add(Step{Op::Formula, node.id, -1, -1, -1, node.formula});
        add(Step{Op::Check, node.id});
        break;
      case ir::RuleKind::Checklist:
        for (size_t i = 0; i < node.items.size(); ++i) add(Step{Op::Item, node.id, static_cast<int>(i), -1, -1, node.items[i].condition});
        add(Step{Op::ItemsTotal, node.id});
        add(Step{Op::Check, node.id});
        break;
      case ir::RuleKind::Deductions:
        for (size_t i = 0; i < node.deductions.size(); ++i) add(Step{Op::Deduct, node.id, static_cast<int>(i)});
        add(Step{Op::DeductionsTotal, node.id});
        add(Step{Op::Check, node.id});
        break;
      case ir::RuleKind::Review:
        add(Step{Op::Review, node.id});
        add(Step{Op::Check, node.id});
        break;
    }
    size_t override = add(Step{Op::Override, node.id});
    close(first, static_cast<int>(override));
  }
};

const char* opName(Op op) {
  switch (op) {
    case Op::Applies: return "applies";
    case Op::NaWhen: return "na-when";
    case Op::Enter: return "enter";
    case Op::Settled: return "settled";
    case Op::Formula: return "formula";
    case Op::Item: return "item";
    case Op::ItemsTotal: return "items-total";
    case Op::Deduct: return "deduct";
    case Op::DeductionsTotal: return "deductions-total";
    case Op::Review: return "review";
    case Op::Check: return "check";
    case Op::Sum: return "sum";
    case Op::Rows: return "rows";
    case Op::Override: return "override";
    case Op::Roots: return "roots";
    case Op::BonusLine: return "bonus-line";
    case Op::Total: return "total";
    case Op::Grade: return "grade";
  }
  return "?";
}

}  // namespace

Plan lowerPlan(const ir::Program& program) { return Lowering(program).run(); }

std::string dump(const Plan& plan) {
  std::string out;
  for (size_t i = 0; i < plan.steps.size(); ++i) {
    const Step& s = plan.steps[i];
    out += fmt::format("{:4} {}", i, opName(s.op));
    if (s.node >= 0) out += fmt::format(" node={}", s.node);
    if (s.index >= 0) out += fmt::format(" index={}", s.index);
    if (s.bonus >= 0) out += fmt::format(" bonus={} line={}", s.bonus, s.line);
    if (s.expr) out += fmt::format(" expr={}", s.expr->id);
    if (s.settle >= 0) out += fmt::format(" settle={}", s.settle);
    if (s.end >= 0) out += fmt::format(" end={}", s.end);
    out += '\n';
  }
  return out;
}

}  // namespace defen::plan

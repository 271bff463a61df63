// Inputs and 令 that nothing reads: usually a typo or a rule left unfinished.
#include "compiler/sema/context.h"

#include <fmt/format.h>

namespace defen::sema {

namespace {

void markLets(const ir::Program& p, const ir::Expr* e, std::vector<bool>& used) {
  if (!e) return;
  if (e->op == ir::Op::Let && !used[e->slot]) {
    used[e->slot] = true;
    markLets(p, p.lets[e->slot].value, used);
  }
  for (auto* a : e->args) markLets(p, a, used);
  if (e->op == ir::Op::Bands)
    for (const auto& c : p.tables[e->table].cases) markLets(p, c.value, used);
}

}  // namespace

void checkUnused(Context& cx) {
  const auto& p = cx.program;
  for (size_t i = 0; i < p.inputs.size(); ++i)
    // A 文字 input no rule reads is the form's own description (主管部门,
    // 年度总体目标): data to carry, not a rule left half-written.
    if (!p.inputs[i].implicit && !cx.inputUsed[i] && p.inputs[i].spec.kind != InputKind::Text)
      cx.diags.warning("W270", p.inputs[i].range_, fmt::format("输入“{}”未被任何规则使用", p.inputs[i].spec.name),
                       fmt::format("input '{}' is never used", p.inputs[i].spec.name));
  std::vector<bool> used(p.lets.size(), false);
  for (const auto& n : p.nodes) {
    markLets(p, n.formula, used);
    for (const auto& na : n.na) markLets(p, na.when, used);
    for (const auto& it : n.items) markLets(p, it.condition, used);
    for (const auto& d : n.deductions) { markLets(p, d.subject, used); markLets(p, d.points, used); }
  }
  for (const auto& b : p.bonuses)
    for (const auto& l : b.lines) markLets(p, l.points, used);
  for (size_t i = 0; i < p.lets.size(); ++i)
    if (!used[i])
      cx.diags.warning("W271", p.lets[i].range, fmt::format("“{}”未被使用", p.lets[i].name), fmt::format("'{}' is never used", p.lets[i].name));
}

}  // namespace defen::sema

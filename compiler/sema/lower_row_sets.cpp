// Row sets: the columns of a 行集 input, a 逐行 rule (one line of the tree per
// row), aggregates over rows (合计, 计数, 平均, 最大, 最小, 去极值平均) and 校验.
//
// A column is an implicit input slot that holds one row's value while that
// row is evaluated; the expressions of a 逐行 rule, of an aggregate and of a
// 校验 are ordinary IR in the arena, listed in Program::rowExprs so that each
// engine compiles them as kernels of their own (compiler/eval/row_sets.cpp
// runs them row by row).
#include "compiler/sema/domain.h"
#include "compiler/sema/lower_expr.h"

#include <fmt/format.h>

#include <cstring>
#include <set>

namespace defen::sema {

namespace {

int addRowExpr(Context& cx, const ir::Expr* e) {
  cx.program.rowExprs.push_back(e);
  return static_cast<int>(cx.program.rowExprs.size()) - 1;
}

int implicitInput(Context& cx, ir::Input in) {
  in.implicit = true;
  int slot = static_cast<int>(cx.program.inputs.size());
  cx.program.inputs.push_back(std::move(in));
  cx.inputUsed.push_back(true);
  return slot;
}

void collect(const ir::Program& p, const ir::Expr* e, std::set<int>& inputs, std::set<int>& lets) {
  if (!e) return;
  if (e->op == ir::Op::Input || e->op == ir::Op::HasValue) inputs.insert(e->slot);
  if (e->op == ir::Op::Let && lets.insert(e->slot).second) collect(p, p.lets[e->slot].value, inputs, lets);
  for (const auto* a : e->args) collect(p, a, inputs, lets);
  if (e->op == ir::Op::Bands)
    for (const auto& c : p.tables[e->table].cases) collect(p, c.value, inputs, lets);
}

int column(Context& cx, int rowSet, const ast::ColumnRef& ref) {
  auto set = cx.rowColumns.find(rowSet);
  if (set != cx.rowColumns.end())
    if (auto it = set->second.find(ref.first); it != set->second.end()) return it->second;
  cx.diags.error("E216", ref.second, fmt::format("行集“{}”没有列“{}”", cx.program.inputs[rowSet].spec.name, ref.first),
                 fmt::format("row set '{}' has no column '{}'", cx.program.inputs[rowSet].spec.name, ref.first));
  return -1;
}

const ir::Expr* condition(Context& cx, const ast::Expr& e, const Scope& scope, const char* whereZh) {
  const ir::Expr* c = lowerExpr(cx, e, scope);
  if (c->type.kind != ir::Type::Kind::Bool && !c->type.poisoned)
    cx.diags.error("E205", e.range, fmt::format("{}应为条件", whereZh), fmt::format("{} takes a condition", whereZh));
  return c;
}

std::vector<ir::DataCheck> dataChecks(Context& cx, const std::vector<ast::CheckLine>& lines, const Scope& scope) {
  std::vector<ir::DataCheck> out;
  for (const auto& line : lines) {
    ir::DataCheck c;
    c.fault = line.fault;
    c.message = line.message;
    c.range = line.range;
    c.when = addRowExpr(cx, condition(cx, *line.when, scope, "校验的“当”"));
    out.push_back(std::move(c));
  }
  return out;
}

// 范围 [a, b] of a column: constant bounds, as for any input.
std::optional<Interval> columnRange(Context& cx, const std::optional<ast::IntervalSyntax>& syntax) {
  if (!syntax) return std::nullopt;
  Interval iv;
  auto bound = [&](const ast::ExprPtr& e) -> std::optional<Decimal> {
    if (!e) return std::nullopt;
    return requireConstant(cx, lowerExpr(cx, *e, Scope{}), "范围的边界", "a range bound");
  };
  if (auto lo = bound(syntax->lower)) iv.lower = Bound::at(*lo, syntax->lowerClosed);
  if (auto hi = bound(syntax->upper)) iv.upper = Bound::at(*hi, syntax->upperClosed);
  return iv;
}

// A condition or value as a 评分说明 says it: 资金来源 = "年度资金总额" →
// 资金来源为“年度资金总额”, 实际完成值 ≥ 年度指标值 → 实际完成值不低于年度指标值.
std::string inWords(std::string s) {
  static const std::pair<const char*, const char*> kWords[] = {
      {" ≠ ", "不为"}, {"≠", "不为"}, {" != ", "不为"}, {" ≥ ", "不低于"}, {"≥", "不低于"}, {" >= ", "不低于"}, {" ≤ ", "不高于"},
      {"≤", "不高于"}, {" <= ", "不高于"}, {" ＞ ", "高于"}, {"＞", "高于"}, {" > ", "高于"}, {" ＜ ", "低于"}, {"＜", "低于"},
      {" < ", "低于"}, {" ＝ ", "为"}, {"＝", "为"}, {" == ", "为"}, {" = ", "为"}, {"=", "为"}, {"非 ", "不"}, {" 且 ", "且"},
      {" 或 ", "或"}, {"\n", ""}};
  for (const auto& [from, to] : kWords)
    for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + std::strlen(to))) s.replace(at, std::strlen(from), to);
  bool open = true;
  for (size_t at = s.find('"'); at != std::string::npos; at = s.find('"', at)) {
    s.replace(at, 1, open ? "“" : "”");
    open = !open;
  }
  std::string out;
  for (char c : s)
    if (c != ' ') out += c;
  return out;
}

}  // namespace

int textCode(Context& cx, const std::string& text) {
  auto& texts = cx.program.texts;
  auto it = std::find(texts.begin(), texts.end(), text);
  if (it != texts.end()) return static_cast<int>(it - texts.begin());
  texts.push_back(text);
  return static_cast<int>(texts.size()) - 1;
}

void declareRowSetColumns(Context& cx, const ast::InputDecl& decl, int rowSetSlot) {
  auto& names = cx.rowColumns[rowSetSlot];
  std::vector<std::pair<int, const ast::InputDecl*>> achieved;
  for (const auto& col : decl.columns) {
    if (names.count(col.name)) {
      cx.diags.error("E102", col.nameRange, fmt::format("行集“{}”中重复的列“{}”", decl.name, col.name),
                     fmt::format("duplicate column '{}' in row set '{}'", col.name, decl.name));
      continue;
    }
    ir::Input in;
    in.spec.name = col.name;
    in.range_ = col.range_;
    in.rowSet = rowSetSlot;
    switch (col.type) {
      case ast::InputType::Money:
        in.spec.kind = InputKind::Money;
        in.spec.unit = col.wanYuan ? MoneyUnit::WanYuan : MoneyUnit::Yuan;
        in.display = ir::Display::Money;
        break;
      case ast::InputType::Ratio:
        in.spec.kind = InputKind::Ratio;
        in.display = ir::Display::Percent;
        in.spec.bareRatio = col.bareRatio == ast::BareRatio::Fraction ? RatioReading::Fraction
                            : col.bareRatio == ast::BareRatio::Percentage ? RatioReading::Percentage
                                                                          : RatioReading::Refused;
        break;
      case ast::InputType::Count: in.spec.kind = InputKind::Count; in.display = ir::Display::Count; break;
      case ast::InputType::Number: in.spec.kind = InputKind::Number; break;
      case ast::InputType::Bool: in.spec.kind = InputKind::Bool; break;
      case ast::InputType::Review: case ast::InputType::Points:
        in.spec.kind = InputKind::Review;
        in.display = ir::Display::Score;
        break;
      case ast::InputType::Text: in.spec.kind = InputKind::Text; break;
      case ast::InputType::Target: in.spec.kind = InputKind::Target; break;
      case ast::InputType::Achieved: in.spec.kind = InputKind::Achieved; break;
      case ast::InputType::Enum:
        in.spec.kind = InputKind::Enum;
        for (const auto& [value, range] : col.enumValues) in.spec.enumValues.push_back(value);
        break;
      case ast::InputType::RowSet:
        cx.diags.error("E114", col.nameRange, "行集的列不能再是行集", "a row set's column cannot be a row set");
        continue;
    }
    in.range = columnRange(cx, col.range);
    in.missing = col.missing == ast::MissingPolicy::Full ? ir::Input::Missing::Full
                 : col.missing == ast::MissingPolicy::Zero ? ir::Input::Missing::Zero
                 : col.missing == ast::MissingPolicy::NotApplicable ? ir::Input::Missing::NotApplicable
                                                                      : ir::Input::Missing::Required;
    int slot = implicitInput(cx, std::move(in));
    names[col.name] = slot;
    cx.program.inputs[rowSetSlot].columns.push_back(slot);
    if (col.type == ast::InputType::Target) {
      ir::Input direction;
      direction.spec.name = col.name + "（方向）";
      direction.spec.kind = InputKind::Enum;
      direction.spec.enumValues = {"正向", "反向", "定性"};
      direction.rowSet = rowSetSlot;
      direction.range_ = col.range_;
      int d = implicitInput(cx, std::move(direction));
      cx.program.inputs[slot].companion = d;
    }
    if (col.type == ast::InputType::Achieved) achieved.emplace_back(slot, &col);
  }
  for (const auto& [slot, col] : achieved) {
    auto it = names.find(col->achievedOf);
    if (it == names.end() || cx.program.inputs[it->second].spec.kind != InputKind::Target) {
      cx.diags.error("E216", col->achievedOfRange, fmt::format("“{}”不是行集“{}”中的指标值列", col->achievedOf, decl.name),
                     fmt::format("'{}' is not a target-value column of row set '{}'", col->achievedOf, decl.name));
      continue;
    }
    cx.program.inputs[slot].companion = it->second;
  }
}

void declareRowRule(Context& cx, const ast::PerRow& rule, int node) {
  ir::RowRule r;
  r.node = node;
  auto it = cx.inputs.find(rule.rowSet.first);
  if (it == cx.inputs.end() || cx.program.inputs[it->second].spec.kind != InputKind::RowSet) {
    cx.diags.error("E215", rule.rowSet.second, fmt::format("“{}”不是输入中声明的行集", rule.rowSet.first),
                   fmt::format("'{}' is not a row set declared in 输入", rule.rowSet.first));
  } else {
    r.rowSet = it->second;
    cx.inputUsed[it->second] = true;
  }
  cx.rowRuleOfNode[node] = static_cast<int>(cx.program.rowRules.size());
  cx.program.rowRules.push_back(std::move(r));
}

Scope letScope(const Context& cx, int node) {
  Scope s{node, nullptr};
  if (auto it = cx.rowRuleOfNode.find(node); it != cx.rowRuleOfNode.end()) {
    s.rowRule = it->second;
    s.rowSet = cx.program.rowRules[it->second].rowSet;
  }
  return s;
}

void lowerPerRow(Context& cx, int id, const ast::PerRow& syn, std::set<int>& inputs, std::set<int>& lets) {
  int index = cx.rowRuleOfNode.at(id);
  ir::Node& node = cx.program.nodes[id];
  node.rule = ir::RuleKind::Rows;
  node.rowRule = index;
  ir::RowRule r = cx.program.rowRules[index];
  if (r.rowSet < 0) return;
  inputs.insert(r.rowSet);
  Scope scope = letScope(cx, id);
  for (const auto& g : syn.groups) r.groups.push_back(column(cx, r.rowSet, g));
  if (syn.name) r.name = column(cx, r.rowSet, *syn.name);
  else cx.diags.error("E217", syn.range, "逐行规则须以“名称 列”指明每行的指标名称", "a 逐行 rule names its rows: 名称 <column>");
  if (syn.weight) r.weight = column(cx, r.rowSet, *syn.weight);
  else cx.diags.error("E217", syn.range, "逐行规则须以“分值 列”指明每行的分值", "a 逐行 rule takes each row's weight: 分值 <column>");
  if (r.weight >= 0 && cx.program.inputs[r.weight].spec.kind != InputKind::Review)
    cx.diags.error("E217", syn.weight->second, "分值列的类型应为“分数”", "the weight column is of type 分数");
  if (syn.self) r.self = column(cx, r.rowSet, *syn.self);
  if (r.self >= 0 && cx.program.inputs[r.self].spec.kind != InputKind::Review)
    cx.diags.error("E217", syn.self->second, "自评得分列的类型应为“分数”", "the self-score column is of type 分数");
  if (syn.note) r.note = column(cx, r.rowSet, *syn.note);
  r.ruleStands = syn.ruleStands;
  for (const auto& [group, q] : syn.groupWeights) {
    if (q.unit != ast::Unit::Score && q.unit != ast::Unit::None)
      cx.diags.error("E240", q.range, "分组分值应以“分”为单位", "a group weight is in points");
    r.groupWeights.emplace_back(group, q.value);
  }
  if (!syn.groupWeights.empty() && r.groups.empty())
    cx.diags.error("E217", syn.groupWeightsRange, "分组分值须先以“分组 列”指明按哪一列分组", "分组分值 needs 分组 <column>");
  // The rule needs its slots before its 令 are lowered (分值 is the row's column).
  cx.program.rowRules[index] = r;
  for (const auto& [name, slot] : cx.localLets[id]) r.lets.push_back(slot);
  std::sort(r.lets.begin(), r.lets.end());
  if (syn.reviewWhen) {
    const ir::Expr* when = condition(cx, *syn.reviewWhen, scope, "评审的“当”");
    collect(cx.program, when, inputs, lets);
    r.reviewWhen = addRowExpr(cx, when);
    if (syn.reviewColumn) r.reviewColumn = column(cx, r.rowSet, *syn.reviewColumn);
    if (r.self < 0)
      cx.diags.error("E217", syn.range, "逐行评审用单位填写的得分：请以“自评 列”指明得分列",
                     "a per-row review reads the unit's score: name it with 自评 <column>");
    for (const auto& t : syn.tiers) {
      Interval iv;
      auto bound = [&](const ast::ExprPtr& e) -> std::optional<Decimal> {
        if (!e) return std::nullopt;
        return requireConstant(cx, lowerExpr(cx, *e, Scope{}), "档次的边界", "a tier bound");
      };
      if (auto lo = bound(t.interval.lower)) iv.lower = Bound::at(*lo, t.interval.lowerClosed);
      if (auto hi = bound(t.interval.upper)) iv.upper = Bound::at(*hi, t.interval.upperClosed);
      r.tiers.push_back(ir::ReviewTier{t.name, iv});
    }
  }
  if (syn.formula) {
    const ir::Expr* f = lowerExpr(cx, *syn.formula, scope);
    if (!(f->type.kind == ir::Type::Kind::Number && (f->type.dim == ir::Dim::scoreDim() || f->type.flexible)) && !f->type.poisoned)
      cx.diags.error("E240", f->range, fmt::format("得分应以“分”为单位，这里是{}", describeType(f->type)), "得分 must be in points (分)");
    collect(cx.program, f, inputs, lets);
    r.formula = addRowExpr(cx, f);
  } else {
    cx.diags.error("E121", syn.range, "逐行规则缺少“得分 = …”", "a 逐行 rule needs 得分 = …");
  }
  r.checks = dataChecks(cx, syn.checks, scope);
  for (const auto& c : r.checks) collect(cx.program, cx.program.rowExprs[c.when], inputs, lets);
  // Nodes are lowered in document order, a parent's 不考核 before its children's rules.
  for (int n = id; n >= 0; n = cx.program.nodes[n].parent)
    for (const auto& na : cx.program.nodes[n].na)
      if (na.when) r.notApplicable.push_back(addRowExpr(cx, na.when));
  cx.program.rowRules[index] = std::move(r);
}

const ir::Expr* lowerAggregate(Context& cx, const ast::Expr& e, const Scope& scope) {
  struct Fn { const char* zh; const char* en; ir::Aggregate::Kind kind; bool needsValue; };
  static const Fn fns[] = {
      {"合计", "sum", ir::Aggregate::Kind::Sum, true},       {"计数", "count", ir::Aggregate::Kind::Count, false},
      {"平均", "avg", ir::Aggregate::Kind::Avg, true},       {"最大", "max", ir::Aggregate::Kind::Max, true},
      {"最小", "min", ir::Aggregate::Kind::Min, true},       {"去极值平均", "trimmed_avg", ir::Aggregate::Kind::TrimmedAvg, true},
  };
  const Fn* fn = nullptr;
  for (const auto& f : fns)
    if (e.name == f.zh || e.name == f.en) fn = &f;
  ir::Type poisoned;
  poisoned.flexible = poisoned.poisoned = true;
  if (!fn) {
    cx.diags.error("E210", e.nameRange, fmt::format("“{}”不能用于行集；可用 合计、计数、平均、最大、最小、去极值平均", e.name),
                   fmt::format("'{}' is not an aggregate over rows", e.name));
    return cx.make(ir::Op::Const, poisoned, e.range);
  }
  auto it = cx.inputs.find(e.rowSet);
  if (it == cx.inputs.end() || cx.program.inputs[it->second].spec.kind != InputKind::RowSet) {
    cx.diags.error("E215", e.rowSetRange, fmt::format("“{}”不是输入中声明的行集", e.rowSet),
                   fmt::format("'{}' is not a row set declared in 输入", e.rowSet));
    return cx.make(ir::Op::Const, poisoned, e.range);
  }
  if (scope.rowSet >= 0) {
    cx.diags.error("E218", e.range, "逐行规则之内不能再对行集求合计", "an aggregate cannot be taken inside a per-row rule");
    return cx.make(ir::Op::Const, poisoned, e.range);
  }
  // The same aggregate written twice (a 不考核 guard and the formula it guards)
  // is one value: one slot, so the checker sees the guard.
  std::string text = cx.text(e.range);
  for (const auto& seen : cx.program.aggregates)
    if (seen.text == text && seen.rowSet == it->second && cx.aggregateScope[seen.slot] == scope.node) {
      auto* x = cx.make(ir::Op::Input, cx.aggregateType[seen.slot], e.range);
      x->slot = seen.slot;
      return x;
    }
  ir::Aggregate a;
  a.kind = fn->kind;
  a.rowSet = it->second;
  a.text = cx.text(e.range);
  a.range = e.range;
  cx.inputUsed[it->second] = true;
  Scope inner{scope.node, nullptr, it->second, -1};
  ir::Type type;
  type.display = ir::Display::Count;
  type.integer = true;
  if (e.args[0]) {
    const ir::Expr* v = lowerExpr(cx, *e.args[0], inner);
    if (v->type.kind != ir::Type::Kind::Number && !v->type.poisoned)
      cx.diags.error("E205", e.args[0]->range, fmt::format("“{}”的值应为数值", e.name), fmt::format("'{}' takes a number", e.name));
    if (fn->kind == ir::Aggregate::Kind::Count)
      cx.diags.error("E211", e.args[0]->range, "计数只数行数，不取值：写作 计数(行集，当 条件)", "count takes no value: 计数(set，当 cond)");
    a.value = addRowExpr(cx, v);
    type = v->type;
    type.flexible = false;
    if (fn->kind == ir::Aggregate::Kind::Avg || fn->kind == ir::Aggregate::Kind::TrimmedAvg) type.integer = false;
  } else if (fn->needsValue) {
    cx.diags.error("E211", e.range, fmt::format("“{}”须写明对哪一列求值：{}(行集：列)", e.name, e.name),
                   fmt::format("'{}' needs a value: {}(set: column)", e.name, e.name));
  }
  if (e.args[1]) a.when = addRowExpr(cx, condition(cx, *e.args[1], inner, "“当”"));
  // Its name in a 评分说明: what it sums, in words (项目资金中资金来源为“年度资金总额”的全年预算数合计).
  std::string rows = e.args[1] ? fmt::format("{}中{}的行", e.rowSet, inWords(cx.text(e.args[1]->range))) : fmt::format("{}各行", e.rowSet);
  std::string value = e.args[0] ? inWords(cx.text(e.args[0]->range)) : std::string();
  ir::Input in;
  switch (a.kind) {
    case ir::Aggregate::Kind::Sum: in.spec.name = fmt::format("{}{}合计", rows, value); break;
    case ir::Aggregate::Kind::Count: in.spec.name = fmt::format("{}数", rows); break;
    case ir::Aggregate::Kind::Avg: in.spec.name = fmt::format("{}{}的平均值", rows, value); break;
    case ir::Aggregate::Kind::Max: in.spec.name = fmt::format("{}{}的最大值", rows, value); break;
    case ir::Aggregate::Kind::Min: in.spec.name = fmt::format("{}{}的最小值", rows, value); break;
    case ir::Aggregate::Kind::TrimmedAvg: in.spec.name = fmt::format("{}{}去掉最高、最低后的平均值", rows, value); break;
  }
  in.spec.kind = fn->kind == ir::Aggregate::Kind::Count ? InputKind::Count : InputKind::Number;
  in.display = type.display;
  in.range_ = e.range;
  // A sum of a 金额（万元） column reads in 万元 in the 评分说明, as the column does.
  if (const ir::Expr* v = a.value >= 0 ? cx.program.rowExprs[a.value] : nullptr; v && v->op == ir::Op::Input &&
      cx.program.inputs[v->slot].spec.kind == InputKind::Money) {
    in.spec.kind = InputKind::Money;
    in.spec.unit = cx.program.inputs[v->slot].spec.unit;
  }
  // Over values that are never negative (amounts with 范围 [0, +∞)), so is the aggregate: the checker uses it.
  if (a.value >= 0 && nonNegative(domainOf(cx.program, cx.program.rowExprs[a.value]))) in.range = nonNegativeHalf();
  a.slot = implicitInput(cx, std::move(in));
  auto* x = cx.make(ir::Op::Input, type, e.range);
  x->slot = a.slot;
  cx.aggregateScope[a.slot] = scope.node;
  cx.aggregateType[a.slot] = type;
  cx.program.aggregates.push_back(std::move(a));
  return x;
}

void lowerDataChecks(Context& cx, const ast::File& file) { cx.program.checks = dataChecks(cx, file.checks, Scope{}); }

}  // namespace defen::sema

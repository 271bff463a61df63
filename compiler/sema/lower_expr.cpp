#include "compiler/sema/lower_expr.h"

#include "compiler/core/suggest_name.h"

#include <fmt/format.h>

#include <algorithm>

namespace defen::sema {

using ir::Dim;
using ir::Display;
using ir::Op;
using ir::Type;

ir::Type scoreType() { return Type{Type::Kind::Number, Dim::scoreDim(), Display::Score, false, false, -1}; }
ir::Type boolType() { return Type{Type::Kind::Bool, Dim::none(), Display::Plain, false, false, -1}; }
ir::Type ratioType() { return Type{Type::Kind::Number, Dim::none(), Display::Percent, false, false, -1}; }

namespace {
// "分·元", "元²", "分/元": a dimension no input has, seen only in messages.
std::string dimText(ir::Dim d) {
  std::string out;
  auto part = [&](int exp, const char* unit) {
    if (exp == 0) return;
    if (!out.empty()) out += exp > 0 ? "·" : "/";
    else if (exp < 0) out += "1/";
    out += unit;
    int a = exp < 0 ? -exp : exp;
    if (a == 2) out += "²";
    else if (a > 2) out += "^" + std::to_string(a);
  };
  part(d.score, "分");
  part(d.yuan, "元");
  return out;
}
}  // namespace

std::string describeType(const Type& t, Lang lang) {
  auto name = [lang](std::string zh, const char* en) { return lang == Lang::En ? std::string(en) : zh; };
  if (t.kind == Type::Kind::Bool) return name("是否", "yes/no");
  if (t.kind == Type::Kind::Text) return name("文字", "text");
  if (t.kind == Type::Kind::Enum) return name("枚举", "enum");
  if (t.flexible) return name("数值", "number");
  if (t.dim == Dim::yuanDim()) return name("金额（元）", "money (yuan)");
  if (t.dim == Dim::scoreDim()) return name("分", "points");
  if (!(t.dim == Dim::none())) return name(dimText(t.dim), "points·yuan product");
  switch (t.display) {
    case Display::Percent: return name("比率（%）", "ratio (%)");
    case Display::Count: return name("数量", "count");
    default: return name("数值", "number");
  }
}

namespace {

// An expression already reported as wrong: it fits anywhere, so one typo
// gives one error rather than a cascade of unit and band findings.
const ir::Expr* poison(Context& cx, SourceRange range) {
  ir::Type t;
  t.flexible = true;
  t.poisoned = true;
  return cx.make(Op::Const, t, range);
}

Type typeOfInput(const ir::Input& in) {
  Type t;
  switch (in.spec.kind) {
    case InputKind::Money: t.dim = Dim::yuanDim(); t.display = Display::Money; break;
    case InputKind::Ratio: t.display = Display::Percent; break;
    case InputKind::Count: t.display = Display::Count; t.integer = true; break;
    case InputKind::Number: break;
    case InputKind::Bool: t.kind = Type::Kind::Bool; break;
    case InputKind::Enum: t.kind = Type::Kind::Enum; break;
    case InputKind::Review: t.dim = Dim::scoreDim(); t.display = Display::Score; break;
    case InputKind::Text: t.kind = Type::Kind::Text; break;
    case InputKind::Target: case InputKind::Achieved: case InputKind::RowSet: break;
  }
  return t;
}

Type literalType(const ast::Quantity& q) {
  Type t;
  switch (q.unit) {
    case ast::Unit::Score: t.dim = Dim::scoreDim(); t.display = Display::Score; break;
    case ast::Unit::Yuan: case ast::Unit::WanYuan: t.dim = Dim::yuanDim(); t.display = Display::Money; break;
    case ast::Unit::Percent: case ast::Unit::Permille: t.display = Display::Percent; break;
    case ast::Unit::Count: case ast::Unit::Day: t.display = Display::Count; t.integer = q.value.isInteger(); break;
    case ast::Unit::None: case ast::Unit::Places: t.flexible = true; t.integer = q.value.isInteger(); break;
  }
  return t;
}

bool requireKind(Context& cx, const ir::Expr* e, Type::Kind kind, const char* where) {
  if (e->type.poisoned) return kind == Type::Kind::Number;
  if (e->type.kind == kind || (e->type.flexible && kind == Type::Kind::Number)) return true;
  const char* want = kind == Type::Kind::Bool ? "条件（是否）" : "数值";
  cx.diags.error("E205", e->range, fmt::format("{}需要{}，这里是{}", where, want, describeType(e->type)),
                 fmt::format("{} needs {}, found {}", where, kind == Type::Kind::Bool ? "a condition" : "a number",
                             describeType(e->type, Lang::En)));
  return false;
}

class Lowerer {
 public:
  Lowerer(Context& cx, const Scope& scope) : cx_(cx), scope_(scope) {}

  const ir::Expr* lower(const ast::Expr& e) {
    using K = ast::Expr::Kind;
    switch (e.kind) {
      case K::Number: return number(e);
      case K::Bool: return boolean(e);
      case K::Weight: return weight(e);
      case K::Result: return result(e);
      case K::Name: return name(e);
      case K::Call: return call(e);
      case K::Neg: return negated(e);
      case K::Not: return notOf(e);
      case K::Binary: return binary(e);
      case K::Compare: return compare(e);
      case K::If: return ifThenElse(e);
      case K::Bands: return lowerBands(cx_, *e.bands, scope_, e.range);
      case K::String: return text(e);
      case K::Aggregate: return lowerAggregate(cx_, e, scope_);
    }
    return poison(cx_, e.range);
  }

 private:
  Context& cx_;
  const Scope& scope_;

  std::optional<int> findLet(const std::string& n) {
    for (int node = scope_.node; node >= 0; node = cx_.program.nodes[node].parent) {
      auto& locals = cx_.localLets[node];
      if (auto it = locals.find(n); it != locals.end()) return it->second;
    }
    if (auto it = cx_.globalLets.find(n); it != cx_.globalLets.end()) return it->second;
    return std::nullopt;
  }

  // The names an expression here may use, for "是否指…？": 令 from the nearest
  // scope out, then the inputs; each group sorted so the hint is stable.
  std::vector<std::string> visibleNames() const {
    std::vector<std::string> out;
    auto addSorted = [&](const std::unordered_map<std::string, int>& names) {
      size_t from = out.size();
      for (const auto& [n, slot] : names) out.push_back(n);
      std::sort(out.begin() + static_cast<std::ptrdiff_t>(from), out.end());
    };
    for (int node = scope_.node; node >= 0; node = cx_.program.nodes[node].parent) addSorted(cx_.localLets[node]);
    addSorted(cx_.globalLets);
    addSorted(cx_.inputs);
    return out;
  }

  [[gnu::noinline]] const ir::Expr* number(const ast::Expr& e) {
    auto* x = cx_.make(Op::Const, literalType(e.quantity), e.range);
    x->number = e.quantity.value;
    if (e.quantity.unit == ast::Unit::Places)
      cx_.diags.error("E206", e.range, "“位”只用于舍入位数", "'位' is only for rounding places");
    return x;
  }

  [[gnu::noinline]] const ir::Expr* boolean(const ast::Expr& e) {
    auto* x = cx_.make(Op::Const, boolType(), e.range);
    x->boolean = e.boolValue;
    return x;
  }

  [[gnu::noinline]] const ir::Expr* weight(const ast::Expr& e) {
    if (scope_.rowRule >= 0 && cx_.program.rowRules[scope_.rowRule].weight >= 0) return rowWeight(e);
    if (scope_.node < 0) {
      cx_.diags.error("E207", e.range, "“满分/分值”只能在指标内使用", "'满分' is only valid inside an indicator");
      return poison(cx_, e.range);
    }
    auto* x = cx_.make(Op::Const, scoreType(), e.range);
    x->number = cx_.program.nodes[scope_.node].weight;
    x->weight = true;
    return x;
  }

  [[gnu::noinline]] const ir::Expr* result(const ast::Expr& e) {
    if (!scope_.subject) {
      cx_.diags.error("E208", e.range, "“结果”只能在分段表中使用", "'结果' is only valid inside a band table");
      return poison(cx_, e.range);
    }
    return scope_.subject;
  }

  [[gnu::noinline]] const ir::Expr* negated(const ast::Expr& e) {
    const ir::Expr* a = lower(*e.args[0]);
    if (!requireKind(cx_, a, Type::Kind::Number, "取负")) return poison(cx_, e.range);
    auto* x = cx_.make(Op::Neg, a->type, e.range);
    x->args = {a};
    return x;
  }

  [[gnu::noinline]] const ir::Expr* notOf(const ast::Expr& e) {
    const ir::Expr* a = lower(*e.args[0]);
    requireKind(cx_, a, Type::Kind::Bool, "“非”");
    auto* x = cx_.make(Op::Not, boolType(), e.range);
    x->args = {a};
    return x;
  }

  [[gnu::noinline]] const ir::Expr* ifThenElse(const ast::Expr& e) {
    const ir::Expr* c = lower(*e.args[0]);
    requireKind(cx_, c, Type::Kind::Bool, "“若”的条件");
    const ir::Expr* a = lower(*e.args[1]);
    const ir::Expr* b = lower(*e.args[2]);
    Type t = a->type;
    if (a->type.kind != b->type.kind) {
      cx_.diags.error("E204", e.range, fmt::format("“则”与“否则”两支类型不同：{} 与 {}", describeType(a->type), describeType(b->type)),
                      "the two branches of 若 have different types");
    } else if (a->type.kind == Type::Kind::Number && !joinNumeric(cx_, a->type, b->type, e.range, "“若”的两支", t)) {
      return poison(cx_, e.range);
    }
    auto* x = cx_.make(Op::If, t, e.range);
    x->args = {c, a, b};
    return x;
  }

  // lower() recurses once per operator of a long chain (a+a+…+a): the cases
  // with locals of their own live outside it and are never inlined into it, so
  // its frame stays small (8.5 KB with them inlined under AddressSanitizer,
  // whose redzones grow every frame: 2,000 levels overflowed the 8 MB stack).
  [[gnu::noinline]] const ir::Expr* rowWeight(const ast::Expr& e) {
    // Inside 逐行, 分值 is the row's own 分值.
    auto* x = cx_.make(Op::Input, scoreType(), e.range);
    x->slot = cx_.program.rowRules[scope_.rowRule].weight;
    return x;
  }

  [[gnu::noinline]] const ir::Expr* text(const ast::Expr& e) {
    ir::Type t;
    t.kind = Type::Kind::Text;
    auto* x = cx_.make(Op::Const, t, e.range);
    x->number = Decimal::fromInt(textCode(cx_, e.name));
    return x;
  }

  [[gnu::noinline]] const ir::Expr* name(const ast::Expr& e) {
    // Inside 逐行 or an aggregate the row's columns are the nearest names.
    if (scope_.rowSet >= 0)
      if (auto set = cx_.rowColumns.find(scope_.rowSet); set != cx_.rowColumns.end())
        if (auto col = set->second.find(e.name); col != set->second.end()) {
          auto* x = cx_.make(Op::Input, typeOfInput(cx_.program.inputs[col->second]), e.range);
          x->slot = col->second;
          if (x->type.kind == Type::Kind::Enum) x->type.enumInput = col->second;
          return x;
        }
    if (auto slot = findLet(e.name)) {
      const ir::Expr* value = lowerLet(cx_, *slot);
      auto* x = cx_.make(Op::Let, value->type, e.range);
      x->slot = *slot;
      return x;
    }
    if (auto it = cx_.inputs.find(e.name); it != cx_.inputs.end() && cx_.program.inputs[it->second].spec.kind == InputKind::RowSet) {
      cx_.diags.error("E215", e.range, fmt::format("行集“{}”有若干行，不是一个值：请用 合计({}：列)、计数({}，当 …) 等", e.name, e.name, e.name),
                      fmt::format("row set '{}' is many rows, not one value: use 合计, 计数, …", e.name));
      return poison(cx_, e.range);
    }
    if (auto it = cx_.inputs.find(e.name); it != cx_.inputs.end()) {
      cx_.inputUsed[it->second] = true;
      auto* x = cx_.make(Op::Input, typeOfInput(cx_.program.inputs[it->second]), e.range);
      x->slot = it->second;
      if (x->type.kind == Type::Kind::Enum) x->type.enumInput = it->second;
      return x;
    }
    auto& d = cx_.diags.error("E201", e.range, fmt::format("未定义的名称“{}”", e.name), fmt::format("undefined name '{}'", e.name));
    if (cx_.nodes.count(e.name))
      d.notes.push_back({{}, "这是一个指标名；表达式中只能使用输入和“令”定义的值",
                         "that is an indicator; expressions use inputs and 令 values"});
    else if (auto meant = closestName(e.name, visibleNames()))
      d.notes.push_back({{}, fmt::format("是否指“{}”？", *meant), fmt::format("did you mean '{}'?", *meant)});
    return poison(cx_, e.range);
  }

  // Resolves `label` as a value of the enum carried by `enumExpr`.
  const ir::Expr* enumTest(const ir::Expr* enumExpr, const ast::Expr& label, bool negate, SourceRange range) {
    const auto& values = cx_.program.inputs[enumExpr->type.enumInput].spec.enumValues;
    for (size_t i = 0; i < values.size(); ++i) {
      if (values[i] != label.name) continue;
      auto* x = cx_.make(Op::EnumIs, boolType(), range);
      x->args = {enumExpr};
      x->slot = static_cast<int>(i);
      if (!negate) return x;
      auto* n = cx_.make(Op::Not, boolType(), range);
      n->args = {x};
      return n;
    }
    cx_.diags.error("E209", label.range, fmt::format("“{}”不是“{}”的可选值", label.name, cx_.program.inputs[enumExpr->type.enumInput].spec.name),
                    fmt::format("'{}' is not a value of '{}'", label.name, cx_.program.inputs[enumExpr->type.enumInput].spec.name));
    return poison(cx_, range);
  }

  bool isBareName(const ast::Expr& e) { return e.kind == ast::Expr::Kind::Name && !findLet(e.name) && !cx_.inputs.count(e.name); }

  [[gnu::noinline]] const ir::Expr* compare(const ast::Expr& e) {
    // 下属单位预算批复 = 按时: a bare label next to an enum is one of its values.
    if (e.args.size() == 2 && (e.ops[0] == ast::CmpOp::Eq || e.ops[0] == ast::CmpOp::Ne)) {
      bool negate = e.ops[0] == ast::CmpOp::Ne;
      if (isBareName(*e.args[1])) {
        const ir::Expr* a = lower(*e.args[0]);
        if (a->type.kind == Type::Kind::Enum) return enumTest(a, *e.args[1], negate, e.range);
      } else if (isBareName(*e.args[0])) {
        const ir::Expr* b = lower(*e.args[1]);
        if (b->type.kind == Type::Kind::Enum) return enumTest(b, *e.args[0], negate, e.range);
      }
    }
    std::vector<const ir::Expr*> operands;
    for (auto& a : e.args) operands.push_back(lower(*a));
    auto* x = cx_.make(Op::Compare, boolType(), e.range);
    for (size_t i = 0; i + 1 < operands.size(); ++i) {
      const ir::Expr* a = operands[i];
      const ir::Expr* b = operands[i + 1];
      ast::CmpOp op = e.ops[i];
      if (a->type.poisoned || b->type.poisoned) {
        // already reported
      } else if (a->type.kind == Type::Kind::Number && b->type.kind == Type::Kind::Number) {
        Type joined;
        joinNumeric(cx_, a->type, b->type, SourceRange::span(a->range, b->range), "比较", joined);
      } else if (a->type.kind != b->type.kind || a->type.kind == Type::Kind::Enum ||
                 (op != ast::CmpOp::Eq && op != ast::CmpOp::Ne)) {
        if (!a->type.flexible && !b->type.flexible)
          cx_.diags.error("E203", SourceRange::span(a->range, b->range),
                          fmt::format("不能比较{}与{}", describeType(a->type), describeType(b->type)),
                          fmt::format("cannot compare {} with {}", describeType(a->type, Lang::En), describeType(b->type, Lang::En)));
      }
      static const ir::Cmp map[] = {ir::Cmp::Ge, ir::Cmp::Gt, ir::Cmp::Le, ir::Cmp::Lt, ir::Cmp::Eq, ir::Cmp::Ne};
      x->cmps.push_back(map[static_cast<int>(op)]);
    }
    x->args = std::move(operands);
    return x;
  }

  [[gnu::noinline]] const ir::Expr* binary(const ast::Expr& e) {
    const ir::Expr* a = lower(*e.args[0]);
    const ir::Expr* b = lower(*e.args[1]);
    if (e.op == ast::BinaryOp::And || e.op == ast::BinaryOp::Or) {
      requireKind(cx_, a, Type::Kind::Bool, e.op == ast::BinaryOp::And ? "“且”" : "“或”");
      requireKind(cx_, b, Type::Kind::Bool, e.op == ast::BinaryOp::And ? "“且”" : "“或”");
      auto* x = cx_.make(e.op == ast::BinaryOp::And ? Op::And : Op::Or, boolType(), e.range);
      x->args = {a, b};
      return x;
    }
    const char* opName = e.op == ast::BinaryOp::Add ? "加" : e.op == ast::BinaryOp::Sub ? "减" : e.op == ast::BinaryOp::Mul ? "乘" : "除";
    if (!requireKind(cx_, a, Type::Kind::Number, opName) || !requireKind(cx_, b, Type::Kind::Number, opName))
      return poison(cx_, e.range);
    Type t;
    Op op = Op::Add;
    switch (e.op) {
      case ast::BinaryOp::Add: case ast::BinaryOp::Sub:
        op = e.op == ast::BinaryOp::Add ? Op::Add : Op::Sub;
        if (!joinNumeric(cx_, a->type, b->type, e.range, e.op == ast::BinaryOp::Add ? "相加" : "相减", t)) return poison(cx_, e.range);
        break;
      case ast::BinaryOp::Mul: op = Op::Mul; if (!multiply(a->type, b->type, e.range, t)) return poison(cx_, e.range); break;
      case ast::BinaryOp::Div: op = Op::Div; if (!divide(a->type, b->type, e.range, t)) return poison(cx_, e.range); break;
      default: break;
    }
    auto* x = cx_.make(op, t, e.range);
    x->args = {a, b};
    return x;
  }

  // Dimensions multiply freely; only sums, comparisons and scores must agree.
  bool multiply(const Type& a, const Type& b, SourceRange, Type& out) {
    if (a.poisoned || b.poisoned) {  // keeps the node (and what it reads) with a type that fits anywhere
      out = a.poisoned ? a : b;
      return true;
    }
    out = Type{};
    out.dim = (a.flexible ? Dim::none() : a.dim) + (b.flexible ? Dim::none() : b.dim);
    out.flexible = a.flexible && b.flexible;
    out.integer = a.integer && b.integer;
    out.display = displayFor(out.dim, a, b);
    return true;
  }

  bool divide(const Type& a, const Type& b, SourceRange, Type& out) {
    if (a.poisoned || b.poisoned) {
      out = a.poisoned ? a : b;
      return true;
    }
    out = Type{};
    Dim db = b.flexible ? Dim::none() : b.dim;
    out.dim = (a.flexible ? Dim::none() : a.dim) - db;
    out.flexible = a.flexible && b.flexible;
    if (out.dim == Dim::none() && (!(db == Dim::none()) || (a.display == Display::Count && b.display == Display::Count)))
      out.display = Display::Percent;  // 元÷元, 分÷分, 项÷项: a ratio
    else
      out.display = displayFor(out.dim, a, Type{});
    return true;
  }

  static Display displayFor(Dim d, const Type& a, const Type& b) {
    if (d == Dim::scoreDim()) return Display::Score;
    if (d == Dim::yuanDim()) return Display::Money;
    if (!(d == Dim::none())) return Display::Plain;
    if (a.display == Display::Percent || b.display == Display::Percent) return Display::Percent;
    if (a.display == Display::Count || b.display == Display::Count) return Display::Count;
    return Display::Plain;
  }

  [[gnu::noinline]] const ir::Expr* call(const ast::Expr& e) {
    struct Fn { const char* zh; const char* en; Op op; int minArgs; int maxArgs; };
    static const Fn fns[] = {
        {"最小", "min", Op::Min, 1, 64},     {"最大", "max", Op::Max, 1, 64},   {"限定", "clamp", Op::Clamp, 3, 3},
        {"向上取整", "ceil", Op::Ceil, 1, 1}, {"向下取整", "floor", Op::Floor, 1, 1}, {"绝对值", "abs", Op::Abs, 1, 1},
        {"四舍五入", "round", Op::Round, 2, 2}, {"平均", "avg", Op::Avg, 1, 64}, {"计数", "count", Op::CountTrue, 1, 64},
        {"有值", "present", Op::HasValue, 1, 1},
    };
    const Fn* fn = nullptr;
    for (auto& f : fns)
      if (e.name == f.zh || e.name == f.en) fn = &f;
    // 计数(绩效指标): the number of rows of a row set.
    if (e.args.size() == 1 && e.args[0]->kind == ast::Expr::Kind::Name)
      if (auto it = cx_.inputs.find(e.args[0]->name); it != cx_.inputs.end() && cx_.program.inputs[it->second].spec.kind == InputKind::RowSet) {
        ast::Expr agg;
        agg.kind = ast::Expr::Kind::Aggregate;
        agg.range = e.range;
        agg.name = e.name;
        agg.nameRange = e.nameRange;
        agg.rowSet = e.args[0]->name;
        agg.rowSetRange = e.args[0]->range;
        agg.args.push_back(nullptr);
        agg.args.push_back(nullptr);
        return lowerAggregate(cx_, agg, scope_);
      }
    // 定量(年度指标值), 正向(…), 反向(…), 定性(…): how a 指标值 column's cell reads.
    if (e.name == "定量" || e.name == "正向" || e.name == "反向" || e.name == "定性") {
      const ir::Expr* a = e.args.size() == 1 ? lower(*e.args[0]) : nullptr;
      int companion = a && a->op == Op::Input ? cx_.program.inputs[a->slot].companion : -1;
      if (companion < 0 || cx_.program.inputs[a->slot].spec.kind != InputKind::Target) {
        cx_.diags.error("E212", e.range, fmt::format("“{}”的参数必须是一个指标值列", e.name), fmt::format("'{}' takes a target-value column", e.name));
        return poison(cx_, e.range);
      }
      ir::Type dirType;
      dirType.kind = Type::Kind::Enum;
      dirType.enumInput = companion;
      auto* d = cx_.make(Op::Input, dirType, e.args[0]->range);
      d->slot = companion;
      auto* x = cx_.make(Op::EnumIs, boolType(), e.range);
      x->args = {d};
      x->slot = e.name == "反向" ? 1 : e.name == "定性" || e.name == "定量" ? 2 : 0;
      if (e.name != "定量") return x;
      auto* n = cx_.make(Op::Not, boolType(), e.range);
      n->args = {x};
      return n;
    }
    if (!fn) {
      cx_.diags.error("E210", e.nameRange, fmt::format("未知的函数“{}”", e.name), fmt::format("unknown function '{}'", e.name));
      return poison(cx_, e.range);
    }
    int n = static_cast<int>(e.args.size());
    if (n < fn->minArgs || n > fn->maxArgs) {
      cx_.diags.error("E211", e.range, fmt::format("函数“{}”的参数个数不对", e.name), fmt::format("wrong number of arguments to '{}'", e.name));
      return poison(cx_, e.range);
    }
    if (fn->op == Op::HasValue) {
      const ast::Expr& a = *e.args[0];
      if (scope_.rowSet >= 0 && a.kind == ast::Expr::Kind::Name)  // 有值(偏差原因分析及改进措施): a cell of the row
        if (auto set = cx_.rowColumns.find(scope_.rowSet); set != cx_.rowColumns.end())
          if (auto col = set->second.find(a.name); col != set->second.end()) {
            auto* x = cx_.make(Op::HasValue, boolType(), e.range);
            x->slot = col->second;
            return x;
          }
      auto it = a.kind == ast::Expr::Kind::Name ? cx_.inputs.find(a.name) : cx_.inputs.end();
      if (it == cx_.inputs.end()) {
        cx_.diags.error("E212", a.range, "“有值”的参数必须是一个输入名", "'有值' takes an input name");
        return poison(cx_, e.range);
      }
      cx_.inputUsed[it->second] = true;
      auto* x = cx_.make(Op::HasValue, boolType(), e.range);
      x->slot = it->second;
      return x;
    }
    std::vector<const ir::Expr*> args;
    for (auto& a : e.args) args.push_back(lower(*a));
    auto* x = cx_.make(fn->op, Type{}, e.range);
    if (fn->op == Op::CountTrue) {
      for (auto* a : args) requireKind(cx_, a, Type::Kind::Bool, "“计数”的参数");
      x->type.display = Display::Count;
      x->type.integer = true;
      x->args = std::move(args);
      return x;
    }
    for (auto* a : args)
      if (!requireKind(cx_, a, Type::Kind::Number, fn->zh)) return poison(cx_, e.range);
    if (fn->op == Op::Round) {
      auto places = constantOf(args[1]);
      if (!places || !places->isInteger() || *places < Decimal::zero() || *places > Decimal::fromInt(18)) {
        cx_.diags.error("E213", args[1]->range, "四舍五入的位数必须是0到18的整数", "rounding places must be an integer 0..18");
        return poison(cx_, e.range);
      }
      x->places = static_cast<int>(places->raw() / Decimal::kOne);
      x->type = args[0]->type;
      x->args = {args[0]};
      return x;
    }
    Type t = args[0]->type;
    for (size_t i = 1; i < args.size(); ++i)
      if (!joinNumeric(cx_, t, args[i]->type, e.range, fn->zh, t)) return poison(cx_, e.range);
    if (fn->op == Op::Avg) t.integer = false;
    if (fn->op == Op::Ceil || fn->op == Op::Floor) t.integer = true;
    x->type = t;
    x->args = std::move(args);
    return x;
  }
};

}  // namespace

bool joinNumeric(Context& cx, const Type& a, const Type& b, SourceRange range, const char* opZh, Type& out) {
  if (a.poisoned || b.poisoned) {
    out = a.poisoned ? a : b;
    return true;
  }
  if (a.flexible) { out = b; out.integer = a.integer && b.integer; return true; }
  if (b.flexible) { out = a; out.integer = a.integer && b.integer; return true; }
  if (!(a.dim == b.dim)) {
    cx.diags.error("E202", range, fmt::format("单位不一致：{}与{}不能{}", describeType(a), describeType(b), opZh),
                   fmt::format("unit mismatch: {} and {}", describeType(a, Lang::En), describeType(b, Lang::En)));
    return false;
  }
  out = a;
  out.integer = a.integer && b.integer;
  if (a.display != b.display) out.display = a.display == Display::Percent || b.display == Display::Percent ? Display::Percent : a.display;
  return true;
}

const ir::Expr* lowerExpr(Context& cx, const ast::Expr& e, const Scope& scope) { return Lowerer(cx, scope).lower(e); }

const ir::Expr* lowerLet(Context& cx, int slot) {
  LetInfo& info = cx.lets[slot];
  ir::Let& let = cx.program.lets[slot];
  if (info.state == LetInfo::State::Done) return let.value;
  if (info.state == LetInfo::State::Lowering) {
    cx.diags.error("E221", info.decl->nameRange, fmt::format("“{}”的定义循环引用了自身", let.name),
                   fmt::format("'{}' is defined in terms of itself", let.name));
    let.value = poison(cx, info.decl->range);
    return let.value;
  }
  // A 令 is lowered where it is first used, so a chain of thousands of 令,
  // each using the next, would recurse once per link: refuse it clearly
  // rather than run out of stack. 200, like brackets (kMaxNesting): deep
  // enough for any real table, shallow enough for a sanitizer's larger frames.
  constexpr int kMaxLetDepth = 200;
  if (cx.letDepth >= kMaxLetDepth) {
    cx.diags.error("E007", info.decl->nameRange,
                   fmt::format("“{}”经过的“令”层层相套超过上限 {}", let.name, kMaxLetDepth),
                   fmt::format("'{}' is reached through more than {} nested 令", let.name, kMaxLetDepth));
    info.state = LetInfo::State::Done;
    let.value = poison(cx, info.decl->range);
    return let.value;
  }
  info.state = LetInfo::State::Lowering;
  ++cx.letDepth;
  const ir::Expr* value = lowerExpr(cx, *info.decl->value, letScope(cx, let.node));
  --cx.letDepth;
  if (info.state == LetInfo::State::Lowering) {  // not already poisoned by a cycle
    let.value = value;
    info.state = LetInfo::State::Done;
  }
  return let.value;
}

std::optional<Decimal> constantOf(const ir::Expr* e) {
  Decimal a, b, out;
  switch (e->op) {
    case Op::Const:
      if (e->type.kind != Type::Kind::Number) return std::nullopt;
      return e->number;
    case Op::Neg:
      if (auto v = constantOf(e->args[0]); v && checkedNeg(*v, out) == DecimalStatus::Ok) return out;
      return std::nullopt;
    case Op::Add: case Op::Sub: case Op::Mul: case Op::Div: {
      auto x = constantOf(e->args[0]), y = constantOf(e->args[1]);
      if (!x || !y) return std::nullopt;
      DecimalStatus s = e->op == Op::Add ? checkedAdd(*x, *y, out) : e->op == Op::Sub ? checkedSub(*x, *y, out)
                      : e->op == Op::Mul ? checkedMul(*x, *y, out) : checkedDiv(*x, *y, out);
      if (s != DecimalStatus::Ok) return std::nullopt;
      return out;
    }
    default: return std::nullopt;
  }
}

std::optional<Decimal> requireConstant(Context& cx, const ir::Expr* e, const char* whatZh, const char* whatEn) {
  if (auto v = constantOf(e)) return v;
  cx.diags.error("E214", e->range, fmt::format("{}必须是常数", whatZh), fmt::format("{} must be a constant", whatEn));
  return std::nullopt;
}

}  // namespace defen::sema

#include "compiler/interp/interpreter.h"

#include "compiler/interp/scoring.h"

#include <fmt/format.h>

namespace defen {

namespace {

using ir::Op;

class ExprEvaluator final : public interp::Evaluator {
 public:
  ExprEvaluator(const ir::Program& p, const BoundRecord& rec) : p_(p), rec_(rec), lets_(p.lets.size()) {}

  Value eval(const ir::Expr* e, NodeResult& trace) override {
    trace_ = &trace;
    return value(e);
  }

  Decimal number(const ir::Expr* e, NodeResult& trace) override { return eval(e, trace).number; }
  bool truth(const ir::Expr* e, NodeResult& trace) override { return eval(e, trace).boolean; }

 private:
  const ir::Program& p_;
  const BoundRecord& rec_;
  std::vector<std::optional<Value>> lets_;
  NodeResult* trace_ = nullptr;

  [[noreturn]] void fail(const ir::Expr* e, const std::string& what) {
    throw interp::EvalError{fmt::format("{}（规则第{}行“{}”）", what, e->range.line, p_.text(e->range))};
  }

  Decimal checked(DecimalStatus s, Decimal v, const ir::Expr* e) {
    if (s == DecimalStatus::Overflow) fail(e, "计算溢出");
    if (s == DecimalStatus::DivisionByZero) fail(e->args[1], "除数为0");
    return v;
  }

  template <class T>
  static void note(std::vector<std::pair<int, T>>& list, int slot, const T& v) {
    for (const auto& [s, _] : list) if (s == slot) return;
    list.emplace_back(slot, v);
  }

  Value value(const ir::Expr* e) {
    Decimal out;
    switch (e->op) {
      case Op::Const: return e->type.kind == ir::Type::Kind::Bool ? Value::ofBool(e->boolean) : Value::ofNumber(e->number);
      case Op::Input: {
        const Value& v = rec_.inputs[e->slot];
        if (v.kind == Value::Kind::Missing) throw interp::MissingInput{e->slot};
        note(trace_->inputs, e->slot, v);
        return v;
      }
      case Op::HasValue: return Value::ofBool(rec_.inputs[e->slot].kind != Value::Kind::Missing);
      case Op::Let: {
        auto& cached = lets_[e->slot];
        if (!cached) cached = value(p_.lets[e->slot].value);
        if (cached->kind == Value::Kind::Number) note(trace_->lets, e->slot, cached->number);
        return *cached;
      }
      case Op::Neg: return Value::ofNumber(checked(checkedNeg(num(e->args[0]), out), out, e));
      case Op::Not: return Value::ofBool(!truth(e->args[0]));
      case Op::Add: return Value::ofNumber(checked(checkedAdd(num(e->args[0]), num(e->args[1]), out), out, e));
      case Op::Sub: return Value::ofNumber(checked(checkedSub(num(e->args[0]), num(e->args[1]), out), out, e));
      case Op::Mul: return Value::ofNumber(checked(checkedMul(num(e->args[0]), num(e->args[1]), out), out, e));
      case Op::Div: return Value::ofNumber(checked(checkedDiv(num(e->args[0]), num(e->args[1]), out), out, e));
      case Op::And: return Value::ofBool(truth(e->args[0]) && truth(e->args[1]));
      case Op::Or: return Value::ofBool(truth(e->args[0]) || truth(e->args[1]));
      case Op::Compare: return Value::ofBool(compare(e));
      case Op::If: return truth(e->args[0]) ? value(e->args[1]) : value(e->args[2]);
      case Op::Min: case Op::Max: {
        Decimal best = num(e->args[0]);
        for (size_t i = 1; i < e->args.size(); ++i) best = e->op == Op::Min ? min(best, num(e->args[i])) : max(best, num(e->args[i]));
        return Value::ofNumber(best);
      }
      case Op::Clamp: {
        Decimal x = num(e->args[0]), lo = num(e->args[1]), hi = num(e->args[2]);
        return Value::ofNumber(max(lo, min(hi, x)));
      }
      case Op::Ceil: return Value::ofNumber(checked(ceilTo(num(e->args[0]), 0, out), out, e));
      case Op::Floor: return Value::ofNumber(checked(floorTo(num(e->args[0]), 0, out), out, e));
      case Op::Abs: return Value::ofNumber(abs(num(e->args[0])));
      case Op::Round: return Value::ofNumber(checked(roundHalfAway(num(e->args[0]), e->places, out), out, e));
      case Op::Avg: {
        Decimal sum;
        for (const auto* a : e->args) checked(checkedAdd(sum, num(a), sum), sum, e);
        return Value::ofNumber(checked(checkedDiv(sum, Decimal::fromInt(static_cast<int64_t>(e->args.size())), out), out, e));
      }
      case Op::CountTrue: {
        int64_t n = 0;
        for (const auto* a : e->args) n += truth(a) ? 1 : 0;
        return Value::ofNumber(Decimal::fromInt(n));
      }
      case Op::EnumIs: return Value::ofBool(value(e->args[0]).enumIndex == e->slot);
      case Op::Bands: return bands(e);
    }
    fail(e, "内部错误：未知运算");
  }

  Decimal num(const ir::Expr* e) { return value(e).number; }
  bool truth(const ir::Expr* e) { return value(e).boolean; }

  bool compare(const ir::Expr* e) {
    Value left = value(e->args[0]);
    for (size_t i = 0; i < e->cmps.size(); ++i) {
      Value right = value(e->args[i + 1]);
      if (!interp::holds(e->cmps[i], left, right)) return false;
      left = right;
    }
    return true;
  }

  Value bands(const ir::Expr* e) {
    const ir::BandTable& t = p_.tables[e->table];
    Value subject = value(e->args[0]);
    for (size_t i = 0; i < t.cases.size(); ++i) {
      if (!interp::caseMatches(t.cases[i], subject)) continue;
      trace_->fired.push_back(FiredCase{e->table, static_cast<int>(i)});
      return value(t.cases[i].value);
    }
    std::string shown = subject.kind == Value::Kind::Number ? toString(subject.number) : "该值";
    fail(e, fmt::format("{} 不在任何分段内", shown));
  }
};

}  // namespace

RecordResult interpret(const ir::Program& program, const BoundRecord& record) {
  ExprEvaluator evaluator(program, record);
  return interp::scoreRecord(program, record, evaluator);
}

}  // namespace defen

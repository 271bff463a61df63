#include "compiler/interp/interpreter.h"

#include "compiler/eval/scorer.h"

namespace defen {

namespace {

using eval::Frame;
using eval::KernelStatus;
using eval::Raw;
using ir::Op;

// Unwinds a kernel's evaluation to its boundary; never escapes a kernel.
struct Stop { KernelStatus status; };

class Walker {
 public:
  Walker(const ir::Program& p, Frame& f) : p_(p), f_(f) {}

  Raw value(const ir::Expr* e) {
    switch (e->op) {
      case Op::Const: return e->type.kind == ir::Type::Kind::Bool ? (e->boolean ? 1 : 0) : e->number.raw();
      case Op::Input:
        if (!f_.present[e->slot]) {
          f_.missingSlot = e->slot;
          throw Stop{eval::kMissing};
        }
        return f_.inputs[e->slot];
      case Op::HasValue: return f_.present[e->slot] ? 1 : 0;
      case Op::Let:
        if (!f_.letDone[e->slot]) {
          f_.lets[e->slot] = value(p_.lets[e->slot].value);
          f_.letDone[e->slot] = 1;
        }
        return f_.lets[e->slot];
      case Op::Neg: return arith(checkedNeg(num(e->args[0]), out_), e);
      case Op::Not: return value(e->args[0]) ? 0 : 1;
      // Operands are read left to right, as the JIT does: which of two absent
      // inputs is reported (and so which missing-data policy applies) depends on it.
      case Op::Add: case Op::Sub: case Op::Mul: case Op::Div: {
        Decimal a = num(e->args[0]);
        Decimal b = num(e->args[1]);
        switch (e->op) {
          case Op::Add: return arith(checkedAdd(a, b, out_), e);
          case Op::Sub: return arith(checkedSub(a, b, out_), e);
          case Op::Mul: return arith(checkedMul(a, b, out_), e);
          default: return arith(checkedDiv(a, b, out_), e);
        }
      }
      case Op::And: return value(e->args[0]) && value(e->args[1]) ? 1 : 0;
      case Op::Or: return value(e->args[0]) || value(e->args[1]) ? 1 : 0;
      case Op::Compare: return compare(e) ? 1 : 0;
      case Op::If: return value(e->args[0]) ? value(e->args[1]) : value(e->args[2]);
      case Op::Min: case Op::Max: {
        Raw best = value(e->args[0]);
        for (size_t i = 1; i < e->args.size(); ++i) {
          Raw v = value(e->args[i]);
          best = e->op == Op::Min ? std::min(best, v) : std::max(best, v);
        }
        return best;
      }
      case Op::Clamp: {
        Raw x = value(e->args[0]), lo = value(e->args[1]), hi = value(e->args[2]);
        return std::max(lo, std::min(hi, x));
      }
      case Op::Ceil: return arith(ceilTo(snapForRounding(num(e->args[0])), 0, out_), e);
      case Op::Floor: return arith(floorTo(snapForRounding(num(e->args[0])), 0, out_), e);
      case Op::Abs: return abs(num(e->args[0])).raw();
      case Op::Round: return arith(roundSnapped(num(e->args[0]), e->places, out_), e);
      case Op::Avg: {
        Decimal sum;
        for (const auto* a : e->args) sum = Decimal::fromRaw(arith(checkedAdd(sum, num(a), out_), e));
        return arith(checkedDiv(sum, Decimal::fromInt(static_cast<int64_t>(e->args.size())), out_), e);
      }
      case Op::CountTrue: {
        int64_t n = 0;
        for (const auto* a : e->args) n += value(a) ? 1 : 0;
        return Decimal::fromInt(n).raw();
      }
      case Op::EnumIs: return value(e->args[0]) == e->slot ? 1 : 0;
      case Op::Bands: return bands(e);
    }
    fault(eval::kOverflow, e, 0);
  }

  Decimal num(const ir::Expr* e) { return Decimal::fromRaw(value(e)); }

 private:
  const ir::Program& p_;
  Frame& f_;
  Decimal out_;

  [[noreturn]] void fault(int32_t kind, const ir::Expr* e, Raw v) {
    f_.errorKind = kind;
    f_.errorExpr = e->id;
    f_.errorValue = v;
    throw Stop{eval::kError};
  }

  Raw arith(DecimalStatus s, const ir::Expr* e) {
    if (s == DecimalStatus::Overflow) fault(eval::kOverflow, e, 0);
    if (s == DecimalStatus::DivisionByZero) fault(eval::kDivisionByZero, e, 0);
    return out_.raw();
  }

  bool compare(const ir::Expr* e) {
    Raw left = value(e->args[0]);
    for (size_t i = 0; i < e->cmps.size(); ++i) {
      Raw right = value(e->args[i + 1]);
      if (!ir::holds(e->cmps[i], left, right)) return false;
      left = right;
    }
    return true;
  }

  Raw bands(const ir::Expr* e) {
    const ir::BandTable& t = p_.tables[e->table];
    Raw subject = value(e->args[0]);
    for (size_t i = 0; i < t.cases.size(); ++i) {
      const ir::BandCase& c = t.cases[i];
      bool match = c.kind == ir::BandCase::Kind::Else ||
                   (c.kind == ir::BandCase::Kind::Label && subject == c.label) ||
                   (c.kind == ir::BandCase::Kind::Range && c.interval.contains(Decimal::fromRaw(subject)));
      if (!match) continue;
      f_.fired[e->table] = static_cast<int32_t>(i);
      return value(c.value);
    }
    fault(eval::kNoBand, e, subject);
  }
};

template <class F>
KernelStatus guarded(F&& body) {
  try {
    body();
    return eval::kOk;
  } catch (const Stop& s) {
    return s.status;
  }
}

}  // namespace

KernelStatus InterpreterKernels::naCondition(int node, int rule, Frame& f, bool& out) {
  Walker w(p_, f);
  return guarded([&] { out = w.value(p_.nodes[node].na[rule].when) != 0; });
}

KernelStatus InterpreterKernels::leaf(int node, Frame& f, Raw& out) {
  const ir::Node& n = p_.nodes[node];
  Walker w(p_, f);
  return guarded([&] {
    switch (n.rule) {
      case ir::RuleKind::Formula: out = w.value(n.formula); break;
      case ir::RuleKind::Checklist:
        for (const auto& item : n.items) f.itemMet[item.index] = w.value(item.condition) ? 1 : 0;
        break;
      case ir::RuleKind::Deductions:
        for (const auto& d : n.deductions) {
          Decimal amount, steps;
          if (d.kind == ir::Deduction::Kind::Plain) {
            amount = w.num(d.points);
          } else {
            // Faults here name the measured amount (step) or the points (product).
            auto overflow = [&](const ir::Expr* where) {
              f.errorKind = eval::kOverflow;
              f.errorExpr = where->id;
              throw Stop{eval::kError};
            };
            Decimal measured = w.num(d.subject);
            if (measured > Decimal()) {
              if (checkedDiv(measured, d.step, steps) != DecimalStatus::Ok) overflow(d.subject);
              DecimalStatus s = DecimalStatus::Ok;
              if (d.partial == ir::Partial::Ceil) s = ceilTo(snapForRounding(steps), 0, steps);
              else if (d.partial == ir::Partial::Floor) s = floorTo(snapForRounding(steps), 0, steps);
              if (s != DecimalStatus::Ok) overflow(d.subject);
            }
            Decimal points = w.num(d.points);
            if (checkedMul(steps, points, amount) != DecimalStatus::Ok) overflow(d.points);
          }
          f.deducted[d.index] = amount.raw();
          f.steps[d.index] = steps.raw();
        }
        break;
      default: break;
    }
  });
}

KernelStatus InterpreterKernels::bonusLine(int bonus, int line, Frame& f, Raw& out) {
  Walker w(p_, f);
  return guarded([&] { out = w.value(p_.bonuses[bonus].lines[line].points); });
}

KernelStatus InterpreterKernels::rowExpr(int index, Frame& f, Raw& out) {
  Walker w(p_, f);
  return guarded([&] { out = w.value(p_.rowExprs[index]); });
}

RecordResult interpret(const ir::Program& program, const BoundRecord& record) {
  InterpreterKernels kernels(program);
  eval::Scorer scorer(program, kernels);
  const eval::Scored& scored = scorer.score(record);
  return eval::materialize(program, record, scored, scorer.scratch());
}

}  // namespace defen

#include "compiler/interp/interpreter.h"

#include "compiler/core/result.h"

namespace defen {

namespace {

using eval::Frame;
using eval::NodeSlot;
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

// Points deducted by one line (and the steps counted), into the trace slots.
void deduct(Walker& w, Frame& f, const ir::Deduction& d) {
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

// Where the loop goes after a step.
enum class Next { On, Settle, End, Stop };

// What each step of the plan means (plan.h), over the frame. The JIT emits
// the same for each step (compiler/jit/codegen.cpp).
class Runner {
 public:
  Runner(const ir::Program& p, Frame& f) : p_(p), f_(f), w_(p, f) {}

  Next step(const plan::Step& s) {
    using plan::Op;
    switch (s.op) {
      case Op::Applies: return applies(s.node);
      case Op::NaWhen: return naWhen(s);
      case Op::Enter: return f_.nodes[s.node].failed ? Next::End : Next::On;
      case Op::Settled: return settled(s.node);
      case Op::Formula: return expression(s.node, [&] { exact_ = w_.value(s.expr); });
      case Op::Item:
        return expression(s.node, [&] { f_.itemMet[p_.nodes[s.node].items[s.index].index] = w_.value(s.expr) ? 1 : 0; });
      case Op::ItemsTotal: return itemsTotal(s.node);
      case Op::Deduct: return expression(s.node, [&] { deduct(w_, f_, p_.nodes[s.node].deductions[s.index]); });
      case Op::DeductionsTotal: return deductionsTotal(s.node);
      case Op::Review: return review(s.node);
      case Op::Check: return check(s.node);
      case Op::Sum: return sum(s.node);
      case Op::Rows: return Next::On;  // score, computed and incomplete are in the slot already
      case Op::Override: {
        NodeSlot& n = f_.nodes[s.node];
        if (const eval::NodeInput& d = f_.nodeData[s.node]; d.hasOverride) {
          n.computedStatus = n.status;
          n.status = status(NodeStatus::Overridden);
          n.score = d.override;
          n.incomplete = 0;  // the 核定分 replaces the sum that lacked a faulted indicator
        }
        return Next::On;
      }
      case Op::Roots: return roots();
      case Op::BonusLine: return bonusLine(s);
      case Op::Total: return total();
      case Op::Grade: {
        if (f_.anyFault) return Next::On;  // no grade for an incomplete total
        for (size_t g = 0; g < p_.grades.size(); ++g)
          if (p_.grades[g].range.contains(Decimal::fromRaw(f_.total))) {
            f_.grade = static_cast<int32_t>(g);
            break;
          }
        return Next::On;
      }
    }
    return Next::On;
  }

 private:
  const ir::Program& p_;
  Frame& f_;
  Walker w_;
  Raw exact_ = 0;  // the node's exact score, from its rule to Check

  static uint8_t status(NodeStatus s) { return static_cast<uint8_t>(s); }
  Raw weight(int id) const { return p_.nodes[id].weight.raw(); }

  Next fail(int id, int32_t code, int32_t expr = -1, int32_t arg = -1, Raw value = 0) {
    NodeSlot& n = f_.nodes[id];
    n.failed = 1;
    n.incomplete = 0;
    n.score = n.computed = 0;
    n.fault = code;
    n.faultExpr = expr;
    n.faultArg = arg;
    n.faultValue = value;
    f_.faultLog[f_.faultCount++] = id;
    f_.anyFault = 1;
    return Next::End;
  }
  Next rowFault(int32_t code, int32_t arg = -1) {
    f_.rowFault = code;
    f_.rowFaultArg = arg;
    return Next::Stop;
  }

  // An absent input's policy decides the node; a required one faults it.
  Next missing(int id, int slot, Next decided) {
    NodeSlot& n = f_.nodes[id];
    switch (p_.inputs[slot].missing) {
      case ir::Input::Missing::Full: n.computed = weight(id); break;
      case ir::Input::Missing::Zero: n.computed = 0; break;
      case ir::Input::Missing::NotApplicable: n.counted = 0; n.computed = 0; break;
      default: return fail(id, eval::kFaultMissingInput, -1, slot);
    }
    n.status = status(NodeStatus::Missing);
    n.missingInput = slot;
    n.score = n.computed;
    return decided;
  }

  // Evaluates a rule's expressions; their faults are the node's.
  template <class Body>
  Next expression(int id, Body&& body) {
    switch (guarded(body)) {
      case eval::kOk: return Next::On;
      case eval::kMissing: return missing(id, f_.missingSlot, Next::Settle);
      default: return fail(id, f_.errorKind, f_.errorExpr, -1, f_.errorValue);
    }
  }

  Next applies(int id) {
    NodeSlot& n = f_.nodes[id];
    if (n.failed) return Next::End;  // a refused cell it reads
    int parent = p_.nodes[id].parent;
    if (parent >= 0 && f_.nodes[parent].status == status(NodeStatus::NotApplicable)) {
      n.status = status(NodeStatus::NotApplicable);
      n.inheritedNa = 1;
      n.counted = 0;
      return Next::End;
    }
    return Next::On;
  }

  Next naWhen(const plan::Step& s) {
    Raw when = 0;
    switch (guarded([&] { when = w_.value(s.expr); })) {
      case eval::kOk: break;
      case eval::kMissing: return missing(s.node, f_.missingSlot, Next::End);
      default: return fail(s.node, f_.errorKind, f_.errorExpr, -1, f_.errorValue);
    }
    if (!when) return Next::On;
    NodeSlot& n = f_.nodes[s.node];
    n.status = status(NodeStatus::NotApplicable);
    n.naRule = s.index;
    n.counted = p_.nodes[s.node].na[s.index].policy != ir::NaRule::Policy::Rescale;
    return Next::End;
  }

  Next settled(int id) {
    NodeSlot& n = f_.nodes[id];
    if (n.status == status(NodeStatus::Missing)) return Next::Settle;  // an override still applies
    if (n.status != status(NodeStatus::NotApplicable)) return Next::On;
    // A dropped indicator has no score to override: say so rather than ignore the data.
    if (n.inheritedNa || !n.counted) return f_.nodeData[id].hasOverride ? fail(id, eval::kFaultOverrideOfDropped) : Next::End;
    const ir::NaRule& rule = p_.nodes[id].na[n.naRule];
    if (rule.policy == ir::NaRule::Policy::Full) n.computed = weight(id);
    else if (rule.policy == ir::NaRule::Policy::Move && moved(id, rule) == Next::End) return Next::End;
    n.score = n.computed;
    return Next::Settle;
  }

  // 转入: the weight moves to the targets in equal shares; their score rate applies.
  Next moved(int id, const ir::NaRule& rule) {
    Decimal share, total, out;
    if (checkedDiv(p_.nodes[id].weight, Decimal::fromInt(static_cast<int64_t>(rule.targets.size())), share) != DecimalStatus::Ok)
      return fail(id, eval::kFaultArithmetic);
    for (int t : rule.targets) {
      const NodeSlot& target = f_.nodes[t];
      if (target.failed || target.incomplete) return fail(id, eval::kFaultMoveTargetFailed, -1, t);
      if (!target.counted) return fail(id, eval::kFaultMoveTargetDropped, -1, t);
      Decimal rate = Decimal::one(), part;
      if (!p_.nodes[t].weight.isZero() && checkedDiv(Decimal::fromRaw(target.score), p_.nodes[t].weight, rate) != DecimalStatus::Ok)
        return fail(id, eval::kFaultArithmetic);
      if (checkedMul(share, rate, part) != DecimalStatus::Ok || checkedAdd(total, part, total) != DecimalStatus::Ok)
        return fail(id, eval::kFaultArithmetic);
    }
    if (roundSnapped(total, p_.places, out) != DecimalStatus::Ok) return fail(id, eval::kFaultRounding);
    f_.nodes[id].computed = out.raw();
    return Next::On;
  }

  Next itemsTotal(int id) {
    Decimal total;
    for (const auto& item : p_.nodes[id].items)
      if (f_.itemMet[item.index] && checkedAdd(total, item.points, total) != DecimalStatus::Ok) return fail(id, eval::kFaultArithmetic);
    exact_ = total.raw();
    return Next::On;
  }

  Next deductionsTotal(int id) {
    const ir::Node& node = p_.nodes[id];
    Decimal total, left;
    for (size_t i = 0; i < node.deductions.size(); ++i) {
      Decimal amount = Decimal::fromRaw(f_.deducted[node.deductions[i].index]);
      if (amount < Decimal()) return fail(id, eval::kFaultNegativeDeduction, -1, static_cast<int32_t>(i), amount.raw());
      if (checkedAdd(total, amount, total) != DecimalStatus::Ok) return fail(id, eval::kFaultArithmetic);
    }
    if (node.deductionCap && total > *node.deductionCap) {
      total = *node.deductionCap;
      f_.nodes[id].capped = 1;
    }
    if (checkedSub(node.weight, total, left) != DecimalStatus::Ok) return fail(id, eval::kFaultArithmetic);
    exact_ = max(Decimal(), left).raw();
    return Next::On;
  }

  Next review(int id) {
    const ir::Node& node = p_.nodes[id];
    const eval::NodeInput& data = f_.nodeData[id];
    if (!f_.present[node.reviewInput]) return fail(id, eval::kFaultReviewMissing);
    if (!data.hasReason) return fail(id, eval::kFaultReviewNoReason);
    Decimal v = Decimal::fromRaw(f_.inputs[node.reviewInput]);
    if (v > node.weight) return fail(id, eval::kFaultReviewAboveWeight, -1, -1, v.raw());
    if (!node.tiers.empty()) {
      if (data.tier == eval::kNoTier) return fail(id, eval::kFaultReviewNoTier);
      if (data.tier == eval::kUnknownTier) return fail(id, eval::kFaultReviewUnknownTier);
      Decimal fraction;
      if (checkedDiv(v, node.weight, fraction) != DecimalStatus::Ok) return fail(id, eval::kFaultArithmetic);
      if (!node.tiers[data.tier].fraction.contains(fraction)) return fail(id, eval::kFaultReviewOutsideTier, -1, data.tier, v.raw());
    }
    exact_ = v.raw();
    return Next::On;
  }

  Next check(int id) {
    const ir::Node& node = p_.nodes[id];
    // The exact score must lie in [0, 分值]; rounding must not hide -0.000001.
    if (exact_ < 0 || exact_ > node.weight.raw()) return fail(id, eval::kFaultOutOfRange, -1, -1, exact_);
    Decimal rounded;
    if (roundSnapped(Decimal::fromRaw(exact_), p_.places, rounded) != DecimalStatus::Ok) return fail(id, eval::kFaultRounding);
    NodeSlot& n = f_.nodes[id];
    n.computed = n.score = rounded.raw();
    if (node.rule == ir::RuleKind::Review) n.status = status(NodeStatus::Reviewed);
    return Next::On;
  }

  Next sum(int id) {
    const ir::Node& node = p_.nodes[id];
    NodeSlot& n = f_.nodes[id];
    Decimal scores, weights;
    bool dropped = false;
    for (int c : node.children) {
      const NodeSlot& child = f_.nodes[c];
      if (!child.counted) { dropped = true; continue; }
      // A faulted child adds nothing but keeps its weight: its score is unknown, not absent.
      if (child.failed || child.incomplete) n.incomplete = 1;
      if (!child.failed && checkedAdd(scores, Decimal::fromRaw(child.score), scores) != DecimalStatus::Ok) return fail(id, eval::kFaultArithmetic);
      if (checkedAdd(weights, p_.nodes[c].weight, weights) != DecimalStatus::Ok) return fail(id, eval::kFaultArithmetic);
    }
    if (dropped && weights.isZero()) {  // every child dropped: so is the parent
      n.status = status(NodeStatus::NotApplicable);
      n.counted = 0;
      return Next::On;
    }
    if (dropped) {
      Decimal scaled;
      if (checkedMul(node.weight, scores, scaled) != DecimalStatus::Ok || checkedDiv(scaled, weights, scaled) != DecimalStatus::Ok)
        return fail(id, eval::kFaultArithmetic);
      if (roundSnapped(scaled, p_.places, scores) != DecimalStatus::Ok) return fail(id, eval::kFaultRounding);
    }
    n.computed = n.score = scores.raw();
    return Next::On;
  }

  Next roots() {
    Decimal scores, weights;
    bool dropped = false;
    for (int root : p_.roots) {
      const NodeSlot& n = f_.nodes[root];
      if (!n.counted) { dropped = true; continue; }
      if (!n.failed && checkedAdd(scores, Decimal::fromRaw(n.score), scores) != DecimalStatus::Ok) return rowFault(eval::kFaultArithmetic);
      if (checkedAdd(weights, p_.nodes[root].weight, weights) != DecimalStatus::Ok) return rowFault(eval::kFaultArithmetic);
    }
    if (dropped) {
      if (weights.isZero()) return rowFault(eval::kFaultAllNotApplicable);
      if (checkedMul(p_.total, scores, scores) != DecimalStatus::Ok || checkedDiv(scores, weights, scores) != DecimalStatus::Ok)
        return rowFault(eval::kFaultArithmetic);
    }
    f_.sum = scores.raw();
    return Next::On;
  }

  // A 加减分 line that faults adds nothing; the total says it is incomplete.
  Next bonusLine(const plan::Step& s) {
    eval::BonusSlot& line = f_.bonusLines[s.index];
    const ir::BonusLine& text = p_.bonuses[s.bonus].lines[s.line];
    ++f_.bonusLinesDone;
    if (line.fault != eval::kNoFault) return Next::On;  // a refused cell the block reads
    auto lineFault = [&](int32_t code, int32_t expr, int32_t arg, Raw value) {
      line.fault = code;
      line.faultExpr = expr;
      line.faultArg = arg;
      line.faultValue = value;
      f_.anyFault = 1;
      return Next::On;
    };
    Raw raw = 0;
    switch (guarded([&] { raw = w_.value(s.expr); })) {
      case eval::kOk: break;
      // An absent optional count (缺失时 …) earns no bonus and costs no penalty.
      case eval::kMissing:
        if (p_.inputs[f_.missingSlot].missing == ir::Input::Missing::Required)
          return lineFault(eval::kFaultMissingInput, -1, f_.missingSlot, 0);
        raw = 0;
        break;
      default: return lineFault(f_.errorKind, f_.errorExpr, -1, f_.errorValue);
    }
    if (raw < 0) return lineFault(eval::kFaultNegativeBonus, -1, -1, raw);
    if (text.cap) raw = std::min(raw, text.cap->raw());
    line.value = raw;
    Decimal side = Decimal::fromRaw(text.plus ? f_.bonus : f_.penalty);
    if (checkedAdd(side, Decimal::fromRaw(raw), side) != DecimalStatus::Ok) return rowFault(eval::kFaultArithmetic, s.bonus);
    (text.plus ? f_.bonus : f_.penalty) = side.raw();
    return Next::On;
  }

  // “加分后总分不能超过100分；减分后总分不能低于0分”: the bonus is added and
  // capped at 总分, then the penalty is subtracted and floored at 0.
  Next total() {
    Decimal scores, penalty = Decimal::fromRaw(f_.penalty), raw, out;
    if (checkedAdd(Decimal::fromRaw(f_.sum), Decimal::fromRaw(f_.bonus), scores) != DecimalStatus::Ok) return rowFault(eval::kFaultArithmetic);
    f_.rawTotal = scores.raw();
    scores = min(p_.total, scores);
    if (checkedSub(scores, penalty, scores) != DecimalStatus::Ok) return rowFault(eval::kFaultArithmetic);
    if (checkedSub(Decimal::fromRaw(f_.rawTotal), penalty, raw) == DecimalStatus::Ok) f_.rawTotal = raw.raw();
    if (roundSnapped(max(Decimal(), scores), p_.places, out) != DecimalStatus::Ok) return rowFault(eval::kFaultRounding);
    f_.total = out.raw();
    return Next::On;
  }
};

}  // namespace

void InterpreterKernels::run(Frame& f) {
  Runner runner(p_, f);
  const std::vector<plan::Step>& steps = plan_.steps;
  size_t i = 0;
  while (i < steps.size()) {
    const plan::Step& s = steps[i];
    switch (runner.step(s)) {
      case Next::On: ++i; break;
      case Next::Settle: i = static_cast<size_t>(s.settle); break;
      case Next::End: i = static_cast<size_t>(s.end); break;
      case Next::Stop: return;
    }
  }
}

KernelStatus InterpreterKernels::rowExpr(int index, Frame& f, Raw& out) {
  Walker w(p_, f);
  return guarded([&] { out = w.value(p_.rowExprs[index]); });
}

}  // namespace defen

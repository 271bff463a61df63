// Solving an expression backwards to inputs: which values make
// 年度实际支出 ÷ 财政下达预算数 equal 90%? The solver decides a denominator
// (1,000,000.00元 makes the ratio exact), then the numerator that absorbs the
// target (900,000.00元), and reports that input so a caller can nudge it off
// the edge. Free choices (which side of a + b to decide first, which sign of
// |x|, what a free side holds) are the caller's: random for the differential
// tests' records, fixed and readable for `defen cases`.
#pragma once

#include "compiler/ir/ir.h"
#include "compiler/sema/intervals.h"
#include "compiler/core/value.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace defen::ruletest {

class SolverChoices {
 public:
  virtual ~SolverChoices() = default;
  virtual bool coin() = 0;                               // a free yes/no choice
  virtual uint64_t below(uint64_t n) = 0;                // one of n alternatives
  virtual Decimal freeValue(const ir::Expr* e) = 0;      // the free side of a + b = t
  virtual Decimal denominator(const ir::Expr* e) = 0;    // a divisor to decide first
};

class Solver {
 public:
  Solver(const ir::Program& program, SolverChoices& choices) : p(program), choices_(choices) {}

  const ir::Program& p;
  // Per-record state: the record's values, which inputs the current target has
  // decided (so a + b − b is solved once), and which any target decided.
  std::vector<Value> vals;
  std::vector<char> fixed;
  std::vector<char> pinned;

  // Starts a record from `values` with nothing decided.
  void reset(std::vector<Value> values);

  InputKind kind(int slot) const { return p.inputs[static_cast<size_t>(slot)].spec.kind; }
  bool isNumber(int slot) const;
  // The values the binder accepts: the declared 范围, else the kind's own.
  sema::Interval domain(int slot) const;
  // One step of the kind: a cent of money, 0.01% of a ratio, one of a count.
  Decimal unit(int slot) const;
  // The nearest value the binder would accept (whole counts, inside 范围).
  std::optional<Decimal> fit(int slot, Decimal v) const;

  // The value of `e` from the inputs decided so far (all inputs when
  // `everything`), if it can be told without evaluating a band table.
  std::optional<Decimal> known(const ir::Expr* e) const;
  std::optional<bool> knownBool(const ir::Expr* e) const;
  // Sets inputs so that `e` evaluates to `target` (as nearly as the inputs'
  // kinds allow). Returns the input that absorbed the target last, or -1.
  int solve(const ir::Expr* e, Decimal target, int depth = 0);
  // The value of `e` over the record as it stands (every input counts as decided).
  std::optional<Decimal> evaluate(const ir::Expr* e);

 private:
  SolverChoices& choices_;
  bool everything_ = false;  // known(): read undecided inputs too, evaluate every operator
  int solveBands(const ir::Expr* e, Decimal target, int depth);
  std::optional<Decimal> evaluateRest(const ir::Expr* e) const;
};

}  // namespace defen::ruletest

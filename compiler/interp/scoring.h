// Scoring a record from the indicator tree down: applicability (不考核),
// rules, missing-data policies, weight moves, rescaling, overrides, rounding,
// bonus and penalty, total and grade. Expressions are evaluated through the
// Evaluator interface, so this logic is the same whichever engine computes
// the expressions.
#pragma once

#include "compiler/bind/binder.h"
#include "compiler/ir/ir.h"
#include "runtime/result.h"

#include <string>

namespace defen::interp {

// Thrown by an evaluator; caught per node or per record.
struct EvalError { std::string message; };
struct MissingInput { int slot; };

class Evaluator {
 public:
  virtual ~Evaluator() = default;
  // Evaluates an expression, recording inputs, 令 and fired band cases in `trace`.
  virtual Value eval(const ir::Expr* e, NodeResult& trace) = 0;
  virtual Decimal number(const ir::Expr* e, NodeResult& trace) = 0;
  virtual bool truth(const ir::Expr* e, NodeResult& trace) = 0;
};

bool holds(ir::Cmp cmp, const Value& a, const Value& b);
bool caseMatches(const ir::BandCase& c, const Value& subject);

RecordResult scoreRecord(const ir::Program& program, const BoundRecord& record, Evaluator& evaluator);

}  // namespace defen::interp

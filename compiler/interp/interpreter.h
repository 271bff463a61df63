// The reference back end: a small loop over the ruleset's plan (compiler/
// plan/plan.h) that walks each step's expressions in the checked IR. Values
// are raw 128-bit decimals (a yes/no is 0/1, an enum its index), exactly as
// the JIT's native code holds them, and every result goes into the frame.
#pragma once

#include "compiler/ir/kernels.h"
#include "compiler/ir/ir.h"
#include "compiler/ir/plan/plan.h"

namespace defen {

class InterpreterKernels final : public eval::Kernels {
 public:
  explicit InterpreterKernels(const ir::Program& program) : p_(program), plan_(plan::lowerPlan(program)) {}
  void run(eval::Frame& f) override;
  const plan::Plan& plan() const { return plan_; }
  eval::KernelStatus rowExpr(int index, eval::Frame& f, eval::Raw& out) override;

 private:
  const ir::Program& p_;
  plan::Plan plan_;
};

}  // namespace defen

// The reference back end: walks the checked IR for each kernel the shared
// scorer asks for. Values are raw 128-bit decimals (a yes/no is 0/1, an enum
// its index), exactly as the JIT's native code holds them.
#pragma once

#include "compiler/bind/binder.h"
#include "compiler/eval/kernels.h"
#include "compiler/ir/ir.h"
#include "runtime/result.h"

namespace defen {

class InterpreterKernels final : public eval::Kernels {
 public:
  explicit InterpreterKernels(const ir::Program& program) : p_(program) {}
  eval::KernelStatus naCondition(int node, int rule, eval::Frame& f, bool& out) override;
  eval::KernelStatus leaf(int node, eval::Frame& f, eval::Raw& out) override;
  eval::KernelStatus bonusLine(int bonus, int line, eval::Frame& f, eval::Raw& out) override;
  eval::KernelStatus rowExpr(int index, eval::Frame& f, eval::Raw& out) override;

 private:
  const ir::Program& p_;
};

// Scores one record with the interpreter (convenience for tests and tools).
RecordResult interpret(const ir::Program& program, const BoundRecord& record);

}  // namespace defen

// What an engine computes for the shared scorer: the parts of a record that
// depend on expressions. Everything else — applicability, weight moves,
// rescaling, overrides, rounding, bonus and total — is the scorer's, written
// once, so the interpreter and the JIT cannot drift apart on it.
#pragma once

#include "compiler/eval/frame.h"

namespace defen::eval {

class Kernels {
 public:
  virtual ~Kernels() = default;
  // Value of the node's `rule`-th 不考核 condition.
  virtual KernelStatus naCondition(int node, int rule, Frame& f, bool& out) = 0;
  // Formula: the exact score. Checklist: fills itemMet. Deductions: fills
  // deducted and steps for the node's lines. (Review is the scorer's.)
  virtual KernelStatus leaf(int node, Frame& f, Raw& out) = 0;
  // Points of one 加分/减分 line, before its cap.
  virtual KernelStatus bonusLine(int bonus, int line, Frame& f, Raw& out) = 0;
  // Value of Program::rowExprs[index] (a condition is 0/1), over the row loaded into the frame.
  virtual KernelStatus rowExpr(int index, Frame& f, Raw& out) = 0;
};

}  // namespace defen::eval

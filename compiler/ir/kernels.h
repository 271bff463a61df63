// An engine: what runs a ruleset's plan (compiler/ir/plan/plan.h) over one
// record's frame. The interpreter walks the plan's steps; the JIT runs one
// native function compiled from them. Both write the same frame, and
// eval::Scorer reads the results from it, so the engines cannot differ in
// how a result is reported, only in what they compute — which the
// differential test compares field by field.
//
// (The name is historical: engines used to supply only the expression
// kernels, with the scorecard rules in the Scorer.)
#pragma once

#include "compiler/ir/frame.h"

namespace defen::eval {

class Kernels {
 public:
  virtual ~Kernels() = default;
  // Scores the record loaded into `f`: every step of the plan, in order.
  // Thread-safe: all state is in the frame.
  virtual void run(Frame& f) = 0;
  // Value of Program::rowExprs[index] (a condition is 0/1), over the row loaded into the frame.
  // Row sets are scored by the Scorer before `run`, one row at a time, through this entry.
  virtual KernelStatus rowExpr(int index, Frame& f, Raw& out) = 0;
};

}  // namespace defen::eval

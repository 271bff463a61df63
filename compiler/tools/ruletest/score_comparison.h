// Field-by-field comparison of two scorings of one record — the interpreter's
// and the JIT's — over everything either engine decides: record-level
// results, every node's score, status and flags, error messages to the
// character, and the trace (bands fired, checklist items met, deductions and
// steps, 令 values). Used by the differential test and the differential
// fuzz target (fuzz/), so both hold the engines to the same standard.
#pragma once

#include "compiler/eval/scorer.h"
#include "compiler/ir/ir.h"

#include <string>
#include <vector>

namespace defen::ruletest {

struct Difference {
  std::string field, interp, jit;
};

// "2 error(s)" and each message on its own line, for failure messages.
std::string showErrors(const std::vector<std::string>& errors);

class Comparison {
 public:
  // `all`: every differing field, not only the first.
  Comparison(const ir::Program& p, bool all) : p_(p), all_(all) {}

  // The fields in which the two scorings differ, in a fixed order:
  // record-level results, then each node, then the trace arrays.
  const std::vector<Difference>& operator()(const eval::Scored& a, const eval::Scratch& ta, const eval::Scored& b,
                                            const eval::Scratch& tb);

 private:
  const ir::Program& p_;
  bool all_;
  std::vector<Difference> diffs_;

  bool done() const { return !all_ && !diffs_.empty(); }
  std::string nodeName(int id) const;
  void errors(const std::vector<std::string>& a, const std::vector<std::string>& b);
  template <class Name, class T>
  void check(Name&& field, const T& a, const T& b);
};

}  // namespace defen::ruletest

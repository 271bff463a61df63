// Target: the evaluator on arbitrary records against every shipped ruleset
// (fuzz_record.h says how bytes become a row): bind the row, score it with the
// interpreter, and build the report-facing result with every indicator's
// 评分说明. Errors in the row are expected; a crash, a sanitizer report or a
// broken invariant of the result is a finding.
#include "fuzz/fuzz_record.h"

#include "compiler/eval/scorer.h"
#include "compiler/interp/interpreter.h"

#include <cstdio>
#include <memory>
#include <vector>

namespace {

struct Engines {
  std::vector<std::unique_ptr<defen::InterpreterKernels>> kernels;
  std::vector<std::unique_ptr<defen::eval::Scorer>> scorers;
};

Engines& engines() {
  static Engines e = [] {
    Engines out;
    for (const auto& rs : defen::fuzz::shippedRulesets()) {
      out.kernels.push_back(std::make_unique<defen::InterpreterKernels>(rs.program()));
      out.scorers.push_back(std::make_unique<defen::eval::Scorer>(rs.program(), *out.kernels.back()));
    }
    return out;
  }();
  return e;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  engines();  // compile and generate before the first input, not during it
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace defen;
  fuzz::DecodedRow row = fuzz::decodeRow(data, size);
  if (!row.ruleset) return 0;
  const size_t index = static_cast<size_t>(row.ruleset - fuzz::shippedRulesets().data());
  eval::Scorer& scorer = *engines().scorers[index];
  const eval::Scored& scored = scorer.score(row.record);
  RecordResult result = eval::materialize(row.ruleset->program(), row.record, scored, scorer.scratch(), true);
  // A record with errors is not scored; one without is, and has a total.
  if (scored.ok != scored.errors.empty() || result.errors.size() != scored.errors.size()) {
    std::fprintf(stderr, "ruleset %s: ok=%d with %zu error(s); row %s\n", row.ruleset->name.c_str(), scored.ok, scored.errors.size(),
                 fuzz::rowJson(row).c_str());
    __builtin_trap();
  }
  // One fault, one indicator: an incomplete total comes with errors and
  // reasons and no grade; a failed indicator has its own message.
  bool failedWithoutMessage = false;
  for (const auto& n : result.nodes) failedWithoutMessage |= n.status == NodeStatus::Failed && n.errors.empty();
  if ((scored.incomplete && (scored.ok || scored.errors.empty() || scored.incompleteReasons.empty() || scored.grade >= 0)) ||
      failedWithoutMessage) {
    std::fprintf(stderr, "ruleset %s: incomplete=%d with %zu error(s), %zu reason(s), grade %d; row %s\n", row.ruleset->name.c_str(),
                 scored.incomplete, scored.errors.size(), scored.incompleteReasons.size(), scored.grade, fuzz::rowJson(row).c_str());
    __builtin_trap();
  }
  return 0;
}

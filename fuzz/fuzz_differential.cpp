// Target: the interpreter and the JIT on the same record (fuzz_record.h says
// how bytes become a row) must agree on everything — scores, statuses, flags,
// error messages, the trace (compiler/tools/ruletest/score_comparison.h). A
// difference prints the ruleset, the field, both values and the row as JSON
// for `defen eval --engine …`, then traps.
//
// The JIT is LLVM 19 compiled into this clang-14 build like any other
// library; each shipped ruleset is compiled once per process, fresh (no cache:
// the point is today's code generator).
#include "fuzz/fuzz_record.h"

#include "compiler/eval/scorer.h"
#include "compiler/interp/interpreter.h"
#include "compiler/jit/jit.h"
#include "compiler/tools/ruletest/score_comparison.h"

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

namespace {

struct Pair {
  std::unique_ptr<defen::InterpreterKernels> interp;
  std::unique_ptr<defen::JitProgram> jit;
  std::unique_ptr<defen::eval::Scorer> byInterp, byJit;
  std::unique_ptr<defen::ruletest::Comparison> compare;
};

std::vector<Pair>& pairs() {
  static std::vector<Pair> all = [] {
    std::vector<Pair> out;
    for (const auto& rs : defen::fuzz::shippedRulesets()) {
      Pair p;
      p.interp = std::make_unique<defen::InterpreterKernels>(rs.program());
      defen::JitOptions options;
      options.useCache = false;
      std::string error;
      p.jit = defen::JitProgram::compile(rs.program(), rs.compilation.source->text(), options, error);
      if (!p.jit) {
        std::fprintf(stderr, "fuzz: JIT compilation of %s failed: %s\n", rs.name.c_str(), error.c_str());
        std::abort();
      }
      p.byInterp = std::make_unique<defen::eval::Scorer>(rs.program(), *p.interp);
      p.byJit = std::make_unique<defen::eval::Scorer>(rs.program(), p.jit->kernels());
      p.compare = std::make_unique<defen::ruletest::Comparison>(rs.program(), true);
      out.push_back(std::move(p));
    }
    return out;
  }();
  return all;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  pairs();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace defen;
  fuzz::DecodedRow row = fuzz::decodeRow(data, size);
  if (!row.ruleset) return 0;
  Pair& p = pairs()[static_cast<size_t>(row.ruleset - fuzz::shippedRulesets().data())];
  const eval::Scored& a = p.byInterp->score(row.record);
  const eval::Scored& b = p.byJit->score(row.record);
  const auto& diffs = (*p.compare)(a, p.byInterp->scratch(), b, p.byJit->scratch());
  if (diffs.empty()) return 0;
  std::fprintf(stderr, "interpreter and JIT disagree on ruleset %s\n", row.ruleset->name.c_str());
  for (const auto& d : diffs)
    std::fprintf(stderr, "  %s\n    interpreter: %s\n    jit:         %s\n", d.field.c_str(), d.interp.c_str(), d.jit.c_str());
  std::fprintf(stderr, "  interpreter errors: %s\n  jit errors: %s\n  row: %s\n", ruletest::showErrors(a.errors).c_str(),
               ruletest::showErrors(b.errors).c_str(), fuzz::rowJson(row).c_str());
  __builtin_trap();
}

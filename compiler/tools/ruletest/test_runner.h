// Runs the cases of a test file: binds each case's row as a data file's row
// would be bound, scores it with the interpreter and/or the JIT (which must
// agree on everything: scores, statuses, total, grade, errors), and compares
// the result with the case's expectations. Coverage is gathered on the way.
#pragma once

#include "compiler/eval/engine.h"
#include "compiler/tools/ruletest/coverage.h"
#include "compiler/tools/ruletest/test_file.h"
#include "compiler/core/result.h"

#include <string>
#include <vector>

namespace defen::ruletest {

struct Mismatch {
  enum class Kind {
    Expectation,  // an expectation did not hold
    Error,        // the case's row has errors and no 期望 错误 names them
    Engines,      // the interpreter and the JIT disagree
  };
  Kind kind = Kind::Expectation;
  SourceRange range;        // the expectation's line, else the case's
  std::string subject;      // 指标名, 总分, 等级, 加分, 减分, 错误
  std::string expected;     // as people read it: "4分", "良", "不考核"
  std::string actual;       // likewise; errors and disagreements: one per line
  std::string explanation;  // the indicator's 评分说明, when there is one
};

struct CaseOutcome {
  const TestCase* test = nullptr;
  RecordResult result;  // the interpreter's when it ran, else the JIT's
  std::vector<Mismatch> mismatches;
  bool passed() const { return mismatches.empty(); }
};

struct RunOptions {
  bool interpreter = true;
  bool jit = true;
};

struct FileOutcome {
  std::vector<CaseOutcome> cases;
  Coverage coverage;
  std::string engineError;  // the JIT could not compile the ruleset
  explicit FileOutcome(const ir::Program& p) : coverage(p) {}
  int failed() const;
};

FileOutcome runTests(const ir::Program& program, const TestFile& file, const RunOptions& options = {});

// Scores one case's row with one engine (interpreter when `engine` is null).
RecordResult scoreCase(const ir::Program& program, const TestCase& test, Engine* engine = nullptr);

}  // namespace defen::ruletest

// The shipped rulesets (rulesets/*.rules), compiled once per fuzzing process:
// the evaluator and differential targets score their records against them.
// A ruleset that does not compile is a broken checkout, not a finding, so it
// aborts the process with the diagnostics rather than fuzzing nothing.
#pragma once

#include "compiler/eval/bind/binder.h"
#include "lib/driver/driver.h"

#include <string>
#include <vector>

namespace defen::fuzz {

struct ShippedRuleset {
  std::string name;  // "zhanjiang-2022-dept"
  Compilation compilation;
  const ir::Program& program() const { return *compilation.program; }
  // The columns a data row for this ruleset can have: each input (and the
  // 说明 of a declared reviewer score), each node's 说明, 档次 and 核定分, and
  // 名称. Fuzz bytes name a column by its index in this list.
  std::vector<std::string> columns;
  // Rows from compiler/tools/ruletest/record_generator.h (on and beside every edge):
  // starting points the fuzzer mutates, far likelier to score than random text.
  std::vector<std::vector<std::pair<std::string, std::string>>> baseRows;
};

// Every rulesets/*.rules in name order; built on the first call.
const std::vector<ShippedRuleset>& shippedRulesets();

}  // namespace defen::fuzz

// `defen test RULES|DIR [--engine interp|jit|both] [--junit FILE] [--coverage]
//  [--require-full-coverage] [--lang zh|en]`: runs the cases in the `.tests`
// file beside each ruleset (docs/testing.md).
#pragma once

#include <string>
#include <vector>

namespace defen::cli {

struct TestOptions {
  std::vector<std::string> paths;  // .rules, .tests or directories (searched recursively for .rules)
  std::string engine = "both", junit, lang = "zh";
  bool coverage = false;
  bool requireFullCoverage = false;  // also: a ruleset without a .tests file is an error
};

int runTest(const TestOptions& options);

}  // namespace defen::cli

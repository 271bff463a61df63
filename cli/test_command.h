// `defen test RULES|DIR [--engine interp|jit|both] [--junit FILE] [--coverage]
//  [--require-full-coverage] [--lang zh|en]`: runs the cases in the `.tests`
// file beside each ruleset (docs/testing.md).
#pragma once

#include "compiler/tools/ruletest/test_runner.h"

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace defen::cli {

struct Command;  // cli/options.h: this header is also serve's (describeMismatch), which needs no CLI11

// Which engines run the cases; Both: they must agree.
enum class TestEngines { Interpreter, Jit, Both };

struct TestOptions {
  std::vector<std::string> paths;  // .rules, .tests or directories (searched recursively for .rules)
  TestEngines engines = TestEngines::Both;
  std::string junit;
  Lang lang = Lang::Zh;
  bool coverage = false;
  bool requireFullCoverage = false;  // also: a ruleset without a .tests file is an error
};

Command addTestCommand(CLI::App& app);
int runTest(const TestOptions& options);

// One mismatch as the text report, the JUnit failure and `defen serve`'s
// POST /api/test show it: "file:line:col: 期望 …，实际 …" and the details.
std::string describeMismatch(const ruletest::Mismatch& m, const std::string& path, Lang lang);
// Every line of `text` with `indent` before it.
std::string indentLines(const std::string& text, const std::string& indent);

}  // namespace defen::cli

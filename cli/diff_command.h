// `defen diff OLD.rules NEW.rules [--format text|json|html] [-o FILE] [--lang zh|en] [--exit-code]`
#pragma once

#include "cli/options.h"

#include <string>

namespace defen::cli {

enum class DiffFormat { Text, Json, Html };

struct DiffOptions {
  std::string before, after;
  DiffFormat format = DiffFormat::Text;
  std::string output;
  Lang lang = Lang::Zh;
  bool exitCode = false;  // like git diff --exit-code: differences found → kDiffersExit
};

// With --exit-code, the exit code when the standards differ. Not 1, which
// means a ruleset has errors, so a script can tell the two apart.
constexpr int kDiffersExit = 3;

Command addDiffCommand(CLI::App& app);
int runDiff(const DiffOptions& options);

}  // namespace defen::cli

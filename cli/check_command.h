// `defen check RULES... [--format text|json] [--lang zh|en]`, and
// `defen check --emit flat RULES`: the effective ruleset of a file written 基于 another.
#pragma once

#include "cli/options.h"

#include <string>
#include <vector>

namespace defen::cli {

enum class CheckFormat { Text, Json };

struct CheckOptions {
  std::vector<std::string> files;
  Lang lang = Lang::Zh;
  CheckFormat format = CheckFormat::Text;
  bool emitFlat = false;  // --emit flat
};

Command addCheckCommand(CLI::App& app);
int runCheck(const CheckOptions& options);

}  // namespace defen::cli

// `defen rulesets [DIR]`: what a rulesets directory (a registry of published
// standards) holds, and whether each file checks clean. `defen eval --ruleset
// NAME@YEAR` looks up a file by the same rules (findRulesetFile, lib/driver/driver.h).
#pragma once

#include "cli/options.h"

#include <string>

namespace defen::cli {

struct RulesetsOptions {
  std::string directory = "rulesets";
  enum class Format { Text, Json } format = Format::Text;
};

Command addRulesetsCommand(CLI::App& app);
int runRulesets(const RulesetsOptions& options);


}  // namespace defen::cli

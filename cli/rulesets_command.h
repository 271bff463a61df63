// `defen rulesets [DIR]`: what a rulesets directory (a registry of published
// standards) holds, and whether each file checks clean. Also the lookup
// behind `defen eval --ruleset NAME@YEAR`.
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

// NAME@YEAR in `directory` → the path of the one file it names; false with a
// Chinese `error` when nothing or more than one file matches.
bool resolveRuleset(const std::string& selector, const std::string& directory, std::string& path, std::string& error);

}  // namespace defen::cli

// What `defen check` reports about one compilation, as values: the
// diagnostics as JSON (`defen check --format json`) and the effective ruleset
// of a file written 基于 another (`defen check --emit flat`). Shared by the
// command line and `defen serve` (cli/serve/), so both say the same thing.
#pragma once

#include "lib/driver/driver.h"

#include <nlohmann/json.hpp>

#include <string>

namespace defen::cli {

// One object per diagnostic: file, line, column, endLine, endColumn (1-based,
// columns in code points), severity, code, message, notes. `file` is the
// compiled path unless `displayPath` names it otherwise.
nlohmann::ordered_json diagnosticsJson(const Compilation& c, Lang lang, const std::string& displayPath = "");

// The checked ruleset in the canonical layout, as `defen fmt` would write it:
// for a file based on another, the base with the changes spliced in.
std::string flatText(const Compilation& c);

}  // namespace defen::cli

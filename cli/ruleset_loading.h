// How a command opens with its ruleset: compiled (and loaded with its
// engine), or its diagnostics on standard error and exit code 1.
#pragma once

#include "lib/driver/driver.h"

#include <memory>
#include <optional>
#include <string>

namespace defen::cli {

// The ruleset at `path` compiled without errors; nullopt once every
// diagnostic is on standard error (the command then exits kFailed).
std::optional<Compilation> compileOrReport(const std::string& path, Lang lang);

// The same, loaded with its engine and report schema (lib/driver/driver.h);
// null once the diagnostics, or why the engine could not be made, are on
// standard error.
std::unique_ptr<LoadedRuleset> loadOrReport(const std::string& path, Lang lang, EngineKind engine, bool useCache = true);
// A compiled ruleset loaded, for a command that checks its own usage in
// between: null once why the engine could not be made is on standard error.
std::unique_ptr<LoadedRuleset> loadOrReport(Compilation c, EngineKind engine, bool useCache = true);

}  // namespace defen::cli

// A RulesetRef of a request (docs/api.md) made into a checked program: text
// being edited ({"text","file"}), a published standard from the registry
// ({"ruleset":"NAME@YEAR"}: the version that serves, which may be older than
// a broken file on disk), or a file of the rulesets directory ({"path"}).
#pragma once

#include "cli/serve/api_context.h"
#include "lib/driver/driver.h"
#include "defen/ruleset.hpp"

#include <memory>
#include <optional>
#include <string>

namespace defen::serve {

struct Standard {
  std::string file;                        // the file name in the rulesets directory, for messages
  std::shared_ptr<Compilation> compilation;  // text and path references (shared: a JIT compile may outlive the request)
  std::optional<Ruleset> served;           // registry references
  const ir::Program* program = nullptr;    // null when the ruleset has errors

  Json diagnostics(Lang lang) const;  // as `defen check --format json`; file names relative to the directory
  int errors() const { return compilation ? compilation->diags.errorCount() : 0; }
  int warnings() const { return compilation ? compilation->diags.warningCount() : 0; }
};

// `group` "" reads the fields at the top level of the body; "old"/"new" read
// them from that member (multipart: old_text, old_ruleset, old_path, old_file).
// 400 when no reference is given, 404 when the file or standard is missing.
Standard loadStandard(const ApiContext& ctx, const ApiRequest& request, const std::string& group = "");

// 422 ruleset_errors with the diagnostics unless the standard compiled.
const ir::Program& requireProgram(const Standard& standard, const ApiRequest& request);

// The engine a request asked for ("engine": "interp" default, or "jit").
// Registry standards reuse the engine they were loaded with. A JIT compile
// runs on a thread of its own and the request stops waiting for it at its
// deadline (503); the compile finishes in the background, at most two at once.
class EngineChoice {
 public:
  EngineChoice(const Standard& standard, const ApiRequest& request, const std::string& group = "");
  Engine& engine() { return *engine_; }

 private:
  std::unique_ptr<Engine> owned_;
  Engine* engine_ = nullptr;
};

// Waits (at most `limit`) for JIT compiles a request stopped waiting for, so
// the process does not exit under a running compile.
void waitForBackgroundCompiles(std::chrono::milliseconds limit);

}  // namespace defen::serve

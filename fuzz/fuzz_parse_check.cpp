// Target: the front end on arbitrary bytes as a ruleset file — parse, check
// (or flatten a 基于 file), lower to IR — and render every diagnostic in both
// languages, since rendering slices the source line a diagnostic points into.
// Never a crash; diagnostics are the expected outcome.
//
// Text that parses also goes through `defen fmt`, which promises
// (compiler/tools/format/formatter.h) that formatting the result again changes
// nothing: a second pass that differs, or fails, traps with both texts.
#include "lib/driver/driver.h"
#include "compiler/tools/format/formatter.h"

#include <cstddef>
#include <cstdio>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace defen;
  Compilation c = compileSource("fuzz.rules", std::string(reinterpret_cast<const char*>(data), size));
  size_t rendered = 0;
  for (const auto& d : c.diags.all()) {
    rendered += renderDiagnostic(d, *c.source, Lang::Zh).size();
    rendered += renderDiagnostic(d, *c.source, Lang::En).size();
  }
  // A program means no errors: an error diagnostic with a program, or none
  // without one, is a checker bug.
  if (static_cast<bool>(c.program) == c.diags.hasErrors()) __builtin_trap();
  Diagnostics fmtDiags;
  if (std::optional<std::string> once = formatRuleset(*c.source, fmtDiags)) {
    Diagnostics againDiags;
    std::optional<std::string> twice = formatRuleset(SourceFile("fuzz.rules", *once), againDiags);
    if (!twice || *twice != *once) {
      std::fprintf(stderr, "defen fmt is not idempotent.\n--- formatted once:\n%s\n--- formatted twice:\n%s\n", once->c_str(),
                   twice ? twice->c_str() : "(does not parse)");
      __builtin_trap();
    }
  }
  return rendered == static_cast<size_t>(-1);  // keeps the rendering from being optimised away
}

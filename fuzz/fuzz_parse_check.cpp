// Target: the front end on arbitrary bytes as a ruleset file — parse, check
// (or flatten a 基于 file), lower to IR — and render every diagnostic in both
// languages, since rendering slices the source line a diagnostic points into.
// Never a crash; diagnostics are the expected outcome.
#include "compiler/driver.h"

#include <cstddef>
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
  return rendered == static_cast<size_t>(-1);  // keeps the rendering from being optimised away
}

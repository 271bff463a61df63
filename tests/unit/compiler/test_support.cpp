#include "test_support.h"

#include <gtest/gtest.h>

namespace defen::testing {

Compilation compileOk(const std::string& text) {
  Compilation c = compileSource("test.rules", text);
  std::string rendered;
  for (const auto& d : c.diags.all()) rendered += renderDiagnostic(d, *c.source, Lang::Zh);
  EXPECT_TRUE(c.program != nullptr) << rendered;
  return c;
}

}  // namespace defen::testing

// Every case under tests/golden/check/ holds a ruleset (case.rules, with its
// base beside it when it is based on one) and the
// exact output `defen check` gives for it (expected.txt, Chinese; expected.en.txt
// when present, English): codes, line:col, messages, carets and notes.
// DEFEN_UPDATE_GOLDEN=1 rewrites the expected files from the current output.
#include "test_support.h"

#include <gtest/gtest.h>

namespace defen::testing {
namespace {

std::string render(const Compilation& c, Lang lang) {
  std::string out;
  for (const auto& d : c.diags.all()) out += renderDiagnostic(d, *c.source, lang);
  return out;
}

class GoldenCheck : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenCheck, DiagnosticsMatch) {
  auto dir = sourceDir() / "tests" / "golden" / "check" / GetParam();
  Compilation c = compileCase(dir);
  for (auto [file, lang] : {std::pair{"expected.txt", Lang::Zh}, std::pair{"expected.en.txt", Lang::En}}) {
    auto path = dir / file;
    std::string actual = render(c, lang);
    if (std::getenv("DEFEN_UPDATE_GOLDEN") && (lang == Lang::Zh || std::filesystem::exists(path))) {
      std::ofstream(path, std::ios::binary) << actual;
      continue;
    }
    if (!std::filesystem::exists(path)) continue;
    EXPECT_EQ(readText(path), actual) << "golden file " << path;
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, GoldenCheck, ::testing::ValuesIn(goldenCases("check")),
                         [](const auto& info) { return testName(info.param); });
// A golden suite whose folder went missing or empty would pass with nothing
// run; this fails instead (and gtest itself reports an uninstantiated suite).
TEST(GoldenCheckCaseList, IsNotEmpty) {
  EXPECT_FALSE(goldenCases("check").empty()) << "no golden cases under tests/golden/check/";
}

}  // namespace
}  // namespace defen::testing

// What defen fmt promises, checked on every .rules file in the repository
// (rulesets/, tests/golden/, examples/): formatting twice changes nothing, the
// tokens and comments are the same before and after, and the formatted file
// checks with the same diagnostics and scores the same data to the same results.
#include "test_support.h"

#include "compiler/tools/format/formatter.h"
#include "compiler/syntax/lexer.h"
#include "compiler/io/readers.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace defen::testing {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> rulesetFiles() {
  std::vector<std::string> files;
  for (const char* dir : {"rulesets", "tests/golden", "examples"}) {
    if (!fs::exists(sourceDir() / dir)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(sourceDir() / dir))
      if (entry.is_regular_file() && entry.path().extension() == ".rules")
        files.push_back(fs::relative(entry.path(), sourceDir()).string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Tokens that carry meaning, comments included; a comment's trailing spaces
// are layout and the formatter drops them.
std::vector<std::string> significantTokens(const std::string& text) {
  std::vector<std::string> out;
  for (const Token& t : lexRuleset(SourceFile("t.rules", text))) {
    if (t.isWhitespace()) continue;
    std::string spelled = t.text;
    if (t.isComment()) {
      std::string trimmed;
      std::string_view rest(spelled);
      while (true) {
        size_t end = rest.find('\n');
        std::string_view line = rest.substr(0, end);
        while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
        trimmed += line;
        if (end == std::string_view::npos) break;
        trimmed += '\n';
        rest.remove_prefix(end + 1);
      }
      spelled = trimmed;
    }
    out.push_back(t.type + " " + spelled);
  }
  return out;
}

std::vector<std::string> diagnosticCodes(const Compilation& c) {
  std::vector<std::string> codes;
  for (const auto& d : c.diags.all()) codes.push_back((d.severity == Severity::Error ? "error " : "warning ") + d.code);
  return codes;
}

class FormatEveryRuleset : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    original_ = readText(path());
    SourceFile source(path(), original_);
    Diagnostics diags;
    auto out = formatRuleset(source, diags);
    if (out) formatted_ = *out;
    else syntaxErrors_ = diags;
  }

  bool parses() const { return !syntaxErrors_.hasErrors(); }

  // A file with syntax errors is refused with exactly the errors check reports.
  void expectRefusedLikeCheck() const {
    ASSERT_TRUE(syntaxErrors_.hasErrors());
    std::vector<std::string> refused;
    for (const auto& d : syntaxErrors_.all()) refused.push_back((d.severity == Severity::Error ? "error " : "warning ") + d.code);
    EXPECT_EQ(refused, diagnosticCodes(compileSource(path(), original_)));
  }
  // Absolute, so that whatever a ruleset refers to resolves beside it.
  std::string path() const { return (sourceDir() / GetParam()).string(); }

  std::string original_, formatted_;
  Diagnostics syntaxErrors_;
};

TEST_P(FormatEveryRuleset, FormattingTwiceChangesNothing) {
  if (!parses()) return expectRefusedLikeCheck();
  Diagnostics diags;
  auto again = formatRuleset(SourceFile(path(), formatted_), diags);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(*again, formatted_);
}

TEST_P(FormatEveryRuleset, KeepsEveryTokenAndComment) {
  if (!parses()) return expectRefusedLikeCheck();
  EXPECT_EQ(significantTokens(original_), significantTokens(formatted_));
}

TEST_P(FormatEveryRuleset, ChecksWithTheSameDiagnostics) {
  if (!parses()) return expectRefusedLikeCheck();
  Compilation before = compileSource(path(), original_);
  Compilation after = compileSource(path(), formatted_);
  EXPECT_EQ(diagnosticCodes(before), diagnosticCodes(after));
  EXPECT_EQ(before.program != nullptr, after.program != nullptr);
}

// The same tokens and line breaks with other spaces: different indentation,
// 1–4 spaces wherever there was any, trailing spaces. Seeded, so a failure
// reproduces.
std::string respaced(const std::string& text, unsigned seed) {
  std::mt19937 random(seed);
  auto spaces = [&](int lo, int hi) { return std::string(std::uniform_int_distribution<int>(lo, hi)(random), ' '); };
  std::string out;
  for (const Token& t : lexRuleset(SourceFile("t.rules", text))) {
    if (!t.isWhitespace()) {
      out += t.text;
      continue;
    }
    int breaks = static_cast<int>(std::count(t.text.begin(), t.text.end(), '\n'));
    if (breaks == 0) {
      out += spaces(1, 4);
      continue;
    }
    for (int i = 0; i < breaks; ++i) out += spaces(0, 2) + "\n";
    out += spaces(0, 9);
  }
  return out;
}

TEST_P(FormatEveryRuleset, LayoutDoesNotDependOnTheOriginalSpacing) {
  if (!parses()) return expectRefusedLikeCheck();
  for (unsigned seed : {1u, 2u, 3u}) {
    Diagnostics diags;
    auto other = formatRuleset(SourceFile(path(), respaced(original_, seed)), diags);
    ASSERT_TRUE(other.has_value()) << "seed " << seed;
    EXPECT_EQ(*other, formatted_) << "seed " << seed;
  }
}

// The data the file is scored on in this repository, if any.
fs::path dataFor(const std::string& rules) {
  if (rules == "rulesets/zhanjiang-2022-dept.rules") return sourceDir() / "examples/zhanjiang-2022/data.json";
  if (rules == "rulesets/zhanjiang-2023-dept.rules") return sourceDir() / "examples/zhanjiang-departments/data.json";
  fs::path dir = (sourceDir() / rules).parent_path();
  for (const char* name : {"data.json", "data.csv"})
    if (fs::exists(dir / name)) return dir / name;
  return {};
}

std::vector<std::string> scoredRulesetFiles() {
  std::vector<std::string> files;
  for (const auto& f : rulesetFiles())
    if (!dataFor(f).empty()) files.push_back(f);
  return files;
}

using FormatScoredRuleset = FormatEveryRuleset;

TEST_P(FormatScoredRuleset, ScoresTheSameData) {
  ASSERT_TRUE(parses());
  Compilation before = compileSource(path(), original_);
  Compilation after = compileSource(path(), formatted_);
  ASSERT_TRUE(before.program);
  ASSERT_TRUE(after.program);
  Table table = readDataFile(dataFor(GetParam()).string());
  Evaluation a = evaluateTable(*before.program, table), b = evaluateTable(*after.program, table);
  ASSERT_EQ(a.results.size(), b.results.size());
  ASSERT_FALSE(a.results.empty());
  for (size_t r = 0; r < a.results.size(); ++r) {
    const RecordResult &x = a.results[r], &y = b.results[r];
    EXPECT_EQ(x.ok, y.ok) << "row " << r;
    EXPECT_EQ(toString(x.total), toString(y.total)) << "row " << r;
    EXPECT_EQ(x.grade, y.grade) << "row " << r;
    EXPECT_EQ(x.errors, y.errors) << "row " << r;
    ASSERT_EQ(x.nodes.size(), y.nodes.size());
    for (size_t n = 0; n < x.nodes.size(); ++n) {
      EXPECT_EQ(toString(x.nodes[n].score), toString(y.nodes[n].score)) << "row " << r << " node " << n;
      EXPECT_EQ(x.nodes[n].status, y.nodes[n].status) << "row " << r << " node " << n;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Repository, FormatScoredRuleset, ::testing::ValuesIn(scoredRulesetFiles()),
                         [](const auto& info) { return testName(info.param); });

INSTANTIATE_TEST_SUITE_P(Repository, FormatEveryRuleset, ::testing::ValuesIn(rulesetFiles()),
                         [](const auto& info) { return testName(info.param); });

TEST(FormatRulesetFiles, FindsTheRepositoryRulesets) {
  auto files = rulesetFiles();
  EXPECT_GE(files.size(), 50u);
  EXPECT_NE(std::find(files.begin(), files.end(), "rulesets/zhanjiang-2022-dept.rules"), files.end());
  EXPECT_GE(scoredRulesetFiles().size(), 40u);
}

}  // namespace
}  // namespace defen::testing

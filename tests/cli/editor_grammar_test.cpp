// editors/vscode: the TextMate grammar names every keyword the language has
// (both spellings), so highlighting keeps up when Defen.g4 gains one.
#include "cli_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <regex>
#include <sstream>

namespace defen::clitest {
namespace {

std::string readAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(EditorGrammar, EveryKeywordOfTheGrammarIsHighlighted) {
  auto grammar = nlohmann::json::parse(readAll(src("editors/vscode/syntaxes/defen.tmLanguage.json")));
  std::string alternatives;
  for (const auto& p : grammar["repository"]["keywords"]["patterns"]) alternatives += p["match"].get<std::string>() + "\n";

  std::string g4 = readAll(src("grammar/Defen.g4"));
  std::regex rule(R"(\n(K_[A-Z_]+)\s*:([^;]*);)");
  std::regex spelling("'([^']+)'");
  int keywords = 0;
  for (auto it = std::sregex_iterator(g4.begin(), g4.end(), rule); it != std::sregex_iterator(); ++it) {
    std::string body = (*it)[2];
    for (auto s = std::sregex_iterator(body.begin(), body.end(), spelling); s != std::sregex_iterator(); ++s) {
      std::string word = (*s)[1];
      ++keywords;
      bool listed = alternatives.find("(" + word + "|") != std::string::npos || alternatives.find("|" + word + "|") != std::string::npos ||
                    alternatives.find("|" + word + ")") != std::string::npos;
      EXPECT_TRUE(listed) << (*it)[1] << " '" << word << "' is not in editors/vscode/syntaxes/defen.tmLanguage.json";
    }
  }
  EXPECT_GT(keywords, 100);  // the grammar was read
}

TEST(EditorGrammar, TheExtensionRunsDefenLspForRulesFiles) {
  auto package = nlohmann::json::parse(readAll(src("editors/vscode/package.json")));
  EXPECT_EQ(package["contributes"]["languages"][0]["extensions"][0], "\u002erules");
  EXPECT_EQ(package["contributes"]["grammars"][0]["path"], "./syntaxes/defen.tmLanguage.json");
  EXPECT_NE(readAll(src("editors/vscode/extension.js")).find("args: [\"lsp\"]"), std::string::npos);
  EXPECT_TRUE(nlohmann::json::parse(readAll(src("editors/vscode/language-configuration.json"))).is_object());  // throws if malformed
}

}  // namespace
}  // namespace defen::clitest

// Helpers shared by the compiler tests.
#pragma once

#include "lib/driver/driver.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace defen::testing {

inline std::filesystem::path sourceDir() { return DEFEN_SOURCE_DIR; }

inline std::string readText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Subdirectories of tests/golden/<phase>, sorted, as gtest parameter names.
inline std::vector<std::string> goldenCases(const std::string& phase) {
  std::vector<std::string> names;
  auto dir = sourceDir() / "tests" / "golden" / phase;
  if (std::filesystem::exists(dir))
    for (const auto& entry : std::filesystem::directory_iterator(dir))
      if (entry.is_directory()) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// gtest parameter names allow only [A-Za-z0-9_].
inline std::string testName(const std::string& s) {
  std::string out;
  for (char c : s) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return out;
}

// Compiles dir/case.rules as "case.rules" from inside `dir`, so that a base
// (基于 base) resolves beside the case and file names in messages stay short.
inline Compilation compileCase(const std::filesystem::path& dir) {
  auto previous = std::filesystem::current_path();
  std::filesystem::current_path(dir);
  Compilation c = compileFile("case.rules");
  std::filesystem::current_path(previous);
  return c;
}

// Compiles a ruleset given as text; fails the test with its diagnostics if it does not check.
Compilation compileOk(const std::string& text);

}  // namespace defen::testing

// JUnit XML for CI systems (GitLab, Jenkins, GitHub test reporters): one
// <testsuite> per test file, one <testcase> per case, a <failure> carrying
// what was expected, what came out and the 评分说明. Written with pugixml so
// names and explanations are always escaped correctly.
#pragma once

#include <string>
#include <vector>

namespace defen::cli {

struct JunitCase {
  std::string name;
  std::string classname;
  std::string file;
  int line = 0;
  bool failed = false;
  bool error = false;       // could not run (the file itself is broken)
  std::string message;      // one line
  std::string details;      // the full report of the failure
};

struct JunitSuite {
  std::string name;  // the .tests path
  std::vector<JunitCase> cases;
};

// Returns false with `error` set when the file cannot be written.
bool writeJunit(const std::string& path, const std::vector<JunitSuite>& suites, std::string& error);

}  // namespace defen::cli

#include "cli/junit_report.h"

#include "compiler/core/atomic_file.h"

#include <pugixml.hpp>

namespace defen::cli {

bool writeJunit(const std::string& path, const std::vector<JunitSuite>& suites, std::string& error) {
  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  auto root = doc.append_child("testsuites");
  root.append_attribute("name") = "defen test";
  int tests = 0, failures = 0, errors = 0;
  for (const auto& s : suites) {
    auto suite = root.append_child("testsuite");
    suite.append_attribute("name") = s.name.c_str();
    int f = 0, e = 0;
    for (const auto& c : s.cases) {
      auto tc = suite.append_child("testcase");
      tc.append_attribute("name") = c.name.c_str();
      tc.append_attribute("classname") = c.classname.c_str();
      tc.append_attribute("file") = c.file.c_str();
      if (c.line > 0) tc.append_attribute("line") = c.line;
      if (!c.failed && !c.error) continue;
      auto problem = tc.append_child(c.error ? "error" : "failure");
      problem.append_attribute("message") = c.message.c_str();
      problem.append_attribute("type") = c.error ? "error" : "failure";
      problem.append_child(pugi::node_pcdata).set_value(c.details.c_str());
      (c.error ? e : f) += 1;
    }
    suite.append_attribute("tests") = static_cast<int>(s.cases.size());
    suite.append_attribute("failures") = f;
    suite.append_attribute("errors") = e;
    tests += static_cast<int>(s.cases.size());
    failures += f;
    errors += e;
  }
  root.append_attribute("tests") = tests;
  root.append_attribute("failures") = failures;
  root.append_attribute("errors") = errors;
  // Renamed into place once complete (compiler/core/atomic_file.h): CI reads the
  // previous report rather than half of this one.
  AtomicFile file(path);
  if (!file.create(error)) return false;
  doc.save(file.stream(), "  ", pugi::format_default, pugi::encoding_utf8);
  return file.commit(error);
}

}  // namespace defen::cli

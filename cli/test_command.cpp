#include "cli/test_command.h"

#include "cli/junit_report.h"
#include "cli/options.h"
#include "lib/driver/driver.h"
#include "compiler/report/explain/explain.h"
#include "compiler/tools/ruletest/test_runner.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <sstream>

namespace defen::cli {

namespace fs = std::filesystem;

namespace {

// A message in the chosen language (the CLI speaks Chinese unless --lang en).
template <class... Args>
std::string say(bool zh, const char* chinese, const char* english, Args&&... args) {
  return fmt::format(fmt::runtime(zh ? chinese : english), std::forward<Args>(args)...);
}

struct Pair {
  std::string rules, tests;
};

// The ruleset/test-file pairs named by the arguments; false on a path that
// is neither (a usage error, reported here).
bool collect(const std::vector<std::string>& paths, std::vector<Pair>& out) {
  for (const auto& arg : paths) {
    fs::path path(arg);
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<std::string> found;
      for (const auto& entry : fs::recursive_directory_iterator(path, ec))
        if (entry.is_regular_file() && entry.path().extension() == ".rules") found.push_back(entry.path().string());
      std::sort(found.begin(), found.end());
      if (found.empty()) {
        std::cerr << fmt::format("defen test: 目录 {} 中没有规则文件（*.rules）/ no *.rules in {}\n", arg, arg);
        return false;
      }
      for (const auto& rules : found) out.push_back({rules, fs::path(rules).replace_extension(".tests").string()});
    } else if (fs::is_regular_file(path, ec) && (path.extension() == ".rules" || path.extension() == ".tests")) {
      fs::path rules = path, tests = path;
      rules.replace_extension(".rules");
      tests.replace_extension(".tests");
      out.push_back({rules.string(), tests.string()});
    } else {
      std::cerr << fmt::format("defen test: {} 不是规则文件、测试文件或目录 / not a .rules or .tests file or a directory\n", arg);
      return false;
    }
  }
  return true;
}

struct Totals {
  int files = 0, cases = 0, failed = 0, broken = 0;
  bool incomplete = false;
};

void printDiagnostics(const Diagnostics& diags, const SourceFile& file, Lang lang) {
  for (const auto& d : diags.all()) std::cout << renderDiagnostic(d, file, lang);
}

// Runs one pair; appends its JUnit suite.
void testPair(const Pair& pair, const TestOptions& o, Lang lang, Totals& totals, std::vector<JunitSuite>& suites) {
  bool zh = lang == Lang::Zh;
  JunitSuite suite{pair.tests, {}};
  std::string classname = fs::path(pair.rules).stem().string();
  auto broken = [&](const std::string& message, const std::string& details) {
    ++totals.broken;
    suite.cases.push_back(JunitCase{zh ? "（读取）" : "(reading)", classname, pair.tests, 0, false, true, message, details});
    suites.push_back(suite);
  };
  if (!fs::exists(pair.tests)) {
    bool error = o.requireFullCoverage;
    std::cout << say(zh, "{}：{}：没有测试文件 {}\n", "{}: {}: no test file {}\n", pair.rules,
                             error ? (zh ? "错误" : "error") : (zh ? "警告" : "warning"), pair.tests);
    if (error) broken(zh ? "没有测试文件" : "no test file", pair.tests);
    return;
  }
  ++totals.files;
  Compilation c = compileFile(pair.rules);
  if (!c.program) {
    printDiagnostics(c.diags, *c.source, lang);
    std::cout << say(zh, "{}：规则文件有错误，测试未运行\n", "{}: the ruleset has errors; tests not run\n", pair.tests);
    broken(zh ? "规则文件有错误" : "the ruleset has errors", pair.rules);
    return;
  }
  Diagnostics diags;
  ruletest::TestFile file = ruletest::readTestFile(pair.tests, *c.program, diags);
  printDiagnostics(diags, *file.source, lang);
  if (diags.hasErrors()) {
    std::cout << say(zh, "{}：测试文件有{}个错误，测试未运行\n", "{}: {} error(s) in the test file; tests not run\n", pair.tests,
                             diags.errorCount());
    std::string details;
    for (const auto& d : diags.all()) details += renderDiagnostic(d, *file.source, lang);
    broken(zh ? "测试文件有错误" : "errors in the test file", details);
    return;
  }
  ruletest::RunOptions run{o.engines != TestEngines::Jit, o.engines != TestEngines::Interpreter};
  ruletest::FileOutcome outcome = ruletest::runTests(*c.program, file, run);
  if (!outcome.engineError.empty()) {
    std::cout << fmt::format("{}：JIT {}\n", pair.rules, outcome.engineError);
    broken("JIT", outcome.engineError);
    return;
  }
  for (const auto& cs : outcome.cases) {
    JunitCase jc{cs.test->name, classname, pair.tests, cs.test->range.line, !cs.passed(), false, "", ""};
    if (!cs.passed()) {
      std::cout << say(zh, "✗ 用例“{}”（{}:{}）\n", "✗ case `{}` ({}:{})\n", cs.test->name, pair.tests, cs.test->range.line);
      for (const auto& m : cs.mismatches) {
        std::string text = describeMismatch(m, pair.tests, lang);
        std::cout << indentLines(text, "  ");
        jc.details += text;
        if (jc.message.empty()) jc.message = text.substr(0, text.find('\n'));
      }
    }
    suite.cases.push_back(std::move(jc));
  }
  int failed = outcome.failed(), total = static_cast<int>(outcome.cases.size());
  totals.cases += total;
  totals.failed += failed;
  std::string engines = o.engines == TestEngines::Both ? (zh ? "，解释器与JIT一致" : "; interpreter and JIT agree") : "";
  if (failed == 0)
    std::cout << say(zh, "{}：{}个用例，全部通过{}\n", "{}: {} case(s), all passed{}\n", pair.tests, total, engines);
  else
    std::cout << say(zh, "{}：{}个用例，{}个失败\n", "{}: {} case(s), {} failed\n", pair.tests, total, failed);
  if (o.coverage || o.requireFullCoverage) {
    std::cout << (zh ? "  覆盖：" : "  coverage: ") << outcome.coverage.summary(lang) << "\n";
    std::vector<std::string> missed = outcome.coverage.unreached(lang);
    if (!missed.empty() && (o.coverage || o.requireFullCoverage)) {
      std::cout << (zh ? "  未到达：\n" : "  not reached:\n");
      for (const auto& line : missed) std::cout << "    " << line << "\n";
    }
    if (!missed.empty() && o.requireFullCoverage) {
      totals.incomplete = true;
      suite.cases.push_back(JunitCase{zh ? "（覆盖）" : "(coverage)", classname, pair.rules, 0, true, false,
                                      outcome.coverage.summary(lang), joined(missed, "\n")});
    }
  }
  suites.push_back(std::move(suite));
}

}  // namespace

std::string indentLines(const std::string& text, const std::string& indent) {
  std::string out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out += indent + line + "\n";
  return out;
}

std::string describeMismatch(const ruletest::Mismatch& m, const std::string& path, Lang lang) {
  bool zh = lang == Lang::Zh;
  std::string where = fmt::format("{}:{}:{}: ", path, m.range.line, m.range.col);
  std::string out;
  switch (m.kind) {
    case ruletest::Mismatch::Kind::Expectation:
      if (m.subject == "错误")
        out = where + (zh ? fmt::format("期望错误信息含“{}”，实际：\n", m.expected) : fmt::format("expected an error containing `{}`, got:\n", m.expected)) +
              indentLines(m.actual, "  ");
      else
        out = where + (zh ? fmt::format("期望 {} {}，实际 {}\n", m.subject, m.expected, m.actual)
                          : fmt::format("expected {} {}, got {}\n", m.subject, m.expected, m.actual));
      if (!m.explanation.empty()) out += (zh ? "  评分说明：" : "  explanation: ") + m.explanation + "\n";
      return out;
    case ruletest::Mismatch::Kind::Error:
      return where + (zh ? "本用例的数据有错误（若是预期的，请写“期望 错误 …”）：\n" : "the case's row has errors (write `期望 错误 …` if expected):\n") +
             indentLines(m.actual, "  ");
    case ruletest::Mismatch::Kind::Engines:
      return where + (zh ? "解释器与JIT的结果不一致：\n" : "the interpreter and the JIT disagree:\n") + indentLines(m.actual, "  ");
  }
  return out;
}

int runTest(const TestOptions& o) {
  const Lang lang = o.lang;
  bool zh = lang == Lang::Zh;
  std::vector<Pair> pairs;
  if (!collect(o.paths, pairs)) return kUsage;
  Totals totals;
  std::vector<JunitSuite> suites;
  for (const auto& pair : pairs) testPair(pair, o, lang, totals, suites);
  if (pairs.size() > 1)
    std::cout << say(zh, "共{}个测试文件，{}个用例，{}个失败\n", "{} test file(s), {} case(s), {} failed\n", totals.files, totals.cases,
                             totals.failed);
  if (totals.incomplete)
    std::cout << (zh ? "覆盖不完整（--require-full-coverage）\n" : "coverage is incomplete (--require-full-coverage)\n");
  if (!o.junit.empty()) {
    std::string error;
    if (!writeJunit(o.junit, suites, error)) {
      std::cerr << "defen test: " << error << "\n";
      return kFailed;
    }
  }
  return totals.failed > 0 || totals.broken > 0 || totals.incomplete ? kFailed : kOk;
}

Command addTestCommand(CLI::App& app) {
  auto o = std::make_shared<TestOptions>();
  CLI::App* test = app.add_subcommand("test", "运行规则旁的测试用例（<规则名>.tests），报告失败与覆盖 / run the test cases beside each ruleset");
  test->add_option("RULES", o->paths, "规则文件、测试文件或目录 / .rules or .tests files, or directories")->required();
  addChoice(*test, "--engine", o->engines,
            Choices<TestEngines>{{"interp", TestEngines::Interpreter}, {"jit", TestEngines::Jit}, {"both", TestEngines::Both}},
            "计算引擎 interp|jit|both（默认 both：两者须一致）/ engine; both must agree");
  test->add_option("--junit", o->junit, "另写 JUnit XML 报告 / also write a JUnit XML report");
  test->add_flag("--coverage", o->coverage, "列出没有用例到达的分段、逐项、扣分、不考核条款 / list what no case reaches");
  test->add_flag("--require-full-coverage", o->requireFullCoverage, "覆盖不完整或缺少测试文件即失败 / fail unless every ruleset has tests reaching everything");
  addLang(*test, o->lang, "输出语言 zh|en / output language");
  return {test, [o] { return runTest(*o); }};
}

}  // namespace defen::cli

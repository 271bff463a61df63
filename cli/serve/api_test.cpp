// POST /api/test: the cases of a .tests file (docs/testing.md) run against a
// ruleset, as `defen test` runs them, with each failure's place in the tests
// and the ruleset line of the indicator it concerns.
#include "cli/check_output.h"
#include "cli/serve/router.h"
#include "cli/serve/safe_paths.h"
#include "cli/serve/standard.h"
#include "cli/test_command.h"
#include "compiler/tools/ruletest/test_runner.h"
#include "compiler/core/contained_file.h"

#include <fmt/format.h>

#include <filesystem>

namespace defen::serve {

namespace {

namespace fs = std::filesystem;

// The tests beside the ruleset: <stem>.tests in the rulesets directory.
std::string defaultTestsPath(const ApiContext& ctx, const Standard& s) {
  std::string file = s.served ? fs::path(s.served->path()).filename().string() : s.file;
  return (fs::path(ctx.rulesetsDir) / fs::path(file).replace_extension(".tests")).string();
}

Json mismatchJson(const ruletest::Mismatch& m, const ir::Program& program, const std::string& testsName, Lang lang) {
  Json j{{"line", m.range.line}, {"column", m.range.col}, {"subject", m.subject}, {"expected", m.expected},
         {"actual", m.actual}, {"message", cli::describeMismatch(m, testsName, lang)}};
  if (int node = program.findNode(m.subject); node >= 0) {
    SourceLocation where = program.locate(program.nodes[node].range);
    j["rulesetFile"] = fs::path(where.path).filename().string();
    j["rulesetLine"] = where.range.line;
  }
  return j;
}

void runCases(ApiContext& ctx, const ApiRequest& request, httplib::Response& res) {
  Standard standard = loadStandard(ctx, request);
  const ir::Program& program = requireProgram(standard, request);
  std::optional<std::string> text = request.text("tests");
  std::string path = defaultTestsPath(ctx, standard);
  if (!text) {
    std::string bytes;
    if (readRegularFile(path, kMaxSourceBytes, bytes) != FileRefusal::None)
      throw ApiError(404, "not_found", "没有测试文件 " + fs::path(path).filename().string() + "，请在请求中给出 tests",
                     "no test file " + fs::path(path).filename().string() + "; send the tests in the request");
    text = std::move(bytes);
  }
  const std::string testsName = fs::path(path).filename().string();
  Diagnostics diags;
  // 数据 lines may read files of the project (the rulesets directory's
  // parent, where examples/ lives) and nothing else.
  std::string project = fs::path(ctx.rulesetsDir).parent_path().string();
  ruletest::TestFile file =
      ruletest::parseTestFile(std::make_shared<SourceFile>(path, *text), program, diags, project.empty() ? "." : project);
  for (const auto& d : diags.all())
    if (d.code == "T008")
      throw ApiError(400, "bad_path", fmt::format("测试第{}行：{}", d.range.line, d.zh),
                     fmt::format("line {} of the tests: {}", d.range.line, d.en));
  if (diags.hasErrors()) {
    Compilation shown{file.source, file.source, std::move(diags), nullptr};
    throw ApiError(422, "test_errors", "测试文件有错误，测试未运行", "the test file has errors; tests not run",
                   Json{{"diagnostics", cli::diagnosticsJson(shown, request.lang(), testsName)}});
  }
  std::string engine = request.text("engine").value_or("interp");
  if (engine != "interp" && engine != "jit" && engine != "both")
    throw ApiError(400, "bad_request", "engine 只能是 interp、jit 或 both", "engine must be interp, jit or both");
  request.deadline().check("读取测试", "reading the tests");
  ruletest::FileOutcome outcome = ruletest::runTests(program, file, ruletest::RunOptions{engine != "jit", engine != "interp"});
  if (!outcome.engineError.empty())
    throw ApiError(500, "internal", "JIT " + outcome.engineError, "JIT " + outcome.engineError);
  Json results = Json::array();
  for (const auto& cs : outcome.cases) {
    Json mismatches = Json::array();
    for (const auto& m : cs.mismatches) mismatches.push_back(mismatchJson(m, program, testsName, request.lang()));
    Json first = cs.mismatches.empty() ? Json::object() : mismatches.front();
    results.push_back(Json{{"name", cs.test->name}, {"line", cs.test->range.line}, {"passed", cs.passed()},
                           {"message", first.value("message", "")}, {"expected", first.value("expected", "")},
                           {"actual", first.value("actual", "")}, {"mismatches", mismatches}});
  }
  Json unreached = Json::array();
  for (const auto& line : outcome.coverage.unreached(request.lang())) unreached.push_back(line);
  sendJson(res, Json{{"file", testsName}, {"cases", outcome.cases.size()}, {"passed", outcome.cases.size() - outcome.failed()},
                     {"failed", outcome.failed()},
                     {"results", results},
                     {"coverage", {{"summary", outcome.coverage.summary(request.lang())}, {"unreached", unreached}}}});
}

}  // namespace

void addTestRoutes(Router& router) { router.post("/api/test", runCases); }

}  // namespace defen::serve

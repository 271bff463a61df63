#include "cli/cases_command.h"

#include "cli/ruleset_loading.h"
#include "compiler/tools/ruletest/boundary_cases.h"
#include "compiler/core/atomic_file.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace defen::cli {

namespace fs = std::filesystem;

namespace {

// Names of the cases a test file already has (`用例 名称` lines), so saving
// twice adds nothing twice.
std::set<std::string> caseNames(const std::string& text) {
  std::set<std::string> names;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line.compare(start, 7, "用例 ") != 0) continue;
    std::string name = line.substr(start + 7);
    if (size_t hash = name.find(" #"); hash != std::string::npos) name.erase(hash);
    while (!name.empty() && (name.back() == ' ' || name.back() == '\r' || name.back() == '\t')) name.pop_back();
    names.insert(name);
  }
  return names;
}

// `数据 PATH 第N行` with PATH relative to the test file's directory.
std::string baselineLine(const ruletest::Baseline& b, const std::string& testFile) {
  fs::path dir = fs::absolute(testFile).parent_path();
  return fmt::format("数据 {} 第{}行", fs::relative(fs::absolute(b.path), dir).generic_string(), b.row);
}

bool sameBaseline(const ruletest::Baseline* a, const ruletest::Baseline* b) {
  return a && b && fs::weakly_canonical(a->path) == fs::weakly_canonical(b->path) && a->row == b->row;
}

}  // namespace

int runCases(const CasesCommandOptions& o) {
  const Lang lang = o.lang;
  std::optional<Compilation> c = compileOrReport(o.rules, lang);
  if (!c) return kFailed;
  const ir::Program& p = *c->program;
  ruletest::CasesOptions options;
  if (!o.indicator.empty() && (options.node = p.findNode(o.indicator)) < 0) {
    std::cerr << "defen cases: 规则中没有指标“" << o.indicator << "” / no indicator `" << o.indicator << "`\n";
    return kUsage;
  }
  // The baseline: --baseline, else the `数据` line of the file saved to, else
  // of the ruleset's own .tests file, else a neutral row.
  std::shared_ptr<const ruletest::Baseline> fromFlag, fromSaveFile;
  if (!o.baseline.empty()) {
    std::string error;
    if (!(fromFlag = ruletest::loadBaseline(o.baseline, o.row, error))) {
      std::cerr << "defen cases: " << error << "\n";
      return kFailed;
    }
  }
  auto fileBaseline = [&](const std::string& path) -> std::shared_ptr<const ruletest::Baseline> {
    if (!fs::exists(path)) return nullptr;
    Diagnostics ignored;
    return ruletest::readTestFile(path, p, ignored).baseline;
  };
  if (!o.save.empty()) fromSaveFile = fileBaseline(o.save);
  options.baseline = fromFlag ? fromFlag : fromSaveFile ? fromSaveFile : fileBaseline(fs::path(o.rules).replace_extension(".tests").string());
  std::vector<ruletest::BoundaryGroup> groups = ruletest::boundaryCases(p, options);

  if (o.save.empty() && o.format == CasesFormat::Table) {
    std::cout << ruletest::casesTable(p, groups);
    return kOk;
  }
  if (o.save.empty()) {  // --format tests on standard output
    std::set<std::string> none;
    if (!options.baseline) ruletest::inlineBaseline(groups, *ruletest::neutralBaseline(p));
    else std::cout << baselineLine(*options.baseline, "./x.tests") << "\n";
    std::cout << ruletest::casesAsTests(p, groups, none, "");
    return kOk;
  }
  bool exists = fs::exists(o.save);
  std::string text;
  if (exists) {
    std::ifstream in(o.save, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
  }
  std::set<std::string> names = caseNames(text);
  std::string header, perCase;
  if (!options.baseline) ruletest::inlineBaseline(groups, *ruletest::neutralBaseline(p));
  else if (!exists) header = baselineLine(*options.baseline, o.save) + "\n";
  else if (!sameBaseline(options.baseline.get(), fromSaveFile.get())) perCase = baselineLine(*options.baseline, o.save);
  if (!exists)
    header = fmt::format("# {}：边界用例（defen cases 生成，得分为生成时的计算结果，请核对）\n", p.name) + header;
  int written = 0;
  std::string cases = ruletest::casesAsTests(p, groups, names, perCase, &written);
  // The old cases and the new written together under a temporary name, then
  // renamed: an interrupted run never leaves half a case in the test file.
  AtomicFile out(o.save);
  std::string error;
  if (!out.create(error) || !(out.stream() << text << header << cases) || !out.commit(error)) {
    std::cerr << "defen cases: 无法写入 " << o.save << (error.empty() ? "" : "（" + error + "）") << "\n";
    return kFailed;
  }
  std::cout << fmt::format(fmt::runtime(lang == Lang::En ? "wrote {} case(s) to {}\n" : "已写入{}个用例到 {}\n"), written, o.save);
  return kOk;
}

Command addCasesCommand(CLI::App& app) {
  auto o = std::make_shared<CasesCommandOptions>();
  CLI::App* cases = app.add_subcommand("cases", "生成边界用例：每个分段边界、扣分档、比较常数处及其两侧的取值与得分 / boundary cases with their scores");
  cases->add_option("RULES", o->rules, "规则文件 / ruleset file")->required()->check(CLI::ExistingFile);
  cases->add_option("--indicator", o->indicator, "只看该指标及其下级 / only this indicator and those below it");
  cases->add_option("--baseline", o->baseline, "用例以该数据文件的一行为底 / start every case from a row of this data file")->check(CLI::ExistingFile);
  cases->add_option("--row", o->row, "--baseline 的第 N 行（默认 1）/ row N of --baseline (default 1)")->check(CLI::PositiveNumber);
  addChoice(*cases, "--format", o->format, Choices<CasesFormat>{{"table", CasesFormat::Table}, {"tests", CasesFormat::Tests}},
            "输出格式 table|tests / output format");
  cases->add_option("--save", o->save, "把用例追加到测试文件（不重复已有用例）/ append the cases to a test file, skipping existing ones");
  addLang(*cases, o->lang, "输出语言 zh|en / output language");
  return {cases, [o] { return runCases(*o); }};
}

}  // namespace defen::cli

#include "cli/compare_command.h"

#include "cli/ruleset_loading.h"
#include "compiler/report/report_schema.h"
#include "compiler/core/atomic_file.h"
#include "compiler/report/comparison.h"
#include "compiler/io/readers.h"

#include <fstream>
#include <iostream>

namespace defen::cli {
namespace {

struct Scored {
  std::unique_ptr<LoadedRuleset> ruleset;
  Evaluation evaluation;
};

// Compiles one standard and scores the table with it; false (diagnostics
// printed) when the standard has errors.
bool score(const std::string& rules, const Table& table, const CompareOptions& o, Scored& out) {
  out.ruleset = loadOrReport(rules, o.lang, o.engine);
  if (!out.ruleset) return false;
  out.evaluation = evaluateTable(*out.ruleset->program, table, *out.ruleset->engine, EvalOptions{0, false});
  for (const auto& w : out.evaluation.warnings) std::cerr << o.data << "：警告（" << rules << "）：" << w << "\n";
  return true;
}

}  // namespace

int runCompare(const CompareOptions& o) {
  Table table = readDataFile(o.data, o.reading.encoding, o.reading.sheet);
  Scored before, after;
  if (!score(o.before, table, o, before) || !score(o.after, table, o, after)) return kFailed;
  for (const auto& e : after.evaluation.fileErrors) std::cerr << o.data << "：" << e << "\n";
  if (!after.evaluation.fileErrors.empty() && after.evaluation.results.empty()) return kFailed;

  Comparison c = compareStandards(before.ruleset->schema, before.evaluation.results, after.ruleset->schema, after.evaluation.results);
  // -o: renamed into place once complete (compiler/core/atomic_file.h).
  AtomicFile file(o.output);
  std::string error;
  if (!o.output.empty() && !file.create(error)) {
    std::cerr << "defen compare: " << error << "\n";
    return kFailed;
  }
  std::ostream& out = o.output.empty() ? std::cout : file.stream();
  if (o.format == CompareFormat::Json) writeComparisonJson(out, c);
  else if (o.format == CompareFormat::Html) writeComparisonHtml(out, c);
  else writeComparisonText(out, c, o.all);
  out.flush();
  if (!o.output.empty() && !file.commit(error)) {
    std::cerr << "defen compare: " << error << "\n";
    return kFailed;
  }
  return before.evaluation.anyErrors() || after.evaluation.anyErrors() ? kFailed : kOk;
}

Command addCompareCommand(CLI::App& app) {
  auto o = std::make_shared<CompareOptions>();
  CLI::App* compare = app.add_subcommand("compare", "同一份数据按两套标准计分并对比：各单位、各指标的得分与变化 / score the same data under two standards side by side");
  compare->add_option("OLD", o->before, "旧标准规则文件 / the old ruleset")->required()->check(CLI::ExistingFile);
  compare->add_option("NEW", o->after, "新标准规则文件 / the new ruleset")->required()->check(CLI::ExistingFile);
  compare->add_option("DATA", o->data, "数据文件 .json、.csv 或 .xlsx / data file")->required()->check(CLI::ExistingFile);
  addChoice(*compare, "--format", o->format,
            Choices<CompareFormat>{{"text", CompareFormat::Text}, {"json", CompareFormat::Json}, {"html", CompareFormat::Html}},
            "输出格式 text|json|html / output format");
  addOutput(*compare, o->output);
  compare->add_flag("--all", o->all, "文本格式列出全部指标，而非只列有变化的 / text: list every indicator, not only changed ones");
  addDataReading(*compare, o->reading);
  addEngine(*compare, o->engine);
  addLang(*compare, o->lang);
  return {compare, [o] { return runCompare(*o); }};
}

}  // namespace defen::cli

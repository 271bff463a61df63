#include "cli/explain_command.h"

#include "cli/ruleset_loading.h"
#include "compiler/report/explain/trace_report.h"
#include "compiler/io/readers.h"

#include <iostream>

namespace defen::cli {

int runExplain(const ExplainOptions& o) {
  std::unique_ptr<LoadedRuleset> ruleset = loadOrReport(o.rules, o.lang, o.engine);
  if (!ruleset) return kFailed;
  const ir::Program& program = *ruleset->program;
  int only = -1;
  if (!o.indicator.empty() && (only = program.findNode(o.indicator)) < 0) {
    std::cerr << "defen explain: 规则中没有指标“" << o.indicator << "”\n";
    return kUsage;
  }
  Table table = readDataFile(o.data, o.reading.encoding, o.reading.sheet);
  Evaluation ev = evaluateTable(program, table, *ruleset->engine, EvalOptions{1, true});
  for (const auto& e : ev.fileErrors) std::cerr << o.data << "：" << e << "\n";
  std::vector<RecordResult> chosen;
  for (auto& r : ev.results)
    if (o.row == 0 || r.row == o.row) chosen.push_back(std::move(r));
  if (o.row > 0 && chosen.empty()) {
    std::cerr << "defen explain: 数据中没有第" << o.row << "行\n";
    return kUsage;
  }
  if (o.format == ExplainFormat::Json) {
    writeTraceJson(std::cout, program, chosen, only);
  } else {
    for (const auto& r : chosen) {
      writeTraceText(std::cout, program, r, only);
      std::cout << "\n";
    }
  }
  bool anyErrors = !ev.fileErrors.empty();
  for (const auto& r : chosen) anyErrors |= !r.errors.empty();
  return anyErrors ? kFailed : kOk;
}

Command addExplainCommand(CLI::App& app) {
  auto o = std::make_shared<ExplainOptions>();
  CLI::App* explain = app.add_subcommand("explain", "逐项列出得分依据：读到的数据、命中的分段、逐项与扣分 / show the trace behind each score");
  explain->add_option("RULES", o->rules, "规则文件 / ruleset file")->required()->check(CLI::ExistingFile);
  explain->add_option("DATA", o->data, "数据文件 .json、.csv 或 .xlsx / data file")->required()->check(CLI::ExistingFile);
  explain->add_option("--row", o->row, "只看第 N 行 / only row N")->check(CLI::PositiveNumber);
  explain->add_option("--indicator", o->indicator, "只看该指标及其下级 / only this indicator and those below it");
  addChoice(*explain, "--format", o->format, Choices<ExplainFormat>{{"text", ExplainFormat::Text}, {"json", ExplainFormat::Json}},
            "输出格式 text|json / output format");
  addDataReading(*explain, o->reading);
  addEngine(*explain, o->engine);
  addLang(*explain, o->lang);
  return {explain, [o] { return runExplain(*o); }};
}

}  // namespace defen::cli

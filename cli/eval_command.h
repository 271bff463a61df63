// `defen eval RULES DATA [--format …] [--output FILE] [--summary …]`, or
// `defen eval --ruleset NAME@YEAR [--rulesets DIR] DATA`
#pragma once

#include "cli/options.h"

#include <string>

namespace defen::cli {

enum class EvalFormat { Table, Json, Csv, Md, Html, Xlsx, Docx };
// The batch summary instead of score cards; Docx is the 评价报告 draft.
enum class SummaryFormat { None, Md, Html, Json, Docx };

struct EvalCommandOptions {
  std::string rules, data;
  std::string ruleset;                  // NAME@YEAR from the registry, instead of RULES
  std::string rulesetsDir = "rulesets"; // the registry --ruleset looks in
  EvalFormat format = EvalFormat::Table;
  std::string output;            // empty: standard output (xlsx and docx need a file)
  SummaryFormat summary = SummaryFormat::None;
  DataReading reading;
  Lang lang = Lang::Zh;
  EngineKind engine = EngineKind::Jit;
  CsvEncoding outputEncoding = CsvEncoding::Utf8;  // --format csv: utf8 (a BOM in files) | gbk
  int threads = 0;
  bool noCache = false;
};

Command addEvalCommand(CLI::App& app);
int runEval(const EvalCommandOptions& options);

}  // namespace defen::cli

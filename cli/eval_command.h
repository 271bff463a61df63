// `defen eval RULES DATA [--format …] [--output FILE] [--summary …]`, or
// `defen eval --ruleset NAME@YEAR [--rulesets DIR] DATA`
#pragma once

#include <string>

namespace defen::cli {

struct EvalCommandOptions {
  std::string rules, data;
  std::string ruleset;                  // NAME@YEAR from the registry, instead of RULES
  std::string rulesetsDir = "rulesets"; // the registry --ruleset looks in
  std::string format = "table";  // table json csv md html xlsx
  std::string output;            // empty: standard output (xlsx needs a file)
  std::string summary;           // md html json: the batch summary instead of score cards
  std::string encoding = "auto", sheet, lang = "zh", engine = "jit";
  std::string outputEncoding = "utf8";  // --format csv: utf8 (a BOM in files) | gbk
  int threads = 0;
  bool noCache = false;
};

int runEval(const EvalCommandOptions& options);

}  // namespace defen::cli

// `defen eval RULES DATA [--format …] [--output FILE] [--summary …]`
#pragma once

#include <string>

namespace defen::cli {

struct EvalCommandOptions {
  std::string rules, data;
  std::string format = "table";  // table json csv md html xlsx
  std::string output;            // empty: standard output (xlsx needs a file)
  std::string summary;           // md html json: the batch summary instead of score cards
  std::string encoding = "auto", sheet, lang = "zh", engine = "jit";
  int threads = 0;
  bool noCache = false;
};

int runEval(const EvalCommandOptions& options);

}  // namespace defen::cli

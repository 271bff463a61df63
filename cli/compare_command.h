// `defen compare OLD.rules NEW.rules DATA [--format text|json|html] [-o FILE] [--all]`
#pragma once

#include "cli/options.h"

#include <string>

namespace defen::cli {

enum class CompareFormat { Text, Json, Html };

struct CompareOptions {
  std::string before, after, data;
  CompareFormat format = CompareFormat::Text;
  std::string output;
  DataReading reading;
  EngineKind engine = EngineKind::Jit;
  Lang lang = Lang::Zh;
  bool all = false;  // text: every indicator, not only the changed ones
};

Command addCompareCommand(CLI::App& app);
int runCompare(const CompareOptions& options);

}  // namespace defen::cli

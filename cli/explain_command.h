// `defen explain RULES DATA [--row N] [--indicator NAME] [--format text|json]`
#pragma once

#include "cli/options.h"

#include <string>

namespace defen::cli {

enum class ExplainFormat { Text, Json };

struct ExplainOptions {
  std::string rules, data, indicator;
  ExplainFormat format = ExplainFormat::Text;
  DataReading reading;
  EngineKind engine = EngineKind::Jit;
  Lang lang = Lang::Zh;
  int row = 0;  // 0: every row
};

Command addExplainCommand(CLI::App& app);
int runExplain(const ExplainOptions& options);

}  // namespace defen::cli

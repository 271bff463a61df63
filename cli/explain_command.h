// `defen explain RULES DATA [--row N] [--indicator NAME] [--format text|json]`
#pragma once

#include <string>

namespace defen::cli {

struct ExplainOptions {
  std::string rules, data, indicator, format = "text", encoding = "auto", sheet, engine = "jit", lang = "zh";
  int row = 0;  // 0: every row
};

int runExplain(const ExplainOptions& options);

}  // namespace defen::cli

// `defen cases RULES [--indicator NAME] [--baseline DATA [--row N]]
//  [--format table|tests] [--save FILE]`: boundary cases for staff to review
// and keep as tests (docs/testing.md).
#pragma once

#include <string>

namespace defen::cli {

struct CasesCommandOptions {
  std::string rules, indicator, baseline, format = "table", save, lang = "zh";
  int row = 1;
};

int runCases(const CasesCommandOptions& options);

}  // namespace defen::cli

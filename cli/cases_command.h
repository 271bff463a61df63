// `defen cases RULES [--indicator NAME] [--baseline DATA [--row N]]
//  [--format table|tests] [--save FILE]`: boundary cases for staff to review
// and keep as tests (docs/testing.md).
#pragma once

#include "cli/options.h"

#include <string>

namespace defen::cli {

enum class CasesFormat { Table, Tests };

struct CasesCommandOptions {
  std::string rules, indicator, baseline, save;
  CasesFormat format = CasesFormat::Table;
  Lang lang = Lang::Zh;
  int row = 1;
};

Command addCasesCommand(CLI::App& app);
int runCases(const CasesCommandOptions& options);

}  // namespace defen::cli

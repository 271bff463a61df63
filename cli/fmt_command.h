// `defen fmt [--check] [--stdout] FILES|DIRS...`: writes rulesets in the one
// canonical layout (compiler/tools/format/formatter.h, docs/formatter.md).
#pragma once

#include "cli/options.h"

#include <string>
#include <vector>

namespace defen::cli {

struct FmtOptions {
  std::vector<std::string> paths;  // files, or directories meaning every *.rules under them
  bool check = false;              // change nothing; list files not formatted, exit 1 if any
  bool toStdout = false;           // print the formatted text instead of rewriting
  Lang lang = Lang::Zh;
};

// 0: done (or, with --check, everything formatted); 1: a file is not
// formatted (--check), cannot be read or written, or does not parse.
Command addFmtCommand(CLI::App& app);
int runFmt(const FmtOptions& options);

}  // namespace defen::cli

// `defen template RULES [--format xlsx|csv] [-o FILE]`: an empty data-entry
// sheet for a ruleset, one column per thing the data must say.
#pragma once

#include <string>

namespace defen::cli {

struct TemplateOptions {
  std::string rules, output;
  std::string format;  // xlsx | csv; empty: from the output's extension, else csv
  std::string lang = "zh";
  std::string outputEncoding = "utf8";  // csv: utf8 (a BOM in files) | gbk
};

int runTemplate(const TemplateOptions& options);

}  // namespace defen::cli

// `defen template RULES [--form [--year YYYY]] [--format xlsx|csv] [-o FILE]`: an empty data-entry
// sheet for a ruleset, one column per thing the data must say.
#pragma once

#include <string>

namespace defen::cli {

struct TemplateOptions {
  std::string rules, output;
  std::string format;  // xlsx | csv; empty: from the output's extension, else csv
  std::string lang = "zh";
  std::string outputEncoding = "utf8";  // csv: utf8 (a BOM in files) | gbk
  // The national 项目支出绩效自评表 instead of one column per input: xlsx the
  // form itself, csv the long form's header (compiler/report/project_form_template.h).
  bool form = false;
  int year = 0;  // --form: the year in the title; 0 leaves it for the unit
};

int runTemplate(const TemplateOptions& options);

}  // namespace defen::cli

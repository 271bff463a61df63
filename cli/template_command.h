// `defen template RULES [--form [--year YYYY]] [--format xlsx|csv] [-o FILE]`: an empty data-entry
// sheet for a ruleset, one column per thing the data must say.
#pragma once

#include "cli/options.h"

#include <string>

namespace defen::cli {

enum class TemplateFormat { FromOutput, Xlsx, Csv };  // FromOutput: xlsx for an -o FILE.xlsx, else csv

struct TemplateOptions {
  std::string rules, output;
  TemplateFormat format = TemplateFormat::FromOutput;
  Lang lang = Lang::Zh;
  CsvEncoding outputEncoding = CsvEncoding::Utf8;  // csv: utf8 (a BOM in files) | gbk
  // The national 项目支出绩效自评表 instead of one column per input: xlsx the
  // form itself, csv the long form's header (compiler/report/project_form_template.h).
  bool form = false;
  int year = 0;  // --form: the year in the title; 0 leaves it for the unit
};

Command addTemplateCommand(CLI::App& app);
int runTemplate(const TemplateOptions& options);

}  // namespace defen::cli

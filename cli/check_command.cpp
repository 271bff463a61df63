#include "cli/check_command.h"

#include "cli/check_output.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iostream>

namespace defen::cli {
namespace {

void printDiagnostics(std::ostream& out, const Compilation& c, Lang lang) {
  for (const auto& d : c.diags.all()) out << renderDiagnostic(d, *c.source, lang);
}

std::string summary(const Compilation& c, Lang lang) {
  int errors = c.diags.errorCount(), warnings = c.diags.warningCount();
  if (lang == Lang::En) return fmt::format("{}: {} error(s), {} warning(s)", c.source->path(), errors, warnings);
  return fmt::format("{}：{}个错误，{}个警告", c.source->path(), errors, warnings);
}

// `defen check --emit flat`: the effective ruleset on standard output (for a
// file based on another, the base with the changes spliced in), diagnostics on
// standard error so the output stays a ruleset.
int emitFlat(const std::string& file, Lang lang) {
  Compilation c = compileFile(file);
  printDiagnostics(std::cerr, c, lang);
  if (c.diags.hasErrors()) {
    std::cerr << summary(c, lang) << "\n";
    return kFailed;
  }
  if (c.effective != c.source)
    std::cout << "# 由 defen check --emit flat 从 " << c.source->path() << " 及其基础标准展开生成。\n";
  std::cout << flatText(c);
  return kOk;
}

}  // namespace

int runCheck(const CheckOptions& o) {
  if (o.emitFlat) {
    if (o.files.size() != 1) {
      std::cerr << "--emit flat 一次只能展开一个规则文件 / --emit flat takes one ruleset\n";
      return kUsage;
    }
    return emitFlat(o.files.front(), o.lang);
  }
  bool failed = false;
  for (const auto& file : o.files) {
    Compilation c = compileFile(file);
    if (o.format == CheckFormat::Json) {
      std::cout << diagnosticsJson(c, o.lang).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    } else {
      printDiagnostics(std::cout, c, o.lang);
      std::cout << summary(c, o.lang) << "\n";
    }
    failed |= c.diags.hasErrors();
  }
  return failed ? kFailed : kOk;
}

Command addCheckCommand(CLI::App& app) {
  auto o = std::make_shared<CheckOptions>();
  CLI::App* check = app.add_subcommand("check", "检查规则文件：名称、单位、分值合计、分段覆盖、除数为零等 / check ruleset files");
  check->add_option("RULES", o->files, "规则文件 / ruleset files (*.rules)")->required()->check(CLI::ExistingFile);
  addLang(*check, o->lang);
  addChoice(*check, "--format", o->format, Choices<CheckFormat>{{"text", CheckFormat::Text}, {"json", CheckFormat::Json}},
            "输出格式 text|json / output format");
  addChoice(*check, "--emit", o->emitFlat, Choices<bool>{{"flat", true}},
            "flat：输出展开后的完整规则（基于另一套标准的文件）/ print the effective ruleset");
  return {check, [o] { return runCheck(*o); }};
}

}  // namespace defen::cli

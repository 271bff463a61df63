// defen — 预算绩效评分标准编译器 / a compiler for budget performance scoring standards.
//
// Exit codes: 0 success; 1 errors in the ruleset or the data; 2 usage errors; 3 `defen diff --exit-code`: the standards differ.
// Each command registers its own options (cli/<name>_command.cpp, shared ones
// from cli/options.h); this file lists the commands and parses the line.
#include "cli/cases_command.h"
#include "cli/check_command.h"
#include "cli/compare_command.h"
#include "cli/diff_command.h"
#include "cli/eval_command.h"
#include "cli/explain_command.h"
#include "cli/fmt_command.h"
#include "cli/lsp_command.h"
#include "cli/options.h"
#include "cli/rulesets_command.h"
#include "cli/serve_command.h"
#include "cli/template_command.h"
#include "cli/test_command.h"
#include "cli/usage_text.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <vector>

int main(int argc, char** argv) {
  using namespace defen::cli;
  // Help and usage errors speak the language asked for with --lang (cli/usage_text.h).
  const defen::Lang usageLang = usageLanguage(argc, argv);
  CLI::App app{usageLang == defen::Lang::En
                   ? "defen — compiles budget performance scoring standards, checks them, and scores departments' data.\n"
                     "Exit codes: 0 success; 1 errors in the rules or the data; 2 usage error."
                   : "defen — 预算绩效评分标准编译器：检查评分规则，并按规则为部门数据计分。\n"
                     "退出码：0 成功；1 规则或数据有错误；2 用法错误。"};
  app.set_version_flag("--version", std::string("defen ") + DEFEN_VERSION);
  app.require_subcommand(1);

  // In the order help lists them.
  const std::vector<Command> commands{
      addCheckCommand(app),    addEvalCommand(app), addExplainCommand(app), addTemplateCommand(app),
      addCompareCommand(app),  addRulesetsCommand(app), addFmtCommand(app), addTestCommand(app),
      addCasesCommand(app),    addLspCommand(app),   addDiffCommand(app),  addServeCommand(app),
  };

  localizeUsage(app, usageLang);
  app.failure_message([usageLang](const CLI::App*, const CLI::Error& e) { return usageError(e, usageLang); });
  if (auto unknown = unknownCommand(app, argc, argv, usageLang)) {
    std::cerr << *unknown;
    return kUsage;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << helpText(app, usageLang);
    return kOk;
  } catch (const CLI::CallForAllHelp&) {
    std::cout << helpText(app, usageLang);
    return kOk;
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kUsage;
  }
  for (const Command& command : commands)
    if (*command.app) return command.run();
  return kUsage;
}

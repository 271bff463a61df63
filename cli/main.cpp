// defen — 预算绩效评分标准编译器 / a compiler for budget performance scoring standards.
//
// Exit codes: 0 success; 1 errors in the ruleset or the data; 2 usage errors; 3 `defen diff --exit-code`: the standards differ.
#include "cli/cases_command.h"
#include "cli/check_output.h"
#include "cli/compare_command.h"
#include "cli/diff_command.h"
#include "cli/eval_command.h"
#include "cli/explain_command.h"
#include "cli/fmt_command.h"
#include "cli/lsp_server.h"
#include "cli/rulesets_command.h"
#include "cli/serve/server.h"
#include "cli/template_command.h"
#include "cli/test_command.h"
#include "cli/usage_text.h"
#include "lib/driver/driver.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <fmt/format.h>

#include <iostream>

namespace {

constexpr int kOk = 0;
constexpr int kFailed = 1;
constexpr int kUsage = 2;

defen::Lang parseLang(const std::string& s) { return s == "en" ? defen::Lang::En : defen::Lang::Zh; }

void printDiagnostics(std::ostream& out, const defen::Compilation& c, defen::Lang lang) {
  for (const auto& d : c.diags.all()) out << defen::renderDiagnostic(d, *c.source, lang);
}

std::string summary(const defen::Compilation& c, defen::Lang lang) {
  int errors = c.diags.errorCount(), warnings = c.diags.warningCount();
  if (lang == defen::Lang::En) return fmt::format("{}: {} error(s), {} warning(s)", c.source->path(), errors, warnings);
  return fmt::format("{}：{}个错误，{}个警告", c.source->path(), errors, warnings);
}

void printDiagnosticsJson(std::ostream& out, const defen::Compilation& c, defen::Lang lang) {
  out << defen::cli::diagnosticsJson(c, lang).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

// `defen check --emit flat`: the effective ruleset on standard output (for a
// file based on another, the base with the changes spliced in), diagnostics on
// standard error so the output stays a ruleset.
int emitFlat(const std::string& file, defen::Lang l) {
  defen::Compilation c = defen::compileFile(file);
  printDiagnostics(std::cerr, c, l);
  if (c.diags.hasErrors()) {
    std::cerr << summary(c, l) << "\n";
    return kFailed;
  }
  if (c.effective != c.source)
    std::cout << "# 由 defen check --emit flat 从 " << c.source->path() << " 及其基础标准展开生成。\n";
  std::cout << defen::cli::flatText(c);
  return kOk;
}

int runCheck(const std::vector<std::string>& files, const std::string& lang, const std::string& format,
             const std::string& emit) {
  defen::Lang l = parseLang(lang);
  if (!emit.empty()) {
    if (files.size() != 1) {
      std::cerr << "--emit flat 一次只能展开一个规则文件 / --emit flat takes one ruleset\n";
      return kUsage;
    }
    return emitFlat(files.front(), l);
  }
  bool failed = false;
  for (const auto& file : files) {
    defen::Compilation c = defen::compileFile(file);
    if (format == "json") {
      printDiagnosticsJson(std::cout, c, l);
    } else {
      printDiagnostics(std::cout, c, l);
      std::cout << summary(c, l) << "\n";
    }
    failed |= c.diags.hasErrors();
  }
  return failed ? kFailed : kOk;
}

}  // namespace

int main(int argc, char** argv) {
  // Help and usage errors speak the language asked for with --lang (cli/usage_text.h).
  const defen::Lang usageLang = defen::cli::usageLanguage(argc, argv);
  CLI::App app{usageLang == defen::Lang::En
                   ? "defen — compiles budget performance scoring standards, checks them, and scores departments' data.\n"
                     "Exit codes: 0 success; 1 errors in the rules or the data; 2 usage error."
                   : "defen — 预算绩效评分标准编译器：检查评分规则，并按规则为部门数据计分。\n"
                     "退出码：0 成功；1 规则或数据有错误；2 用法错误。"};
  app.set_version_flag("--version", std::string("defen ") + DEFEN_VERSION);
  app.require_subcommand(1);

  std::vector<std::string> checkFiles;
  std::string lang = "zh", checkFormat = "text", checkEmit;
  auto* check = app.add_subcommand("check", "检查规则文件：名称、单位、分值合计、分段覆盖、除数为零等 / check ruleset files");
  check->add_option("RULES", checkFiles, "规则文件 / ruleset files (*.rules)")->required()->check(CLI::ExistingFile);
  check->add_option("--lang", lang, "诊断语言 zh|en / diagnostics language")->check(CLI::IsMember({"zh", "en"}));
  check->add_option("--format", checkFormat, "输出格式 text|json / output format")->check(CLI::IsMember({"text", "json"}));
  check->add_option("--emit", checkEmit, "flat：输出展开后的完整规则（基于另一套标准的文件）/ print the effective ruleset")
      ->check(CLI::IsMember({"flat"}));

  defen::cli::EvalCommandOptions ev;
  auto* eval = app.add_subcommand("eval", "按规则为数据计分 / score data with a ruleset");
  // RULES DATA, or --ruleset NAME@YEAR DATA (the one positional is then the data; cli/eval_command.cpp).
  // "-" is standard input, read as CSV (with --ruleset the one positional is the data, so RULES may be "-" too).
  const auto fileOrStdin = CLI::ExistingFile | CLI::IsMember({"-"});
  eval->add_option("RULES", ev.rules, "规则文件 / ruleset file")->check(fileOrStdin);
  eval->add_option("DATA", ev.data, "数据文件 .json、.csv 或 .xlsx；- 为标准输入（CSV，逐块读取）/ data file; - reads CSV from standard input")
      ->check(fileOrStdin);
  eval->add_option("--ruleset", ev.ruleset, "从规则目录按 名称@年度 选规则，代替 RULES，如 zhanjiang-dept@2022 / pick the ruleset NAME@YEAR from the registry");
  eval->add_option("--rulesets", ev.rulesetsDir, "--ruleset 查找的规则目录（默认 rulesets）/ the registry directory (default: rulesets)");
  eval->add_option("--format", ev.format, "输出格式 table|json|csv|md|html|xlsx|docx（xlsx、docx 需 -o 文件）/ output format")
      ->check(CLI::IsMember({"table", "json", "csv", "md", "html", "xlsx", "docx"}));
  eval->add_option("--summary", ev.summary,
                   "输出多个部门的汇总（排名、总分分布、等级、指标得分率、失分）md|html|json，docx 为评价报告草稿（需 -o），代替评分表 / "
                   "write the batch summary instead of score cards (docx: the 评价报告 draft, needs -o)")
      ->check(CLI::IsMember({"md", "html", "json", "docx"}));
  eval->add_option("-o,--output", ev.output, "写入文件而非标准输出 / write to FILE instead of standard output");
  eval->add_option("--encoding", ev.encoding, "CSV 编码 auto|utf8|gb18030 / CSV encoding")->check(CLI::IsMember({"auto", "utf8", "gb18030"}));
  eval->add_option("--output-encoding", ev.outputEncoding,
                   "CSV 报告的编码 utf8|gbk（utf8 写入文件时带 BOM，供 Excel 识别；gbk 供旧版 Excel）/ CSV report encoding (utf8 with a BOM in files; gbk for old Excel)")
      ->check(CLI::IsMember({"utf8", "gbk"}));
  eval->add_option("--sheet", ev.sheet, "Excel 工作表名（默认第一张）/ Excel sheet (default: the first)");
  eval->add_option("--lang", ev.lang, "诊断语言 zh|en / diagnostics language")->check(CLI::IsMember({"zh", "en"}));
  eval->add_option("--engine", ev.engine, "计算引擎 jit|interp（默认 jit，本机代码）/ engine: native code or the interpreter")
      ->check(CLI::IsMember({"jit", "interp"}));
  eval->add_flag("--no-cache", ev.noCache, "不使用也不写入已编译代码的缓存 / neither use nor write the compiled-code cache");
  eval->add_option("-j,--threads", ev.threads, "线程数，0 为全部核心 / threads, 0 = all cores")->check(CLI::NonNegativeNumber);

  defen::cli::ExplainOptions explainOptions;
  auto* explain = app.add_subcommand("explain", "逐项列出得分依据：读到的数据、命中的分段、逐项与扣分 / show the trace behind each score");
  explain->add_option("RULES", explainOptions.rules, "规则文件 / ruleset file")->required()->check(CLI::ExistingFile);
  explain->add_option("DATA", explainOptions.data, "数据文件 .json、.csv 或 .xlsx / data file")->required()->check(CLI::ExistingFile);
  explain->add_option("--row", explainOptions.row, "只看第 N 行 / only row N")->check(CLI::PositiveNumber);
  explain->add_option("--indicator", explainOptions.indicator, "只看该指标及其下级 / only this indicator and those below it");
  explain->add_option("--format", explainOptions.format, "输出格式 text|json / output format")->check(CLI::IsMember({"text", "json"}));
  explain->add_option("--encoding", explainOptions.encoding, "CSV 编码 auto|utf8|gb18030 / CSV encoding")->check(CLI::IsMember({"auto", "utf8", "gb18030"}));
  explain->add_option("--sheet", explainOptions.sheet, "Excel 工作表名（默认第一张）/ Excel sheet (default: the first)");
  explain->add_option("--engine", explainOptions.engine, "计算引擎 jit|interp / engine")->check(CLI::IsMember({"jit", "interp"}));
  explain->add_option("--lang", explainOptions.lang, "诊断语言 zh|en / diagnostics language")->check(CLI::IsMember({"zh", "en"}));

  defen::cli::TemplateOptions templateOptions;
  auto* tmpl = app.add_subcommand("template", "生成空白数据填写表：每个输入一列，列注说明类型、单位、取值、是否必填 / write an empty data-entry sheet for a ruleset");
  tmpl->add_option("RULES", templateOptions.rules, "规则文件 / ruleset file")->required()->check(CLI::ExistingFile);
  tmpl->add_option("--format", templateOptions.format, "xlsx|csv（默认按 -o 的扩展名，否则 csv；csv 的填写说明写到标准错误）/ format (default: from -o, else csv)")
      ->check(CLI::IsMember({"xlsx", "csv"}));
  tmpl->add_option("-o,--output", templateOptions.output, "写入文件（xlsx 必须）/ write to FILE (required for xlsx)");
  tmpl->add_option("--output-encoding", templateOptions.outputEncoding,
                   "CSV 的编码 utf8|gbk（utf8 写入文件时带 BOM；gbk 供旧版 Excel）/ CSV encoding (utf8 with a BOM in files; gbk for old Excel)")
      ->check(CLI::IsMember({"utf8", "gbk"}));
  tmpl->add_flag("--form", templateOptions.form,
                 "项目支出绩效自评表（财预〔2020〕10号）：xlsx 为全国自评表样式，一个工作表一个项目；csv 为每行一个指标的长表表头 / "
                 "the national project self-evaluation form: xlsx as the form itself (one sheet per project), csv as the long form's header");
  tmpl->add_option("--year", templateOptions.year, "与 --form 同用：表头“（YYYY年度）”的年度（默认留空由单位填写）/ with --form: the year in the title (default: left for the unit)")
      ->check(CLI::Range(1990, 2100));
  tmpl->add_option("--lang", templateOptions.lang, "诊断语言 zh|en / diagnostics language")->check(CLI::IsMember({"zh", "en"}));

  defen::cli::CompareOptions compareOptions;
  auto* compare = app.add_subcommand("compare", "同一份数据按两套标准计分并对比：各单位、各指标的得分与变化 / score the same data under two standards side by side");
  compare->add_option("OLD", compareOptions.before, "旧标准规则文件 / the old ruleset")->required()->check(CLI::ExistingFile);
  compare->add_option("NEW", compareOptions.after, "新标准规则文件 / the new ruleset")->required()->check(CLI::ExistingFile);
  compare->add_option("DATA", compareOptions.data, "数据文件 .json、.csv 或 .xlsx / data file")->required()->check(CLI::ExistingFile);
  compare->add_option("--format", compareOptions.format, "输出格式 text|json|html / output format")->check(CLI::IsMember({"text", "json", "html"}));
  compare->add_option("-o,--output", compareOptions.output, "写入文件而非标准输出 / write to FILE instead of standard output");
  compare->add_flag("--all", compareOptions.all, "文本格式列出全部指标，而非只列有变化的 / text: list every indicator, not only changed ones");
  compare->add_option("--encoding", compareOptions.encoding, "CSV 编码 auto|utf8|gb18030 / CSV encoding")->check(CLI::IsMember({"auto", "utf8", "gb18030"}));
  compare->add_option("--sheet", compareOptions.sheet, "Excel 工作表名（默认第一张）/ Excel sheet (default: the first)");
  compare->add_option("--engine", compareOptions.engine, "计算引擎 jit|interp / engine")->check(CLI::IsMember({"jit", "interp"}));
  compare->add_option("--lang", compareOptions.lang, "诊断语言 zh|en / diagnostics language")->check(CLI::IsMember({"zh", "en"}));

  defen::cli::RulesetsOptions rulesetsOptions;
  auto* rulesetsCommand = app.add_subcommand("rulesets", "列出规则目录中的评分标准（名称、地区、年度、版本）及能否通过检查，有错误则退出码 1 / list a rulesets directory and whether each checks clean");
  rulesetsCommand->add_option("DIR", rulesetsOptions.directory, "规则目录（默认 rulesets）/ the directory (default: rulesets)");
  rulesetsCommand->add_option("--format", rulesetsOptions.format, "输出格式 text|json / output format")->check(CLI::IsMember({"text", "json"}));

  defen::cli::FmtOptions fmtOptions;
  auto* fmtCommand = app.add_subcommand("fmt", "把规则文件排成统一格式（缩进、空格、空行、注释对齐），注释与写法不变 / format ruleset files in the one canonical layout");
  fmtCommand->add_option("FILES", fmtOptions.paths, "规则文件或目录（目录指其中所有 .rules 文件）/ ruleset files or directories")->required();
  auto* fmtCheck = fmtCommand->add_flag("--check", fmtOptions.check, "不改文件，列出未格式化的文件，有则退出码 1（用于 CI）/ change nothing; list unformatted files, exit 1 if any");
  fmtCommand->add_flag("--stdout", fmtOptions.toStdout, "把格式化结果写到标准输出，不改文件 / print the formatted text instead of rewriting")->excludes(fmtCheck);
  fmtCommand->add_option("--lang", fmtOptions.lang, "诊断语言 zh|en / diagnostics language")->check(CLI::IsMember({"zh", "en"}));

  defen::cli::TestOptions testOptions;
  auto* test = app.add_subcommand("test", "运行规则旁的测试用例（<规则名>.tests），报告失败与覆盖 / run the test cases beside each ruleset");
  test->add_option("RULES", testOptions.paths, "规则文件、测试文件或目录 / .rules or .tests files, or directories")->required();
  test->add_option("--engine", testOptions.engine, "计算引擎 interp|jit|both（默认 both：两者须一致）/ engine; both must agree")
      ->check(CLI::IsMember({"interp", "jit", "both"}));
  test->add_option("--junit", testOptions.junit, "另写 JUnit XML 报告 / also write a JUnit XML report");
  test->add_flag("--coverage", testOptions.coverage, "列出没有用例到达的分段、逐项、扣分、不考核条款 / list what no case reaches");
  test->add_flag("--require-full-coverage", testOptions.requireFullCoverage, "覆盖不完整或缺少测试文件即失败 / fail unless every ruleset has tests reaching everything");
  test->add_option("--lang", testOptions.lang, "输出语言 zh|en / output language")->check(CLI::IsMember({"zh", "en"}));

  defen::cli::CasesCommandOptions casesOptions;
  auto* cases = app.add_subcommand("cases", "生成边界用例：每个分段边界、扣分档、比较常数处及其两侧的取值与得分 / boundary cases with their scores");
  cases->add_option("RULES", casesOptions.rules, "规则文件 / ruleset file")->required()->check(CLI::ExistingFile);
  cases->add_option("--indicator", casesOptions.indicator, "只看该指标及其下级 / only this indicator and those below it");
  cases->add_option("--baseline", casesOptions.baseline, "用例以该数据文件的一行为底 / start every case from a row of this data file")->check(CLI::ExistingFile);
  cases->add_option("--row", casesOptions.row, "--baseline 的第 N 行（默认 1）/ row N of --baseline (default 1)")->check(CLI::PositiveNumber);
  cases->add_option("--format", casesOptions.format, "输出格式 table|tests / output format")->check(CLI::IsMember({"table", "tests"}));
  cases->add_option("--save", casesOptions.save, "把用例追加到测试文件（不重复已有用例）/ append the cases to a test file, skipping existing ones");
  cases->add_option("--lang", casesOptions.lang, "输出语言 zh|en / output language")->check(CLI::IsMember({"zh", "en"}));

  auto* lsp = app.add_subcommand("lsp", "编辑器的语言服务（标准输入输出）：诊断、悬停、跳转定义、指标树、格式化 / language server over stdio");

  defen::cli::DiffOptions diffOptions;
  auto* diff = app.add_subcommand("diff", "两套评分标准的差异（按含义比较，不计排版与注释）：指标增删改名移动、分值、分段、公式、等级、措辞 / what changed between two standards");
  diff->add_option("OLD", diffOptions.before, "旧标准规则文件 / the old ruleset")->required()->check(CLI::ExistingFile);
  diff->add_option("NEW", diffOptions.after, "新标准规则文件 / the new ruleset")->required()->check(CLI::ExistingFile);
  diff->add_option("--format", diffOptions.format, "输出格式 text|json|html / output format")->check(CLI::IsMember({"text", "json", "html"}));
  diff->add_option("-o,--output", diffOptions.output, "写入文件而非标准输出 / write to FILE instead of standard output");
  diff->add_option("--lang", diffOptions.lang, "输出与诊断语言 zh|en / language")->check(CLI::IsMember({"zh", "en"}));
  diff->add_flag("--exit-code", diffOptions.exitCode, "有差异时退出码为 3（无差异为 0）/ exit 3 when the standards differ, 0 when not");

  defen::serve::ServeOptions serveOptions;
  auto* serve = app.add_subcommand("serve", "工作台：在浏览器中编辑、检查、计分的网页及其 JSON 接口（默认只监听本机）/ the workbench: a page and JSON API over HTTP (loopback by default)");
  serve->add_option("--host", serveOptions.host, "监听地址（默认 127.0.0.1）/ address to listen on");
  serve->add_option("--port", serveOptions.port, "端口，0 为任选空闲端口（默认 8080）/ port, 0 picks a free one")->check(CLI::Range(0, 65535));
  serve->add_option("--rulesets", serveOptions.rulesets, "规则目录（默认 rulesets）/ the rulesets directory");
  serve->add_option("--web", serveOptions.web, "构建好的页面目录 / the built page");
  serve->add_option("--max-body", serveOptions.maxBody, "请求体上限（默认 16MB）/ request body limit");
  serve->add_option("--time-limit", serveOptions.timeLimit, "每个请求的编译与计分时限（默认 30s，可写 500ms）/ per-request time limit");
  serve->add_flag("--require-token", serveOptions.requireToken, "即使只监听本机也要求启动时打印的令牌（监听其他地址时总是要求）/ require the printed token even on loopback (always required off loopback)");
  serve->add_option("--max-rows", serveOptions.maxRows, "一次计分的行数上限（默认 200000）/ rows per evaluation")->check(CLI::PositiveNumber);

  defen::cli::localizeUsage(app, usageLang);
  app.failure_message([usageLang](const CLI::App*, const CLI::Error& e) { return defen::cli::usageError(e, usageLang); });
  if (auto unknown = defen::cli::unknownCommand(app, argc, argv, usageLang)) {
    std::cerr << *unknown;
    return kUsage;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << defen::cli::helpText(app, usageLang);
    return kOk;
  } catch (const CLI::CallForAllHelp&) {
    std::cout << defen::cli::helpText(app, usageLang);
    return kOk;
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kUsage;
  }
  if (*check) return runCheck(checkFiles, lang, checkFormat, checkEmit);
  if (*explain) return defen::cli::runExplain(explainOptions);
  if (*compare) return defen::cli::runCompare(compareOptions);
  if (*diff) return defen::cli::runDiff(diffOptions);
  if (*lsp) return defen::cli::runLsp(std::cin, std::cout);
  if (*eval) return defen::cli::runEval(ev);
  if (*tmpl) return defen::cli::runTemplate(templateOptions);
  if (*fmtCommand) return defen::cli::runFmt(fmtOptions);
  if (*test) return defen::cli::runTest(testOptions);
  if (*cases) return defen::cli::runCases(casesOptions);
  if (*rulesetsCommand) return defen::cli::runRulesets(rulesetsOptions);
  if (*serve) return defen::serve::runServe(serveOptions);
  return kUsage;
}

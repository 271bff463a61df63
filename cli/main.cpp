// defen — 预算绩效评分标准编译器 / a compiler for budget performance scoring standards.
//
// Exit codes: 0 success; 1 errors in the ruleset or the data; 2 usage errors.
#include "cli/explain_command.h"
#include "compiler/driver.h"
#include "compiler/report_schema.h"
#include "runtime/csv_chunks.h"
#include "runtime/progress.h"
#include "runtime/readers.h"
#include "runtime/report.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <fmt/format.h>

#include <iostream>
#include <unistd.h>

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
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& d : c.diags.all()) {
    nlohmann::ordered_json j;
    j["file"] = c.source->path();
    j["line"] = d.range.line;
    j["column"] = d.range.col;
    j["endLine"] = d.range.endLine;
    j["endColumn"] = d.range.endCol;
    j["severity"] = d.severity == defen::Severity::Error ? "error" : "warning";
    j["code"] = d.code;
    j["message"] = d.message(lang);
    nlohmann::ordered_json notes = nlohmann::ordered_json::array();
    for (const auto& n : d.notes) notes.push_back(lang == defen::Lang::En && !n.en.empty() ? n.en : n.zh);
    j["notes"] = notes;
    list.push_back(j);
  }
  out << list.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

int runCheck(const std::vector<std::string>& files, const std::string& lang, const std::string& format) {
  defen::Lang l = parseLang(lang);
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

// Writes a report whose records arrive in chunks (a large CSV is scored a
// chunk at a time, so memory does not grow with the input).
class BatchWriter {
 public:
  BatchWriter(std::ostream& out, const defen::ReportSchema& schema, std::string format)
      : out_(out), schema_(schema), format_(std::move(format)) {}
  void begin(std::vector<std::string> warnings) {
    warnings_ = std::move(warnings);
    if (format_ == "json") defen::writeJsonBegin(out_, schema_);
    else if (format_ == "csv") defen::writeCsvHeader(out_, schema_);
  }
  void add(const std::vector<defen::RecordResult>& results) {
    if (format_ == "json") defen::writeJsonResults(out_, schema_, results, first_);
    else if (format_ == "csv") defen::writeCsvRows(out_, schema_, results);
    else defen::writeTable(out_, schema_, results);
  }
  void end() {
    if (format_ == "json") defen::writeJsonEnd(out_, warnings_);
    out_.flush();
  }

 private:
  std::ostream& out_;
  const defen::ReportSchema& schema_;
  std::string format_;
  std::vector<std::string> warnings_;
  bool first_ = true;
};

int runEval(const std::string& rules, const std::string& data, const std::string& format, const std::string& encoding,
            const std::string& lang, const std::string& engineName, int threads, bool noCache) {
  defen::Lang l = parseLang(lang);
  defen::Compilation c = defen::compileFile(rules);
  if (!c.program) {
    printDiagnostics(std::cerr, c, l);
    std::cerr << summary(c, l) << "\n";
    return kFailed;
  }
  defen::Encoding enc = encoding == "utf8" ? defen::Encoding::Utf8 : encoding == "gb18030" ? defen::Encoding::Gb18030 : defen::Encoding::Auto;
  std::string error;
  auto engine = defen::makeEngine(engineName == "interp" ? defen::EngineKind::Interpreter : defen::EngineKind::Jit, *c.program, error, !noCache);
  if (!engine) {
    std::cerr << "defen: 内部错误：无法编译规则（" << error << "）\n";
    return kFailed;
  }
  defen::EvalOptions options;
  options.threads = threads;
  options.explain = format != "csv";
  defen::ReportSchema schema = defen::reportSchema(*c.program);
  BatchWriter writer(std::cout, schema, format);
  bool anyErrors = false, first = true;
  long scored = 0;
  bool progress = isatty(STDERR_FILENO);
  defen::CsvChunks* chunks = nullptr;  // while streaming a CSV file: for the progress bar
  auto consume = [&](const defen::Table& table) -> bool {
    defen::Evaluation ev = defen::evaluateTable(*c.program, table, *engine, options);
    // File-level problems (a bad header) repeat in every chunk: report them once.
    if (first) {
      for (const auto& e : ev.fileErrors) std::cerr << data << "：" << e << "\n";
      for (const auto& w : ev.warnings) std::cerr << data << "：警告：" << w << "\n";
      if (!ev.fileErrors.empty() && ev.results.empty()) return false;
      writer.begin(ev.warnings);
    }
    first = false;
    anyErrors |= ev.anyErrors();
    writer.add(ev.results);
    scored += static_cast<long>(ev.results.size());
    if (progress && chunks && scored >= 20000)
      std::cerr << "\r" << defen::progressLine(chunks->bytesRead(), chunks->fileSize(), scored) << std::flush;
    return true;
  };
  bool csv = data.size() >= 4 && (data.compare(data.size() - 4, 4, ".csv") == 0 || data.compare(data.size() - 4, 4, ".CSV") == 0);
  if (csv) {
    defen::CsvChunks reader(data, enc);
    chunks = &reader;
    defen::Table chunk;
    while (reader.next(chunk))
      if (!consume(chunk)) return kFailed;
    chunks = nullptr;
  } else if (!consume(defen::readDataFile(data, enc))) {
    return kFailed;
  }
  if (first) writer.begin({});
  writer.end();
  if (progress && scored >= 20000) std::cerr << "\n";
  return anyErrors ? kFailed : kOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "defen — 预算绩效评分标准编译器：检查评分规则，并按规则为部门数据计分。\n"
      "defen — compiles budget performance scoring standards, checks them, and scores departments' data.\n\n"
      "退出码 / exit codes: 0 成功 success; 1 规则或数据有错误 errors in rules or data; 2 用法错误 usage error."};
  app.set_version_flag("--version", std::string("defen ") + DEFEN_VERSION);
  app.require_subcommand(1);

  std::vector<std::string> checkFiles;
  std::string lang = "zh", checkFormat = "text";
  auto* check = app.add_subcommand("check", "检查规则文件：名称、单位、分值合计、分段覆盖、除数为零等 / check ruleset files");
  check->add_option("RULES", checkFiles, "规则文件 / ruleset files (*.rules)")->required()->check(CLI::ExistingFile);
  check->add_option("--lang", lang, "诊断语言 zh|en / diagnostics language")->check(CLI::IsMember({"zh", "en"}));
  check->add_option("--format", checkFormat, "输出格式 text|json / output format")->check(CLI::IsMember({"text", "json"}));

  std::string rules, data, format = "table", encoding = "auto";
  auto* eval = app.add_subcommand("eval", "按规则为数据计分 / score data with a ruleset");
  eval->add_option("RULES", rules, "规则文件 / ruleset file")->required()->check(CLI::ExistingFile);
  eval->add_option("DATA", data, "数据文件 .json 或 .csv / data file")->required()->check(CLI::ExistingFile);
  eval->add_option("--format", format, "输出格式 table|json|csv / output format")->check(CLI::IsMember({"table", "json", "csv"}));
  eval->add_option("--encoding", encoding, "CSV 编码 auto|utf8|gb18030 / CSV encoding")->check(CLI::IsMember({"auto", "utf8", "gb18030"}));
  eval->add_option("--lang", lang, "诊断语言 zh|en / diagnostics language")->check(CLI::IsMember({"zh", "en"}));
  std::string engineName = "jit";
  int threads = 0;
  eval->add_option("--engine", engineName, "计算引擎 jit|interp（默认 jit，本机代码）/ engine: native code or the interpreter")
      ->check(CLI::IsMember({"jit", "interp"}));
  bool noCache = false;
  eval->add_flag("--no-cache", noCache, "不使用也不写入已编译代码的缓存 / neither use nor write the compiled-code cache");
  eval->add_option("--threads", threads, "线程数，0 为全部核心 / threads, 0 = all cores")->check(CLI::NonNegativeNumber);

  defen::cli::ExplainOptions explainOptions;
  auto* explain = app.add_subcommand("explain", "逐项列出得分依据：读到的数据、命中的分段、逐项与扣分 / show the trace behind each score");
  explain->add_option("RULES", explainOptions.rules, "规则文件 / ruleset file")->required()->check(CLI::ExistingFile);
  explain->add_option("DATA", explainOptions.data, "数据文件 .json 或 .csv / data file")->required()->check(CLI::ExistingFile);
  explain->add_option("--row", explainOptions.row, "只看第 N 行 / only row N")->check(CLI::PositiveNumber);
  explain->add_option("--indicator", explainOptions.indicator, "只看该指标及其下级 / only this indicator and those below it");
  explain->add_option("--format", explainOptions.format, "输出格式 text|json / output format")->check(CLI::IsMember({"text", "json"}));
  explain->add_option("--encoding", explainOptions.encoding, "CSV 编码 auto|utf8|gb18030 / CSV encoding")->check(CLI::IsMember({"auto", "utf8", "gb18030"}));
  explain->add_option("--engine", explainOptions.engine, "计算引擎 jit|interp / engine")->check(CLI::IsMember({"jit", "interp"}));
  explain->add_option("--lang", explainOptions.lang, "诊断语言 zh|en / diagnostics language")->check(CLI::IsMember({"zh", "en"}));

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kUsage;
  }
  if (*check) return runCheck(checkFiles, lang, checkFormat);
  if (*explain) return defen::cli::runExplain(explainOptions);
  if (*eval) return runEval(rules, data, format, encoding, lang, engineName, threads, noCache);
  return kUsage;
}

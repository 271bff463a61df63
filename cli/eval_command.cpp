#include "cli/eval_command.h"

#include "cli/ruleset_loading.h"

#include "lib/driver/driver.h"
#include "lib/driver/batch.h"
#include "lib/driver/table_slices.h"
#include "compiler/report/report_schema.h"
#include "compiler/core/atomic_file.h"
#include "compiler/report/batch_summary.h"
#include "compiler/report/csv_encoding.h"
#include "compiler/io/data_chunks.h"
#include "compiler/report/documents.h"
#include "compiler/core/progress.h"
#include "compiler/io/readers.h"
#include "compiler/report/report.h"
#include "compiler/report/xlsx_report.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <set>
#include <unistd.h>

namespace defen::cli {
namespace {

// Streaming formats are written as chunks arrive, so a large CSV is scored in
// constant memory; documents (Markdown, HTML, XLSX, the summary) need every
// record first.
bool isStreamingFormat(EvalFormat f) { return f == EvalFormat::Table || f == EvalFormat::Json || f == EvalFormat::Csv; }

// Writes a report whose records arrive in chunks (a large CSV is scored a
// chunk at a time, so memory does not grow with the input).
class BatchWriter {
 public:
  BatchWriter(std::ostream& out, const ReportSchema& schema, EvalFormat format) : out_(out), schema_(schema), format_(format) {}
  void begin(std::vector<std::string> warnings) {
    warnings_ = std::move(warnings);
    if (format_ == EvalFormat::Json) writeJsonBegin(out_, schema_);
    else if (format_ == EvalFormat::Csv) writeCsvHeader(out_, schema_);
  }
  // Warnings about rows of a later chunk (values outside their 通常 range).
  void addWarnings(std::vector<std::string>::const_iterator from, std::vector<std::string>::const_iterator to) {
    warnings_.insert(warnings_.end(), from, to);
  }
  // A chunk's records, formatted by a worker (lib/driver/batch.h).
  void add(const ChunkResult& chunk) {
    if (chunk.records == 0) return;
    if (format_ == EvalFormat::Json && !first_) out_ << ',';
    first_ = false;
    out_.write(chunk.text.data(), static_cast<std::streamsize>(chunk.text.size()));
  }
  void end() {
    if (format_ == EvalFormat::Json) writeJsonEnd(out_, warnings_);
    out_.flush();
  }

 private:
  std::ostream& out_;
  const ReportSchema& schema_;
  EvalFormat format_;
  std::vector<std::string> warnings_;
  bool first_ = true;
};

bool isCsvPath(const std::string& path) {
  return path.size() >= 4 && (path.compare(path.size() - 4, 4, ".csv") == 0 || path.compare(path.size() - 4, 4, ".CSV") == 0);
}

// Writes a document (every record at once) to `out` or, for xlsx and docx, to `xlsxPath`.
// Returns false with `error` set when the file cannot be written.
bool writeDocument(const EvalCommandOptions& o, const std::string& xlsxPath, std::ostream& out, const ReportSchema& schema,
                   const std::vector<RecordResult>& results, std::string& error) {
  // Markdown and HTML reports (compiler/report/documents.h).
  if (o.format == EvalFormat::Md || o.format == EvalFormat::Html) {
    if (o.format == EvalFormat::Md) writeMarkdownReport(out, schema, results);
    else writeHtmlReport(out, schema, results);
    out.flush();
    if (!out) error = "写入输出失败 / could not write the output";
    return static_cast<bool>(out);
  }
  // XLSX (compiler/report/xlsx_report.h): a workbook written to --output, not a stream.
  if (o.format == EvalFormat::Xlsx) return writeXlsxReport(xlsxPath, schema, results, error);
  // Word (compiler/report/docx_report.cpp): the 评分表, or with --summary docx the 评价报告 draft.
  if (o.summary == SummaryFormat::Docx) return writeDocxSummary(xlsxPath, schema, results, error);
  if (o.format == EvalFormat::Docx) return writeDocxReport(xlsxPath, schema, results, error);
  (void)o; (void)out; (void)schema; (void)results;
  error = "不支持的输出格式";
  return false;
}

// The batch summary (--summary md|html|json), which replaces the score cards
// whatever --format says.
bool writeSummary(SummaryFormat format, std::ostream& out, const ReportSchema& schema, const BatchSummary& summary,
                  std::string& error) {
  if (format == SummaryFormat::Json) writeSummaryJson(out, schema, summary);
  else if (format == SummaryFormat::Md) writeSummaryMarkdown(out, schema, summary);
  else writeSummaryHtml(out, schema, summary);
  out.flush();
  if (!out) error = "写入输出失败 / could not write the output";
  return static_cast<bool>(out);
}

// --ruleset NAME@YEAR: the one positional argument is the data, and the
// rules file comes from the registry. Returns 0, or the exit code to stop with.
int chooseRuleset(EvalCommandOptions& o) {
  if (o.ruleset.empty()) {
    if (!o.rules.empty() && !o.data.empty()) return kOk;
    std::cerr << "defen eval: 需要规则文件和数据文件（或 --ruleset 名称@年度 和数据文件）/ needs RULES DATA, or --ruleset NAME@YEAR DATA\n";
    return kUsage;
  }
  if (!o.data.empty() || o.rules.empty()) {
    std::cerr << "defen eval: 用 --ruleset 时只写数据文件 / with --ruleset give only the data file\n";
    return kUsage;
  }
  o.data = o.rules;
  std::string error;
  if (!findRulesetFile(o.ruleset, o.rulesetsDir, o.rules, error)) {
    std::cerr << "defen eval: " << error << "\n";
    return kFailed;
  }
  return kOk;
}

}  // namespace

int runEval(const EvalCommandOptions& given) {
  EvalCommandOptions o = given;
  if (int stop = chooseRuleset(o)) return stop;
  // Usage is checked after compiling, so a ruleset's errors come first, and
  // before the engine (a JIT compile) is made.
  std::optional<Compilation> compiled = compileOrReport(o.rules, o.lang);
  if (!compiled) return kFailed;
  const bool noSummary = o.summary == SummaryFormat::None;
  const bool streaming = noSummary && isStreamingFormat(o.format);
  if (o.outputEncoding != CsvEncoding::Utf8 && (o.format != EvalFormat::Csv || !noSummary)) {
    std::cerr << "defen eval: --output-encoding 只用于 --format csv 的评分表 / --output-encoding applies to --format csv only\n";
    return kUsage;
  }
  // Binary files (a workbook, a Word document) go to a file, never a terminal.
  // The 评价报告 draft (--summary docx) needs every score card with its 评分说明,
  // so it is written as a document, not from the streamed summary.
  const bool wordSummary = o.summary == SummaryFormat::Docx;
  const std::string binary = wordSummary ? "docx"
                             : noSummary && o.format == EvalFormat::Xlsx ? "xlsx"
                             : noSummary && o.format == EvalFormat::Docx ? "docx"
                                                                         : "";
  if (!binary.empty() && o.output.empty()) {
    std::cerr << "defen eval: " << (wordSummary ? "--summary" : "--format") << " " << binary << " 需要用 --output 指定文件 / needs --output FILE\n";
    return kUsage;
  }
  // -o: written under a temporary name and renamed once complete, so a run
  // that stops early (a data file that cannot be read, Ctrl-C) leaves the
  // previous report as it was (compiler/core/atomic_file.h).
  std::string error;
  std::unique_ptr<AtomicFile> file;
  if (!o.output.empty()) {
    file = std::make_unique<AtomicFile>(o.output);
    if (!file->create(error)) {
      std::cerr << "defen eval: " << error << "\n";
      return kFailed;
    }
  }
  // A text summary is text even with --format xlsx.
  std::ostream& plain = file && binary.empty() ? file->stream() : std::cout;
  // A CSV report: UTF-8 with a BOM in a file (Excel on Chinese Windows needs
  // it), plain UTF-8 on standard output, or GBK when asked (compiler/report/csv_encoding.h).
  const bool csv = o.format == EvalFormat::Csv && noSummary;
  std::unique_ptr<GbkWriter> gbk;
  std::unique_ptr<std::ostream> transcoded;
  if (csv && o.outputEncoding == CsvEncoding::Gbk) {
    gbk = std::make_unique<GbkWriter>(plain);
    transcoded = std::make_unique<std::ostream>(gbk.get());
  } else if (csv && file) {
    plain << kUtf8Bom;
  }
  std::ostream& out = transcoded ? *transcoded : plain;

  const bool fromStdin = o.data == "-";
  const std::string dataName = fromStdin ? "标准输入" : o.data;
  const Encoding enc = o.reading.encoding;
  std::unique_ptr<LoadedRuleset> ruleset = loadOrReport(std::move(*compiled), o.engine, !o.noCache);
  if (!ruleset) return kFailed;
  const ir::Program& program = *ruleset->program;
  const ReportSchema& schema = ruleset->schema;
  BatchSettings settings{program, *ruleset->engine, schema};
  settings.output = !streaming                   ? BatchOutput::Results
                    : o.format == EvalFormat::Csv  ? BatchOutput::Csv
                    : o.format == EvalFormat::Json ? BatchOutput::Json
                                                   : BatchOutput::Table;
  // The summary reads scores only, never the 评分说明 (but the 评价报告 quotes them).
  settings.explain = (o.format != EvalFormat::Csv && noSummary) || wordSummary;
  BatchWriter writer(out, schema, o.format);
  std::vector<RecordResult> all;  // documents only
  BatchSummaryBuilder summary(schema);  // --summary: built chunk by chunk, without keeping the score cards
  bool anyErrors = false, first = true;
  long scored = 0;
  bool progress = isatty(STDERR_FILENO);
  ChunkSource* source = nullptr;
  std::uint64_t fileSize = 0;  // for the progress bar; 0 when unknown (a pipe)
  std::set<std::string> fileErrorsSaid;  // and column warnings
  // Each chunk's records arrive here in input order (lib/driver/batch.h).
  auto consume = [&](ChunkResult& chunk) -> bool {
    // File-level problems (a bad header) repeat in every chunk: report them once.
    if (first) {
      for (const auto& e : chunk.fileErrors) std::cerr << dataName << "：" << e << "\n";
      fileErrorsSaid.insert(chunk.fileErrors.begin(), chunk.fileErrors.end());
      fileErrorsSaid.insert(chunk.columnWarnings.begin(), chunk.columnWarnings.end());
      std::vector<std::string> warnings = chunk.columnWarnings;
      warnings.insert(warnings.end(), chunk.warnings.begin(), chunk.warnings.end());
      for (const auto& w : warnings) std::cerr << dataName << "：警告：" << w << "\n";
      if (!chunk.fileErrors.empty() && chunk.records == 0) return false;
      if (streaming) writer.begin(std::move(warnings));
    } else {
      // One found later (a JSON syntax error after the records before it, a
      // JSON column first seen in this chunk that matches nothing).
      for (const auto& e : chunk.fileErrors)
        if (fileErrorsSaid.insert(e).second) std::cerr << dataName << "：" << e << "\n";
      for (auto w = chunk.columnWarnings.begin(); w != chunk.columnWarnings.end(); ++w)
        if (fileErrorsSaid.insert(*w).second) {
          std::cerr << dataName << "：警告：" << *w << "\n";
          if (streaming) writer.addWarnings(w, w + 1);
        }
      for (const auto& w : chunk.warnings) std::cerr << dataName << "：警告：" << w << "\n";
      if (streaming) writer.addWarnings(chunk.warnings.begin(), chunk.warnings.end());
    }
    first = false;
    anyErrors |= chunk.anyErrors;
    scored += static_cast<long>(chunk.records);
    if (streaming) writer.add(chunk);
    else if (!noSummary && !wordSummary) summary.add(chunk.results);
    else for (auto& r : chunk.results) all.push_back(std::move(r));
    if (progress && source && scored >= 20000)
      std::cerr << "\r" << progressLine(source->bytesRead(), fileSize, scored) << std::flush;
    return true;
  };
  // "-": CSV from standard input, read a chunk at a time like a CSV file, so
  // a generator can pipe any number of rows through in constant memory.
  std::unique_ptr<std::ifstream> file_in;
  std::unique_ptr<ChunkSource> chunks;
  // A ruleset with row sets (行集) reads a CSV of one line per indicator row
  // whole and groups each project's lines into one record (openRecordChunks).
  const bool rowSets = hasRowSets(program);
  if (fromStdin && rowSets) {
    std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    chunks = tableChunkSource(tableSlices(groupRowSetLines(program, readCsv(text, enc))));
  } else if ((fromStdin || isCsvPath(o.data)) && !rowSets) {
    std::istream* in = &std::cin;
    if (!fromStdin) {
      file_in = std::make_unique<std::ifstream>(o.data, std::ios::binary);
      if (!*file_in) {
        std::cerr << dataName << "：无法打开数据文件 " << o.data << "\n";
        return kFailed;
      }
      // The size is asked of the file system, never by seeking: a FIFO cannot seek.
      std::error_code ec;
      if (std::filesystem::is_regular_file(o.data, ec)) fileSize = std::filesystem::file_size(o.data, ec);
      if (ec) fileSize = 0;
      in = file_in.get();
    }
    // A CSV report row is a few hundred bytes; a JSON or table score card with
    // its 评分说明 some tens of kilobytes: smaller pieces keep those in flight
    // as small as the rows.
    chunks = csvChunkSource(*in, enc, settings, settings.output == BatchOutput::Csv ? 512 * 1024 : 64 * 1024);
  } else {
    // .json, .xlsx, a CSV of row-set lines, or the error readDataFile gives: a chunk of records at a time too.
    std::unique_ptr<ChunkReader> reader = openRecordChunks(program, o.data, enc, o.reading.sheet);
    fileSize = reader->fileSize();
    chunks = tableChunkSource(std::move(reader));
  }
  source = chunks.get();
  // DEFEN_PROFILE=1: where the time went, on standard error (scripts/bench).
  settings.profile = std::getenv("DEFEN_PROFILE") != nullptr;
  StageTimes times;
  if (!runBatch(*chunks, settings, o.threads, consume, &times)) return kFailed;
  if (settings.profile) {
    auto ms = [](std::int64_t ns) { return ns / 1000000; };
    std::cerr << "profile (ms, summed over threads): split " << ms(times.split) << ", parse " << ms(times.parse) << ", bind "
              << ms(times.bind) << ", score " << ms(times.score) << ", format " << ms(times.format) << ", readCsv path "
              << ms(times.slow) << ", write " << ms(times.write) << "\n";
  }
  if (progress && scored >= 20000) std::cerr << "\n";
  if (streaming) {
    if (first) writer.begin({});
    writer.end();
  } else if (!(noSummary || wordSummary ? writeDocument(o, file ? file->tempPath() : o.output, out, schema, all, error)
                                  : writeSummary(o.summary, out, schema, summary.finish(), error))) {
    std::cerr << "defen eval: " << error << "\n";
    return kFailed;
  }
  if (gbk && !gbk->finish()) {
    std::cerr << "defen eval: " << gbk->error() << "\n";
    return kFailed;  // the file is not written (AtomicFile removes its temporary)
  }
  if (file && !file->commit(error)) {
    std::cerr << "defen eval: " << error << "\n";
    return kFailed;
  }
  if (!file && !std::cout.flush()) {
    std::cerr << "defen eval: 写入标准输出失败 / could not write standard output\n";
    return kFailed;
  }
  return anyErrors ? kFailed : kOk;
}

Command addEvalCommand(CLI::App& app) {
  auto o = std::make_shared<EvalCommandOptions>();
  CLI::App* eval = app.add_subcommand("eval", "按规则为数据计分 / score data with a ruleset");
  // RULES DATA, or --ruleset NAME@YEAR DATA (the one positional is then the data; chooseRuleset).
  // "-" is standard input, read as CSV (with --ruleset the one positional is the data, so RULES may be "-" too).
  const auto fileOrStdin = CLI::ExistingFile | CLI::IsMember({"-"});
  eval->add_option("RULES", o->rules, "规则文件 / ruleset file")->check(fileOrStdin);
  eval->add_option("DATA", o->data, "数据文件 .json、.csv 或 .xlsx；- 为标准输入（CSV，逐块读取）/ data file; - reads CSV from standard input")
      ->check(fileOrStdin);
  eval->add_option("--ruleset", o->ruleset, "从规则目录按 名称@年度 选规则，代替 RULES，如 zhanjiang-dept@2022 / pick the ruleset NAME@YEAR from the registry");
  eval->add_option("--rulesets", o->rulesetsDir, "--ruleset 查找的规则目录（默认 rulesets）/ the registry directory (default: rulesets)");
  addChoice(*eval, "--format", o->format,
            Choices<EvalFormat>{{"table", EvalFormat::Table}, {"json", EvalFormat::Json}, {"csv", EvalFormat::Csv}, {"md", EvalFormat::Md},
                                {"html", EvalFormat::Html}, {"xlsx", EvalFormat::Xlsx}, {"docx", EvalFormat::Docx}},
            "输出格式 table|json|csv|md|html|xlsx|docx（xlsx、docx 需 -o 文件）/ output format");
  addChoice(*eval, "--summary", o->summary,
            Choices<SummaryFormat>{{"md", SummaryFormat::Md}, {"html", SummaryFormat::Html}, {"json", SummaryFormat::Json},
                                   {"docx", SummaryFormat::Docx}},
            "输出多个部门的汇总（排名、总分分布、等级、指标得分率、失分）md|html|json，docx 为评价报告草稿（需 -o），代替评分表 / "
            "write the batch summary instead of score cards (docx: the 评价报告 draft, needs -o)");
  addOutput(*eval, o->output);
  addEncoding(*eval, o->reading.encoding);
  addCsvEncoding(*eval, o->outputEncoding,
                 "CSV 报告的编码 utf8|gbk（utf8 写入文件时带 BOM，供 Excel 识别；gbk 供旧版 Excel）/ CSV report encoding (utf8 with a BOM in files; gbk for old Excel)");
  addSheet(*eval, o->reading.sheet);
  addLang(*eval, o->lang);
  addEngine(*eval, o->engine, "计算引擎 jit|interp（默认 jit，本机代码）/ engine: native code or the interpreter");
  eval->add_flag("--no-cache", o->noCache, "不使用也不写入已编译代码的缓存 / neither use nor write the compiled-code cache");
  eval->add_option("-j,--threads", o->threads, "线程数，0 为全部核心 / threads, 0 = all cores")->check(CLI::NonNegativeNumber);
  return {eval, [o] { return runEval(*o); }};
}

}  // namespace defen::cli

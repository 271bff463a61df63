#include "cli/eval_command.h"

#include "cli/rulesets_command.h"

#include "lib/driver/driver.h"
#include "lib/driver/batch.h"
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

Lang parseLang(const std::string& s) { return s == "en" ? Lang::En : Lang::Zh; }

// Streaming formats are written as chunks arrive, so a large CSV is scored in
// constant memory; documents (Markdown, HTML, XLSX, the summary) need every
// record first.
bool isStreamingFormat(const std::string& f) { return f == "table" || f == "json" || f == "csv"; }

// Writes a report whose records arrive in chunks (a large CSV is scored a
// chunk at a time, so memory does not grow with the input).
class BatchWriter {
 public:
  BatchWriter(std::ostream& out, const ReportSchema& schema, std::string format)
      : out_(out), schema_(schema), format_(std::move(format)) {}
  void begin(std::vector<std::string> warnings) {
    warnings_ = std::move(warnings);
    if (format_ == "json") writeJsonBegin(out_, schema_);
    else if (format_ == "csv") writeCsvHeader(out_, schema_);
  }
  // Warnings about rows of a later chunk (values outside their 通常 range).
  void addWarnings(std::vector<std::string>::const_iterator from, std::vector<std::string>::const_iterator to) {
    warnings_.insert(warnings_.end(), from, to);
  }
  // A chunk's records, formatted by a worker (lib/driver/batch.h).
  void add(const ChunkResult& chunk) {
    if (chunk.records == 0) return;
    if (format_ == "json" && !first_) out_ << ',';
    first_ = false;
    out_.write(chunk.text.data(), static_cast<std::streamsize>(chunk.text.size()));
  }
  void end() {
    if (format_ == "json") writeJsonEnd(out_, warnings_);
    out_.flush();
  }

 private:
  std::ostream& out_;
  const ReportSchema& schema_;
  std::string format_;
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
  if (o.format == "md" || o.format == "html") {
    if (o.format == "md") writeMarkdownReport(out, schema, results);
    else writeHtmlReport(out, schema, results);
    out.flush();
    if (!out) error = "写入输出失败 / could not write the output";
    return static_cast<bool>(out);
  }
  // XLSX (compiler/report/xlsx_report.h): a workbook written to --output, not a stream.
  if (o.format == "xlsx") return writeXlsxReport(xlsxPath, schema, results, error);
  // Word (compiler/report/docx_report.cpp): the 评分表, or with --summary docx the 评价报告 draft.
  if (o.summary == "docx") return writeDocxSummary(xlsxPath, schema, results, error);
  if (o.format == "docx") return writeDocxReport(xlsxPath, schema, results, error);
  (void)o; (void)out; (void)schema; (void)results;
  error = "不支持的输出格式";
  return false;
}

// The batch summary (--summary md|html|json), which replaces the score cards
// whatever --format says.
bool writeSummary(const std::string& format, std::ostream& out, const ReportSchema& schema, const BatchSummary& summary,
                  std::string& error) {
  if (format == "json") writeSummaryJson(out, schema, summary);
  else if (format == "md") writeSummaryMarkdown(out, schema, summary);
  else writeSummaryHtml(out, schema, summary);
  out.flush();
  if (!out) error = "写入输出失败 / could not write the output";
  return static_cast<bool>(out);
}

// --ruleset NAME@YEAR: the one positional argument is the data, and the
// rules file comes from the registry. Returns 0, or the exit code to stop with.
int chooseRuleset(EvalCommandOptions& o) {
  if (o.ruleset.empty()) {
    if (!o.rules.empty() && !o.data.empty()) return 0;
    std::cerr << "defen eval: 需要规则文件和数据文件（或 --ruleset 名称@年度 和数据文件）/ needs RULES DATA, or --ruleset NAME@YEAR DATA\n";
    return 2;
  }
  if (!o.data.empty() || o.rules.empty()) {
    std::cerr << "defen eval: 用 --ruleset 时只写数据文件 / with --ruleset give only the data file\n";
    return 2;
  }
  o.data = o.rules;
  std::string error;
  if (!resolveRuleset(o.ruleset, o.rulesetsDir, o.rules, error)) {
    std::cerr << "defen eval: " << error << "\n";
    return 1;
  }
  return 0;
}

}  // namespace

int runEval(const EvalCommandOptions& given) {
  EvalCommandOptions o = given;
  if (int stop = chooseRuleset(o)) return stop;
  Lang lang = parseLang(o.lang);
  Compilation c = compileFile(o.rules);
  if (!c.program) {
    for (const auto& d : c.diags.all()) std::cerr << renderDiagnostic(d, *c.source, lang);
    return 1;
  }
  const bool streaming = o.summary.empty() && isStreamingFormat(o.format);
  if (o.outputEncoding != "utf8" && (o.format != "csv" || !o.summary.empty())) {
    std::cerr << "defen eval: --output-encoding 只用于 --format csv 的评分表 / --output-encoding applies to --format csv only\n";
    return 2;
  }
  // Binary files (a workbook, a Word document) go to a file, never a terminal.
  // The 评价报告 draft (--summary docx) needs every score card with its 评分说明,
  // so it is written as a document, not from the streamed summary.
  const bool wordSummary = o.summary == "docx";
  const std::string binary = wordSummary ? "docx" : o.summary.empty() && (o.format == "xlsx" || o.format == "docx") ? o.format : "";
  if (!binary.empty() && o.output.empty()) {
    std::cerr << "defen eval: " << (wordSummary ? "--summary" : "--format") << " " << binary << " 需要用 --output 指定文件 / needs --output FILE\n";
    return 2;
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
      return 1;
    }
  }
  // A text summary is text even with --format xlsx.
  std::ostream& plain = file && binary.empty() ? file->stream() : std::cout;
  // A CSV report: UTF-8 with a BOM in a file (Excel on Chinese Windows needs
  // it), plain UTF-8 on standard output, or GBK when asked (compiler/report/csv_encoding.h).
  const bool csv = o.format == "csv" && o.summary.empty();
  std::unique_ptr<GbkWriter> gbk;
  std::unique_ptr<std::ostream> transcoded;
  if (csv && o.outputEncoding == "gbk") {
    gbk = std::make_unique<GbkWriter>(plain);
    transcoded = std::make_unique<std::ostream>(gbk.get());
  } else if (csv && file) {
    plain << kUtf8Bom;
  }
  std::ostream& out = transcoded ? *transcoded : plain;

  const bool fromStdin = o.data == "-";
  const std::string dataName = fromStdin ? "标准输入" : o.data;
  Encoding enc = o.encoding == "utf8" ? Encoding::Utf8 : o.encoding == "gb18030" ? Encoding::Gb18030 : Encoding::Auto;
  auto engine = makeEngine(o.engine == "interp" ? EngineKind::Interpreter : EngineKind::Jit, *c.program, error, !o.noCache);
  if (!engine) {
    std::cerr << "defen: 内部错误：无法编译规则（" << error << "）\n";
    return 1;
  }
  ReportSchema schema = reportSchema(*c.program);
  BatchSettings settings{*c.program, *engine, schema};
  settings.output = streaming ? (o.format == "csv" ? BatchOutput::Csv : o.format == "json" ? BatchOutput::Json : BatchOutput::Table)
                              : BatchOutput::Results;
  // The summary reads scores only, never the 评分说明 (but the 评价报告 quotes them).
  settings.explain = (o.format != "csv" && o.summary.empty()) || wordSummary;
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
    else if (!o.summary.empty() && !wordSummary) summary.add(chunk.results);
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
  const bool rowSets = hasRowSets(*c.program);
  if (fromStdin && rowSets) {
    std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    chunks = tableChunkSource(wholeTableChunks(groupRowSetLines(*c.program, readCsv(text, enc))));
  } else if ((fromStdin || isCsvPath(o.data)) && !rowSets) {
    std::istream* in = &std::cin;
    if (!fromStdin) {
      file_in = std::make_unique<std::ifstream>(o.data, std::ios::binary);
      if (!*file_in) {
        std::cerr << dataName << "：无法打开数据文件 " << o.data << "\n";
        return 1;
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
    std::unique_ptr<ChunkReader> reader = openRecordChunks(*c.program, o.data, enc, o.sheet);
    fileSize = reader->fileSize();
    chunks = tableChunkSource(std::move(reader));
  }
  source = chunks.get();
  // DEFEN_PROFILE=1: where the time went, on standard error (scripts/bench).
  settings.profile = std::getenv("DEFEN_PROFILE") != nullptr;
  StageTimes times;
  if (!runBatch(*chunks, settings, o.threads, consume, &times)) return 1;
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
  } else if (!(o.summary.empty() || wordSummary ? writeDocument(o, file ? file->tempPath() : o.output, out, schema, all, error)
                                  : writeSummary(o.summary, out, schema, summary.finish(), error))) {
    std::cerr << "defen eval: " << error << "\n";
    return 1;
  }
  if (gbk && !gbk->finish()) {
    std::cerr << "defen eval: " << gbk->error() << "\n";
    return 1;  // the file is not written (AtomicFile removes its temporary)
  }
  if (file && !file->commit(error)) {
    std::cerr << "defen eval: " << error << "\n";
    return 1;
  }
  if (!file && !std::cout.flush()) {
    std::cerr << "defen eval: 写入标准输出失败 / could not write standard output\n";
    return 1;
  }
  return anyErrors ? 1 : 0;
}

}  // namespace defen::cli

#include "lib/driver/batch.h"

#include "compiler/eval/bind/bind_messages.h"
#include "compiler/report/csv_cell.h"
#include "compiler/io/csv_split.h"
#include "compiler/core/utf8.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <charconv>
#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

namespace defen {

namespace {
std::int64_t nowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
}  // namespace

// Per-thread state: the scorer and the buffers every record reuses.
class BatchWorker {
 public:
  explicit BatchWorker(const BatchSettings& s) : settings(s), scorer(s.program, s.engine.kernels()) {
    scorer.computeRuleOnlyTotal(s.output != BatchOutput::Csv);  // the CSV report has no column for it
  }
  const BatchSettings& settings;
  eval::Scorer scorer;
  BoundRecord bound;
  std::vector<std::string_view> fields;
  std::vector<CellView> cells;
  std::string arena;  // unescaped quoted fields of the row being read
  std::vector<RecordResult> pending;  // Json, Table: written at the end of the chunk

  // One scored record into the chunk's output.
  void emit(const eval::Scored& scored, ChunkResult& out) {
    ++out.records;
    out.anyErrors |= !scored.errors.empty();
    if (settings.output == BatchOutput::Csv) {
      appendCsvRow(out.text, settings.schema, settings.program, bound, scored);
      return;
    }
    RecordResult r = eval::materialize(settings.program, bound, scored, scorer.scratch(), settings.explain);
    if (settings.output == BatchOutput::Results) out.results.push_back(std::move(r));
    else pending.push_back(std::move(r));
  }

  void beginChunk() { pending.clear(); }
  // Json, Table: the chunk's results as text (Json without a comma before the first).
  void endChunk(ChunkResult& out) {
    if (pending.empty()) return;
    std::ostringstream text;
    bool first = true;
    if (settings.output == BatchOutput::Json) writeJsonResults(text, settings.schema, pending, first);
    else writeTable(text, settings.schema, pending);
    out.text += text.view();
    pending.clear();
  }

  // An Evaluation (a table scored by evaluateTable) into the chunk's output.
  void emit(Evaluation& ev, ChunkResult& out) {
    out.fileErrors = std::move(ev.fileErrors);
    const auto columns = ev.warnings.begin() + static_cast<std::ptrdiff_t>(ev.columnWarnings);
    out.columnWarnings.assign(ev.warnings.begin(), columns);
    out.warnings.assign(columns, ev.warnings.end());
    out.records += ev.results.size();
    for (const RecordResult& r : ev.results) out.anyErrors |= !r.errors.empty();
    out.anyErrors |= !out.fileErrors.empty();
    switch (settings.output) {
      case BatchOutput::Csv: {
        std::ostringstream os;
        writeCsvRows(os, settings.schema, ev.results);
        out.text += os.view();
        break;
      }
      case BatchOutput::Json:
      case BatchOutput::Table:
        for (RecordResult& r : ev.results) pending.push_back(std::move(r));
        break;
      case BatchOutput::Results:
        for (RecordResult& r : ev.results) out.results.push_back(std::move(r));
        break;
    }
  }
};

// ---------------------------------------------------------------------------
// Formatting a CSV report row from the scorer's result.

namespace {

// scoreText(v, places) written at p, which has room for 48 bytes; the end of
// what was written, or null when the value takes scoreText's general path.
char* writeScoreText(char* p, Decimal v, int places) {
  using U128 = unsigned __int128;
  const bool negative = v.isNegative();
  const U128 mag = negative ? -static_cast<U128>(v.raw()) : static_cast<U128>(v.raw());
  // Every score is far below 2^82 units (4.8 million): then the integer part
  // is one 64-bit division by a constant (10^18 = 2^18 × 5^18) and the rest
  // is 64-bit too, which matters at sixty scores a row. Anything else, and
  // places outside 0..18, take scoreText.
  if (places < 0 || places > Decimal::kScale || (mag >> 82) != 0) return nullptr;
  constexpr std::uint64_t kOne = 1'000'000'000'000'000'000ull, kFive18 = 3'814'697'265'625ull;
  std::uint64_t whole = static_cast<std::uint64_t>(mag >> 18) / kFive18;
  std::uint64_t fraction = static_cast<std::uint64_t>(mag - static_cast<U128>(whole) * kOne);
  static constexpr std::uint64_t kPow10[] = {1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull, 10000000ull,
                                             100000000ull, 1000000000ull, 10000000000ull, 100000000000ull,
                                             1000000000000ull, 10000000000000ull, 100000000000000ull,
                                             1000000000000000ull, 10000000000000000ull, 100000000000000000ull, kOne};
  // Half away from zero on the magnitude, as toFixed rounds.
  const std::uint64_t step = kPow10[Decimal::kScale - places];
  std::uint64_t digitsValue = places == 2 ? fraction / 10'000'000'000'000'000ull : fraction / step;
  const std::uint64_t rem = fraction - digitsValue * step;
  if (rem >= step - rem) ++digitsValue;  // rem * 2 >= step, without overflow
  if (digitsValue == kPow10[places]) {
    digitsValue = 0;
    ++whole;
  }
  if (negative && (whole != 0 || digitsValue != 0)) *p++ = '-';  // never "-0"
  p = std::to_chars(p, p + 24, whole).ptr;
  const int digits = places;  // zeros kept: 3.00, 86.50 (compiler/core/number_text.h)
  if (digits > 0) {
    *p++ = '.';
    for (int k = digits - 1; k >= 0; --k) {
      p[k] = static_cast<char>('0' + digitsValue % 10);
      digitsValue /= 10;
    }
    p += digits;
  }
  return p;
}

}  // namespace

void appendScoreText(std::string& out, Decimal v, int places) {
  char buf[48];
  if (char* end = writeScoreText(buf, v, places)) out.append(buf, static_cast<size_t>(end - buf));
  else out += scoreText(v, places);
}

void appendCsvRow(std::string& out, const ReportSchema& schema, const ir::Program& program, const BoundRecord& record,
                  const eval::Scored& s) {
  const int places = schema.places;
  char num[16];
  out.append(num, std::to_chars(num, num + sizeof num, record.row).ptr);
  out += ',';
  appendCsvText(out, record.id);
  out += ',';
  // An incomplete total is written with its mark, so a sum over the column cannot take it for final.
  std::string scratch;
  auto incompleteScore = [&](Decimal v) {
    scratch.clear();
    appendScoreText(scratch, v, places);
    scratch += "（不完整）";
    appendCsvText(out, scratch);
  };
  if (s.ok) appendScoreText(out, s.total, places);
  else if (s.incomplete) incompleteScore(s.total);
  out += ',';
  if (s.ok) appendCsvText(out, s.grade >= 0 ? std::string_view(program.grades[static_cast<size_t>(s.grade)].name) : std::string_view());
  else if (s.incomplete) out += "待定";
  const bool hasScores = s.evaluated || s.ok || s.incomplete;
  // The sixty-odd scores of a row are written into a buffer on the stack and
  // appended at once: an append per score was a tenth of a narrow row's time.
  char buf[1024];
  char* p = buf;
  auto flush = [&] {
    out.append(buf, static_cast<size_t>(p - buf));
    p = buf;
  };
  static constexpr std::string_view kFailed = "出错";
  for (size_t i = 0; i < schema.nodes.size(); ++i) {
    if (p > buf + sizeof buf - 64) flush();
    *p++ = ',';
    if (!hasScores || i >= s.nodes.size()) continue;
    const eval::NodeState& n = s.nodes[i];
    if (n.failed) {
      p = std::copy(kFailed.begin(), kFailed.end(), p);
    } else if (n.counted && n.incomplete) {
      flush();
      incompleteScore(n.score);
    } else if (n.counted) {
      if (char* end = writeScoreText(p, n.score, places)) p = end;
      else {
        flush();
        out += scoreText(n.score, places);
      }
    }
  }
  flush();
  if (!schema.bonusName.empty()) {
    out += ',';
    Decimal net;
    checkedSub(s.bonus, s.penalty, net);
    if (s.ok || s.incomplete) appendScoreText(out, net, places);
  }
  out += ',';
  if (s.errors.size() == 1) {
    appendCsvText(out, s.errors.front());
  } else if (!s.errors.empty()) {
    scratch.clear();
    for (const auto& e : s.errors) scratch.append(scratch.empty() ? "" : "；").append(e);
    appendCsvText(out, scratch);
  }
  out += '\n';
}

// ---------------------------------------------------------------------------
// The pool.

bool runBatch(ChunkSource& source, const BatchSettings& settings, int threads, const std::function<bool(ChunkResult&)>& sink,
              StageTimes* times) {
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  // Chunks read and not yet handed to the sink: enough to keep every worker
  // busy while the sink writes, few enough that memory stays flat.
  const size_t maxInFlight = static_cast<size_t>(threads) * 2 + 2;
  std::mutex m;
  std::condition_variable changed;
  std::deque<std::pair<size_t, std::unique_ptr<BatchChunk>>> work;
  std::map<size_t, ChunkResult> done;
  size_t inFlight = 0, total = 0;
  bool sourceDone = false, stop = false;
  std::exception_ptr failure;
  std::int64_t splitNs = 0;  // the reader's time

  std::thread reader([&] {
    try {
      while (true) {
        {
          std::unique_lock lock(m);
          changed.wait(lock, [&] { return stop || inFlight < maxInFlight; });
          if (stop) break;
        }
        std::unique_ptr<BatchChunk> chunk;
        const std::int64_t t0 = settings.profile ? nowNs() : 0;
        const bool more = source.next(chunk);
        std::lock_guard lock(m);
        if (settings.profile) splitNs += nowNs() - t0;
        if (!more) break;
        work.emplace_back(total++, std::move(chunk));
        ++inFlight;
        changed.notify_all();
      }
    } catch (...) {
      std::lock_guard lock(m);
      if (!failure) failure = std::current_exception();
      stop = true;
    }
    std::lock_guard lock(m);
    sourceDone = true;
    changed.notify_all();
  });
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t)
    workers.emplace_back([&] {
      try {
        BatchWorker worker(settings);
        while (true) {
          std::pair<size_t, std::unique_ptr<BatchChunk>> job;
          {
            std::unique_lock lock(m);
            changed.wait(lock, [&] { return stop || !work.empty() || sourceDone; });
            if (stop || work.empty()) break;
            job = std::move(work.front());
            work.pop_front();
          }
          ChunkResult result;
          worker.beginChunk();
          job.second->evaluate(worker, result);
          worker.endChunk(result);
          job.second.reset();  // the chunk's bytes, before waiting for the sink
          std::lock_guard lock(m);
          done.emplace(job.first, std::move(result));
          changed.notify_all();
        }
      } catch (...) {
        std::lock_guard lock(m);
        if (!failure) failure = std::current_exception();
        stop = true;
        changed.notify_all();
      }
    });
  bool completed = true;
  for (size_t next = 0;; ++next) {
    ChunkResult result;
    {
      std::unique_lock lock(m);
      changed.wait(lock, [&] { return stop || done.count(next) || (sourceDone && next == total); });
      if (stop || !done.count(next)) break;
      result = std::move(done.at(next));
      done.erase(next);
    }
    if (times) times->add(result.times);
    const std::int64_t t0 = settings.profile ? nowNs() : 0;
    const bool go = sink(result);
    if (times && settings.profile) times->write += nowNs() - t0;
    std::lock_guard lock(m);
    --inFlight;
    changed.notify_all();
    if (!go) {
      stop = true;
      completed = false;
      break;
    }
  }
  {
    std::lock_guard lock(m);
    stop = true;
    changed.notify_all();
  }
  reader.join();
  for (auto& w : workers) w.join();
  if (times) times->split += splitNs;
  if (failure) std::rethrow_exception(failure);
  return completed;
}

// ---------------------------------------------------------------------------
// Sources.

namespace {

class TableChunk final : public BatchChunk {
 public:
  explicit TableChunk(Table table) : table_(std::move(table)) {}
  void evaluate(BatchWorker& w, ChunkResult& out) override {
    EvalOptions options;
    options.threads = 1;  // the workers are the threads
    options.explain = w.settings.explain;
    Evaluation ev = evaluateTable(w.settings.program, table_, w.settings.engine, options);
    w.emit(ev, out);
  }

 private:
  Table table_;
};

class TableSource final : public ChunkSource {
 public:
  explicit TableSource(std::unique_ptr<ChunkReader> reader) : reader_(std::move(reader)) {}
  bool next(std::unique_ptr<BatchChunk>& chunk) override {
    Table table;
    if (!reader_->next(table)) return false;
    bytes_ = reader_->bytesRead();
    chunk = std::make_unique<TableChunk>(std::move(table));
    return true;
  }
  std::uint64_t bytesRead() const override { return bytes_; }

 private:
  std::unique_ptr<ChunkReader> reader_;
  std::atomic<std::uint64_t> bytes_{0};
};

// What every piece of one CSV file shares: its header.
struct CsvHeader {
  Encoding encoding = Encoding::Auto;
  std::string bytes;  // the header row, with the blank lines before it
  int lines = 1;      // lines in `bytes`
  Table table;        // readCsv of `bytes`: the columns, and file-level errors
  bool plain = false; // no file-level error: pieces may take the fast path
  ColumnMap map;
  std::vector<std::string> columnWarnings;
};

class CsvPieceChunk final : public BatchChunk {
 public:
  CsvPieceChunk(std::shared_ptr<const CsvHeader> header, CsvPiece piece, bool first)
      : header_(std::move(header)), piece_(std::move(piece)), first_(first) {}

  void evaluate(BatchWorker& w, ChunkResult& out) override {
    if (first_ && header_->plain) out.columnWarnings = header_->columnWarnings;
    // --encoding gb18030 reads every byte as GB18030, even bytes that would be UTF-8.
    const std::int64_t t0 = w.settings.profile ? nowNs() : 0;
    const bool utf8 = header_->encoding != Encoding::Gb18030 && firstInvalidUtf8(piece_.bytes) == std::string_view::npos;
    if (w.settings.profile) out.times.parse += nowNs() - t0;  // the check is part of reading the fields
    if (!header_->plain || piece_.unclosedQuote || !utf8 || !fast(w, out)) {
      const std::int64_t t1 = w.settings.profile ? nowNs() : 0;
      byReadCsv(w, out);
      if (w.settings.profile) out.times.slow += nowNs() - t1;
    }
  }

 private:
  std::shared_ptr<const CsvHeader> header_;
  CsvPiece piece_;
  bool first_;

  // Parses, binds and scores the piece; false (with `out` left empty) when a
  // row needs readCsv's judgement: the piece is then read again by readCsv.
  bool fast(BatchWorker& w, ChunkResult& out) {
    const CsvHeader& h = *header_;
    const size_t width = h.table.columns.size();
    CsvPieceRows rows(piece_.bytes, piece_.firstLine, w.arena);
    int line = 0, row = piece_.rowsBefore;
    const size_t warningsBefore = out.warnings.size();
    const bool profile = w.settings.profile;
    std::int64_t last = profile ? nowNs() : 0;
    while (true) {
      const CsvPieceRows::Next next = rows.next(w.fields, line);
      if (next == CsvPieceRows::Next::End) return true;
      size_t used = w.fields.size();
      while (used > width && w.fields[used - 1].empty()) --used;
      if (next == CsvPieceRows::Next::Unclosed || used > width) {  // readCsv's messages
        out.text.clear();
        out.results.clear();
        out.warnings.resize(warningsBefore);
        out.records = 0;
        out.anyErrors = false;
        out.times = StageTimes{};
        w.beginChunk();
        return false;
      }
      std::int64_t t0 = 0, t1 = 0, t2 = 0;
      if (profile) t0 = nowNs();
      w.cells.assign(width, CellView{});
      for (size_t c = 0; c < used; ++c)
        if (!w.fields[c].empty()) w.cells[c] = CellView{Cell::Kind::Text, w.fields[c]};  // "" and empty cells are Missing
      bindCells(w.settings.program, h.map, w.cells.data(), width, ++row, line, w.bound);
      for (const BindWarning& warning : w.bound.warnings) out.warnings.push_back(bindWarningText(w.settings.program, row, warning));
      if (profile) t1 = nowNs();
      const eval::Scored& scored = w.scorer.score(w.bound);
      if (profile) t2 = nowNs();
      w.emit(scored, out);
      if (profile) {
        const std::int64_t t3 = nowNs();
        out.times.parse += t0 - last;
        out.times.bind += t1 - t0;
        out.times.score += t2 - t1;
        out.times.format += t3 - t2;
        last = t3;
      }
    }
  }

  void byReadCsv(BatchWorker& w, ChunkResult& out) {
    std::string text;
    text.reserve(header_->bytes.size() + piece_.bytes.size() + 1);
    text.append(header_->bytes);
    if (!text.empty() && text.back() != '\n' && text.back() != '\r') text += '\n';
    text.append(piece_.bytes);
    const int lineOffset = piece_.firstLine - (header_->lines + 1);
    Table t = readCsv(text, header_->encoding, lineOffset);
    for (auto& r : t.records) r.row += piece_.rowsBefore;
    for (auto& e : t.errors) {
      if (e.row > 0) e.row += piece_.rowsBefore;
      else if (e.line > 0) e.line += lineOffset;
    }
    EvalOptions options;
    options.threads = 1;
    options.explain = w.settings.explain;
    Evaluation ev = evaluateTable(w.settings.program, t, w.settings.engine, options);
    std::vector<std::string> columns = std::move(out.columnWarnings);
    w.emit(ev, out);
    if (!first_) out.columnWarnings.clear();  // reported with the first chunk only
    else if (out.columnWarnings.empty()) out.columnWarnings = std::move(columns);
  }
};

class CsvSource final : public ChunkSource {
 public:
  CsvSource(std::istream& in, Encoding encoding, const BatchSettings& settings, size_t pieceBytes) : splitter_(in, pieceBytes) {
    auto header = std::make_shared<CsvHeader>();
    header->encoding = encoding;
    splitter_.header(header->bytes, header->lines);
    header->lines = std::max(1, header->lines);
    header->table = readCsv(header->bytes, encoding);
    header->plain = header->table.errors.empty();
    if (header->plain) header->map = mapColumns(settings.program, header->table, header->columnWarnings);
    header_ = std::move(header);
    bytes_ = splitter_.bytesRead();
  }
  bool next(std::unique_ptr<BatchChunk>& chunk) override {
    CsvPiece piece;
    if (!splitter_.next(piece)) {
      if (any_) return false;
      // A file with a header and no rows still reports its header's problems.
      piece.firstLine = header_->lines + 1;
    }
    bytes_ = splitter_.bytesRead();
    chunk = std::make_unique<CsvPieceChunk>(header_, std::move(piece), !any_);
    any_ = true;
    return true;
  }
  std::uint64_t bytesRead() const override { return bytes_; }

 private:
  CsvSplitter splitter_;
  std::shared_ptr<const CsvHeader> header_;
  bool any_ = false;
  std::atomic<std::uint64_t> bytes_{0};
};

}  // namespace

std::unique_ptr<ChunkSource> csvChunkSource(std::istream& in, Encoding encoding, const BatchSettings& settings, size_t pieceBytes) {
  return std::make_unique<CsvSource>(in, encoding, settings, pieceBytes);
}

std::unique_ptr<ChunkSource> tableChunkSource(std::unique_ptr<ChunkReader> reader) {
  return std::make_unique<TableSource>(std::move(reader));
}

}  // namespace defen

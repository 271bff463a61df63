// defen benchmarks on the Zhanjiang 2022 department standard.
//
//   defen_bench [google-benchmark flags]    self-check, then the benchmarks
//   defen_bench --self-check [N]            only the self-check (default 2000 records)
//   defen_bench --e2e-memory N [--whole]    end to end on N generated records, as
//                                           `defen eval … --format csv` runs (or, with
//                                           --whole, in one evaluateTable call); prints
//                                           stage timings and peak RSS (getrusage)
//   defen_bench --markdown FILE [--memory-file F]… [--command TEXT]… [flags]
//                                           also writes the report (scripts/bench)
//
// Before measuring anything the binary scores 2,000 generated departments with
// the interpreter, the JIT and the hand-written scorer and aborts, printing the
// record, if any indicator score, total or grade differs.
#include "bench/generate.h"
#include "bench/report_markdown.h"
#include "bench/settings.h"
#include "bench/zhanjiang_handwritten.h"
#include "compiler/eval/bind/bind_cells.h"
#include "compiler/eval/bind/binder.h"
#include "lib/driver/driver.h"
#include "compiler/eval/scorer.h"
#include "compiler/jit/jit.h"
#include "compiler/report/report_schema.h"
#include "compiler/io/csv_chunks.h"
#include "compiler/io/csv_split.h"
#include "compiler/io/readers.h"
#include "compiler/report/report.h"

#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <new>
#include <sstream>
#include <streambuf>
#include <thread>

// Heap allocations on this thread so far (bench/alloc_count.cpp replaces the
// global operator new so single-thread benchmarks can report allocations per record).
std::uint64_t allocationsOnThisThread();

namespace defen::bench {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;


double millisSince(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

long peakRssKb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;  // kilobytes on Linux
}

std::string readText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The value after "key:" on the first line of `path` that starts with `key`.

// A stream that formats everything and writes nothing.
class NullBuffer : public std::streambuf {
 protected:
  int_type overflow(int_type c) override { return traits_type::not_eof(c); }
  std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

// A private JIT cache directory, removed at exit.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "defen-bench-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) {
      std::perror("mkdtemp");
      std::abort();
    }
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

std::string gRulesPath = std::string(DEFEN_SOURCE_DIR) + "/rulesets/zhanjiang-2022-dept.rules";

// ── Shared state, built once ─────────────────────────────────────────────────
struct World {
  std::string rulesText;
  Compilation compilation;
  const ir::Program* program = nullptr;
  ReportSchema schema;
  std::unique_ptr<Engine> interpreter;
  std::unique_ptr<Engine> jit;
  std::string jitError;
  std::vector<zj::Department> departments;  // kScoreRecords
  std::vector<BoundRecord> bound;           // the same, bound by defen
  Table table;                              // kTableRecords rows, for evaluateTable
  std::string csv;                          // kEndToEndRecords rows, built on first use

  World() {
    rulesText = readText(gRulesPath);
    compilation = compileSource(gRulesPath, rulesText);
    if (!compilation.program) {
      std::fprintf(stderr, "defen_bench: %s does not compile:\n", gRulesPath.c_str());
      for (const auto& d : compilation.diags.all()) std::fprintf(stderr, "  %s %s\n", d.code.c_str(), d.zh.c_str());
      std::exit(2);
    }
    program = compilation.program.get();
    schema = reportSchema(*program);
    std::string error;
    interpreter = makeEngine(EngineKind::Interpreter, *program, error);
    jit = makeEngine(EngineKind::Jit, *program, jitError);
    if (!jit) std::fprintf(stderr, "defen_bench: JIT unavailable (%s); JIT benchmarks will be skipped\n", jitError.c_str());
    departments = generateDepartments(kScoreRecords, kSeed);
    Table t = toTable(departments);
    std::vector<std::string> warnings;
    ColumnMap map = mapColumns(*program, t, warnings);
    for (const auto& w : warnings) std::fprintf(stderr, "defen_bench: %s\n", w.c_str());
    for (const Record& r : t.records) bound.push_back(bindRecord(*program, map, t, r));
    table = toTable(generateDepartments(kTableRecords, kSeed + 1));
  }

  const std::string& endToEndCsv() {
    if (csv.empty()) csv = toCsv(generateDepartments(kEndToEndRecords, kSeed + 2));
    return csv;
  }
};

World& world() {
  static World w;
  return w;
}

// ── Self-check: interpreter == JIT == hand-written ───────────────────────────
void selfCheck(std::size_t count) {
  World& w = world();
  const ir::Program& p = *w.program;
  if (p.nodes.size() != zj::kNodeCount) {
    std::fprintf(stderr, "self-check: the ruleset has %zu indicators, the hand-written scorer %d\n", p.nodes.size(),
                 static_cast<int>(zj::kNodeCount));
    std::abort();
  }
  int ids[zj::kNodeCount];
  for (int k = 0; k < zj::kNodeCount; ++k) {
    ids[k] = p.findNode(zj::kNodeNames[k]);
    if (ids[k] < 0 || p.nodes[ids[k]].weight != Decimal::fromInt(zj::kNodeWeights[k])) {
      std::fprintf(stderr, "self-check: indicator “%s” is missing or has another 分值\n", zj::kNodeNames[k]);
      std::abort();
    }
  }
  auto departments = generateDepartments(count, kCheckSeed);
  Table t = toTable(departments);
  std::vector<std::string> warnings;
  ColumnMap map = mapColumns(p, t, warnings);
  eval::Scorer interp(p, w.interpreter->kernels());
  std::unique_ptr<eval::Scorer> jit;
  if (w.jit) jit = std::make_unique<eval::Scorer>(p, w.jit->kernels());

  std::vector<std::vector<std::size_t>> fired(p.tables.size());
  for (std::size_t i = 0; i < p.tables.size(); ++i) fired[i].assign(p.tables[i].cases.size(), 0);
  std::size_t grades[4] = {}, notApplicable = 0, missing = 0, overridden = 0;
  Decimal lowest = Decimal::fromInt(100), highest;

  for (std::size_t i = 0; i < departments.size(); ++i) {
    BoundRecord rec = bindRecord(p, map, t, t.records[i]);
    zj::Scores hand;
    zj::score(departments[i], hand);
    auto compare = [&](const char* engine, const eval::Scored& s) {
      std::string diff;
      if (!s.ok || !hand.ok) {
        diff += fmt::format("  ok: {} {}, hand-written {}\n", engine, s.ok, hand.ok);
        for (const auto& e : s.errors) diff += "  " + e + "\n";
      } else {
        for (int k = 0; k < zj::kNodeCount; ++k)
          if (s.nodes[ids[k]].score != hand.node[k])
            diff += fmt::format("  {}: {} {} (status {}), hand-written {}\n", zj::kNodeNames[k], engine,
                                toString(s.nodes[ids[k]].score), statusName(s.nodes[ids[k]].status), toString(hand.node[k]));
        if (s.total != hand.total) diff += fmt::format("  总分: {} {}, hand-written {}\n", engine, toString(s.total), toString(hand.total));
        if (s.grade < 0 || p.grades[s.grade].name != zj::kGradeNames[hand.grade])
          diff += fmt::format("  等级: {} {}, hand-written {}\n", engine, s.grade < 0 ? "-" : p.grades[s.grade].name,
                              zj::kGradeNames[hand.grade]);
      }
      if (diff.empty()) return;
      std::ostringstream row;
      writeCsvHeader(row);
      writeCsvRows(row, {departments[i]}, i);
      std::fprintf(stderr, "self-check FAILED on generated record %zu (seed %llu):\n%s\nthe record as CSV:\n%s", i + 1,
                   static_cast<unsigned long long>(kCheckSeed), diff.c_str(), row.str().c_str());
      std::abort();
    };
    const eval::Scored& s = interp.score(rec);
    compare("interpreter", s);
    for (std::size_t tb = 0; tb < p.tables.size(); ++tb)
      if (int c = interp.scratch().fired[tb]; c >= 0) ++fired[tb][c];
    for (const auto& n : s.nodes) {
      notApplicable += n.status == NodeStatus::NotApplicable;
      missing += n.status == NodeStatus::Missing;
      overridden += n.status == NodeStatus::Overridden;
    }
    ++grades[hand.grade];
    lowest = min(lowest, s.total);
    highest = max(highest, s.total);
    if (jit) compare("JIT", jit->score(rec));
  }
  std::size_t cases = 0, unfired = 0;
  for (std::size_t tb = 0; tb < p.tables.size(); ++tb)
    for (std::size_t c = 0; c < fired[tb].size(); ++c) {
      ++cases;
      if (!fired[tb][c]) {
        ++unfired;
        std::fprintf(stderr, "self-check: note: band case “%s” of “%s” never fired\n", p.tables[tb].cases[c].text.c_str(),
                     p.nodes[p.tables[tb].node].name.c_str());
      }
    }
  std::fprintf(stderr,
               "self-check: %zu records: interpreter%s and hand-written agree on all %d indicators, totals and grades; "
               "totals %s–%s (优 %zu, 良 %zu, 中 %zu, 差 %zu); %zu/%zu band cases fired; %zu 不考核, %zu missing-data, "
               "%zu 核定分 indicator scores\n",
               count, jit ? ", JIT" : "", static_cast<int>(zj::kNodeCount), toString(lowest).c_str(),
               toString(highest).c_str(), grades[0], grades[1], grades[2], grades[3], cases - unfired, cases, notApplicable,
               missing, overridden);
}

// ── Evaluation throughput ────────────────────────────────────────────────────
void scoreWith(benchmark::State& state, Engine* engine) {
  World& w = world();
  if (!engine) {
    state.SkipWithError(("JIT unavailable: " + w.jitError).c_str());
    return;
  }
  eval::Scorer scorer(*w.program, engine->kernels());
  for (const auto& r : w.bound) scorer.score(r);  // warm: sizes the scratch
  std::uint64_t allocations = 0;
  for (auto _ : state) {
    std::uint64_t before = allocationsOnThisThread();
    for (const auto& r : w.bound) {
      const eval::Scored& s = scorer.score(r);
      benchmark::DoNotOptimize(s.total);
    }
    allocations += allocationsOnThisThread() - before;
  }
  auto records = static_cast<double>(state.iterations() * w.bound.size());
  state.SetItemsProcessed(static_cast<std::int64_t>(records));
  state.counters["allocs/record"] = static_cast<double>(allocations) / records;
}

// Only what an engine computes: its run over the plan (compiler/ir/plan/plan.h)
// on records already loaded into frames, without loading them or reading the
// results back (eval::Scorer does both around it).
void kernelsWith(benchmark::State& state, Engine* engine) {
  World& w = world();
  if (!engine) {
    state.SkipWithError(("JIT unavailable: " + w.jitError).c_str());
    return;
  }
  const ir::Program& p = *w.program;
  eval::Kernels& k = engine->kernels();
  eval::Scorer loader(p, k);
  // A few records' frames, scored over and over: the engine's own time, with
  // its frame in cache (as it is when a record is loaded just before).
  std::vector<eval::Scratch> frames(std::min<std::size_t>(w.bound.size(), 64));
  for (size_t i = 0; i < frames.size(); ++i) {
    loader.score(w.bound[i]);
    const eval::Scratch& loaded = loader.scratch();
    eval::Scratch& f = frames[i];
    f.reset(p.inputs.size(), p.lets.size(), p.tables.size(), p.itemCount, p.deductionCount, p.nodes.size(), loaded.bonusLines.size());
    // Same sizes, so the copies keep the buffers the frame points into.
    f.inputs = loaded.inputs;
    f.present = loaded.present;
    f.nodeData = loaded.nodeData;
  }
  for (auto _ : state) {
    for (std::size_t r = 0; r < w.bound.size(); ++r) {
      eval::Scratch& f = frames[r % frames.size()];
      f.clearRecord();
      k.run(f.frame);
      benchmark::DoNotOptimize(f.frame.total);
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * w.bound.size()));
}

void BM_Kernels_Interpreter(benchmark::State& state) { kernelsWith(state, world().interpreter.get()); }
void BM_Kernels_Jit(benchmark::State& state) { kernelsWith(state, world().jit.get()); }

void BM_Score_Interpreter(benchmark::State& state) { scoreWith(state, world().interpreter.get()); }
void BM_Score_Jit(benchmark::State& state) { scoreWith(state, world().jit.get()); }

void BM_Score_Handwritten(benchmark::State& state) {
  World& w = world();
  zj::Scores out;
  std::uint64_t allocations = 0;
  for (auto _ : state) {
    std::uint64_t before = allocationsOnThisThread();
    for (const auto& d : w.departments) {
      zj::score(d, out);
      benchmark::DoNotOptimize(out.total);
    }
    allocations += allocationsOnThisThread() - before;
  }
  auto records = static_cast<double>(state.iterations() * w.departments.size());
  state.SetItemsProcessed(static_cast<std::int64_t>(records));
  state.counters["allocs/record"] = static_cast<double>(allocations) / records;
}

// Where the rest of evaluateTable's time goes (single thread, JIT-independent).
void BM_Bind(benchmark::State& state) {
  World& w = world();
  std::vector<std::string> warnings;
  ColumnMap map = mapColumns(*w.program, w.table, warnings);
  std::size_t n = std::min<std::size_t>(w.table.records.size(), kScoreRecords);
  std::uint64_t allocations = 0;
  for (auto _ : state) {
    std::uint64_t before = allocationsOnThisThread();
    for (std::size_t i = 0; i < n; ++i) {
      BoundRecord b = bindRecord(*w.program, map, w.table, w.table.records[i]);
      benchmark::DoNotOptimize(b.inputs.data());
    }
    allocations += allocationsOnThisThread() - before;
  }
  auto records = static_cast<double>(state.iterations() * n);
  state.SetItemsProcessed(static_cast<std::int64_t>(records));
  state.counters["allocs/record"] = static_cast<double>(allocations) / records;
}

// The CSV data path's binding (lib/driver/batch.h): cells seen in
// place, into one BoundRecord reused from row to row; no allocation a row.
void BM_BindCells(benchmark::State& state) {
  World& w = world();
  std::vector<std::string> warnings;
  ColumnMap map = mapColumns(*w.program, w.table, warnings);
  std::size_t n = std::min<std::size_t>(w.table.records.size(), kScoreRecords);
  std::vector<std::vector<CellView>> rows(n);
  for (std::size_t i = 0; i < n; ++i)
    for (const Cell& c : w.table.records[i].cells) rows[i].push_back(CellView{c.kind, c.text});
  BoundRecord b;
  std::uint64_t allocations = 0;
  for (auto _ : state) {
    std::uint64_t before = allocationsOnThisThread();
    for (std::size_t i = 0; i < n; ++i) {
      bindCells(*w.program, map, rows[i].data(), rows[i].size(), static_cast<int>(i + 1), 0, b);
      benchmark::DoNotOptimize(b.inputs.data());
    }
    allocations += allocationsOnThisThread() - before;
  }
  auto records = static_cast<double>(state.iterations() * n);
  state.SetItemsProcessed(static_cast<std::int64_t>(records));
  state.counters["allocs/record"] = static_cast<double>(allocations) / records;
}

// The CSV data path's reading: the fields of a piece of whole records, in place.
void BM_CsvPieceRows(benchmark::State& state) {
  World& w = world();
  const std::string csv = bench::toCsv(std::vector<bench::zj::Department>(w.departments.begin(), w.departments.begin() +
      static_cast<std::ptrdiff_t>(std::min<std::size_t>(w.departments.size(), kScoreRecords))));
  const std::string piece = csv.substr(csv.find('\n') + 1);
  std::string arena;
  std::vector<std::string_view> fields;
  std::uint64_t allocations = 0, rows = 0;
  for (auto _ : state) {
    std::uint64_t before = allocationsOnThisThread();
    CsvPieceRows reader(piece, 2, arena);
    int line = 0;
    while (reader.next(fields, line) == CsvPieceRows::Next::Row) ++rows;
    allocations += allocationsOnThisThread() - before;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(rows));
  state.counters["allocs/record"] = static_cast<double>(allocations) / static_cast<double>(rows);
}

void BM_Materialize(benchmark::State& state) {
  World& w = world();
  eval::Scorer scorer(*w.program, w.interpreter->kernels());
  std::uint64_t allocations = 0;
  std::size_t n = 0;
  for (auto _ : state) {
    for (const auto& r : w.bound) {
      state.PauseTiming();
      const eval::Scored& s = scorer.score(r);
      state.ResumeTiming();
      std::uint64_t before = allocationsOnThisThread();
      RecordResult result = eval::materialize(*w.program, r, s, scorer.scratch(), false);
      benchmark::DoNotOptimize(result.nodes.data());
      allocations += allocationsOnThisThread() - before;
      ++n;
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(n));
  state.counters["allocs/record"] = static_cast<double>(allocations) / static_cast<double>(n);
}

void evaluateWith(benchmark::State& state, EngineKind kind, int threads) {
  World& w = world();
  Engine* engine = kind == EngineKind::Jit ? w.jit.get() : w.interpreter.get();
  if (!engine) {
    state.SkipWithError(("JIT unavailable: " + w.jitError).c_str());
    return;
  }
  // One untimed call first, so the allocator already holds the memory a call needs.
  benchmark::DoNotOptimize(evaluateTable(*w.program, w.table, *engine, EvalOptions{threads, false}).results.data());
  for (auto _ : state) {
    Evaluation e = evaluateTable(*w.program, w.table, *engine, EvalOptions{threads, false});
    benchmark::DoNotOptimize(e.results.data());
    if (e.anyErrors()) {
      state.SkipWithError("evaluateTable reported errors");
      break;
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * w.table.records.size()));
  state.counters["threads"] = threads > 0 ? threads : static_cast<double>(std::thread::hardware_concurrency());
}

void BM_EvaluateTable_Interpreter_1Thread(benchmark::State& s) { evaluateWith(s, EngineKind::Interpreter, 1); }
void BM_EvaluateTable_Interpreter_AllThreads(benchmark::State& s) { evaluateWith(s, EngineKind::Interpreter, 0); }
void BM_EvaluateTable_Jit_1Thread(benchmark::State& s) { evaluateWith(s, EngineKind::Jit, 1); }
void BM_EvaluateTable_Jit_AllThreads(benchmark::State& s) { evaluateWith(s, EngineKind::Jit, 0); }

// ── Compile time ─────────────────────────────────────────────────────────────
void BM_Compile_ParseCheck(benchmark::State& state) {
  World& w = world();
  for (auto _ : state) {
    Compilation c = compileSource(gRulesPath, w.rulesText);
    benchmark::DoNotOptimize(c.program.get());
  }
}

// Parse + check + JIT, from the ruleset text to callable kernels.
void compileJit(benchmark::State& state, bool cached) {
  World& w = world();
  if (!w.jit) {
    state.SkipWithError(("JIT unavailable: " + w.jitError).c_str());
    return;
  }
  TempDir cache;
  JitOptions options{cached, cache.path.string()};
  std::string error;
  if (cached) {  // warm the cache
    Compilation c = compileSource(gRulesPath, w.rulesText);
    if (!JitProgram::compile(*c.program, w.rulesText, options, error)) {
      state.SkipWithError(error.c_str());
      return;
    }
  }
  double ir = 0, codegen = 0, link = 0, front = 0;
  for (auto _ : state) {
    auto t0 = Clock::now();
    Compilation c = compileSource(gRulesPath, w.rulesText);
    front += millisSince(t0);
    auto jit = JitProgram::compile(*c.program, w.rulesText, options, error);
    if (!jit) {
      state.SkipWithError(error.c_str());
      return;
    }
    if (jit->stats().fromCache != cached) {
      state.SkipWithError(cached ? "the warm cache was not used" : "useCache=false still hit a cache");
      return;
    }
    ir += jit->stats().irMillis;
    codegen += jit->stats().codegenMillis;
    link += jit->stats().linkMillis;
    benchmark::DoNotOptimize(&jit->kernels());
  }
  auto avg = [&](double v) { return benchmark::Counter(v, benchmark::Counter::kAvgIterations); };
  state.counters["parse_check_ms"] = avg(front);
  state.counters["ir_ms"] = avg(ir);
  state.counters["codegen_ms"] = avg(codegen);
  state.counters["link_ms"] = avg(link);
}

void BM_Compile_JitCold(benchmark::State& s) { compileJit(s, false); }
void BM_Compile_JitFromCache(benchmark::State& s) { compileJit(s, true); }

// ── End to end ───────────────────────────────────────────────────────────────
void BM_EndToEnd(benchmark::State& state) {
  World& w = world();
  if (!w.jit) {
    state.SkipWithError(("JIT unavailable: " + w.jitError).c_str());
    return;
  }
  const std::string& csv = w.endToEndCsv();
  NullBuffer nullBuffer;
  std::ostream sink(&nullBuffer);
  auto once = [&] {
    Table t = readCsv(csv);
    Evaluation e = evaluateTable(*w.program, t, *w.jit, EvalOptions{0, false});
    writeCsv(sink, w.schema, e.results);
    return e.anyErrors();
  };
  if (once()) {  // untimed: warms the allocator like the benchmarks above
    state.SkipWithError("the end-to-end run reported errors");
    return;
  }
  for (auto _ : state) {
    Table t = readCsv(csv);
    Evaluation e = evaluateTable(*w.program, t, *w.jit, EvalOptions{0, false});
    writeCsv(sink, w.schema, e.results);
    if (e.anyErrors()) {
      state.SkipWithError("the end-to-end run reported errors");
      break;
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kEndToEndRecords));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * csv.size()));
}

// The two ends of the pipeline, single thread.
void BM_ReadCsv(benchmark::State& state) {
  const std::string& csv = world().endToEndCsv();
  for (auto _ : state) {
    Table t = readCsv(csv);
    benchmark::DoNotOptimize(t.records.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kEndToEndRecords));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * csv.size()));
}

void BM_WriteCsv(benchmark::State& state) {
  World& w = world();
  Evaluation e = evaluateTable(*w.program, w.table, *w.interpreter, EvalOptions{0, false});
  NullBuffer nullBuffer;
  std::ostream sink(&nullBuffer);
  for (auto _ : state) writeCsv(sink, w.schema, e.results);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * e.results.size()));
}

// The path `defen eval RULES FILE.csv --format csv` takes: CsvChunks reads
// 512 records at a time from the file (defen eval's chunk size); each chunk is scored and written.
void BM_EndToEnd_Chunked(benchmark::State& state) {
  World& w = world();
  if (!w.jit) {
    state.SkipWithError(("JIT unavailable: " + w.jitError).c_str());
    return;
  }
  TempDir dir;
  std::string path = (dir.path / "departments.csv").string();
  {
    std::ofstream out(path, std::ios::binary);
    out << w.endToEndCsv();
  }
  NullBuffer nullBuffer;
  std::ostream sink(&nullBuffer);
  for (auto _ : state) {
    CsvChunks chunks(path, Encoding::Auto);
    Table chunk;
    bool first = true;
    while (chunks.next(chunk)) {
      Evaluation e = evaluateTable(*w.program, chunk, *w.jit, EvalOptions{0, false});
      if (first) defen::writeCsvHeader(sink, w.schema);
      defen::writeCsvRows(sink, w.schema, e.results);
      first = false;
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kEndToEndRecords));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * w.endToEndCsv().size()));
}

// The decimal operations every engine shares, on typical operands.
void BM_Decimal_DivMoney(benchmark::State& state) {  // 年度实际支出 ÷ 财政下达预算数
  Decimal a = *Decimal::parse("29361405.46"), b = *Decimal::parse("31977445.36"), out;
  for (auto _ : state) {
    benchmark::DoNotOptimize(a);
    checkedDiv(a, b, out);
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations());
}
void BM_Decimal_DivSmall(benchmark::State& state) {  // 分值 × 完成数 ÷ 目标数
  Decimal a = Decimal::fromInt(16), b = Decimal::fromInt(9), out;
  for (auto _ : state) {
    benchmark::DoNotOptimize(a);
    checkedDiv(a, b, out);
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations());
}
void BM_Decimal_Mul(benchmark::State& state) {
  Decimal a = Decimal::fromInt(2), b = *Decimal::parse("0.918181818181818181"), out;
  for (auto _ : state) {
    benchmark::DoNotOptimize(a);
    checkedMul(a, b, out);
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations());
}
void BM_Decimal_Round(benchmark::State& state) {  // every leaf: snap to 15 places, round to 2
  Decimal a = *Decimal::parse("1.836363636363636362"), out;
  for (auto _ : state) {
    benchmark::DoNotOptimize(a);
    roundHalfAway(snapForRounding(a), 2, out);
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_Kernels_Interpreter)->Unit(benchmark::kMillisecond)->UseRealTime()->Repetitions(3)->ReportAggregatesOnly(true);
BENCHMARK(BM_Kernels_Jit)->Unit(benchmark::kMillisecond)->UseRealTime()->Repetitions(3)->ReportAggregatesOnly(true);
BENCHMARK(BM_Score_Interpreter)->Unit(benchmark::kMillisecond)->UseRealTime()->Repetitions(3)->ReportAggregatesOnly(true);
BENCHMARK(BM_Score_Jit)->Unit(benchmark::kMillisecond)->UseRealTime()->Repetitions(3)->ReportAggregatesOnly(true);
BENCHMARK(BM_Score_Handwritten)->Unit(benchmark::kMillisecond)->UseRealTime()->Repetitions(3)->ReportAggregatesOnly(true);
BENCHMARK(BM_Bind)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_BindCells)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_CsvPieceRows)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Materialize)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_EvaluateTable_Interpreter_1Thread)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_EvaluateTable_Interpreter_AllThreads)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_EvaluateTable_Jit_1Thread)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_EvaluateTable_Jit_AllThreads)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Compile_ParseCheck)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Compile_JitCold)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Compile_JitFromCache)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ReadCsv)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_WriteCsv)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_EndToEnd)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_EndToEnd_Chunked)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Decimal_DivMoney);
BENCHMARK(BM_Decimal_DivSmall);
BENCHMARK(BM_Decimal_Mul);
BENCHMARK(BM_Decimal_Round);

// ── Peak memory, end to end, in a process of its own ─────────────────────────
// Generates N departments into a CSV file (in chunks, so generation itself
// stays small), then scores the file as `defen eval RULES FILE --format csv`
// does: CsvChunks (512 records a chunk, as defen eval) → evaluateTable (JIT, all cores,
// explanations off) → writeCsvRows, to a null stream. With --whole it instead
// reads the whole file (readDataFile) and scores it in one evaluateTable call,
// which holds every RecordResult at once; the address space is then limited to
// 85% of the memory available so a too-large N stops with a message instead
// of waking the OOM killer.
std::atomic<const char*> gStage{"start"};

long availableKb() {
  std::string v = firstLineOf("/proc/meminfo", "MemAvailable");
  return v.empty() ? 0 : std::stol(v);
}

void outOfMemory() {
  std::printf("out_of_memory_in=%s\npeak_rss_kb=%ld\n", gStage.load(), peakRssKb());
  std::fflush(stdout);
  std::_Exit(3);
}

int runMemory(std::size_t records, bool whole) {
  TempDir dir;
  std::string path = (dir.path / "departments.csv").string();
  auto t0 = Clock::now();
  {
    std::ofstream out(path, std::ios::binary);
    writeCsvHeader(out);
    constexpr std::size_t kChunk = 10000;
    for (std::size_t first = 0; first < records; first += kChunk) {
      auto chunk = generateDepartments(std::min(kChunk, records - first), kSeed + 3, first);
      writeCsvRows(out, chunk, first);
    }
  }
  double generateMs = millisSince(t0);
  auto bytes = fs::file_size(path);
  long rssBefore = peakRssKb();
  if (whole) {
    rlimit limit{};
    limit.rlim_cur = limit.rlim_max = static_cast<rlim_t>(availableKb()) * 1024 / 100 * 85;
    setrlimit(RLIMIT_AS, &limit);
    std::set_new_handler(outOfMemory);
  }
  t0 = Clock::now();
  std::string rulesText = readText(gRulesPath);
  Compilation c = compileSource(gRulesPath, rulesText);
  if (!c.program) return 2;
  std::string error;
  auto engine = makeEngine(EngineKind::Jit, *c.program, error);
  if (!engine) {
    std::fprintf(stderr, "defen_bench: JIT unavailable: %s\n", error.c_str());
    return 2;
  }
  ReportSchema schema = reportSchema(*c.program);
  double compileMs = millisSince(t0);
  long rssCompiled = peakRssKb();
  NullBuffer nullBuffer;
  std::ostream sink(&nullBuffer);
  std::size_t scored = 0, errors = 0;
  double readMs = 0, evalMs = 0, writeMs = 0;
  long rssRead = 0, rssEval = 0;
  auto score = [&](const Table& table, bool first) {
    auto t = Clock::now();
    gStage = "evaluateTable";
    Evaluation e = evaluateTable(*c.program, table, *engine, EvalOptions{0, false});
    evalMs += millisSince(t);
    rssEval = peakRssKb();
    t = Clock::now();
    gStage = "writeCsv";
    if (first) defen::writeCsvHeader(sink, schema);
    defen::writeCsvRows(sink, schema, e.results);
    writeMs += millisSince(t);
    scored += e.results.size();
    for (const auto& r : e.results) errors += !r.errors.empty();
  };
  if (whole) {
    auto t = Clock::now();
    gStage = "readDataFile";
    Table table = readDataFile(path);
    readMs = millisSince(t);
    rssRead = peakRssKb();
    score(table, true);
  } else {
    CsvChunks chunks(path, Encoding::Auto);
    Table chunk;
    bool first = true;
    for (;;) {
      auto t = Clock::now();
      gStage = "CsvChunks";
      if (!chunks.next(chunk)) break;
      readMs += millisSince(t);
      rssRead = std::max(rssRead, peakRssKb());
      score(chunk, first);
      first = false;
    }
  }
  double seconds = (readMs + evalMs + writeMs) / 1000;
  std::printf("mode=%s\nrecords=%zu\nscored=%zu\ncsv_bytes=%llu\nerrors=%zu\nthreads=%u\n", whole ? "whole" : "chunks", records,
              scored, static_cast<unsigned long long>(bytes), errors, std::thread::hardware_concurrency());
  std::printf("generate_ms=%.0f\ncompile_ms=%.1f\nread_ms=%.0f\neval_ms=%.0f\nwrite_ms=%.0f\nrecords_per_second=%.0f\n", generateMs,
              compileMs, readMs, evalMs, writeMs, static_cast<double>(scored) / seconds);
  std::printf("peak_rss_kb_before=%ld\npeak_rss_kb_compiled=%ld\npeak_rss_kb_read=%ld\npeak_rss_kb_eval=%ld\npeak_rss_kb=%ld\n",
              rssBefore, rssCompiled, rssRead, rssEval, peakRssKb());
  return errors || scored != records ? 1 : 0;
}

// ── The report (docs/benchmarks.md) ──────────────────────────────────────────
}  // namespace
}  // namespace defen::bench

int main(int argc, char** argv) {
  using namespace defen::bench;
  std::string markdown, loadBefore = "unknown";
  std::vector<std::string> memoryFiles, commands;
  long memoryRecords = -1, checkOnly = -1;
  bool whole = false;
  std::vector<char*> rest{argv[0]};
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "defen_bench: %s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--e2e-memory") memoryRecords = std::stol(value());
    else if (a == "--self-check") checkOnly = (i + 1 < argc && argv[i + 1][0] != '-') ? std::stol(argv[++i]) : static_cast<long>(kCheckRecords);
    else if (a == "--whole") whole = true;
    else if (a == "--markdown") markdown = value();
    else if (a == "--memory-file") memoryFiles.push_back(value());
    else if (a == "--command") commands.push_back(value());
    else if (a == "--rules") gRulesPath = value();
    else rest.push_back(argv[i]);
  }
  // makeEngine caches compiled code under $DEFEN_CACHE_DIR: keep ours private.
  TempDir cacheDir;
  setenv("DEFEN_CACHE_DIR", cacheDir.path.c_str(), 1);
  if (memoryRecords > 0) return runMemory(static_cast<std::size_t>(memoryRecords), whole);
  {
    std::ifstream load("/proc/loadavg");
    std::string a, b, c;
    if (load >> a >> b >> c) loadBefore = a + " " + b + " " + c;
  }
  selfCheck(checkOnly > 0 ? static_cast<std::size_t>(checkOnly) : kCheckRecords);
  if (checkOnly > 0) return 0;

  int n = static_cast<int>(rest.size());
  benchmark::Initialize(&n, rest.data());
  if (benchmark::ReportUnrecognizedArguments(n, rest.data())) return 2;
  CapturingReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  if (!markdown.empty())
    return writeMarkdown(markdown, reporter, memoryFiles, commands, loadBefore,
                         ReportInputs{world().rulesText.size(), world().endToEndCsv().size()});
  return 0;
}

#include "lib/driver/driver.h"

#include "compiler/eval/bind/bind_messages.h"
#include "compiler/eval/bind/binder.h"
#include "compiler/eval/scorer.h"
#include "compiler/tools/inherit/flatten.h"
#include "lib/driver/table_slices.h"
#include "compiler/tools/registry/catalog.h"
#include "compiler/sema/checker.h"
#include "compiler/syntax/parser.h"
#include "compiler/core/contained_file.h"
#include "compiler/io/long_form.h"
#include "compiler/io/project_form.h"

#include <fmt/format.h>

#include <algorithm>
#include <thread>
#include <unordered_map>

namespace defen {

namespace {

// A file based on another: check the effective text, report on the file.
void compileDerived(Compilation& c, const ast::File& syntax) {
  inherit::Chain chain;
  if (!inherit::flatten(c.source, syntax, c.diags, chain)) {
    c.diags.sort();
    return;
  }
  auto flat = std::make_shared<SourceFile>(c.source->path(), chain.flat.text());
  c.effective = flat;
  Diagnostics flatDiags;
  auto flatSyntax = parseRuleset(*flat, flatDiags);
  std::unique_ptr<ir::Program> program;
  if (!flatDiags.hasErrors()) program = checkRuleset(*flatSyntax, flat, flatDiags);
  Diagnostics remapped = inherit::remapDiagnostics(flatDiags, *flat, *flatSyntax, chain);
  for (const auto& d : remapped.all()) c.diags.add(d);
  c.diags.sort();
  if (c.diags.hasErrors()) return;
  program->origins = inherit::makeOrigins(flat, std::move(chain));
  c.program = std::move(program);
}

}  // namespace

Compilation compileSource(std::string path, std::string text) {
  Compilation c;
  auto source = std::make_shared<SourceFile>(std::move(path), std::move(text));
  c.source = source;
  c.effective = source;
  auto file = parseRuleset(*source, c.diags);
  if (c.diags.hasErrors()) {  // checking a broken tree would only add noise
    c.diags.sort();
    return c;
  }
  if (inherit::isDerived(*file)) {
    compileDerived(c, *file);
    return c;
  }
  c.program = checkRuleset(*file, source, c.diags);
  return c;
}

Compilation compileFile(const std::string& path) {
  std::string text;
  // A device or FIFO named as a ruleset ("defen check /dev/zero") is refused,
  // not read until memory runs out.
  if (FileRefusal refusal = readRegularFile(path, kMaxSourceBytes, text); refusal != FileRefusal::None) {
    Compilation c;
    c.source = std::make_shared<SourceFile>(path, "");
    c.effective = c.source;
    c.diags.error("E000", {}, fmt::format("无法读取规则文件 {}：{}", path, refusalZh(refusal)),
                  fmt::format("cannot read ruleset file {}: {}", path, refusalEn(refusal)));
    return c;
  }
  return compileSource(path, std::move(text));
}

bool Evaluation::anyErrors() const {
  return !fileErrors.empty() || std::any_of(results.begin(), results.end(), [](const RecordResult& r) { return !r.errors.empty(); });
}

namespace {

// A cell the reader could not take (a JSON object where a value belongs, a
// key given twice, bytes that are not text), by record index: as a fault of
// the input or the 核定分 its column feeds, it fails only the indicators that
// read it, like a cell the binder refuses. Anything else stays row-level.
struct CellFault {
  int input = -1, override = -1;  // the slot or node the column feeds
  std::string message;            // 列“…”：…
};
using CellFaults = std::unordered_map<size_t, std::vector<CellFault>>;

CellFaults routeCellErrors(const Table& table, const ColumnMap& map, std::vector<ReadError>& rowErrors) {
  CellFaults out;
  std::unordered_map<int, size_t> byRow;
  for (size_t i = 0; i < table.records.size(); ++i) byRow.emplace(table.records[i].row, i);
  auto feeds = [&](const std::vector<int>& columns, const std::string& name) {
    for (size_t k = 0; k < columns.size(); ++k)
      if (columns[k] >= 0 && table.columns[static_cast<size_t>(columns[k])] == name) return static_cast<int>(k);
    return -1;
  };
  for (const auto& e : table.errors) {
    if (e.row <= 0) continue;
    auto record = byRow.find(e.row);
    CellFault f{e.column.empty() ? -1 : feeds(map.input, e.column), e.column.empty() ? -1 : feeds(map.override, e.column),
                fmt::format("列“{}”：{}", e.column, e.message)};
    if (record == byRow.end() || (f.input < 0 && f.override < 0)) {
      rowErrors.push_back(e);
      continue;
    }
    out[record->second].push_back(std::move(f));
  }
  return out;
}

// Scores records [begin, end) into results[begin, end) with one scorer; the
// binder's warnings for record i go to warnings[i].
void scoreRange(const ir::Program& program, const Table& table, const ColumnMap& map, const CellFaults& cellFaults, Engine& engine,
                bool explain, size_t begin, size_t end, std::vector<RecordResult>& results,
                std::vector<std::vector<std::string>>& warnings) {
  eval::Scorer scorer(program, engine.kernels());
  for (size_t i = begin; i < end; ++i) {
    BoundRecord bound = bindRecord(program, map, table, table.records[i]);
    if (auto it = cellFaults.find(i); it != cellFaults.end())
      for (const CellFault& f : it->second) {
        BindFault& fault = f.input >= 0 ? bound.inputFaults[static_cast<size_t>(f.input)] : bound.nodes[static_cast<size_t>(f.override)].fault;
        fault.code = BindFault::Code::Reader;  // the reader's word, not the binder's: the binder saw only what the reader left
        fault.slot = f.input >= 0 ? f.input : f.override;
        fault.text = f.message;
        if (f.input >= 0) bound.inputs[static_cast<size_t>(f.input)] = Value::missing();
        else bound.nodes[static_cast<size_t>(f.override)].override.reset();
      }
    const eval::Scored& scored = scorer.score(bound);
    results[i] = eval::materialize(program, bound, scored, scorer.scratch(), explain);
    warnings[i].clear();
    for (const BindWarning& w : bound.warnings) warnings[i].push_back(bindWarningText(program, bound.row, w));
  }
}

// A column named twice in the header is a file-level error from the reader.
// When the ruleset reads that column, which of the two was meant is a guess
// that would change scores, so every row gets the error and none is scored
// (each row still has its one entry in the report). A duplicated column the
// ruleset never reads stays a file-level error only.
std::vector<ReadError> ambiguousColumnErrors(const ColumnMap& map, const Table& table) {
  std::vector<int> used = {map.id};
  for (const auto* v : {&map.input, &map.inputReason, &map.reason, &map.tier, &map.override})
    used.insert(used.end(), v->begin(), v->end());
  std::vector<const ReadError*> ambiguous;
  for (const auto& e : table.errors) {
    if (e.row > 0 || e.column.empty()) continue;
    bool read = std::any_of(used.begin(), used.end(), [&](int c) {
      return c >= 0 && static_cast<size_t>(c) < table.columns.size() && table.columns[c] == e.column;
    });
    if (read) ambiguous.push_back(&e);
  }
  if (ambiguous.empty()) return {};
  // One error per row however many columns are doubled: the file errors list
  // each column, and one message per column and row made a 4 MB CSV a
  // 117 MB answer (issue 17).
  std::string message = ambiguous.front()->message + "，无法确定用哪一列";
  if (ambiguous.size() > 1) {
    std::string names;
    for (size_t i = 0; i < std::min<size_t>(ambiguous.size(), 3); ++i) names += (i ? "、“" : "“") + ambiguous[i]->column + "”";
    message = fmt::format("表头中{}{}列出现了不止一次，无法确定用哪一列", names,
                          ambiguous.size() > 3 ? fmt::format("等{}", ambiguous.size()) : std::string());
  }
  std::vector<ReadError> out;
  out.reserve(table.records.size());
  for (const auto& r : table.records) out.push_back({r.row, r.line, ambiguous.front()->column, message});
  return out;
}

}  // namespace

std::unique_ptr<LoadedRuleset> loadCompiled(Compilation c, EngineKind kind, std::string& error, bool useCache) {
  auto loaded = std::make_unique<LoadedRuleset>();
  loaded->engine = makeEngine(kind, *c.program, error, useCache);
  if (!loaded->engine) return nullptr;
  loaded->schema = reportSchema(*c.program);
  loaded->source = std::move(c.source);
  loaded->effective = std::move(c.effective);
  loaded->program = std::move(c.program);
  return loaded;
}

bool findRulesetFile(std::string_view selector, const std::string& directory, std::string& path, std::string& error) {
  auto wanted = registry::parseSelector(selector, error);
  std::vector<std::string> paths;
  if (!wanted || !registry::listRulesFiles(directory, paths, error)) return false;
  std::vector<registry::Listing> listings;
  for (const auto& file : paths) {
    Compilation c = compileFile(file);
    listings.push_back({file, registry::stemOf(file), registry::headerOf(c.program.get(), *c.source)});
  }
  int hit = registry::selectOne(*wanted, listings, directory, error);
  if (hit < 0) return false;
  path = listings[hit].path;
  return true;
}

bool hasRowSets(const ir::Program& program) {
  return std::any_of(program.inputs.begin(), program.inputs.end(),
                     [](const ir::Input& in) { return in.spec.kind == InputKind::RowSet; });
}

namespace {

std::vector<std::string> columnNames(const ir::Program& program, const ir::Input& set) {
  std::vector<std::string> names;
  for (int slot : set.columns) names.push_back(program.inputs[slot].spec.name);
  return names;
}

// The row set whose rows are the table's lines: the one with most of its
// columns in the header (绩效指标); null when every list is given as a list
// (JSON, the XLSX form) or the program has none.
const ir::Input* longFormList(const ir::Program& program, const Table& table) {
  const ir::Input* lines = nullptr;
  size_t best = 0;
  for (const auto& set : program.inputs) {
    if (set.spec.kind != InputKind::RowSet || table.columnIndex(set.spec.name)) continue;
    size_t found = 0;
    for (const auto& name : columnNames(program, set)) found += table.columnIndex(name).has_value();
    if (found > best) { best = found; lines = &set; }
  }
  return lines;
}

}  // namespace

Table groupRowSetLines(const ir::Program& program, Table table) {
  const ir::Input* lines = longFormList(program, table);
  if (!lines) return table;
  LongFormLayout layout = nationalLongForm();
  layout.list = lines->spec.name;
  layout.listColumns = columnNames(program, *lines);
  layout.spread.clear();
  for (const auto& set : program.inputs) {
    if (set.spec.kind != InputKind::RowSet || &set == lines || set.columns.empty()) continue;
    std::vector<std::string> names = columnNames(program, set);
    SpreadList spread{set.spec.name, names.front(), {}};
    spread.columns.assign(names.begin() + 1, names.end());
    layout.spread.push_back(std::move(spread));
  }
  return groupLongForm(table, layout);  // the table as it is when it is not in the long form
}

std::unique_ptr<ChunkReader> openRecordChunks(const ir::Program& program, const std::string& path, Encoding encoding,
                                              const std::string& sheet, size_t recordsPerChunk) {
  const std::string ext = path.size() >= 4 ? path.substr(path.size() - 4) : std::string();
  if (hasRowSets(program) && (ext == ".csv" || ext == ".CSV"))
    return tableSlices(groupRowSetLines(program, readDataFile(path, encoding, sheet)), recordsPerChunk);
  return openDataChunks(path, encoding, sheet, recordsPerChunk);
}

Evaluation evaluateTable(const ir::Program& program, const Table& lines, Engine& engine, const EvalOptions& options) {
  // A long-form table of a program with row sets, grouped (a copy only then:
  // a JSON or XLSX form already holds its lists).
  const bool grouped = longFormList(program, lines) != nullptr;
  Table groupedTable;
  if (grouped) groupedTable = groupRowSetLines(program, lines);
  const Table& table = grouped ? groupedTable : lines;
  Evaluation out;
  for (const auto& e : table.errors) {
    if (e.row > 0) continue;
    out.fileErrors.push_back(e.column.empty() ? e.message : fmt::format("列“{}”：{}", e.column, e.message));
  }
  out.warnings = table.warnings;  // what the reader passed over (a sheet that is no form)
  ColumnMap map = mapColumns(program, table, out.warnings);
  out.columnWarnings = out.warnings.size();
  std::vector<ReadError> rowErrors = ambiguousColumnErrors(map, table);
  const CellFaults cellFaults = routeCellErrors(table, map, rowErrors);
  out.results.resize(table.records.size());
  size_t n = table.records.size();
  std::vector<std::vector<std::string>> rowWarnings(n);
  int threads = options.threads > 0 ? options.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  threads = static_cast<int>(std::min<size_t>(static_cast<size_t>(threads), std::max<size_t>(1, n / 64)));
  if (threads <= 1) {
    scoreRange(program, table, map, cellFaults, engine, options.explain, 0, n, out.results, rowWarnings);
  } else {
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
      size_t begin = n * t / threads, end = n * (t + 1) / threads;
      pool.emplace_back([&, begin, end] {
        scoreRange(program, table, map, cellFaults, engine, options.explain, begin, end, out.results, rowWarnings);
      });
    }
    for (auto& th : pool) th.join();
  }
  for (auto& w : rowWarnings) out.warnings.insert(out.warnings.end(), std::make_move_iterator(w.begin()), std::make_move_iterator(w.end()));
  // A 自评表 keeps its header block and 项目资金 lines for the documents, which print the national form around the
  // rows; they always ask for the 评分说明, so a CSV or a summary (no explanations) skips the copy.
  if (options.explain && projectform::holdsProjectForm(table))
    for (size_t i = 0; i < n; ++i)
      out.results[i].form = std::make_shared<const FormFields>(projectform::formFields(table, table.records[i]));
  // Rows the reader rejected, and row-level reader errors on rows it kept
  // (routeCellErrors put them in rowErrors).
  // By row number, not a search per error: a duplicated column gives every
  // row an error, and a file can have a million rows.
  std::unordered_map<int, size_t> byRow;
  for (size_t i = 0; i < out.results.size(); ++i) byRow.emplace(out.results[i].row, i);
  for (const auto& e : rowErrors) {
    std::string message = fmt::format("第{}行{}：{}", e.row, e.column.empty() ? "" : fmt::format("，列“{}”", e.column), e.message);
    auto [it, added] = byRow.emplace(e.row, out.results.size());
    if (added) {
      RecordResult r;
      r.row = e.row;
      r.line = e.line;
      out.results.push_back(std::move(r));
    }
    // A row the reader could not read whole (or whose column is ambiguous)
    // is a row-level error: no total and no scores, even partial ones.
    RecordResult& r = out.results[it->second];
    r.errors.push_back(std::move(message));
    r.ok = r.incomplete = r.evaluated = false;
    r.incompleteReasons.clear();
  }
  std::stable_sort(out.results.begin(), out.results.end(), [](const RecordResult& a, const RecordResult& b) { return a.row < b.row; });
  return out;
}

Evaluation evaluateTable(const ir::Program& program, const Table& table) {
  std::string error;  // the interpreter is always made
  std::unique_ptr<Engine> engine = makeEngine(EngineKind::Interpreter, program, error);
  return evaluateTable(program, table, *engine, EvalOptions{});
}

}  // namespace defen

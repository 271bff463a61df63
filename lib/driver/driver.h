// One call from a ruleset file to a checked program, and from a data file to
// score cards: what the CLI, the tests and embedders use.
#pragma once

#include "compiler/core/diagnostics.h"
#include "compiler/eval/engine.h"
#include "compiler/ir/kernels.h"
#include "compiler/ir/ir.h"
#include "compiler/report/report_schema.h"
#include "compiler/io/data_chunks.h"
#include "compiler/io/readers.h"
#include "compiler/core/result.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace defen {

struct Compilation {
  std::shared_ptr<const SourceFile> source;  // the file as written; diagnostics point into it
  // The ruleset that was checked: `source` itself, or for a file based on
  // another (基于 …) the base with the changes spliced in (`defen check --emit flat`).
  std::shared_ptr<const SourceFile> effective;
  Diagnostics diags;
  std::unique_ptr<ir::Program> program;  // null when there are errors
};

Compilation compileSource(std::string path, std::string text);
// A file that cannot be read is an error diagnostic (E000) naming the path.
Compilation compileFile(const std::string& path);

// A ruleset that compiled without errors, with the engine that scores it and
// the shape of its reports: what the library's Ruleset holds, what the
// commands that score open with, and what `defen serve` runs a published
// standard on. Immutable once made; the engine's kernels are thread-safe.
struct LoadedRuleset {
  std::shared_ptr<const SourceFile> source;     // as written
  std::shared_ptr<const SourceFile> effective;  // what was checked (基于: the base with the changes spliced in)
  std::unique_ptr<ir::Program> program;
  std::unique_ptr<Engine> engine;
  ReportSchema schema;
};

// `c`'s program (which it must have: no errors) with its engine made and its
// report schema. Null with `error` set when the engine cannot be made (the
// JIT failed: a bug in defen, never in the ruleset).
std::unique_ptr<LoadedRuleset> loadCompiled(Compilation c, EngineKind kind, std::string& error, bool useCache = true);

// The file of a rulesets directory that NAME@YEAR names, by the catalogue's
// rules (compiler/tools/registry/catalog.h): every file is compiled to read its
// header, even one with errors. False with a Chinese `error` when the
// selector is malformed, the directory cannot be read, or not exactly one file matches.
bool findRulesetFile(std::string_view selector, const std::string& directory, std::string& path, std::string& error);

class Ruleset;  // include/defen/ruleset.hpp
// What a library Ruleset holds, for the front ends built in this tree (`defen
// serve` runs the tools on the standard its registry serves). Defined by the
// library (lib/ruleset.cpp).
const LoadedRuleset& loadedRuleset(const Ruleset& ruleset);

struct Evaluation {
  std::vector<RecordResult> results;  // one per data row, in row order
  std::vector<std::string> fileErrors;  // the whole file could not be used
  std::vector<std::string> warnings;    // columns that match nothing, then values outside their 通常 range
  size_t columnWarnings = 0;            // how many of `warnings` are about columns (each chunk repeats them)
  bool anyErrors() const;
};

struct EvalOptions {
  int threads = 1;          // 0: all cores
  bool explain = true;      // build the 评分说明 of every indicator
};

// For a program with row sets (行集), a table in the long form — one line per
// row of the list, the record's own fields repeated, as a CSV of 项目支出绩效自评表
// lines is written (compiler/io/long_form.h) — becomes one record per project with
// the list as a Cell::Kind::Rows cell. The list is the row set whose columns
// the header holds; any other row set is read from `行名.列` columns (项目资金:
// 年度资金总额.全年预算数). Any other table is returned as it is.
Table groupRowSetLines(const ir::Program& program, Table table);
// Whether the program declares a row set (its data may come in the long form).
bool hasRowSets(const ir::Program& program);

// The data file in chunks of records, as openDataChunks reads it; for a
// program with row sets a CSV is read whole and grouped (a project's lines
// must not be cut between two chunks, and a project whose lines are not
// together is an error of both parts), then handed out recordsPerChunk
// projects at a time (lib/driver/table_slices.h).
std::unique_ptr<ChunkReader> openRecordChunks(const ir::Program& program, const std::string& path,
                                              Encoding encoding = Encoding::Auto, const std::string& sheet = "",
                                              size_t recordsPerChunk = 512);

// Binds every row and scores it. Rows a reader could not read at all still
// get a result carrying their error, so the output has exactly one entry per
// input row, in row order, whatever the number of threads.
Evaluation evaluateTable(const ir::Program& program, const Table& table, Engine& engine, const EvalOptions& options = {});
// With the interpreter (tests and tools).
Evaluation evaluateTable(const ir::Program& program, const Table& table);

}  // namespace defen

// One call from a ruleset file to a checked program, and from a data file to
// score cards: what the CLI, the tests and embedders use.
#pragma once

#include "compiler/core/diagnostics.h"
#include "compiler/ir/kernels.h"
#include "compiler/ir/ir.h"
#include "compiler/io/data_chunks.h"
#include "compiler/io/readers.h"
#include "compiler/core/result.h"

#include <memory>
#include <string>
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

struct Evaluation {
  std::vector<RecordResult> results;  // one per data row, in row order
  std::vector<std::string> fileErrors;  // the whole file could not be used
  std::vector<std::string> warnings;    // columns that match nothing, then values outside their 通常 range
  size_t columnWarnings = 0;            // how many of `warnings` are about columns (each chunk repeats them)
  bool anyErrors() const;
};

enum class EngineKind { Interpreter, Jit };

struct EvalOptions {
  int threads = 1;          // 0: all cores
  bool explain = true;      // build the 评分说明 of every indicator
};

// Something that hands out kernels for one compiled program: the interpreter,
// or native code from the JIT.
class Engine {
 public:
  virtual ~Engine() = default;
  virtual eval::Kernels& kernels() = 0;
};

// Creates the engine; for the JIT this compiles (or loads cached) native code.
// Null with `error` set if compilation fails.
std::unique_ptr<Engine> makeEngine(EngineKind kind, const ir::Program& program, std::string& error, bool useCache = true);

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
// must not be cut between two chunks).
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

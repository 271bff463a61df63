// One call from a ruleset file to a checked program, and from a data file to
// score cards: what the CLI, the tests and embedders use.
#pragma once

#include "compiler/diagnostics.h"
#include "compiler/ir/ir.h"
#include "runtime/readers.h"
#include "runtime/result.h"

#include <memory>
#include <string>
#include <vector>

namespace defen {

struct Compilation {
  std::shared_ptr<const SourceFile> source;
  Diagnostics diags;
  std::unique_ptr<ir::Program> program;  // null when there are errors
};

Compilation compileSource(std::string path, std::string text);
// A file that cannot be read is an error diagnostic (E000) naming the path.
Compilation compileFile(const std::string& path);

struct Evaluation {
  std::vector<RecordResult> results;  // one per data row, in row order
  std::vector<std::string> fileErrors;  // the whole file could not be used
  std::vector<std::string> warnings;    // e.g. columns that match nothing
  bool anyErrors() const;
};

// Binds every row and scores it with the interpreter. Rows a reader could not
// read at all still get a result carrying their error, so the output has
// exactly one entry per input row.
Evaluation evaluateTable(const ir::Program& program, const Table& table);

}  // namespace defen

// Target: the JSON reader on arbitrary bytes (exact number spellings, nested
// values as row errors, line and column of a syntax error), then the table
// bound against a shipped ruleset as `defen eval` would. The same bytes read
// a chunk at a time (JsonChunks, 2 records a chunk, 7 bytes a read) must give
// the same records and errors; only nesting too deep is allowed to differ
// (read whole it refuses the file, streamed it stops where it is found).
#include "fuzz/fuzz_table.h"

#include "compiler/io/json_chunks.h"
#include "compiler/io/json_nesting.h"
#include "compiler/io/readers.h"

#include <cstdlib>
#include <sstream>
#include <string>

namespace {

// Records (cells by column name) and errors, in order.
void describe(const defen::Table& t, std::string& out) {
  for (const auto& r : t.records) {
    out += "R" + std::to_string(r.row) + ":" + std::to_string(r.line);
    for (size_t c = 0; c < r.cells.size(); ++c)
      if (r.cells[c].kind != defen::Cell::Kind::Missing)
        out += "|" + t.columns.at(c) + "=" + std::to_string(static_cast<int>(r.cells[c].kind)) + r.cells[c].text;
    out += "\n";
  }
  for (const auto& e : t.errors) out += "E" + std::to_string(e.row) + ":" + std::to_string(e.line) + e.column + e.message + "\n";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const defen::Table whole = defen::readJson(bytes);
  if (!defen::jsonNestingExceededAt(bytes)) {
    std::istringstream in{std::string(bytes)};
    defen::JsonChunks reader(in, "fuzz.json", 2, 7);
    std::string chunked, expected;
    defen::Table all, chunk;
    while (reader.next(chunk)) {
      all.columns = chunk.columns;  // each chunk's extend the one before's
      for (auto& r : chunk.records) all.records.push_back(std::move(r));
      for (auto& e : chunk.errors) all.errors.push_back(std::move(e));
    }
    describe(all, chunked);
    describe(whole, expected);
    if (chunked != expected) std::abort();
  }
  defen::fuzz::bindTable(whole);
  return 0;
}

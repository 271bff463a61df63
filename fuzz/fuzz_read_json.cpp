// Target: the JSON reader on arbitrary bytes (exact number spellings, nested
// values as row errors, line and column of a syntax error), then the table
// bound against a shipped ruleset as `defen eval` would.
#include "fuzz/fuzz_table.h"

#include "runtime/readers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  defen::fuzz::bindTable(defen::readJson(std::string_view(reinterpret_cast<const char*>(data), size)));
  return 0;
}

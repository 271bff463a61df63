// Target: the CSV reader on arbitrary bytes (BOM, quoting, CR/LF, UTF-8 or
// GB18030 detection), then the table bound against a shipped ruleset as
// `defen eval` would: whatever the reader returns, the binder must be able to
// take it.
#include "fuzz/fuzz_table.h"

#include "compiler/io/readers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  defen::fuzz::bindTable(defen::readCsv(bytes));
  defen::fuzz::bindTable(defen::readCsv(bytes, defen::Encoding::Gb18030));
  return 0;
}

// A data file read a chunk of records at a time, whatever its format, so
// scoring a file of any size takes bounded memory: the CLI's `defen eval`
// and the library's batch call (Ruleset::evaluateFile) both read through it.
#pragma once

#include "compiler/io/readers.h"

#include <cstdint>
#include <memory>
#include <string>

namespace defen {

class ChunkReader {
 public:
  virtual ~ChunkReader() = default;
  // The next chunk of records, with rows and lines numbered as in the whole
  // file; false at the end. File-level errors come in a chunk of their own
  // or with the records read before them.
  virtual bool next(Table& chunk) = 0;
  // For a progress bar: bytes consumed so far and the file's size (0 when
  // unknown: a pipe, standard input).
  virtual std::uint64_t bytesRead() const = 0;
  virtual std::uint64_t fileSize() const = 0;
};

// Chooses the reader by extension (.csv, .json, .xlsx), as readDataFile does,
// with the same messages for a path that is of no known type or cannot be
// opened (then the one chunk holds that error).
std::unique_ptr<ChunkReader> openDataChunks(const std::string& path, Encoding encoding = Encoding::Auto,
                                            const std::string& sheet = "", size_t recordsPerChunk = 512);

// A table already read whole, handed out as one chunk.
std::unique_ptr<ChunkReader> wholeTableChunks(Table table);

}  // namespace defen

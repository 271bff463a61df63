// Reading a large CSV file a chunk of whole records at a time, so memory does
// not grow with the input. Each chunk is parsed by readCsv with the header
// prepended; row and line numbers continue across chunks. The input is read
// front to back only, so it may be a pipe, a FIFO or standard input.
#pragma once

#include "compiler/io/data_chunks.h"

#include <cstdint>
#include <fstream>
#include <istream>
#include <memory>
#include <string>

namespace defen {

class CsvChunks : public ChunkReader {
 public:
  CsvChunks(const std::string& path, Encoding encoding, size_t recordsPerChunk = 512);
  // An already open stream (standard input); `name` is for messages only.
  CsvChunks(std::istream& in, std::string name, Encoding encoding, size_t recordsPerChunk = 512);
  // False at the end of the file. A file that cannot be opened yields one
  // chunk holding only that error.
  bool next(Table& chunk) override;
  // For a progress bar: bytes consumed so far and the file's size (0 when
  // unknown: a pipe, a FIFO, standard input).
  std::uint64_t bytesRead() const override { return consumed_; }
  std::uint64_t fileSize() const override { return size_; }

 private:
  std::unique_ptr<std::ifstream> file_;  // when opened by path
  std::istream* in_;
  std::string path_;
  Encoding encoding_;
  size_t perChunk_;
  std::string header_;
  std::string pending_;  // bytes read past the last complete record
  bool started_ = false;
  bool finished_ = false;
  bool openFailed_ = false;
  int rowsBefore_ = 0;
  int linesBefore_ = 1;  // the header's line(s)
  std::uint64_t consumed_ = 0;
  std::uint64_t size_ = 0;

  // Scan state over pending_, kept between reads so each byte is scanned once.
  size_t scanned_ = 0;
  bool quoted_ = false;
  size_t quoteStart_ = 0;  // where the open quote is, in pending_
  int quotedLines_ = 0;    // line breaks since it opened
  size_t records_ = 0;
  int lines_ = 0;

  bool fill();
  size_t cutAfterRecords(size_t count);
};

}  // namespace defen

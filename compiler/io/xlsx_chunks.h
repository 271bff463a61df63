// Reading a large .xlsx sheet a chunk of rows at a time: the sheet's XML is
// inflated and parsed only as far as the next chunk needs, so memory holds
// the shared strings and one chunk, not the sheet (readXlsx holds every row).
// Rows, lines (Excel row numbers) and messages are readXlsx's; a fault found
// late in the sheet (damaged XML) ends the reading after the chunks before it
// were handed out, where readXlsx would give that error alone.
#pragma once

#include "compiler/io/data_chunks.h"

#include <memory>
#include <string>

namespace defen {

class XlsxChunks : public ChunkReader {
 public:
  XlsxChunks(std::string path, std::string sheet = "", size_t recordsPerChunk = 512);
  ~XlsxChunks() override;
  bool next(Table& chunk) override;
  // The sheet part's inflated bytes read so far, and its declared size.
  std::uint64_t bytesRead() const override;
  std::uint64_t fileSize() const override;

 private:
  struct Sheet;
  struct Records;
  std::string path_, sheetName_;
  size_t perChunk_;
  std::unique_ptr<Sheet> sheet_;
  std::unique_ptr<Records> records_;
  size_t used_ = 0;  // rows of the last parsed block already turned into records
  bool streamDone_ = false, started_ = false, finished_ = false;
};

}  // namespace defen

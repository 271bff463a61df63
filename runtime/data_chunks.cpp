#include "runtime/data_chunks.h"

#include "runtime/csv_chunks.h"
#include "runtime/json_chunks.h"
#include "runtime/xlsx_chunks.h"

#include <filesystem>
#include <system_error>

namespace defen {
namespace {

// What readDataFile says before reading anything: one chunk with the error.
class FailedChunks : public ChunkReader {
 public:
  explicit FailedChunks(Table table) : table_(std::move(table)) {}
  bool next(Table& chunk) override {
    if (done_) return false;
    done_ = true;
    chunk = std::move(table_);
    return true;
  }
  std::uint64_t bytesRead() const override { return 0; }
  std::uint64_t fileSize() const override { return 0; }

 private:
  Table table_;
  bool done_ = false;
};

std::string lowerAscii(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

}  // namespace

std::unique_ptr<ChunkReader> openDataChunks(const std::string& path, Encoding encoding, const std::string& sheet,
                                            size_t recordsPerChunk) {
  const std::string ext = lowerAscii(std::filesystem::path(path).extension().string());
  std::error_code ec;
  // An unknown extension or a directory: readDataFile's own messages.
  if ((ext != ".csv" && ext != ".json" && ext != ".xlsx") || std::filesystem::is_directory(path, ec))
    return std::make_unique<FailedChunks>(readDataFile(path, encoding, sheet));
  if (ext == ".xlsx") return std::make_unique<XlsxChunks>(path, sheet, recordsPerChunk);
  if (ext == ".json") return std::make_unique<JsonChunks>(path, recordsPerChunk);
  return std::make_unique<CsvChunks>(path, encoding, recordsPerChunk);
}

}  // namespace defen

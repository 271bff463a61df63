#include "compiler/io/data_chunks.h"

#include "compiler/io/csv_chunks.h"
#include "compiler/io/json_chunks.h"
#include "compiler/io/project_form_xlsx.h"
#include "compiler/io/xlsx_package.h"
#include "compiler/io/xlsx_chunks.h"

#include <filesystem>
#include <system_error>

namespace defen {
namespace {

// A table read whole, handed out as one chunk: what readDataFile says before
// reading anything (an error), or a workbook of 自评表 (one record per sheet).
class OneChunk : public ChunkReader {
 public:
  explicit OneChunk(Table table) : table_(std::move(table)) {}
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
    return std::make_unique<OneChunk>(readDataFile(path, encoding, sheet));
  if (ext == ".xlsx") {
    // A workbook of 项目支出绩效自评表 holds one project per sheet, read form by
    // form (compiler/io/project_form_xlsx.h); anything else streams its rows.
    xlsx::Workbook book;
    std::string error;
    bool forms = false;
    if (book.open(path, error) && isProjectFormWorkbook(book, sheet, forms, error) && forms)
      return std::make_unique<OneChunk>(readXlsx(path, sheet));
    return std::make_unique<XlsxChunks>(path, sheet, recordsPerChunk);
  }
  if (ext == ".json") return std::make_unique<JsonChunks>(path, recordsPerChunk);
  return std::make_unique<CsvChunks>(path, encoding, recordsPerChunk);
}

std::unique_ptr<ChunkReader> wholeTableChunks(Table table) { return std::make_unique<OneChunk>(std::move(table)); }

}  // namespace defen

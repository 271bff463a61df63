#include "runtime/csv_chunks.h"

#include <fmt/format.h>

namespace defen {

namespace {
constexpr size_t kBlock = 1 << 20;
}  // namespace

CsvChunks::CsvChunks(const std::string& path, Encoding encoding, size_t recordsPerChunk)
    : in_(path, std::ios::binary), path_(path), encoding_(encoding), perChunk_(recordsPerChunk ? recordsPerChunk : 1) {
  openFailed_ = !in_;
}

bool CsvChunks::fill() {
  if (!in_) return false;
  size_t old = pending_.size();
  pending_.resize(old + kBlock);
  in_.read(pending_.data() + old, static_cast<std::streamsize>(kBlock));
  pending_.resize(old + static_cast<size_t>(in_.gcount()));
  return in_.gcount() > 0;
}

// Byte offset just past `count` record terminators (newlines outside quotes),
// or npos when the buffer holds fewer. Counts physical lines on the way.
size_t CsvChunks::cutAfterRecords(size_t count, size_t& records, int& lines) const {
  bool quoted = false;
  records = 0;
  lines = 0;
  for (size_t i = 0; i < pending_.size(); ++i) {
    char c = pending_[i];
    if (c == '"') quoted = !quoted;
    else if (c == '\n') {
      ++lines;
      if (!quoted && ++records == count) return i + 1;
    }
  }
  return std::string::npos;
}

bool CsvChunks::next(Table& chunk) {
  chunk = Table{};
  if (openFailed_) {
    if (started_) return false;
    started_ = true;
    chunk.errors.push_back(ReadError{0, 0, "", fmt::format("无法打开数据文件 {}", path_)});
    return true;
  }
  if (finished_) return false;
  size_t records = 0;
  int lines = 0;
  if (!started_) {
    started_ = true;
    while (cutAfterRecords(1, records, lines) == std::string::npos && fill()) {}
    size_t end = cutAfterRecords(1, records, lines);
    if (end == std::string::npos) end = pending_.size();
    header_ = pending_.substr(0, end);
    pending_.erase(0, end);
    linesBefore_ = lines;
    if (!header_.empty() && header_.back() != '\n') header_ += '\n';
  }
  size_t cut;
  while ((cut = cutAfterRecords(perChunk_, records, lines)) == std::string::npos && fill()) {}
  if (cut == std::string::npos) {  // the last, partial chunk
    cut = pending_.size();
    finished_ = true;
    if (cut == 0 && rowsBefore_ > 0) return false;
  }
  std::string body = header_ + pending_.substr(0, cut);
  pending_.erase(0, cut);
  chunk = readCsv(body, encoding_);
  int rowsHere = 0;
  for (auto& r : chunk.records) {
    rowsHere = std::max(rowsHere, r.row);
    r.row += rowsBefore_;
    if (r.line > 0) r.line += linesBefore_ - 1;
  }
  for (auto& e : chunk.errors) {
    if (e.row > 0) {
      rowsHere = std::max(rowsHere, e.row);
      e.row += rowsBefore_;
    }
    if (e.line > 0) e.line += linesBefore_ - 1;
  }
  rowsBefore_ += rowsHere;
  linesBefore_ += lines;
  if (finished_ && chunk.records.empty() && chunk.errors.empty() && rowsBefore_ > 0) return false;
  return true;
}

}  // namespace defen

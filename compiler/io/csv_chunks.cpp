#include "compiler/io/csv_chunks.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace defen {

namespace {
constexpr size_t kBlock = 1 << 20;
// A quote still open after this many lines or bytes is taken as a quote that
// never closes: the chunk ends at that line, readCsv reports the row where
// the quote opened and resumes on the next line, as it does at the end of a
// file. Without the bound a stray quote made one chunk of the rest of the
// file. A real multi-line cell (a 说明 of a few paragraphs) is far shorter.
constexpr int kMaxQuotedLines = 1000;
constexpr size_t kMaxQuotedBytes = 1 << 20;
}  // namespace

CsvChunks::CsvChunks(const std::string& path, Encoding encoding, size_t recordsPerChunk)
    : file_(std::make_unique<std::ifstream>(path, std::ios::binary)), in_(file_.get()), path_(path), encoding_(encoding),
      perChunk_(recordsPerChunk ? recordsPerChunk : 1) {
  openFailed_ = !*in_;
  // The size is asked of the file system, never by seeking: a FIFO cannot
  // seek, and a failed seek would leave the stream unreadable.
  std::error_code ec;
  if (!openFailed_ && std::filesystem::is_regular_file(path, ec)) {
    auto size = std::filesystem::file_size(path, ec);
    if (!ec) size_ = size;
  }
}

CsvChunks::CsvChunks(std::istream& in, std::string name, Encoding encoding, size_t recordsPerChunk)
    : in_(&in), path_(std::move(name)), encoding_(encoding), perChunk_(recordsPerChunk ? recordsPerChunk : 1) {}

bool CsvChunks::fill() {
  if (!*in_) return false;
  size_t old = pending_.size();
  pending_.resize(old + kBlock);
  in_->read(pending_.data() + old, static_cast<std::streamsize>(kBlock));
  pending_.resize(old + static_cast<size_t>(in_->gcount()));
  return in_->gcount() > 0;
}

// Byte offset just past `count` record terminators (newlines outside quotes)
// counted from the start of pending_, or npos when it holds fewer. Resumes
// where the previous call stopped; lines_ counts physical lines to the cut.
size_t CsvChunks::cutAfterRecords(size_t count) {
  for (; scanned_ < pending_.size(); ++scanned_) {
    char c = pending_[scanned_];
    if (c == '"') {
      quoted_ = !quoted_;
      if (quoted_) {
        quoteStart_ = scanned_;
        quotedLines_ = 0;
      }
    } else if (c == '\n') {
      ++lines_;
      if (!quoted_) {
        if (++records_ == count) return ++scanned_;
      } else if (++quotedLines_ >= kMaxQuotedLines || scanned_ - quoteStart_ >= kMaxQuotedBytes) {
        return ++scanned_;  // an unclosed quote: end the chunk here (see kMaxQuotedLines)
      }
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
  auto restart = [&](size_t cut) {  // drop pending_[0, cut) and scan afresh
    pending_.erase(0, cut);
    scanned_ = 0;
    quoted_ = false;
    records_ = 0;
    lines_ = 0;
  };
  if (!started_) {
    started_ = true;
    size_t end;
    while ((end = cutAfterRecords(1)) == std::string::npos && fill()) {}
    if (end == std::string::npos) end = pending_.size();
    header_ = pending_.substr(0, end);
    consumed_ += end;
    linesBefore_ = std::max(1, lines_);
    restart(end);
    if (!header_.empty() && header_.back() != '\n') header_ += '\n';
  }
  size_t cut;
  while ((cut = cutAfterRecords(perChunk_)) == std::string::npos && fill()) {}
  int lines = lines_;
  if (cut == std::string::npos) {  // the last, partial chunk
    cut = pending_.size();
    finished_ = true;
    if (cut == 0 && rowsBefore_ > 0) return false;
  }
  consumed_ += cut;
  std::string body;
  body.reserve(header_.size() + cut);
  body.append(header_).append(pending_, 0, cut);
  restart(cut);
  // readCsv shifts the data rows' lines itself, because a message such as
  // 第N行开始的引号没有结束 names the line too; file-level errors are shifted here.
  const int headerLines = std::max(1, static_cast<int>(std::count(header_.begin(), header_.end(), '\n')));
  const int lineOffset = linesBefore_ - headerLines;
  chunk = readCsv(body, encoding_, lineOffset);
  int rowsHere = 0;
  for (auto& r : chunk.records) {
    rowsHere = std::max(rowsHere, r.row);
    r.row += rowsBefore_;
  }
  for (auto& e : chunk.errors) {
    if (e.row > 0) {
      rowsHere = std::max(rowsHere, e.row);
      e.row += rowsBefore_;
    } else if (e.line > 0) {
      e.line += lineOffset;
    }
  }
  rowsBefore_ += rowsHere;
  linesBefore_ += lines;
  if (finished_ && chunk.records.empty() && chunk.errors.empty() && rowsBefore_ > 0) return false;
  return true;
}

}  // namespace defen

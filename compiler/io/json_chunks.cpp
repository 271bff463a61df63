#include "compiler/io/json_chunks.h"

#include <fmt/format.h>

#include "compiler/io/json_nesting.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace defen {

namespace {

// A piece ends after this many bytes even with fewer records than asked
// (records with long reasons), at the next place it can.
constexpr size_t kPieceBudget = 4u << 20;

bool isAsciiAlnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// A byte that can end a JSON value (or NaN/Infinity, which readJson takes
// as cell text): a piece ends only right after one, and only where the next
// element begins with a byte that can start one, so "[" + piece + "]" reads
// exactly as the text did in the file: ",," or ", ]" are never cut, and
// readJson reports them where the file has them.
bool endsValue(char c) { return c == '}' || c == ']' || c == '"' || isAsciiAlnum(c); }
bool startsValue(char c) { return c == '{' || c == '[' || c == '"' || c == '-' || isAsciiAlnum(c); }

}  // namespace

JsonChunks::JsonChunks(const std::string& path, size_t recordsPerChunk, size_t blockBytes)
    : file_(std::make_unique<std::ifstream>(path, std::ios::binary)), in_(file_.get()), path_(path),
      perChunk_(recordsPerChunk ? recordsPerChunk : 1), block_(blockBytes ? blockBytes : 1) {
  std::error_code ec;
  // A directory opens as an ifstream on Linux and reads as empty.
  openFailed_ = !*in_ || std::filesystem::is_directory(path, ec);
  if (!openFailed_ && std::filesystem::is_regular_file(path, ec)) {
    auto size = std::filesystem::file_size(path, ec);
    if (!ec) size_ = size;
  }
}

JsonChunks::JsonChunks(std::istream& in, std::string name, size_t recordsPerChunk, size_t blockBytes)
    : in_(&in), path_(std::move(name)), perChunk_(recordsPerChunk ? recordsPerChunk : 1), block_(blockBytes ? blockBytes : 1) {}

bool JsonChunks::fill() {
  if (eof_ || !*in_) return false;
  const size_t old = pending_.size();
  pending_.resize(old + block_);
  in_->read(pending_.data() + old, static_cast<std::streamsize>(block_));
  pending_.resize(old + static_cast<size_t>(in_->gcount()));
  if (in_->gcount() == 0) eof_ = true;
  return in_->gcount() > 0;
}

// The offset in pending_ of a comma that ends the piece, or npos when more
// bytes are needed. Resumes where the previous call stopped.
size_t JsonChunks::findCut() {
  const char* const data = pending_.data();
  const size_t size = pending_.size();
  for (; scanned_ < size; ++scanned_) {
    if (inString_) {
      // Most of a file is string content (names, reasons): jump to the next
      // quote; it ends the string unless an odd run of backslashes escapes it.
      const void* quote = std::memchr(data + scanned_, '"', size - scanned_);
      if (!quote) {
        scanned_ = size;
        break;
      }
      scanned_ = static_cast<size_t>(static_cast<const char*>(quote) - data);
      size_t backslashes = 0;
      while (data[scanned_ - 1 - backslashes] == '\\') ++backslashes;  // the opening quote stops it
      if (backslashes % 2 == 0) inString_ = false;
      continue;
    }
    const char c = data[scanned_];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    if (top_ == Top::Unknown) {
      if (first_ && scanned_ < 3 && (c == '\xEF' || c == '\xBB' || c == '\xBF')) continue;  // a UTF-8 BOM
      top_ = c == '[' ? Top::Array : Top::Other;
    }
    if (comma_ != std::string::npos) {
      const size_t cut = comma_;
      comma_ = std::string::npos;
      if (startsValue(c)) return cut;
    }
    // What readJson would otherwise look for in passes of its own.
    if (c >= '0' && c <= '9') {
      if (++digits_ > 300) unusualNumbers_ = true;  // beyond a double's range
    } else {
      digits_ = 0;
      if (c == 'N' || c == 'I' || ((c == 'e' || c == 'E') && lastSignificant_ >= '0' && lastSignificant_ <= '9'))
        unusualNumbers_ = true;
    }
    if (c == '"') {
      inString_ = true;
    } else if (c == '{' || c == '[') {
      maxDepth_ = std::max(maxDepth_, ++depth_);
    } else if (c == '}' || c == ']') {
      if (depth_ > 0) --depth_;  // as jsonNestingExceededAt counts
    } else if (c == ',' && depth_ == 1 && top_ == Top::Array) {
      ++elements_;
      if ((static_cast<size_t>(elements_) >= perChunk_ || scanned_ >= kPieceBudget) && endsValue(lastSignificant_)) {
        comma_ = scanned_;
        // Where the comma is, counted only here, not byte by byte.
        const std::string_view before(data, scanned_);
        commaLines_ = static_cast<int>(std::count(before.begin(), before.end(), '\n'));
        const size_t newline = before.rfind('\n');
        const size_t lineStart = newline == std::string_view::npos ? 0 : newline + 1;
        commaColumns_ = (newline == std::string_view::npos ? columnsBeforeStart_ : 0) +
                        static_cast<int>(std::count_if(data + lineStart, data + scanned_ + 1, [](char b) {
                          return (static_cast<unsigned char>(b) & 0xC0) != 0x80;
                        }));
      }
    }
    lastSignificant_ = c;
  }
  return std::string::npos;
}

bool JsonChunks::next(Table& chunk) {
  chunk = Table{};
  if (openFailed_) {
    if (started_) return false;
    started_ = true;
    chunk.errors.push_back(ReadError{0, 0, "", fmt::format("无法打开数据文件 {}", path_)});
    return true;
  }
  if (finished_) return false;
  started_ = true;
  size_t cut;
  bool tooLarge = false;
  while ((cut = findCut()) == std::string::npos) {
    if (pending_.size() > kMaxPieceBytes) {
      tooLarge = true;
      break;
    }
    if (!fill()) break;
  }
  // A piece after the first starts with "[" where the file has the comma
  // before it (see below), so it is parsed where it lies, never copied.
  piece_.scanned = maxDepth_ <= kMaxJsonNesting && !unusualNumbers_;
  if (cut == std::string::npos) {  // the rest of the file, or a piece too large to be records
    finished_ = true;
    consumed_ += pending_.size();
    Table t = readJsonPiece(pending_, piece_);
    if (tooLarge) {
      // readJson saw the piece end where the file does not: say why instead.
      std::erase_if(t.errors, [](const ReadError& e) { return e.message.find("文件意外结束") != std::string::npos; });
      t.errors.push_back({0, piece_.linesBefore + static_cast<int>(std::count(pending_.begin(), pending_.end(), '\n')) + 1, "",
                          fmt::format("JSON 数据中有一条记录超过 {} MB（第{}行起），不是一条数据记录；此后的内容无法读取",
                                      kMaxPieceBytes >> 20, piece_.linesBefore + 1)});
    }
    pending_.clear();
    pending_.shrink_to_fit();
    emit(std::move(t), chunk);
    return true;
  }
  // The piece is read as ending with "]" where the comma is, and the next
  // one as starting with "[" there: in the file's own bytes, lines and columns.
  pending_[cut] = ']';
  Table t = readJsonPiece(std::string_view(pending_).substr(0, cut + 1), piece_);
  pending_[cut] = '[';
  consumed_ += cut;
  piece_.linesBefore += commaLines_;
  piece_.columnsBefore = commaColumns_ - 1;
  piece_.rowsBefore += elements_;
  pending_.erase(0, cut);
  first_ = false;
  scanned_ = 1;  // past the "["
  inString_ = false;
  depth_ = maxDepth_ = 1;
  unusualNumbers_ = false;
  digits_ = 0;
  lastSignificant_ = '[';
  columnsBeforeStart_ = commaColumns_ - 1;
  elements_ = 0;
  // A file-level error (a syntax error, nesting too deep) ends the reading,
  // as it ends readJson.
  for (const auto& e : t.errors)
    if (e.row == 0) finished_ = true;
  emit(std::move(t), chunk);
  return true;
}

// Puts a piece's records in the columns of the whole file so far.
void JsonChunks::emit(Table piece, Table& chunk) {
  std::vector<size_t> at(piece.columns.size());
  bool same = true;  // the piece's columns are the first of the file's
  for (size_t i = 0; i < piece.columns.size(); ++i) {
    auto [it, added] = fileColumnIndex_.try_emplace(piece.columns[i], fileColumns_.size());
    if (added) fileColumns_.push_back(piece.columns[i]);
    at[i] = it->second;
    same = same && at[i] == i;
  }
  chunk.columns = fileColumns_;
  chunk.errors = std::move(piece.errors);
  chunk.records = std::move(piece.records);
  for (Record& r : chunk.records) {
    if (same) {
      r.cells.resize(fileColumns_.size());
      continue;
    }
    std::vector<Cell> cells(fileColumns_.size());
    for (size_t i = 0; i < r.cells.size(); ++i) cells[at[i]] = std::move(r.cells[i]);
    r.cells = std::move(cells);
  }
}

}  // namespace defen

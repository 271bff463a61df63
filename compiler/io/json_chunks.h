// Reading a large JSON file (an array of records) a chunk of records at a
// time, so memory does not grow with the input: a 1M-record file read whole
// held the text, a tree of it and every record at once.
//
// The file is read front to back in fixed-size blocks and cut between two
// elements of the top-level array (at a comma outside strings, between a
// complete value and the start of the next). Each piece is then parsed by
// readJson as "[" + the piece + "]", told where in the file it lies
// (JsonPiece), so rows, lines, columns and messages are the file's: one
// parser, one place where a record is read, whatever reads the file.
//
// A file that is one object (or not an array at all) is a single piece. What
// differs from reading the file whole: an error found late (a syntax error,
// nesting past kMaxJsonNesting) stops the reading there, after the records
// of the chunks before it were already handed out; read whole, a file nested
// too deep is refused before any record is read.
#pragma once

#include "compiler/io/data_chunks.h"

#include <cstdint>
#include <fstream>
#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace defen {

// Where a piece of JSON text lies in its file: added to every line, to the
// column on the piece's first line, and to every row (array element) number.
struct JsonPiece {
  int linesBefore = 0;
  int columnsBefore = 0;  // characters on the piece's first line before its first byte
  int rowsBefore = 0;
  // JsonChunks has already seen that the piece nests no deeper than
  // kMaxJsonNesting and holds no NaN, Infinity or number a double cannot
  // hold: readJson skips those checks (two passes over the bytes).
  bool scanned = false;
};

// readJson for a piece of a file (json_reader.cpp).
Table readJsonPiece(std::string_view bytes, const JsonPiece& piece);

class JsonChunks : public ChunkReader {
 public:
  // `blockBytes` is how much is read at a time (small in tests, so a record
  // is split across reads).
  explicit JsonChunks(const std::string& path, size_t recordsPerChunk = 512, size_t blockBytes = 1 << 20);
  JsonChunks(std::istream& in, std::string name, size_t recordsPerChunk = 512, size_t blockBytes = 1 << 20);
  // False at the end of the file. A file that cannot be opened yields one
  // chunk holding only that error. Columns are those seen so far, in order
  // of first appearance, so a column keeps its index from chunk to chunk.
  bool next(Table& chunk) override;
  std::uint64_t bytesRead() const override { return consumed_; }
  std::uint64_t fileSize() const override { return size_; }

  // One element over this size (or a file that is not an array, over it) is
  // not a record: the reading stops there with an error.
  static constexpr size_t kMaxPieceBytes = 64u << 20;

 private:
  std::unique_ptr<std::ifstream> file_;
  std::istream* in_;
  std::string path_;
  size_t perChunk_;
  size_t block_;
  bool started_ = false, finished_ = false, openFailed_ = false, eof_ = false;
  std::uint64_t consumed_ = 0, size_ = 0;

  // pending_ holds the current piece from its first byte; the scan state
  // below is kept between reads so each byte is scanned once.
  std::string pending_;
  size_t scanned_ = 0;
  bool first_ = true;         // the piece is the file's first (no "[" to add)
  JsonPiece piece_;           // where the current piece starts
  enum class Top { Unknown, Array, Other } top_ = Top::Unknown;
  bool bomChecked_ = false;
  bool inString_ = false;
  int depth_ = 0;
  char lastSignificant_ = 0;  // the last byte outside whitespace, outside strings ('"' for a string)
  int columnsBeforeStart_ = 0;  // characters on pending_[0]'s line before it
  int elements_ = 0;          // elements completed in this piece
  int maxDepth_ = 0;          // in this piece
  bool unusualNumbers_ = false;  // NaN, Infinity, an exponent or a very long number in this piece
  int digits_ = 0;            // the run of digits the scan is in
  // A comma that may end the piece, waiting for the next significant byte.
  size_t comma_ = std::string::npos;
  int commaLines_ = 0, commaColumns_ = 0;

  std::vector<std::string> fileColumns_;
  std::unordered_map<std::string, size_t> fileColumnIndex_;

  bool fill();
  size_t findCut();
  void emit(Table piece, Table& chunk);
};

}  // namespace defen

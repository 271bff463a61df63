// Cutting a CSV byte stream into pieces of whole records, for readers that
// parse the pieces on several threads.
//
// The cut must land on a record boundary, and each piece must know the row
// and line numbers it starts at, or messages would name the wrong row. So one
// thread scans every byte with the same grammar as readCsv (a quote opens a
// field only at its start, "" inside quotes, CRLF, LF or a lone CR ends a
// line) and counts the rows readCsv would count (blank lines and rows of bare
// commas are not rows). Only quotes and line breaks are looked for, sixteen
// bytes a step; parsing is left to the threads. Quotes, commas and line breaks never occur inside a GB18030
// character, so the scan serves GB18030 files too.
//
// A quote still open 1,000 lines or 1 MiB after it opened, or at the end of
// the input, never closes: its row is the line it opened on, and the piece
// ends there, so the reader of the piece sees the quote open at its end and
// reports it (readCsv's rule at the end of a file); scanning resumes on the
// next line. Without the bound a stray quote made one piece of the rest of
// the file.
#pragma once

#include <cstdint>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace defen {

struct CsvPiece {
  std::string bytes;    // whole records, as in the file
  int rowsBefore = 0;   // data rows before the piece (the header excluded)
  int firstLine = 1;    // the physical line bytes[0] is on
  int rows = 0;         // data rows in the piece (blank lines excluded)
  bool unclosedQuote = false;  // the last row's quote never closes (see above)
};

class CsvSplitter {
 public:
  // Pieces of at least `pieceBytes` (but whole records), read from `in`.
  explicit CsvSplitter(std::istream& in, size_t pieceBytes = 512 * 1024);
  // The header: the first row that is not blank, with the blank lines before
  // it (all of the input when no row has data). Call once, before next().
  void header(std::string& bytes, int& lines);
  // The next piece; false at the end of the input.
  bool next(CsvPiece& piece);
  std::uint64_t bytesRead() const { return consumed_; }

 private:
  std::istream& in_;
  size_t pieceBytes_;
  std::string buf_;        // unread bytes; scanning state refers to offsets in it
  bool eof_ = false;
  std::uint64_t consumed_ = 0;
  int rows_ = 0;           // data rows handed out so far
  int line_ = 1;           // line at buf_[0]

  // Scan state, kept between reads so each byte is scanned once.
  size_t pos_ = 0;         // next byte to scan
  int lines_ = 0;          // line breaks between buf_[0] and pos_
  size_t recordStart_ = 0;
  int recordLines_ = 0;    // lines_ at recordStart_
  bool quoted_ = false;    // inside a quoted field
  size_t quoteOpen_ = 0;   // where the open quote is
  int quoteLines_ = 0;     // lines_ when it opened

  bool fill();
  // Scans to the end of the next record; false when the buffer ends first
  // (and more input may come). Sets `end` past the record, `blank` and `unclosed`.
  bool scanRecord(size_t& end, bool& blank, bool& unclosed);
  void resetRecord(size_t at);
  void take(size_t end, std::string& out);
};

// The rows of a piece, parsed with readCsv's grammar: fields are views into
// the piece's bytes, or, for a quoted field that must be unescaped ("" or a
// line break inside), into `arena`, which is reserved once to the piece's
// size so it never moves while a row is read. A row costs no allocation.
// The piece must be UTF-8 already; it is left as it was.
class CsvPieceRows {
 public:
  CsvPieceRows(const std::string& text, int firstLine, std::string& arena);
  enum class Next { Row, End, Unclosed };
  // The next row that is not blank, with the line it starts on. Unclosed: a
  // quote that never closes (the caller leaves the piece to readCsv).
  Next next(std::vector<std::string_view>& fields, int& line);

 private:
  const char* s_;
  size_t n_;
  size_t pos_ = 0;
  int line_;
  std::string& arena_;
  bool lineBreakAt(size_t i) const { return s_[i] == '\n' || s_[i] == '\r'; }
  void consumeLineBreak();
};

}  // namespace defen

#include "compiler/io/csv_split.h"

#include <emmintrin.h>

namespace defen {

namespace {
constexpr size_t kBlock = 256 * 1024;
// See the header: when an open quote is taken as one that never closes.
constexpr int kMaxQuotedLines = 1000;
constexpr size_t kMaxQuotedBytes = 1 << 20;

enum class Scan { Record, NeedMore, End };
}  // namespace

CsvSplitter::CsvSplitter(std::istream& in, size_t pieceBytes) : in_(in), pieceBytes_(pieceBytes ? pieceBytes : 1) {}

bool CsvSplitter::fill() {
  if (eof_) return false;
  const size_t old = buf_.size();
  buf_.resize(old + kBlock);
  in_.read(buf_.data() + old, static_cast<std::streamsize>(kBlock));
  const auto got = static_cast<size_t>(in_.gcount());
  buf_.resize(old + got);
  if (got < kBlock) eof_ = true;
  return got > 0 || !eof_;
}

void CsvSplitter::resetRecord(size_t at) {
  recordStart_ = at;
  recordLines_ = lines_;
  quoted_ = false;
}

// The record's end when its quote never closes: past the line it opened on.
static size_t endOfLine(const std::string& b, size_t from, bool& found) {
  for (size_t i = from; i < b.size(); ++i) {
    if (b[i] == '\n') { found = true; return i + 1; }
    if (b[i] == '\r') {
      found = true;
      return i + 1 < b.size() && b[i + 1] == '\n' ? i + 2 : i + 1;
    }
  }
  found = false;
  return b.size();
}


namespace {

// The first of a, '\n', '\r' in [p, p + n), or n: sixteen bytes a step.
size_t findStop(const unsigned char* p, size_t n, char a) {
  size_t i = 0;
  const __m128i va = _mm_set1_epi8(a), lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const int mask = _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, va), _mm_cmpeq_epi8(v, lf)), _mm_cmpeq_epi8(v, cr)));
    if (mask) return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
  for (; i < n; ++i)
    if (p[i] == static_cast<unsigned char>(a) || p[i] == '\n' || p[i] == '\r') return i;
  return n;
}

size_t findQuoteOrBreak(const unsigned char* p, size_t n) { return findStop(p, n, '"'); }

}  // namespace

// Only quotes and line breaks move the scan: a quote opens a field when
// nothing but spaces stands between it and the ',' (or the record's start)
// before it; anywhere else it is a character of the value, as in readCsv.
// Whether a record is blank is asked once, at its end.
bool CsvSplitter::scanRecord(size_t& end, bool& blank, bool& unclosed) {
  unclosed = false;
  auto unclosedHere = [&] {
    bool found = false;
    end = endOfLine(buf_, quoteOpen_, found);
    lines_ = quoteLines_ + (found ? 1 : 0);
    pos_ = end;
    blank = false;
    unclosed = true;
  };
  const auto* b = reinterpret_cast<const unsigned char*>(buf_.data());
  const size_t n = buf_.size();
  while (pos_ < n) {
    pos_ += findQuoteOrBreak(b + pos_, n - pos_);
    if (pos_ >= n) break;
    const char c = static_cast<char>(b[pos_]);
    // A CR ends a line alone or with the LF after it, and a quote inside
    // quotes is "" or the end: wait for the byte after it.
    if ((c == '\r' || (c == '"' && quoted_)) && pos_ + 1 == n && !eof_) return false;
    if (quoted_) {
      if (c == '"') {
        if (pos_ + 1 < n && b[pos_ + 1] == '"') pos_ += 2;  // "" inside quotes
        else {
          quoted_ = false;
          ++pos_;
        }
        continue;
      }
      ++lines_;  // a line break inside quotes
      pos_ += c == '\r' && pos_ + 1 < n && b[pos_ + 1] == '\n' ? 2 : 1;
      if (lines_ - quoteLines_ >= kMaxQuotedLines || pos_ - quoteOpen_ >= kMaxQuotedBytes) {
        unclosedHere();
        return true;
      }
      continue;
    }
    if (c == '"') {
      size_t k = pos_;
      while (k > recordStart_ && (b[k - 1] == ' ' || b[k - 1] == '\t')) --k;
      if (k == recordStart_ || b[k - 1] == ',') {  // (after a closing quote b[k - 1] is that quote)
        quoted_ = true;
        quoteOpen_ = pos_;
        quoteLines_ = lines_;
      }
      ++pos_;
      continue;
    }
    // A line break outside quotes ends the record.
    const size_t stop = pos_;
    pos_ += c == '\r' && pos_ + 1 < n && b[pos_ + 1] == '\n' ? 2 : 1;
    ++lines_;
    end = pos_;
    blank = true;
    for (size_t k = recordStart_; k < stop && blank; ++k) blank = b[k] == ',' || b[k] == ' ' || b[k] == '\t';
    return true;
  }
  if (!eof_) return false;
  // The end of the input.
  if (quoted_) {
    unclosedHere();
    return true;
  }
  if (recordStart_ >= n) {
    end = n;
    blank = true;
    return false;
  }
  end = n;
  blank = true;
  for (size_t k = recordStart_; k < n && blank; ++k) blank = b[k] == ',' || b[k] == ' ' || b[k] == '\t';
  return true;
}

void CsvSplitter::take(size_t end, std::string& out) {
  out.assign(buf_, 0, end);
  buf_.erase(0, end);
  consumed_ += end;
  line_ += lines_;
  lines_ = 0;
  pos_ = 0;
  resetRecord(0);
}

void CsvSplitter::header(std::string& bytes, int& lines) {
  size_t end = 0;
  int endLines = 0;
  while (true) {
    size_t recordEnd = 0;
    bool blank = true, unclosed = false;
    if (scanRecord(recordEnd, blank, unclosed)) {
      end = recordEnd;
      endLines = lines_;
      resetRecord(recordEnd);
      if (!blank) break;
      continue;
    }
    if (eof_) {  // nothing but blank lines
      end = buf_.size();
      endLines = lines_;
      break;
    }
    fill();
  }
  // Bytes scanned past the header belong to the first piece: keep them.
  const int after = lines_ - endLines;
  const size_t scanned = pos_;
  const bool quoted = quoted_;
  const size_t quoteOpen = quoteOpen_;
  const int quoteLines = quoteLines_;
  lines_ = endLines;
  take(end, bytes);
  lines = line_ - 1;
  // Resume the scan where it stopped (offsets now relative to the new start).
  pos_ = scanned - end;
  lines_ = after;
  quoted_ = quoted;
  quoteOpen_ = quoteOpen >= end ? quoteOpen - end : 0;
  quoteLines_ = quoteLines - endLines;
}

bool CsvSplitter::next(CsvPiece& piece) {
  piece.rowsBefore = rows_;
  piece.firstLine = line_;
  piece.rows = 0;
  piece.unclosedQuote = false;
  size_t cut = 0;
  int cutLines = 0;
  while (true) {
    size_t end = 0;
    bool blank = true, unclosed = false;
    if (scanRecord(end, blank, unclosed)) {
      if (!blank) ++piece.rows;
      cut = end;
      cutLines = lines_;
      resetRecord(end);
      if (unclosed) {
        piece.unclosedQuote = true;
        break;
      }
      if (cut >= pieceBytes_) break;
      continue;
    }
    if (eof_) break;
    fill();
  }
  if (cut == 0) return false;
  // Keep the scan of bytes past the cut (a record in progress).
  const size_t scanned = pos_;
  const bool quoted = quoted_;
  const size_t quoteOpen = quoteOpen_;
  const int quoteLines = quoteLines_;
  const int after = lines_ - cutLines;
  lines_ = cutLines;
  take(cut, piece.bytes);
  pos_ = scanned - cut;
  lines_ = after;
  quoted_ = quoted;
  quoteOpen_ = quoteOpen >= cut ? quoteOpen - cut : 0;
  quoteLines_ = quoteLines - cutLines;
  rows_ += piece.rows;
  return true;
}

}  // namespace defen

namespace defen {

CsvPieceRows::CsvPieceRows(const std::string& text, int firstLine, std::string& arena)
    : s_(text.data()), n_(text.size()), line_(firstLine), arena_(arena) {
  arena_.clear();
  if (arena_.capacity() < n_) arena_.reserve(n_);
}

void CsvPieceRows::consumeLineBreak() {
  if (s_[pos_] == '\r' && pos_ + 1 < n_ && s_[pos_ + 1] == '\n') ++pos_;
  ++pos_;
  ++line_;
}

CsvPieceRows::Next CsvPieceRows::next(std::vector<std::string_view>& fields, int& line) {
  auto isSpace = [](char c) { return c == ' ' || c == '\t'; };
  arena_.clear();
  while (pos_ < n_) {
    fields.clear();
    line = line_;
    bool blank = true;
    while (true) {
      // One field, up to ',' / a line break / the end.
      size_t start = pos_;
      while (start < n_ && isSpace(s_[start])) ++start;  // spaces before a quote are padding
      if (start < n_ && s_[start] == '"') {
        blank = false;
        const int openLine = line_;
        // The plain case first: no "" and no line break inside, nothing after the quote.
        size_t r = start + 1;
        r += findStop(reinterpret_cast<const unsigned char*>(s_ + r), n_ - r, '"');
        size_t after = r + 1;
        while (after < n_ && isSpace(s_[after])) ++after;
        if (r < n_ && s_[r] == '"' && (after >= n_ || s_[after] == ',' || lineBreakAt(after)) && !(r + 1 < n_ && s_[r + 1] == '"')) {
          fields.emplace_back(s_ + start + 1, r - start - 1);
          pos_ = after;
        } else {
          const size_t from = arena_.size();
          r = start + 1;
          while (true) {
            if (r >= n_) {
              line_ = openLine;
              return Next::Unclosed;
            }
            const char c = s_[r];
            if (c == '"') {
              if (r + 1 < n_ && s_[r + 1] == '"') {
                arena_ += '"';
                r += 2;
                continue;
              }
              ++r;
              break;
            }
            if (c == '\n' || c == '\r') {
              // Kept as "\n" whatever the file used (readCsv's rule).
              r += c == '\r' && r + 1 < n_ && s_[r + 1] == '\n' ? 2 : 1;
              ++line_;
              arena_ += '\n';
              continue;
            }
            arena_ += c;
            ++r;
          }
          // Text after the closing quote is kept; spaces there are padding.
          while (r < n_ && s_[r] != ',' && !lineBreakAt(r)) {
            if (!isSpace(s_[r])) arena_ += s_[r];
            ++r;
          }
          fields.emplace_back(arena_.data() + from, arena_.size() - from);
          pos_ = r;
        }
      } else {
        size_t end = start;
        end += findStop(reinterpret_cast<const unsigned char*>(s_ + end), n_ - end, ',');
        pos_ = end;
        while (end > start && isSpace(s_[end - 1])) --end;
        if (end > start) blank = false;
        fields.emplace_back(s_ + start, end - start);
      }
      if (pos_ >= n_) break;
      if (s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      consumeLineBreak();
      break;
    }
    if (!blank) return Next::Row;
  }
  return Next::End;
}

}  // namespace defen

// A ruleset's source text and positions in it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace defen {

// 1-based line and column; columns count Unicode code points (a Chinese
// character is one column), which is what editors and ANTLR count. `end` is
// exclusive. A zero line means "no position" (e.g. a whole-file problem).
struct SourceRange {
  int line = 0;
  int col = 0;
  int endLine = 0;
  int endCol = 0;

  bool valid() const { return line > 0; }
  static SourceRange span(const SourceRange& a, const SourceRange& b) {
    return SourceRange{a.line, a.col, b.endLine, b.endCol};
  }
};

class SourceFile {
 public:
  SourceFile(std::string path, std::string text);
  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  // The text of a 1-based line without its line break; empty if out of range.
  std::string_view line(int number) const;
  // The text covered by a range (code-point columns), for quoting in messages.
  std::string slice(const SourceRange& range) const;
  // Byte offset in text() of a 1-based line and code-point column.
  size_t offset(int line, int column) const;
  // The inverse: the range covering bytes [begin, end) of text().
  SourceRange rangeOf(size_t begin, size_t end) const;

 private:
  std::string path_;
  std::string text_;
  std::vector<size_t> lineStarts_;
};

// A range and the file it is in.
struct SourceLocation {
  std::string path;
  SourceRange range;
};

// Where the text of one SourceFile was written, when it was assembled from
// several: a ruleset based on another (基于) is checked as one spliced text.
class SourceOrigins {
 public:
  virtual ~SourceOrigins() = default;
  virtual SourceLocation locate(const SourceRange& range) const = 0;
};

// `text` without the comments the lexer skips (# ＃ // to the end of the line,
// /* … */), for quoting rule text to readers. Rule text holds no strings, so
// a comment marker is always a comment there.
std::string withoutComments(std::string_view text);

// Byte offset of a 1-based code-point column within a UTF-8 line.
size_t byteOffsetOfColumn(std::string_view line, int column);
// Terminal display width of UTF-8 text: East Asian wide characters take two.
int displayWidth(std::string_view text);

}  // namespace defen

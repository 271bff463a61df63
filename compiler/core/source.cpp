#include "compiler/core/source.h"

#include <algorithm>

namespace defen {

SourceFile::SourceFile(std::string path, std::string text) : path_(std::move(path)), text_(std::move(text)) {
  lineStarts_.push_back(0);
  for (size_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n') lineStarts_.push_back(i + 1);
}

std::string_view SourceFile::line(int number) const {
  if (number < 1 || static_cast<size_t>(number) > lineStarts_.size()) return {};
  size_t begin = lineStarts_[number - 1];
  size_t end = static_cast<size_t>(number) < lineStarts_.size() ? lineStarts_[number] - 1 : text_.size();
  std::string_view view(text_.data() + begin, end - begin);
  if (!view.empty() && view.back() == '\r') view.remove_suffix(1);
  return view;
}

std::string SourceFile::slice(const SourceRange& range) const {
  if (!range.valid()) return {};
  std::string out;
  for (int ln = range.line; ln <= range.endLine; ++ln) {
    std::string_view text = line(ln);
    size_t from = ln == range.line ? byteOffsetOfColumn(text, range.col) : 0;
    size_t to = ln == range.endLine ? byteOffsetOfColumn(text, range.endCol) : text.size();
    if (to < from) to = from;
    if (ln != range.line) out += '\n';
    out += text.substr(from, to - from);
  }
  return out;
}

size_t SourceFile::offset(int ln, int column) const {
  if (ln < 1 || ln > static_cast<int>(lineStarts_.size())) return text_.size();
  return lineStarts_[ln - 1] + byteOffsetOfColumn(line(ln), column);
}

SourceRange SourceFile::rangeOf(size_t begin, size_t end) const {
  auto position = [&](size_t offset, int& ln, int& col) {
    offset = std::min(offset, text_.size());
    size_t index = std::upper_bound(lineStarts_.begin(), lineStarts_.end(), offset) - lineStarts_.begin() - 1;
    ln = static_cast<int>(index) + 1;
    col = 1;
    for (size_t i = lineStarts_[index]; i < offset; ++col) {
      unsigned char c = static_cast<unsigned char>(text_[i]);
      i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    }
  };
  SourceRange r;
  position(begin, r.line, r.col);
  position(std::max(begin, end), r.endLine, r.endCol);
  return r;
}

std::string withoutComments(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    std::string_view rest = text.substr(i);
    if (rest.starts_with("/*")) {
      size_t end = rest.find("*/", 2);
      i = end == std::string_view::npos ? text.size() : i + end + 2;
      out += ' ';
    } else if (rest.starts_with("#") || rest.starts_with("＃") || rest.starts_with("//")) {
      size_t end = rest.find('\n');
      i = end == std::string_view::npos ? text.size() : i + end;
    } else {
      out += text[i++];
    }
  }
  return out;
}

size_t byteOffsetOfColumn(std::string_view line, int column) {
  size_t offset = 0;
  for (int col = 1; col < column && offset < line.size(); ++col) {
    unsigned char c = static_cast<unsigned char>(line[offset]);
    offset += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  }
  return offset < line.size() ? offset : line.size();
}

namespace {
char32_t decodeAt(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  int extra = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
  char32_t cp = extra == 0 ? c : extra == 1 ? (c & 0x1F) : extra == 2 ? (c & 0x0F) : (c & 0x07);
  ++i;
  for (int k = 0; k < extra && i < s.size(); ++k, ++i) cp = (cp << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
  return cp;
}

bool isWide(char32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) || (cp >= 0x3041 && cp <= 0x33FF) ||
         (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
         (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
         (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}
}  // namespace

int displayWidth(std::string_view text) {
  int width = 0;
  for (size_t i = 0; i < text.size();) {
    char32_t cp = decodeAt(text, i);
    width += cp == '\t' ? 4 : isWide(cp) ? 2 : 1;
  }
  return width;
}

}  // namespace defen

// CSV reader: bytes → UTF-8 text → rows of raw cells.
//
// Departments send CSV exported from Excel or WPS, often in GBK/GB18030 rather
// than UTF-8, with CRLF line ends, a BOM, and padding rows of bare commas. The
// reader is strict where a mistake could silently change a score (a row with
// too many values, a duplicated column, an unclosed quote) and lenient where
// nothing can be lost (blank rows, trailing empty cells, stray spaces).
#include "compiler/io/readers.h"
#include "compiler/core/utf8.h"

#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace defen {
namespace {

// ---------------------------------------------------------------------------
// Encoding.

// 1-based line of the byte at `offset`. Valid for GB18030 bytes too: 0x0A
// never occurs inside a multi-byte GB18030 sequence.
int lineAt(std::string_view bytes, size_t offset) {
  int line = 1;
  for (size_t i = 0; i < offset && i < bytes.size(); ++i) {
    if (bytes[i] == '\n') ++line;
  }
  return line;
}

// GB18030 → UTF-8 with ICU. Stops at the first byte sequence that is not
// GB18030 instead of substituting U+FFFD: a garbled department name or amount
// must not be scored. On failure returns false and sets `badOffset`.
bool gb18030ToUtf8(std::string_view bytes, std::string& out, size_t& badOffset) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open("GB18030", &status);
  if (U_FAILURE(status)) { badOffset = 0; return false; }
  ucnv_setToUCallBack(conv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);

  // Every GB18030 byte yields at most one UTF-16 unit (a 4-byte sequence
  // yields at most two).
  std::u16string utf16(bytes.size() + 1, u'\0');
  UChar* target = reinterpret_cast<UChar*>(utf16.data());
  UChar* const targetStart = target;
  const char* source = bytes.data();
  ucnv_toUnicode(conv, &target, targetStart + utf16.size(), &source, bytes.data() + bytes.size(),
                 nullptr, /*flush=*/true, &status);
  ucnv_close(conv);
  if (U_FAILURE(status)) {
    // `source` has moved past the offending sequence; point at its last byte.
    const auto consumed = static_cast<size_t>(source - bytes.data());
    badOffset = consumed > 0 ? consumed - 1 : 0;
    return false;
  }
  const auto units = static_cast<int32_t>(target - targetStart);

  int32_t needed = 0;
  status = U_ZERO_ERROR;
  u_strToUTF8(nullptr, 0, &needed, targetStart, units, &status);  // preflight
  out.assign(static_cast<size_t>(needed), '\0');
  status = U_ZERO_ERROR;
  u_strToUTF8(out.data(), needed, &needed, targetStart, units, &status);
  if (U_FAILURE(status) && status != U_STRING_NOT_TERMINATED_WARNING) {
    badOffset = 0;
    return false;
  }
  return true;
}

// Turns the file bytes into UTF-8 text, or adds a file-level error.
// `damaged`: the file is UTF-8 with a few bytes that are not (a cell pasted
// from a GBK document, a file cut off inside a character). Those bytes become
// U+FFFD and only the rows holding them are errors: guessing GB18030 for the
// whole file would garble every name and lose every row.
bool decode(std::string_view bytes, Encoding encoding, std::string& text, Table& table, bool& damaged) {
  if (encoding != Encoding::Gb18030) {
    const size_t bad = firstInvalidUtf8(bytes);
    if (bad == std::string_view::npos) {
      text.assign(bytes);
      return true;
    }
    const Utf8Census census = utf8Census(bytes);
    if (census.multibyte > 2 * census.invalid) {
      text = replaceInvalidUtf8(bytes);
      damaged = true;
      return true;
    }
    if (encoding == Encoding::Utf8) {
      const int line = lineAt(bytes, bad);
      table.errors.push_back({0, line, "",
                              "数据文件不是有效的 UTF-8 编码（第" + std::to_string(line) +
                                  "行有无法识别的字节）"});
      return false;
    }
  }
  size_t bad = 0;
  if (gb18030ToUtf8(bytes, text, bad)) return true;
  const int line = lineAt(bytes, bad);
  const std::string what = encoding == Encoding::Auto ? "数据文件既不是 UTF-8 也不是 GB18030 编码"
                                                      : "数据文件不是有效的 GB18030 编码";
  table.errors.push_back({0, line, "", what + "（第" + std::to_string(line) + "行有无法识别的字节）"});
  return false;
}

// ---------------------------------------------------------------------------
// Splitting into rows and fields.

struct RawField {
  std::string text;
  bool quoted = false;
};

struct RawRow {
  int line = 0;                 // physical line where the row starts
  std::vector<RawField> fields;
  int unclosedQuoteLine = 0;    // non-zero: a quote opened on this line never closed
};

std::string_view trimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

class CsvScanner {
 public:
  explicit CsvScanner(std::string_view text) : s_(text) {}

  // Reads the next physical row; false at end of input.
  bool next(RawRow& row) {
    if (pos_ >= s_.size()) return false;
    row = RawRow{};
    row.line = line_;
    while (true) {
      RawField field;
      if (!readField(field, row)) {  // unclosed quote: rest of the input consumed
        row.fields.push_back(std::move(field));
        return true;
      }
      row.fields.push_back(std::move(field));
      if (pos_ >= s_.size()) return true;
      if (s_[pos_] == ',') { ++pos_; continue; }
      consumeLineBreak();
      return true;
    }
  }

 private:
  bool atLineBreak() const { return s_[pos_] == '\n' || s_[pos_] == '\r'; }

  // Consumes "\r\n", "\n" or a lone "\r" (old Mac files) as one line break.
  void consumeLineBreak() {
    if (s_[pos_] == '\r' && pos_ + 1 < s_.size() && s_[pos_ + 1] == '\n') ++pos_;
    ++pos_;
    ++line_;
  }

  // Reads one field up to (not including) ',' / line break / end of input.
  bool readField(RawField& field, RawRow& row) {
    const size_t start = pos_;
    while (pos_ < s_.size() && s_[pos_] != ',' && !atLineBreak()) {
      if (s_[pos_] == '"' && trimSpaces(s_.substr(start, pos_ - start)).empty()) {
        return readQuoted(field, row);
      }
      ++pos_;
    }
    field.text = std::string(trimSpaces(s_.substr(start, pos_ - start)));
    return true;
  }

  // pos_ is at the opening quote.
  bool readQuoted(RawField& field, RawRow& row) {
    field.quoted = true;
    const int openLine = line_;
    const size_t open = pos_;
    ++pos_;
    while (true) {
      if (pos_ >= s_.size()) {
        // The quote never closes. Only its own line is taken as the bad row;
        // reading resumes on the next line, so the rows after it still score.
        row.unclosedQuoteLine = openLine;
        pos_ = open;
        while (pos_ < s_.size() && !atLineBreak()) ++pos_;
        line_ = openLine;
        if (pos_ < s_.size()) consumeLineBreak();
        return false;
      }
      const char c = s_[pos_];
      if (c == '"') {
        if (pos_ + 1 < s_.size() && s_[pos_ + 1] == '"') {  // "" is an escaped quote
          field.text += '"';
          pos_ += 2;
          continue;
        }
        ++pos_;
        break;
      }
      if (atLineBreak()) {
        // Embedded line break: kept as "\n" whatever the file used, so the same
        // data reads the same on every platform.
        consumeLineBreak();
        field.text += '\n';
        continue;
      }
      field.text += c;
      ++pos_;
    }
    // Not RFC 4180, but seen in hand-edited files: text after the closing quote
    // ("a"b). Keep it rather than drop data; spaces there are padding.
    while (pos_ < s_.size() && s_[pos_] != ',' && !atLineBreak()) {
      if (s_[pos_] != ' ' && s_[pos_] != '\t') field.text += s_[pos_];
      ++pos_;
    }
    return true;
  }

  std::string_view s_;
  size_t pos_ = 0;
  int line_ = 1;
};

// Blank lines, and rows of bare commas that spreadsheets append, carry no data.
bool isBlank(const RawRow& row) {
  for (const RawField& f : row.fields) {
    if (f.quoted || !f.text.empty()) return false;
  }
  return row.unclosedQuoteLine == 0;
}

// A U+FFFD the decoder put where a byte was not UTF-8.
bool hasReplacement(const std::string& s) { return s.find("\xEF\xBF\xBD") != std::string::npos; }

std::string unclosedQuoteMessage(int line) {
  return "第" + std::to_string(line) + "行开始的引号没有结束（缺少配对的 \"）";
}

}  // namespace

Table readCsv(std::string_view bytes, Encoding encoding, int dataLineOffset) {
  Table table;
  std::string text;
  bool damaged = false;
  if (!decode(bytes, encoding, text, table, damaged)) return table;
  std::string_view body = text;
  if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);  // BOM (also from GB18030 84 31 95 33)

  CsvScanner scanner(body);
  RawRow raw;

  // Header: the first non-blank row.
  bool haveHeader = false;
  while (scanner.next(raw)) {
    if (isBlank(raw)) continue;
    if (raw.unclosedQuoteLine != 0) {
      table.errors.push_back({0, raw.line, "", "表头中" + unclosedQuoteMessage(raw.unclosedQuoteLine)});
      return table;
    }
    haveHeader = true;
    break;
  }
  if (!haveHeader) {
    table.errors.push_back({0, 0, "", "数据文件是空的（没有表头）"});
    return table;
  }
  if (damaged && std::any_of(raw.fields.begin(), raw.fields.end(), [](const RawField& f) { return hasReplacement(f.text); })) {
    table.errors.push_back({0, raw.line, "", "表头（第" + std::to_string(raw.line) + "行）有不是 UTF-8 的字节，列名无法识别"});
    return table;
  }
  std::set<std::string> seen;
  for (RawField& f : raw.fields) {
    // Empty names come from trailing commas in the header; they cannot be
    // referenced, so several of them are not a conflict.
    if (!f.text.empty() && !seen.insert(f.text).second) {
      table.errors.push_back({0, raw.line, f.text, "表头中“" + f.text + "”列出现了不止一次"});
    }
    table.columns.push_back(std::move(f.text));
  }
  // With a duplicated column the data rows are still read, so every other
  // problem is reported in the same run; the file-level error stops scoring.

  const size_t width = table.columns.size();
  int row = 0;
  while (scanner.next(raw)) {
    if (isBlank(raw)) continue;
    ++row;
    raw.line += dataLineOffset;
    if (raw.unclosedQuoteLine != 0) {
      raw.unclosedQuoteLine += dataLineOffset;
      table.errors.push_back({row, raw.line, "", unclosedQuoteMessage(raw.unclosedQuoteLine)});
      continue;
    }
    // Extra cells are an error only if they hold something: a trailing comma
    // ("1,2,3,") or "" loses nothing, but a shifted row would score wrong
    // columns.
    size_t used = raw.fields.size();
    while (used > width && raw.fields[used - 1].text.empty()) --used;
    if (used > width) {
      table.errors.push_back({row, raw.line, "",
                              "该行有" + std::to_string(used) + "个值，但表头只有" +
                                  std::to_string(width) + "列"});
      continue;
    }
    if (damaged) {
      auto it = std::find_if(raw.fields.begin(), raw.fields.begin() + static_cast<std::ptrdiff_t>(used),
                             [](const RawField& f) { return hasReplacement(f.text); });
      if (it != raw.fields.begin() + static_cast<std::ptrdiff_t>(used)) {
        const auto col = static_cast<size_t>(it - raw.fields.begin());
        table.errors.push_back({row, raw.line, col < width ? table.columns[col] : "",
                                "有不是 UTF-8 的字节（文件损坏，或混入了其他编码的文字），该行不计分"});
        continue;
      }
    }
    Record record;
    record.row = row;
    record.line = raw.line;
    record.cells.resize(width);  // cells past the row's end stay Missing
    for (size_t i = 0; i < used; ++i) {
      if (raw.fields[i].text.empty()) continue;  // "" and empty cells are Missing
      record.cells[i] = Cell{Cell::Kind::Text, std::move(raw.fields[i].text)};
    }
    table.records.push_back(std::move(record));
  }
  return table;
}

}  // namespace defen

// JSON reader: one object, or an array of objects, → raw records.
//
// Amounts must reach the scorer exactly as written ("3974522.77", never the
// nearest double), so the DOM is not used: nlohmann's SAX parser drives a
// handler, and every number's text is sliced straight from the source bytes.
// To know where the parser is, the input is fed through an iterator that
// records how many bytes have been consumed; that also gives each record's
// line.
#include "compiler/io/readers.h"

#include "compiler/io/json_chunks.h"
#include "compiler/io/json_nesting.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <vector>

namespace defen {
namespace {

using json = nlohmann::json;

// Input iterator over the bytes that publishes how far it has advanced.
class TrackingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  TrackingIterator(const char* p, const char** furthest) : p_(p), furthest_(furthest) {}
  reference operator*() const { return *p_; }
  TrackingIterator& operator++() {
    ++p_;
    if (p_ > *furthest_) *furthest_ = p_;
    return *this;
  }
  TrackingIterator operator++(int) { TrackingIterator old = *this; ++*this; return old; }
  friend bool operator==(const TrackingIterator& a, const TrackingIterator& b) { return a.p_ == b.p_; }

 private:
  const char* p_;
  const char** furthest_;
};

bool isNumberChar(char c) {
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

// JSON number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool isJsonNumber(std::string_view s) {
  size_t i = 0;
  auto digits = [&] {
    const size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i - start;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (i < s.size() && s[i] == '0') ++i;
  else if (digits() == 0) return false;
  if (i < s.size() && s[i] == '.') { ++i; if (digits() == 0) return false; }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == s.size();
}

// nlohmann rejects numbers a double cannot hold ("1e400"), but here numbers
// are text and such a value should reach convertCell, which explains it in
// the context of its column. So, outside strings, each valid JSON number out
// of double range is overwritten in a working copy by a same-length harmless
// number ("0e000"); byte offsets stay the same and the text is taken from
// the original anyway.
//
// NaN, Infinity and -Infinity are not JSON, but Python's json.dump and
// pandas write them for empty or divided-by-zero cells. Rejecting the whole
// file for one such cell would lose every row, so they are overwritten the
// same way ("0e0", "0e000000") and reach convertCell as the number text
// "NaN" / "Infinity", an error for that cell only.
std::string neutraliseHugeNumbers(std::string_view src) {
  std::string out(src);
  auto word = [&](size_t at, std::string_view w) {
    auto isWordChar = [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_'; };
    return out.compare(at, w.size(), w) == 0 && (at + w.size() >= out.size() || !isWordChar(out[at + w.size()])) &&
           (at == 0 || !isWordChar(out[at - 1]));
  };
  size_t i = 0;
  while (i < out.size()) {
    const char c = out[i];
    if (c == '"') {
      for (++i; i < out.size() && out[i] != '"'; ++i) {
        if (out[i] == '\\') ++i;
      }
      ++i;
      continue;
    }
    if (c == 'N' && word(i, "NaN")) {
      out.replace(i, 3, "0e0");
      i += 3;
      continue;
    }
    if (c == 'I' && word(i, "Infinity")) {
      out.replace(i, 8, "0e000000");
      i += 8;
      continue;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      const size_t start = i;
      while (i < out.size() && isNumberChar(out[i])) ++i;
      const std::string_view run(out.data() + start, i - start);
      double ignored = 0;
      const auto [ptr, ec] = std::from_chars(run.data(), run.data() + run.size(), ignored);
      if (run.size() >= 3 && isJsonNumber(run) && ec == std::errc::result_out_of_range &&
          ptr == run.data() + run.size()) {
        out.replace(start, run.size(), "0e" + std::string(run.size() - 2, '0'));
      }
      continue;
    }
    ++i;
  }
  return out;
}

// Maps byte offsets to 1-based lines of the file (a piece of a file starts
// `linesBefore` lines into it, see JsonPiece).
class LineIndex {
 public:
  LineIndex(std::string_view s, int linesBefore) : linesBefore_(linesBefore) {
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '\n') newlines_.push_back(i);
    }
  }
  int lineOf(size_t offset) const {
    return 1 + linesBefore_ +
           static_cast<int>(std::lower_bound(newlines_.begin(), newlines_.end(), offset) - newlines_.begin());
  }
  size_t lineStart(size_t offset) const {
    auto it = std::lower_bound(newlines_.begin(), newlines_.end(), offset);
    return it == newlines_.begin() ? 0 : *std::prev(it) + 1;
  }

 private:
  std::vector<size_t> newlines_;
  int linesBefore_;
};

bool validUtf8(std::string_view s) {
  // Only used to keep invalid bytes out of messages; a coarse check suffices
  // since nlohmann has already rejected the token.
  size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    const int len = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 ? 2 : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (int k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

class Handler {
 public:
  Handler(std::string_view src, const char* base, const char* const* furthest, const JsonPiece& piece, Table& table)
      : src_(src), work_(base, src.size()), base_(base), furthest_(furthest), lines_(src, piece.linesBefore),
        firstLineColumns_(piece.columnsBefore), table_(table), elements_(piece.rowsBefore) {}

  bool fileFailed() const { return fileFailed_; }

  // --- SAX interface -------------------------------------------------------
  bool null() { return scalar(Cell{}, " null"); }
  bool boolean(bool b) { return scalar(Cell{Cell::Kind::Bool, b ? "true" : "false"}, "布尔值"); }
  bool number_integer(json::number_integer_t v) { return number(std::to_string(v)); }
  bool number_unsigned(json::number_unsigned_t v) { return number(std::to_string(v)); }
  bool number_float(json::number_float_t, const json::string_t& s) { return number(s); }
  bool string(json::string_t& s) { return scalar(Cell{Cell::Kind::Text, s}, "字符串"); }
  bool binary(json::binary_t&) { return true; }  // not produced by the JSON format

  bool key(json::string_t& k) {
    if (skip_ > 0) return true;
    if (inListRow_) listKey_ = k;
    else key_ = k;
    return true;
  }

  bool start_object(std::size_t) {
    if (skip_ > 0) { ++skip_; return true; }
    if (inListRow_) { nestedInList("对象"); return true; }
    if (inList_) { beginListRow(); return true; }
    if (top_ == Top::None) {
      top_ = Top::Object;
      beginRecord(1);
      return true;
    }
    if (inRecord_) { nestedValue(); return true; }
    beginRecord(++elements_);  // an element of the top-level array
    return true;
  }

  bool end_object() {
    if (skip_ > 0) { --skip_; return true; }
    if (inListRow_) {
      list_->records.push_back(std::move(listRow_));
      inListRow_ = false;
      return true;
    }
    table_.records.push_back(std::move(record_));
    inRecord_ = false;
    return true;
  }

  bool start_array(std::size_t) {
    if (skip_ > 0) { ++skip_; return true; }
    if (top_ == Top::None) { top_ = Top::Array; return true; }
    if (inListRow_) { nestedInList("数组"); return true; }
    if (inList_) { listElementNotAnObject("数组"); skip_ = 1; return true; }
    if (inRecord_) { beginList(); return true; }
    notAnObject(++elements_, "数组");
    skip_ = 1;
    return true;
  }

  bool end_array() {
    if (skip_ > 0) { --skip_; return true; }
    if (inList_) endList();
    return true;
  }

  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) {
    reportSyntaxError(position, ex);
    return false;
  }

  // Pads every record to the final column count.
  void finish() {
    for (Record& r : table_.records) r.cells.resize(table_.columns.size());
  }

 private:
  enum class Top { None, Object, Array };

  size_t consumed() const { return static_cast<size_t>(*furthest_ - base_); }

  // Line of the last token read: the parser may have read one character
  // ahead (after a number), so step back over trailing spaces and newlines.
  int currentLine() const {
    size_t end = consumed();
    while (end > 0 && (src_[end - 1] == ' ' || src_[end - 1] == '\t' || src_[end - 1] == '\r' ||
                       src_[end - 1] == '\n')) {
      --end;
    }
    return lines_.lineOf(end > 0 ? end - 1 : 0);
  }

  // The number just parsed, as written. The parser has read at most one
  // delimiter past it, and no delimiter is a number character. Its extent is
  // found in the parsed copy (where NaN reads "0e0") and its text taken from
  // the source.
  bool number(const std::string& fallback) {
    size_t end = consumed();
    while (end > 0 && !isNumberChar(work_[end - 1])) --end;
    size_t start = end;
    while (start > 0 && isNumberChar(work_[start - 1])) --start;
    std::string text(src_.substr(start, end - start));
    if (text.empty()) text = fallback;  // cannot happen; never worse than exact integers
    return scalar(Cell{Cell::Kind::Number, std::move(text)}, "数字");
  }

  bool scalar(Cell cell, const char* what) {
    if (skip_ > 0) return true;
    if (top_ == Top::None) {
      fileError(currentLine(), std::string("JSON 顶层应为一个对象或对象数组，实际为") + what);
      return false;
    }
    if (inListRow_) {
      setListCell(std::move(cell));
      return true;
    }
    if (inList_) {
      listElementNotAnObject(what);
      return true;
    }
    if (inRecord_) {
      setCell(std::move(cell));
      return true;
    }
    notAnObject(++elements_, what);
    return true;
  }

  void beginRecord(int row) {
    record_ = Record{};
    record_.row = row;
    record_.line = lines_.lineOf(consumed() > 0 ? consumed() - 1 : 0);  // the '{'
    assigned_.clear();
    inRecord_ = true;
  }

  size_t slotFor(const std::string& name) {
    auto [it, added] = index_.try_emplace(name, table_.columns.size());
    if (added) table_.columns.push_back(name);
    if (record_.cells.size() <= it->second) {
      record_.cells.resize(it->second + 1);
      assigned_.resize(it->second + 1, false);
    }
    return it->second;
  }

  void setCell(Cell cell) {
    const size_t i = slotFor(key_);
    if (assigned_[i]) {
      // Which of the two was meant is a guess; leave it Missing and say so.
      rowError(key_, "“" + key_ + "”在同一条记录中出现了不止一次");
      record_.cells[i] = Cell{};
      return;
    }
    assigned_[i] = true;
    record_.cells[i] = std::move(cell);
  }

  // A member whose value is an object: the row is kept (its other columns
  // still score) with this cell Missing and an error naming it.
  void nestedValue() {
    const size_t i = slotFor(key_);
    assigned_[i] = true;
    record_.cells[i] = Cell{};
    rowError(key_, "“" + key_ + "”的值不能是对象（只有由对象组成的列表可以嵌套，如“绩效指标”）");
    skip_ = 1;
  }

  // A member whose value is an array: a list of rows (the 绩效指标 of a 自评表),
  // each an object of scalars. It becomes one Rows cell holding its own table.
  void beginList() {
    inList_ = true;
    listBad_ = false;
    list_ = std::make_shared<Table>();
    listIndex_.clear();
  }

  void beginListRow() {
    listRow_ = Record{};
    listRow_.row = static_cast<int>(list_->records.size()) + 1;
    listRow_.line = lines_.lineOf(consumed() > 0 ? consumed() - 1 : 0);
    listAssigned_.clear();
    inListRow_ = true;
  }

  void setListCell(Cell cell) {
    auto [it, added] = listIndex_.try_emplace(listKey_, list_->columns.size());
    if (added) list_->columns.push_back(listKey_);
    const size_t i = it->second;
    if (listRow_.cells.size() <= i) {
      listRow_.cells.resize(i + 1);
      listAssigned_.resize(i + 1, false);
    }
    if (listAssigned_[i]) {
      rowError(key_, "“" + key_ + "”第" + std::to_string(listRow_.row) + "行的“" + listKey_ + "”出现了不止一次");
      listRow_.cells[i] = Cell{};
      return;
    }
    listAssigned_[i] = true;
    listRow_.cells[i] = std::move(cell);
  }

  // Only one level nests: a list of objects whose values are scalars.
  void nestedInList(const char* what) {
    rowError(key_, "“" + key_ + "”第" + std::to_string(listRow_.row) + "行的“" + listKey_ + "”不能是" + what);
    skip_ = 1;
  }

  void listElementNotAnObject(const char* what) {
    if (!listBad_) rowError(key_, "“" + key_ + "”应为由对象组成的列表，其中有" + what);
    listBad_ = true;
  }

  // A list with an element that is not an object is refused whole (its rows
  // would be numbered wrongly); the record keeps its other cells.
  void endList() {
    inList_ = false;
    const size_t i = slotFor(key_);
    if (assigned_[i]) {
      rowError(key_, "“" + key_ + "”在同一条记录中出现了不止一次");
      record_.cells[i] = Cell{};
      return;
    }
    assigned_[i] = true;
    if (listBad_) { record_.cells[i] = Cell{}; return; }
    for (Record& r : list_->records) r.cells.resize(list_->columns.size());
    Cell cell;
    cell.kind = Cell::Kind::Rows;
    cell.rows = std::move(list_);
    record_.cells[i] = std::move(cell);
  }

  void notAnObject(int row, const char* what) {
    table_.errors.push_back({row, currentLine(), "", std::string("数组元素应为对象，实际为") + what});
  }

  void rowError(const std::string& column, std::string message) {
    table_.errors.push_back({record_.row, record_.line, column, std::move(message)});
  }

  void fileError(int line, std::string message) {
    fileFailed_ = true;
    table_.errors.push_back({0, line, "", std::move(message)});
  }

  static bool isStructural(char c) {
    return c == '{' || c == '}' || c == '[' || c == ']' || c == ',' || c == ':' || c == '"';
  }
  static bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

  // nlohmann's `lastToken` can hold stale text from earlier tokens, so the
  // message quotes the source instead: the offending punctuation, or the
  // bad word (an invalid literal such as "tru" or "01") it belongs to.
  void reportSyntaxError(size_t position, const nlohmann::detail::exception& ex) {
    // `position` counts the bytes read, including the offending one (or one
    // past the end at end of input).
    size_t at = std::min(position > 0 ? position - 1 : 0, src_.size());
    std::string what;
    const std::string detail = ex.what();
    // nlohmann's lexer errors (English, stable across 3.x) tell a malformed
    // number or literal from misplaced punctuation.
    const bool lexical = detail.find("invalid number") != std::string::npos ||
                         detail.find("invalid literal") != std::string::npos;
    if (at >= src_.size()) {
      what = "内容不完整，文件意外结束";
    } else if (detail.find("invalid string") != std::string::npos) {
      if (detail.find("control character") != std::string::npos) {
        what = "字符串中有未转义的控制字符（如换行）";
      } else if (detail.find("UTF-8") != std::string::npos) {
        what = "字符串中有无效的 UTF-8 字节";
      } else {
        what = "字符串中有无效的转义序列";
      }
    } else if (isStructural(src_[at]) && !lexical) {
      what = "“" + std::string(1, src_[at]) + "”处有语法错误";
    } else {
      // The word containing the offending byte, or, when a bad number or
      // literal was cut short by a space or punctuation ("1.}", "nul "), the
      // word just before it.
      size_t end = at;
      if (!isBlank(src_[end]) && !isStructural(src_[end])) ++end;
      while (end < src_.size() && end - at < 40 && !isBlank(src_[end]) && !isStructural(src_[end])) ++end;
      size_t begin = at;
      while (begin > 0 && at - begin < 40 && !isBlank(src_[begin - 1]) && !isStructural(src_[begin - 1])) {
        --begin;
      }
      const std::string word(src_.substr(begin, end - begin));
      if (word.empty()) {
        what = "此处有语法错误";
      } else if (!validUtf8(word)) {
        what = "有无效的 UTF-8 字节";
      } else {
        what = "“" + word + "”处有语法错误";
        at = begin;  // point at the start of the word, where the reader will look
      }
    }
    const int line = lines_.lineOf(at);
    const size_t lineStart = lines_.lineStart(at);
    // In characters, as an editor shows it; a piece's first line continues
    // a line of the file.
    int column = 1 + (lineStart == 0 ? firstLineColumns_ : 0);
    for (size_t i = lineStart; i < at; ++i) {
      if ((static_cast<unsigned char>(src_[i]) & 0xC0) != 0x80) ++column;
    }
    const std::string message =
        "JSON 格式错误（第" + std::to_string(line) + "行第" + std::to_string(column) + "列）：" + what;
    if (top_ != Top::Array) {
      // One object, or not even that: nothing complete was read.
      table_.records.clear();
      table_.columns.clear();
      table_.errors.clear();  // row errors from a half-read object would only confuse
      fileError(line, message);
      return;
    }
    // In an array of records (a file cut off by a failed upload, a comma
    // missing between two records) the records completed before the error
    // are kept and scored; the one being read gets the error, and the file
    // error says that what follows could not be read.
    const int broken = inRecord_ ? record_.row : at < src_.size() ? elements_ + 1 : 0;
    std::erase_if(table_.errors, [&](const ReadError& e) { return broken > 0 && e.row == broken; });
    fileError(line, message + "；此后的内容无法读取");
    if (broken > 0) table_.errors.push_back({broken, line, "", message + "；这一条及其后的记录无法读取"});
  }

  std::string_view src_;
  std::string_view work_;  // src_ with NaN and out-of-range numbers overwritten
  const char* base_;
  const char* const* furthest_;
  LineIndex lines_;
  int firstLineColumns_;
  Table& table_;

  Top top_ = Top::None;
  int elements_;  // top-level array elements seen (in the file, before this piece too)
  int skip_ = 0;      // depth inside a nested value being skipped
  bool inRecord_ = false;
  Record record_;
  // The list being read inside record_ (a member whose value is an array).
  bool inList_ = false, inListRow_ = false, listBad_ = false;
  std::shared_ptr<Table> list_;
  Record listRow_;
  std::vector<bool> listAssigned_;
  std::string listKey_;
  std::unordered_map<std::string, size_t> listIndex_;
  std::vector<bool> assigned_;  // per column: already set in record_
  std::string key_;
  std::unordered_map<std::string, size_t> index_;
  bool fileFailed_ = false;
};

}  // namespace

Table readJson(std::string_view bytes) { return readJsonPiece(bytes, JsonPiece{}); }

Table readJsonPiece(std::string_view bytes, const JsonPiece& piece) {
  Table table;
  if (bytes.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    table.errors.push_back({0, 0, "", "数据文件是空的"});
    return table;
  }
  if (auto at = piece.scanned ? std::nullopt : jsonNestingExceededAt(bytes)) {
    // A data file nests two levels at most (a record, a list of rows), so such a
    // file is malformed or hostile: refused whole, before any tree is built.
    const int line = 1 + piece.linesBefore +
                     static_cast<int>(std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(*at), '\n'));
    table.errors.push_back({0, line, "",
                            "JSON 嵌套超过 " + std::to_string(kMaxJsonNesting) + " 层（第" + std::to_string(line) +
                                "行），文件无法读取"});
    return table;
  }
  // A piece JsonChunks found free of NaN and of numbers a double cannot hold
  // is parsed as it is, without a working copy.
  std::string copy;
  if (!piece.scanned) copy = neutraliseHugeNumbers(bytes);
  const std::string_view work = piece.scanned ? bytes : std::string_view(copy);
  const char* furthest = work.data();
  Handler handler(bytes, work.data(), &furthest, piece, table);
  json::sax_parse(TrackingIterator(work.data(), &furthest),
                  TrackingIterator(work.data() + work.size(), &furthest), &handler);
  handler.finish();
  return table;
}

}  // namespace defen

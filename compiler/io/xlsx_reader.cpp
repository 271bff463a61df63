// Excel reader: one worksheet of an .xlsx file → the same raw Table the CSV
// and JSON readers produce.
//
// Cells keep the text stored in the file: a number is the exact digits Excel
// wrote ("0.35740000000000005" included), never a binary double, so the
// decimal parser sees what the file holds. Each cell carries its reference
// ("C5"), so an empty cell between two filled ones is a gap (Missing), not a
// shift of the rest of the row. Record::line is the Excel row number, which
// is what a person finds in Excel.
#include "compiler/io/readers.h"
#include "compiler/io/xlsx_package.h"
#include "compiler/io/project_form_xlsx.h"
#include "compiler/io/xlsx_chunks.h"

#include <expat.h>
#include <strings.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace defen {
namespace {

using xlsx::attribute;
using xlsx::child;
using xlsx::columnLetters;
using xlsx::Grid;
using xlsx::GridCell;
using xlsx::GridRow;
using xlsx::localName;

Table fileError(std::string message) {
  Table table;
  table.errors.push_back({0, 0, "", std::move(message)});
  return table;
}

void appendUtf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// SpreadsheetML escapes characters XML cannot carry as _xHHHH_ (a line break
// typed in a cell is often stored as _x000D_, a literal "_x" as _x005F_x).
std::string unescapeOoxml(const char* s) {
  std::string out;
  const size_t n = std::strlen(s);
  for (size_t i = 0; i < n; ++i) {
    if (s[i] == '_' && i + 6 < n && s[i + 1] == 'x' && s[i + 6] == '_') {
      char hex[5] = {s[i + 2], s[i + 3], s[i + 4], s[i + 5], 0};
      char* end = nullptr;
      const unsigned long cp = std::strtoul(hex, &end, 16);
      if (end == hex + 4) {
        appendUtf8(out, static_cast<unsigned>(cp));
        i += 6;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

// "C5" → column 2, row 5. False for anything else.
bool parseReference(std::string_view ref, int& col, int& row) {
  size_t i = 0;
  col = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && i < 3) col = col * 26 + (ref[i++] - 'A' + 1);
  if (i == 0) return false;
  row = 0;
  const size_t digits = i;
  while (i < ref.size() && ref[i] >= '0' && ref[i] <= '9' && i - digits < 7) row = row * 10 + (ref[i++] - '0');
  if (i == digits || i != ref.size() || row <= 0) return false;
  col -= 1;
  return true;
}

std::string reference(int col, int row) { return columnLetters(col) + std::to_string(row); }

bool isBlankText(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

std::string trimmed(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// "x:row" → "row": writers other than Excel prefix the main namespace.
std::string_view elementName(const XML_Char* name) {
  const char* colon = std::strchr(name, ':');
  return colon ? colon + 1 : name;
}

const char* attributeOf(const XML_Char** attributes, std::string_view local) {
  for (int i = 0; attributes[i]; i += 2)
    if (elementName(attributes[i]) == local) return attributes[i + 1];
  return "";
}

// One part of the package through expat, 64 KB at a time: memory stays the
// size of what the handler keeps, whatever the part inflates to (issue 17:
// small files built into a tree took 6.5–9.4 GB).
class XmlStream {
 public:
  XmlStream() : parser_(XML_ParserCreate(nullptr)) {
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(parser_, &onStart, &onEnd);
    XML_SetCharacterDataHandler(parser_, &onText);
    // No spreadsheet part has a DTD; refusing one refuses entity tricks.
    XML_SetStartDoctypeDeclHandler(parser_, &onDoctype);
  }
  virtual ~XmlStream() { XML_ParserFree(parser_); }
  XmlStream(const XmlStream&) = delete;
  XmlStream& operator=(const XmlStream&) = delete;

  bool run(const xlsx::Package& pkg, const std::string& part, const std::string& path, std::string& error) {
    const bool streamed = pkg.streamPart(part, [&](const char* data, std::size_t size) {
      return XML_Parse(parser_, data, static_cast<int>(size), XML_FALSE) != XML_STATUS_ERROR || failure(part, path, error);
    }, error);
    if (!streamed) return false;
    return XML_Parse(parser_, nullptr, 0, XML_TRUE) != XML_STATUS_ERROR || failure(part, path, error);
  }

  // The same a block at a time, for a reader that stops between rows:
  // begin, then step until `done` (false with `error` set on failure).
  bool begin(const xlsx::Package& pkg, const std::string& part, const std::string& path, std::string& error) {
    part_ = part;
    path_ = path;
    reader_ = pkg.openPart(part, error);
    return reader_ != nullptr;
  }
  bool step(bool& done, std::string& error) {
    char buffer[65536];
    const long long n = reader_->read(buffer, sizeof buffer, error);
    if (n < 0) return false;
    done = n == 0;
    if (XML_Parse(parser_, buffer, static_cast<int>(n), done ? XML_TRUE : XML_FALSE) == XML_STATUS_ERROR)
      return failure(part_, path_, error);
    return true;
  }
  const xlsx::PartReader& part() const { return *reader_; }

 protected:
  virtual void start(std::string_view name, const XML_Char** attributes) = 0;
  virtual void end(std::string_view name) = 0;
  virtual void text(std::string_view s) = 0;
  // Ends the parse with this message (a limit reached).
  void stop(std::string message) {
    if (stopMessage_.empty()) stopMessage_ = std::move(message);
    XML_StopParser(parser_, XML_FALSE);
  }

 private:
  static void XMLCALL onStart(void* self, const XML_Char* name, const XML_Char** attributes) {
    static_cast<XmlStream*>(self)->start(elementName(name), attributes);
  }
  static void XMLCALL onEnd(void* self, const XML_Char* name) { static_cast<XmlStream*>(self)->end(elementName(name)); }
  static void XMLCALL onText(void* self, const XML_Char* s, int n) {
    static_cast<XmlStream*>(self)->text(std::string_view(s, static_cast<std::size_t>(n)));
  }
  static void XMLCALL onDoctype(void* self, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    static_cast<XmlStream*>(self)->stop("Excel 文件中含有 DTD（<!DOCTYPE>），不是 Excel 写出的文件，不予读取");
  }

  bool failure(const std::string& part, const std::string& path, std::string& error) {
    error = !stopMessage_.empty() ? stopMessage_
                                  : "Excel 文件（" + path + "）中的 " + part + " 不是有效的 XML（第 " +
                                        std::to_string(XML_GetCurrentByteIndex(parser_)) + " 字节：" +
                                        XML_ErrorString(XML_GetErrorCode(parser_)) + "）";
    return false;
  }

  XML_Parser parser_;
  std::string stopMessage_;
  std::unique_ptr<xlsx::PartReader> reader_;  // begin/step
  std::string part_, path_;
};

// Excel holds at most 32,767 characters in a cell; a text longer than this
// many bytes is not a cell.
constexpr std::size_t kMaxCellBytes = 1u << 20;
const char* const kCellTooLong = "Excel 文件中有超过 1 MB 的单元格文本，不是单元格的内容，不予读取";

// The text of a string item (<si> of the shared strings, <is> of an inline
// cell): a plain <t>, or rich-text runs <r><t>…</t></r> concatenated.
// Phonetic guides (<rPh>) are not cell text.
class StringItemText {
 public:
  void begin() {
    text_.clear();
    inT_ = false;
    phonetic_ = 0;
  }
  void start(std::string_view name) {
    if (name == "rPh") {
      ++phonetic_;
    } else if (name == "t" && phonetic_ == 0) {
      inT_ = true;
      t_.clear();
    }
  }
  void end(std::string_view name) {
    if (name == "rPh" && phonetic_ > 0) {
      --phonetic_;
    } else if (name == "t" && inT_) {
      inT_ = false;
      text_ += unescapeOoxml(t_.c_str());
    }
  }
  // False when the text grows past kMaxCellBytes.
  bool text(std::string_view s) {
    if (inT_) t_.append(s);
    return t_.size() + text_.size() <= kMaxCellBytes;
  }
  const std::string& value() const { return text_; }

 private:
  std::string text_, t_;
  bool inT_ = false;
  int phonetic_ = 0;
};

class SharedStringsReader : public XmlStream {
 public:
  explicit SharedStringsReader(std::vector<std::string>& out) : out_(out) {}

 private:
  void start(std::string_view name, const XML_Char**) override {
    if (name == "si") {
      inItem_ = true;
      item_.begin();
    } else if (inItem_) {
      item_.start(name);
    }
  }
  void end(std::string_view name) override {
    if (!inItem_) return;
    if (name != "si") return item_.end(name);
    inItem_ = false;
    if (out_.size() >= xlsx::kMaxGridCells)
      return stop("Excel 文件的共享字符串超过 " + std::to_string(xlsx::kMaxGridCells) + " 个，不予读取");
    out_.push_back(item_.value());
  }
  void text(std::string_view s) override {
    if (inItem_ && !item_.text(s)) stop(kCellTooLong);
  }

  std::vector<std::string>& out_;
  StringItemText item_;
  bool inItem_ = false;
};

// 0.0575 → "5.75%", 1 → "100%", 1.5E-2 → "1.5%": the digits Excel stored,
// the point moved two places, as Excel shows them. nullopt when `v` is not
// a number.
std::optional<std::string> percentText(std::string_view v) {
  std::size_t i = 0;
  const bool negative = i < v.size() && v[i] == '-';
  if (negative || (i < v.size() && v[i] == '+')) ++i;
  std::string digits;
  long point = -1;
  for (; i < v.size() && ((v[i] >= '0' && v[i] <= '9') || v[i] == '.'); ++i) {
    if (v[i] != '.') digits += v[i];
    else if (point >= 0) return std::nullopt;
    else point = static_cast<long>(digits.size());
  }
  if (digits.empty()) return std::nullopt;
  if (point < 0) point = static_cast<long>(digits.size());
  if (i < v.size() && (v[i] == 'e' || v[i] == 'E')) {
    ++i;
    if (i < v.size() && v[i] == '+') ++i;
    long exponent = 0;
    auto [end, ec] = std::from_chars(v.data() + i, v.data() + v.size(), exponent);
    if (ec != std::errc() || end != v.data() + v.size() || exponent > 400 || exponent < -400) return std::nullopt;
    point += exponent;
    i = v.size();
  }
  if (i != v.size()) return std::nullopt;
  point += 2;
  if (point <= 0) {
    digits.insert(0, static_cast<std::size_t>(1 - point), '0');
    point = 1;
  }
  if (point > static_cast<long>(digits.size())) digits.append(static_cast<std::size_t>(point) - digits.size(), '0');
  std::string whole = digits.substr(0, static_cast<std::size_t>(point));
  std::string fraction = digits.substr(static_cast<std::size_t>(point));
  whole.erase(0, std::min(whole.find_first_not_of('0'), whole.size() - 1));
  fraction.erase(fraction.find_last_not_of('0') + 1);
  const bool zero = whole == "0" && fraction.empty();
  return std::string(negative && !zero ? "-" : "") + whole + (fraction.empty() ? "" : "." + fraction) + "%";
}

// A number format shown as a percentage: built-in 9 (0%) and 10 (0.00%), or
// a custom code with '%' outside quotes, brackets and escapes.
bool isPercentFormat(int id, std::string_view code) {
  if (id == 9 || id == 10) return true;
  bool quoted = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c == '\\') ++i;
    else if (c == '[') i = std::min(code.find(']', i), code.size());
    else if (c == '%') return true;
  }
  return false;
}

// Per cell style (a cell's s attribute indexes cellXfs): shown as a percentage?
std::vector<bool> percentStyles(const xlsx::Package& pkg, std::string& error) {
  std::vector<bool> percent;
  if (pkg.stylesPart().empty() || !pkg.hasPart(pkg.stylesPart())) return percent;
  pugi::xml_document doc;
  if (!pkg.loadXml(pkg.stylesPart(), doc, error)) return percent;
  const pugi::xml_node styleSheet = child(doc, "styleSheet");
  std::vector<std::pair<int, std::string>> custom;
  for (pugi::xml_node f : child(styleSheet, "numFmts").children())
    if (std::strcmp(localName(f), "numFmt") == 0) custom.emplace_back(std::atoi(attribute(f, "numFmtId")), attribute(f, "formatCode"));
  for (pugi::xml_node xf : child(styleSheet, "cellXfs").children()) {
    if (std::strcmp(localName(xf), "xf") != 0) continue;
    const int id = std::atoi(attribute(xf, "numFmtId"));
    std::string code;
    for (const auto& [customId, customCode] : custom)
      if (customId == id) code = customCode;
    percent.push_back(isPercentFormat(id, code));
  }
  return percent;
}

// The rows of <sheetData> as they stream past: each <row> becomes a GridRow
// of the cells that hold a value, in column order as written.
class SheetStream : public XmlStream {
 public:
  // `cellsPerRow`: the cell cap counts the cells of one row (a reader that
  // hands rows out a chunk at a time holds no more), else of the sheet.
  // `rowLimit`: stop after that many rows with a value (0: read to the end),
  // to look at the top of a sheet.
  SheetStream(const std::vector<std::string>& shared, const std::vector<bool>& percent, Grid& grid, bool cellsPerRow = false,
              std::size_t rowLimit = 0)
      : shared_(shared), percent_(percent), grid_(grid), cellsPerRow_(cellsPerRow), rowLimit_(rowLimit) {}

  // The parse ended at rowLimit rows, not at a fault.
  bool limited() const { return limited_; }

 private:
  void start(std::string_view name, const XML_Char** attributes) override {
    if (name == "sheetData") {
      inSheetData_ = true;
    } else if (!inSheetData_) {
      return;
    } else if (name == "row") {
      row_ = GridRow{};
      const std::string_view r = attributeOf(attributes, "r");
      auto [end, ec] = std::from_chars(r.data(), r.data() + r.size(), row_.number);
      if (ec != std::errc() || end != r.data() + r.size() || row_.number <= 0) row_.number = previousRow_ + 1;  // r is optional
      nextCol_ = 0;
    } else if (name == "c") {
      beginCell(attributes);
    } else if (!inCell_) {
      return;
    } else if (name == "v") {
      inValue_ = hasValue_ = true;
    } else if (name == "f") {
      hasFormula_ = true;
    } else if (name == "is") {
      inInline_ = true;
      inline_.begin();
    } else if (inInline_) {
      inline_.start(name);
    }
  }

  void end(std::string_view name) override {
    if (!inSheetData_) return;
    if (name == "sheetData") {
      inSheetData_ = false;
    } else if (name == "row") {
      endRow();
    } else if (name == "c") {
      if (inCell_ && row_.error.empty()) endCell();
      inCell_ = false;
    } else if (name == "v") {
      inValue_ = false;
    } else if (name == "is") {
      inInline_ = false;
    } else if (inInline_) {
      inline_.end(name);
    }
  }

  void text(std::string_view s) override {
    if (!inCell_) return;
    if (inValue_) value_.append(s);
    else if (inInline_ && !inline_.text(s)) stop(kCellTooLong);
    if (value_.size() > kMaxCellBytes) stop(kCellTooLong);
  }

  void beginCell(const XML_Char** attributes) {
    inCell_ = true;
    value_.clear();
    inValue_ = hasValue_ = hasFormula_ = inInline_ = false;
    inline_.begin();
    if (!row_.error.empty()) return;  // the row is reported, not read further
    col_ = nextCol_;
    int rowOfRef = row_.number;
    const char* ref = attributeOf(attributes, "r");
    if (*ref && (!parseReference(ref, col_, rowOfRef) || rowOfRef != row_.number)) {
      row_.error = std::string("单元格引用“") + ref + "”无效";
      return;
    }
    nextCol_ = col_ + 1;
    type_ = attributeOf(attributes, "t");
    const char* style = attributeOf(attributes, "s");
    const unsigned long s = *style ? std::strtoul(style, nullptr, 10) : 0;
    percentStyle_ = *style && s < percent_.size() && percent_[s];
  }

  void endCell() {
    const std::string ref = reference(col_, row_.number);
    Cell cell;
    if (type_ == "inlineStr") {
      cell = {Cell::Kind::Text, inline_.value()};
    } else if (!hasValue_) {
      // A formula saved without its result (some converters do this): the
      // value would silently read as empty.
      if (hasFormula_) row_.error = "单元格 " + ref + " 是公式但文件中没有保存计算结果；请在 Excel 中打开并保存后再读取";
      return;  // else formatting only: no value
    } else if (type_ == "s") {
      char* end = nullptr;
      const unsigned long index = std::strtoul(value_.c_str(), &end, 10);
      if (end == value_.c_str() || index >= shared_.size()) {
        row_.error = "单元格 " + ref + " 引用的共享字符串不存在，文件可能已损坏";
        return;
      }
      cell = {Cell::Kind::Text, shared_[index]};
    } else if (type_ == "b") {
      // The spelling JSON uses, which the 是否 conversion accepts.
      cell = {Cell::Kind::Bool, value_ == "1" ? "true" : "false"};
    } else if (type_ == "str" || type_ == "e" || type_ == "d") {
      // A formula's text result, an error value (#N/A, which then fails its
      // column's conversion with the value shown), an ISO date.
      cell = {Cell::Kind::Text, unescapeOoxml(value_.c_str())};
    } else if (auto percent = percentStyle_ ? percentText(trimmed(value_)) : std::nullopt) {
      cell = {Cell::Kind::Text, *percent};  // as Excel shows it: a 比率 column reads "95%"
    } else {
      cell = {Cell::Kind::Number, trimmed(value_)};
    }
    if (isBlankText(cell.text)) return;
    if (++cells_ > xlsx::kMaxGridCells)
      return stop("工作表中有值的单元格超过 " + std::to_string(xlsx::kMaxGridCells) + " 个，不予读取；请拆分数据");
    row_.cells.push_back(GridCell{col_, std::move(cell)});
  }

  void endRow() {
    previousRow_ = row_.number;
    if (cellsPerRow_) cells_ = 0;
    if (row_.cells.empty() && row_.error.empty()) return;  // blank rows carry nothing
    // Counted, not measured on grid_: XlsxChunks empties it chunk by chunk.
    if (rows_++ >= static_cast<std::size_t>(xlsx::kMaxGridRows))
      return stop("工作表超过 " + std::to_string(xlsx::kMaxGridRows) + " 行，不予读取");
    grid_.rows.push_back(std::move(row_));
    if (rowLimit_ > 0 && grid_.rows.size() >= rowLimit_) {
      limited_ = true;
      stop("（已读到所需的行）");
    }
  }

  const std::vector<std::string>& shared_;
  const std::vector<bool>& percent_;
  Grid& grid_;
  bool inSheetData_ = false, inCell_ = false, inValue_ = false, inInline_ = false;
  bool hasValue_ = false, hasFormula_ = false, percentStyle_ = false;
  GridRow row_;
  int previousRow_ = 0, nextCol_ = 0, col_ = 0;
  std::string type_, value_;
  StringItemText inline_;
  std::size_t cells_ = 0, rows_ = 0;
  bool cellsPerRow_;
  std::size_t rowLimit_ = 0;
  bool limited_ = false;
};

// The sheet named `name` (exactly, else ignoring ASCII case as Excel does),
// or the first visible one.
const xlsx::SheetEntry* chooseSheet(const std::vector<xlsx::SheetEntry>& sheets, const std::string& name) {
  if (name.empty()) {
    for (const auto& s : sheets)
      if (!s.hidden) return &s;
    return &sheets.front();
  }
  for (const auto& s : sheets)
    if (s.name == name) return &s;
  for (const auto& s : sheets)
    if (s.name.size() == name.size() && strncasecmp(s.name.c_str(), name.c_str(), name.size()) == 0) return &s;
  return nullptr;
}

}  // namespace

namespace xlsx {

int GridRow::lastColumn() const {
  int last = -1;
  for (const auto& c : cells) last = std::max(last, c.col);
  return last;
}

std::string columnLetters(int col) {
  std::string s;
  for (++col; col > 0; col = (col - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (col - 1) % 26));
  return s;
}

bool Workbook::open(const std::string& path, std::string& error) {
  path_ = path;
  if (!pkg_.open(path, error)) return false;
  if (!pkg_.sharedStringsPart().empty()) {
    SharedStringsReader strings(shared_);
    if (!strings.run(pkg_, pkg_.sharedStringsPart(), path, error)) return false;
  }
  percent_ = percentStyles(pkg_, error);
  return error.empty();
}

const SheetEntry* Workbook::find(const std::string& name) const { return chooseSheet(pkg_.sheets(), name); }

std::string Workbook::noSuchSheet(const std::string& name) const {
  std::string names;
  for (const auto& s : pkg_.sheets()) names += (names.empty() ? "“" : "、“") + s.name + "”";
  return "Excel 文件（" + path_ + "）中没有名为“" + name + "”的工作表；现有工作表：" + names;
}

bool Workbook::read(const SheetEntry& sheet, Grid& grid, std::string& error, std::size_t rowLimit) const {
  grid.sheet = sheet.name;
  SheetStream rows(shared_, percent_, grid, false, rowLimit);
  if (rows.run(pkg_, sheet.part, path_, error)) return true;
  if (!rows.limited()) return false;
  error.clear();
  return true;
}

// A sheet opened for reading: the package, its shared strings and styles,
// and the stream of its rows (which holds references to them, so this never moves).
struct OpenSheet {
  Package pkg;
  std::vector<std::string> shared;
  std::vector<bool> percent;
  Grid grid;
  const SheetEntry* entry = nullptr;
  std::unique_ptr<SheetStream> rows;

  bool open(const std::string& path, const std::string& sheetName, std::string& error, bool chunked = false) {
    if (!pkg.open(path, error)) return false;
    entry = chooseSheet(pkg.sheets(), sheetName);
    if (!entry) {
      std::string names;
      for (const auto& s : pkg.sheets()) names += (names.empty() ? "“" : "、“") + s.name + "”";
      error = "Excel 文件（" + path + "）中没有名为“" + sheetName + "”的工作表；现有工作表：" + names;
      return false;
    }
    if (!pkg.sharedStringsPart().empty()) {
      SharedStringsReader strings(shared);
      if (!strings.run(pkg, pkg.sharedStringsPart(), path, error)) return false;
    }
    percent = percentStyles(pkg, error);
    if (!error.empty()) return false;
    grid.sheet = entry->name;
    rows = std::make_unique<SheetStream>(shared, percent, grid, chunked);
    return true;
  }
};

bool readGrid(const std::string& path, const std::string& sheetName, Grid& grid, std::string& error) {
  OpenSheet sheet;
  if (!sheet.open(path, sheetName, error)) return false;
  if (!sheet.rows->run(sheet.pkg, sheet.entry->part, path, error)) return false;
  grid = std::move(sheet.grid);
  return true;
}

}  // namespace xlsx

namespace {

// Grid rows → records: the first row with a value is the header; rows come
// one at a time, so a sheet can be turned into records a chunk at a time.
class SheetTable {
 public:
  // False when nothing after this row can be read (a header that cannot).
  bool add(GridRow& sr, Table& table) {
    if (!haveHeader_) {
      if (!sr.error.empty()) {
        table.errors.push_back({0, sr.number, "", "表头（第" + std::to_string(sr.number) + "行）：" + sr.error});
        return false;
      }
      haveHeader_ = true;
      width_ = static_cast<size_t>(sr.lastColumn()) + 1;
      columns_.assign(width_, "");
      std::set<std::string> seen;
      for (const GridCell& c : sr.cells) {
        std::string name = trimmed(c.cell.text);
        if (!seen.insert(name).second)
          table.errors.push_back({0, sr.number, name, "表头中“" + name + "”列出现了不止一次"});
        columns_[static_cast<size_t>(c.col)] = std::move(name);
      }
      table.columns = columns_;
      return true;
    }
    ++row_;
    if (!sr.error.empty()) {
      table.errors.push_back({row_, sr.number, "", sr.error});
      return true;
    }
    // A value right of the last named column belongs to no input; reading the
    // row without it could score the department on incomplete data.
    if (const int last = sr.lastColumn(); static_cast<size_t>(last) >= width_) {
      table.errors.push_back({row_, sr.number, "",
                              "单元格 " + reference(last, sr.number) + " 有值，但表头只有" + std::to_string(width_) +
                                  "列（A～" + columnLetters(static_cast<int>(width_) - 1) + "）"});
      return true;
    }
    Record record;
    record.row = row_;
    record.line = sr.number;
    record.cells.resize(width_);
    for (GridCell& c : sr.cells) record.cells[static_cast<size_t>(c.col)] = std::move(c.cell);
    table.records.push_back(std::move(record));
    return true;
  }
  // At the end of the sheet.
  void finish(const std::string& sheet, Table& table) const {
    if (!haveHeader_) table.errors.push_back({0, 0, "", "工作表“" + sheet + "”是空的（没有表头）"});
  }
  const std::vector<std::string>& columns() const { return columns_; }

 private:
  bool haveHeader_ = false;
  size_t width_ = 0;
  int row_ = 0;
  std::vector<std::string> columns_;
};

}  // namespace

Table readXlsx(const std::string& path, const std::string& sheetName) {
  std::string error;
  xlsx::Workbook book;
  if (!book.open(path, error)) return fileError(error);
  const xlsx::SheetEntry* sheet = book.find(sheetName);
  if (!sheet) return fileError(book.noSuchSheet(sheetName));
  // A workbook of 项目支出绩效自评表, one sheet per project, is read form by
  // form (compiler/io/project_form_xlsx.h); anything else is a table with a header.
  bool forms = false;
  if (!isProjectFormWorkbook(book, sheetName, forms, error)) return fileError(error);
  if (forms) return readProjectForms(book, sheetName);
  Grid grid;
  if (!book.read(*sheet, grid, error)) return fileError(error);
  Table table;
  SheetTable rows;
  for (GridRow& sr : grid.rows)
    if (!rows.add(sr, table)) return table;
  rows.finish(grid.sheet, table);
  return table;
}

struct XlsxChunks::Sheet : xlsx::OpenSheet {};
struct XlsxChunks::Records : SheetTable {};

XlsxChunks::XlsxChunks(std::string path, std::string sheet, size_t recordsPerChunk)
    : path_(std::move(path)), sheetName_(std::move(sheet)), perChunk_(recordsPerChunk ? recordsPerChunk : 1) {}

XlsxChunks::~XlsxChunks() = default;

std::uint64_t XlsxChunks::bytesRead() const { return sheet_ && sheet_->rows ? sheet_->rows->part().consumed() : 0; }
std::uint64_t XlsxChunks::fileSize() const { return sheet_ && sheet_->rows ? sheet_->rows->part().declaredSize() : 0; }

bool XlsxChunks::next(Table& chunk) {
  chunk = Table{};
  if (finished_) return false;
  std::string error;
  auto fail = [&] {  // the rows of this chunk are dropped, as readXlsx drops every row
    chunk = fileError(error);
    finished_ = true;
    return true;
  };
  if (!sheet_) {
    sheet_ = std::make_unique<Sheet>();
    records_ = std::make_unique<Records>();
    if (!sheet_->open(path_, sheetName_, error, true) || !sheet_->rows->begin(sheet_->pkg, sheet_->entry->part, path_, error))
      return fail();
  }
  chunk.columns = records_->columns();
  std::vector<GridRow>& rows = sheet_->grid.rows;
  while (chunk.records.size() + chunk.errors.size() < perChunk_) {
    if (used_ == rows.size()) {
      rows.clear();
      used_ = 0;
      if (streamDone_) break;
      if (!sheet_->rows->step(streamDone_, error)) return fail();
      continue;
    }
    if (!records_->add(rows[used_++], chunk)) {
      finished_ = true;
      return true;
    }
  }
  if (streamDone_ && used_ == rows.size()) {
    finished_ = true;
    records_->finish(sheet_->grid.sheet, chunk);
    if (chunk.records.empty() && chunk.errors.empty() && started_) return false;
  }
  started_ = true;
  return true;
}

}  // namespace defen

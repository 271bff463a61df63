// Excel reader: one worksheet of an .xlsx file → the same raw Table the CSV
// and JSON readers produce.
//
// Cells keep the text stored in the file: a number is the exact digits Excel
// wrote ("0.35740000000000005" included), never a binary double, so the
// decimal parser sees what the file holds. Each cell carries its reference
// ("C5"), so an empty cell between two filled ones is a gap (Missing), not a
// shift of the rest of the row. Record::line is the Excel row number, which
// is what a person finds in Excel.
#include "runtime/readers.h"
#include "runtime/xlsx_package.h"

#include <strings.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
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

// The text of a string item (<si> or <is>): a plain <t>, or rich-text runs
// <r><t>…</t></r> concatenated. Phonetic guides (<rPh>) are not cell text.
std::string stringItemText(const pugi::xml_node& item) {
  std::string text;
  for (pugi::xml_node c = item.first_child(); c; c = c.next_sibling()) {
    const char* name = localName(c);
    if (std::strcmp(name, "t") == 0) text += unescapeOoxml(c.text().get());
    else if (std::strcmp(name, "r") == 0) text += unescapeOoxml(child(c, "t").text().get());
  }
  return text;
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

class SheetReader {
 public:
  explicit SheetReader(const std::vector<std::string>& shared) : shared_(shared) {}

  // One <row>: its cells with a value, in column order as written.
  GridRow readRow(const pugi::xml_node& row, int previousRow) {
    GridRow out;
    out.number = std::atoi(attribute(row, "r"));
    if (out.number <= 0) out.number = previousRow + 1;  // r is optional
    int nextCol = 0;
    for (pugi::xml_node c = row.first_child(); c; c = c.next_sibling()) {
      if (std::strcmp(localName(c), "c") != 0) continue;
      int col = nextCol, rowOfRef = out.number;
      const char* ref = attribute(c, "r");
      if (*ref && (!parseReference(ref, col, rowOfRef) || rowOfRef != out.number)) {
        out.error = std::string("单元格引用“") + ref + "”无效";
        return out;
      }
      nextCol = col + 1;
      GridCell cell{col, {}};
      if (!readCell(c, cell.cell, reference(col, out.number), out.error)) return out;
      if (cell.cell.kind != Cell::Kind::Missing) out.cells.push_back(std::move(cell));
    }
    return out;
  }

 private:
  bool readCell(const pugi::xml_node& c, Cell& cell, const std::string& ref, std::string& error) {
    const std::string_view type = attribute(c, "t");
    const pugi::xml_node v = child(c, "v");
    if (type == "inlineStr") {
      cell = {Cell::Kind::Text, stringItemText(child(c, "is"))};
    } else if (!v) {
      // A formula saved without its result (some converters do this): the
      // value would silently read as empty.
      if (child(c, "f")) {
        error = "单元格 " + ref + " 是公式但文件中没有保存计算结果；请在 Excel 中打开并保存后再读取";
        return false;
      }
      return true;  // formatting only: no value
    } else if (type == "s") {
      char* end = nullptr;
      const unsigned long index = std::strtoul(v.text().get(), &end, 10);
      if (end == v.text().get() || index >= shared_.size()) {
        error = "单元格 " + ref + " 引用的共享字符串不存在，文件可能已损坏";
        return false;
      }
      cell = {Cell::Kind::Text, shared_[index]};
    } else if (type == "b") {
      // The spelling JSON uses, which the 是否 conversion accepts.
      cell = {Cell::Kind::Bool, std::strcmp(v.text().get(), "1") == 0 ? "true" : "false"};
    } else if (type == "str" || type == "e" || type == "d") {
      // A formula's text result, an error value (#N/A, which then fails its
      // column's conversion with the value shown), an ISO date.
      cell = {Cell::Kind::Text, unescapeOoxml(v.text().get())};
    } else {
      cell = {Cell::Kind::Number, trimmed(v.text().get())};
    }
    if (isBlankText(cell.text)) cell = {};
    return true;
  }

  const std::vector<std::string>& shared_;
};

bool loadSharedStrings(const xlsx::Package& pkg, std::vector<std::string>& out, std::string& error) {
  if (pkg.sharedStringsPart().empty()) return true;
  pugi::xml_document doc;
  if (!pkg.loadXml(pkg.sharedStringsPart(), doc, error)) return false;
  for (pugi::xml_node si : child(doc, "sst").children())
    if (std::strcmp(localName(si), "si") == 0) out.push_back(stringItemText(si));
  return true;
}

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

bool readGrid(const std::string& path, const std::string& sheetName, Grid& grid, std::string& error) {
  Package pkg;
  if (!pkg.open(path, error)) return false;
  const SheetEntry* sheet = chooseSheet(pkg.sheets(), sheetName);
  if (!sheet) {
    std::string names;
    for (const auto& s : pkg.sheets()) names += (names.empty() ? "“" : "、“") + s.name + "”";
    error = "Excel 文件（" + path + "）中没有名为“" + sheetName + "”的工作表；现有工作表：" + names;
    return false;
  }
  std::vector<std::string> shared;
  if (!loadSharedStrings(pkg, shared, error)) return false;
  pugi::xml_document doc;
  if (!pkg.loadXml(sheet->part, doc, error)) return false;
  grid.sheet = sheet->name;
  SheetReader reader(shared);
  int previous = 0;
  for (pugi::xml_node r : child(child(doc, "worksheet"), "sheetData").children()) {
    if (std::strcmp(localName(r), "row") != 0) continue;
    GridRow row = reader.readRow(r, previous);
    previous = row.number;
    if (!row.cells.empty() || !row.error.empty()) grid.rows.push_back(std::move(row));  // blank rows carry nothing
  }
  return true;
}

}  // namespace xlsx

Table readXlsx(const std::string& path, const std::string& sheetName) {
  Grid grid;
  std::string error;
  if (!xlsx::readGrid(path, sheetName, grid, error)) return fileError(error);

  Table table;
  bool haveHeader = false;
  size_t width = 0;
  int row = 0;
  for (GridRow& sr : grid.rows) {
    if (!haveHeader) {
      if (!sr.error.empty()) {
        table.errors.push_back({0, sr.number, "", "表头（第" + std::to_string(sr.number) + "行）：" + sr.error});
        return table;
      }
      haveHeader = true;
      width = static_cast<size_t>(sr.lastColumn()) + 1;
      table.columns.assign(width, "");
      std::set<std::string> seen;
      for (const GridCell& c : sr.cells) {
        std::string name = trimmed(c.cell.text);
        if (!seen.insert(name).second)
          table.errors.push_back({0, sr.number, name, "表头中“" + name + "”列出现了不止一次"});
        table.columns[static_cast<size_t>(c.col)] = std::move(name);
      }
      continue;
    }
    ++row;
    if (!sr.error.empty()) {
      table.errors.push_back({row, sr.number, "", sr.error});
      continue;
    }
    // A value right of the last named column belongs to no input; reading the
    // row without it could score the department on incomplete data.
    if (const int last = sr.lastColumn(); static_cast<size_t>(last) >= width) {
      table.errors.push_back({row, sr.number, "",
                              "单元格 " + reference(last, sr.number) + " 有值，但表头只有" + std::to_string(width) +
                                  "列（A～" + columnLetters(static_cast<int>(width) - 1) + "）"});
      continue;
    }
    Record record;
    record.row = row;
    record.line = sr.number;
    record.cells.resize(width);
    for (GridCell& c : sr.cells) record.cells[static_cast<size_t>(c.col)] = std::move(c.cell);
    table.records.push_back(std::move(record));
  }
  if (!haveHeader)
    table.errors.push_back({0, 0, "", "工作表“" + grid.sheet + "”是空的（没有表头）"});
  return table;
}

}  // namespace defen

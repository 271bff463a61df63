// The parts of an .xlsx file the data reader needs: a zip archive of XML
// parts tied together by relationship files (ECMA-376 Open Packaging).
//
// Parts are found through the relationships rather than by the usual names
// (xl/workbook.xml, xl/worksheets/sheet1.xml): files written by WPS, Google
// Sheets or a converter often name them differently.
#pragma once

#include "compiler/core/table.h"

#include <pugixml.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace defen::xlsx {

// A part's inflated bytes, pulled a block at a time by the reader (XlsxChunks
// inflates a sheet only as far as the rows it needs next).
class PartReader {
 public:
  ~PartReader();
  PartReader(const PartReader&) = delete;
  PartReader& operator=(const PartReader&) = delete;
  // Bytes put in `buffer`: 0 at the end, -1 with `error` set when the data
  // is damaged or inflates past 512 MB.
  long long read(char* buffer, std::size_t size, std::string& error);
  // The inflated size the archive declares (0 if none), and how much of it
  // has been read: for a progress bar.
  std::uint64_t declaredSize() const { return declared_; }
  std::uint64_t consumed() const { return total_; }

 private:
  friend class Package;
  PartReader() = default;
  void* file_ = nullptr;  // zip_file_t
  std::string what_;      // "Excel 文件（path）中的 part", for messages
  std::uint64_t declared_ = 0, total_ = 0;
};

struct SheetEntry {
  std::string name;  // as shown on the tab
  std::string part;  // path inside the archive, e.g. "xl/worksheets/sheet1.xml"
  bool hidden = false;
};

class Package {
 public:
  Package();
  ~Package();
  Package(const Package&) = delete;
  Package& operator=(const Package&) = delete;

  // Opens the archive and reads the workbook's sheet list. On failure returns
  // false with `error` set to a Chinese sentence naming the file.
  bool open(const std::string& path, std::string& error);

  // Worksheets in tab order (chart sheets are left out).
  const std::vector<SheetEntry>& sheets() const { return sheets_; }
  // The shared string table's part, empty when the workbook has none.
  const std::string& sharedStringsPart() const { return sharedStrings_; }

  // The styles part (number formats), empty when the workbook has none.
  const std::string& stylesPart() const { return styles_; }

  bool hasPart(const std::string& part) const;
  // Hands a part's inflated bytes to `sink` 64 KB at a time, never holding
  // the whole part (a sheet of a few hundred KB can inflate to 512 MB); false
  // with `error` set when it is missing, damaged, over 512 MB inflated, or
  // when `sink` returns false (then `error` is left as the sink set it).
  bool streamPart(const std::string& part, const std::function<bool(const char*, std::size_t)>& sink, std::string& error) const;
  // The same part, for the caller to pull from; null with `error` set (the
  // messages streamPart gives) when it is missing or declared too large.
  std::unique_ptr<PartReader> openPart(const std::string& part, std::string& error) const;
  // Parses a part as XML into `doc`; false with `error` set when the part is
  // missing, too large or not well-formed.
  bool loadXml(const std::string& part, pugi::xml_document& doc, std::string& error) const;

 private:
  struct Archive;
  std::unique_ptr<Archive> zip_;
  std::string path_;
  std::vector<SheetEntry> sheets_;
  std::string sharedStrings_;
  std::string styles_;
};

// One sheet as Excel stores it: the rows that hold a value, each cell with
// its column, before any notion of header or record.
struct GridCell {
  int col = 0;  // 0-based: A is 0
  Cell cell;
};

struct GridRow {
  int number = 0;  // Excel row number
  std::vector<GridCell> cells;
  std::string error;  // a cell that could not be read: the row is reported, not scored

  int lastColumn() const;
};

struct Grid {
  std::string sheet;  // the name of the sheet read
  std::vector<GridRow> rows;
};

// What one sheet may hold: Excel's own row limit, and a bound on the cells
// with a value that keeps the grid within a few hundred MB.
inline constexpr int kMaxGridRows = 1048576;
inline constexpr std::size_t kMaxGridCells = 5000000;

// Reads the sheet named `sheet` (exactly, else ignoring ASCII case as Excel
// does), or the first visible sheet when `sheet` is empty. False with `error`
// set (Chinese, naming the file; listing the sheets when `sheet` is absent).
// The sheet is streamed, never built into a tree; past kMaxGridRows rows or
// kMaxGridCells cells it stops with an error. A number shown as a percentage
// (number format 9, 10 or one with '%') is read as the text Excel shows with
// the exact digits: 0.0575 → "5.75%".
bool readGrid(const std::string& path, const std::string& sheet, Grid& grid, std::string& error);

// A workbook opened once to read several of its sheets: the shared strings
// and number formats are read one time, not once per sheet (a workbook of
// project forms has one sheet per project).
class Workbook {
 public:
  // False with `error` set (Chinese, naming the file).
  bool open(const std::string& path, std::string& error);
  const std::vector<SheetEntry>& sheets() const { return pkg_.sheets(); }
  // The sheet named `name` (exactly, else ignoring ASCII case as Excel does),
  // or the first visible one when `name` is empty; null when there is none.
  const SheetEntry* find(const std::string& name) const;
  // "Excel 文件（…）中没有名为“…”的工作表；现有工作表：…"
  std::string noSuchSheet(const std::string& name) const;
  // Reads one sheet as readGrid does. With rowLimit > 0 it stops after that
  // many rows with a value and returns what it has (a look at the top of a
  // sheet without streaming the rest).
  bool read(const SheetEntry& sheet, Grid& grid, std::string& error, std::size_t rowLimit = 0) const;

 private:
  Package pkg_;
  std::string path_;
  std::vector<std::string> shared_;
  std::vector<bool> percent_;
};

// "C" for column 2.
std::string columnLetters(int col);

// The element's name without a namespace prefix ("x:row" → "row"): some
// writers prefix every SpreadsheetML element.
const char* localName(const pugi::xml_node& node);
// First child element with that local name (null node if none).
pugi::xml_node child(const pugi::xml_node& node, const char* local);
// The value of an attribute by local name ("r:id" matches "id").
const char* attribute(const pugi::xml_node& node, const char* local);

}  // namespace defen::xlsx

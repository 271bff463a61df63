// The parts of an .xlsx file the data reader needs: a zip archive of XML
// parts tied together by relationship files (ECMA-376 Open Packaging).
//
// Parts are found through the relationships rather than by the usual names
// (xl/workbook.xml, xl/worksheets/sheet1.xml): files written by WPS, Google
// Sheets or a converter often name them differently.
#pragma once

#include "runtime/table.h"

#include <pugixml.hpp>

#include <memory>
#include <string>
#include <vector>

namespace defen::xlsx {

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

  bool hasPart(const std::string& part) const;
  // Parses a part as XML into `doc`; false with `error` set when the part is
  // missing, too large or not well-formed.
  bool loadXml(const std::string& part, pugi::xml_document& doc, std::string& error) const;

 private:
  bool readPart(const std::string& part, std::string& bytes, std::string& error) const;

  struct Archive;
  std::unique_ptr<Archive> zip_;
  std::string path_;
  std::vector<SheetEntry> sheets_;
  std::string sharedStrings_;
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

// Reads the sheet named `sheet` (exactly, else ignoring ASCII case as Excel
// does), or the first visible sheet when `sheet` is empty. False with `error`
// set (Chinese, naming the file; listing the sheets when `sheet` is absent).
bool readGrid(const std::string& path, const std::string& sheet, Grid& grid, std::string& error);

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

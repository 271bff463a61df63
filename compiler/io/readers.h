// Readers from file bytes to a raw Table.
#pragma once

#include "compiler/core/table.h"

#include <string>
#include <string_view>

namespace defen {

enum class Encoding { Auto, Utf8, Gb18030 };

// CSV (RFC 4180 quoting, ',' separator, CRLF or LF). The first row is the
// header. A UTF-8 BOM is skipped. With Encoding::Auto, bytes that are valid
// UTF-8 are read as UTF-8, otherwise as GB18030 (a superset of GBK) and
// converted to UTF-8 with ICU. A row with more cells than the header is an
// error for that row; fewer cells leave the rest Missing. Blank lines are skipped.
// dataLineOffset is added to the line of every data row, in the row and in
// the messages that name it (CsvChunks reads a file a chunk at a time with
// the header prepended, so a chunk's lines continue the file's).
Table readCsv(std::string_view bytes, Encoding encoding = Encoding::Auto, int dataLineOffset = 0);

// JSON: one object or an array of objects; each member is a column (columns in
// order of first appearance). Numbers keep their exact source text (never a
// binary double). A member whose value is an array of objects (the 绩效指标
// of a 自评表) is one Cell::Kind::Rows cell holding that list as a table; an
// object as a value, deeper nesting, or a non-object element is an error for
// that row (the row keeps its other cells). Invalid JSON is a file-level error with
// line and column.
Table readJson(std::string_view bytes);

// Excel: the sheet named `sheet`, or the first sheet when `sheet` is empty.
// The first row is the header. Cells keep the text Excel shows for them
// (shared strings, inline strings, numbers as written in the file). A sheet
// that does not exist or a file that is not an .xlsx is a file-level error.
// A workbook with the label 绩效指标 on a sheet (on `sheet` when one is
// named; or 项目名称 above a row of 一级/二级/三级指标 headings) holds national 项目支出绩效自评表 forms: every sheet (or `sheet`) is
// read as one project (compiler/io/project_form_xlsx.h).
Table readXlsx(const std::string& path, const std::string& sheet = "");

// Chooses by file extension (.csv, .json, .xlsx); reads the file. A file that
// cannot be opened is a file-level error naming the path. `sheet` applies to
// .xlsx only.
Table readDataFile(const std::string& path, Encoding encoding = Encoding::Auto, const std::string& sheet = "");

}  // namespace defen

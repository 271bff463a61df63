// Raw data as read from a file, before any typing against a ruleset.
//
// Readers (CSV, JSON) produce a Table: column names and, per data row, the raw
// text of each cell. Typing happens later (value.h), against the ruleset's input
// declarations, so one reader serves every ruleset and a bad cell is reported
// with its row and column without losing the rest of the row.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace defen {

struct Table;

struct Cell {
  enum class Kind {
    Missing,  // the field is absent, or a CSV cell is empty, or JSON null
    Text,     // anything given as text (CSV cells, JSON strings)
    Number,   // a JSON number: `text` holds its exact source spelling
    Bool,     // a JSON true/false: `text` is "true"/"false"
    Rows,     // a list of rows (the 绩效指标 or 项目资金 of a 自评表): `rows`, each row's cells by its own columns
  };
  Cell() = default;
  Cell(Kind k, std::string t) : kind(k), text(std::move(t)) {}

  Kind kind = Kind::Missing;
  std::string text;
  // Rows: the nested list as a table of its own (columns in order of first
  // appearance, records numbered 1… within the list, lines in the file).
  // Readers of every format produce this one shape: a JSON array of objects,
  // the long CSV form, the national XLSX form.
  std::shared_ptr<const Table> rows;
};

struct Record {
  int row = 0;  // 1-based data row (CSV: header excluded; JSON: array index + 1)
  int line = 0; // 1-based line in the source file where the row starts (0 if unknown)
  std::vector<Cell> cells;  // one per Table::columns entry, Missing where absent
};

// A problem with one row (or with the whole file when row == 0).
struct ReadError {
  int row = 0;
  int line = 0;
  std::string column;  // empty when not about one column
  std::string message; // Chinese, complete sentence without trailing location
};

struct Table {
  std::vector<std::string> columns;
  std::vector<Record> records;   // rows that could be read (possibly with Missing cells)
  std::vector<ReadError> errors; // rows that could not be read at all, and file-level errors
  // What the reader passed over without it being wrong: a sheet of a
  // workbook of 自评表 that is no form (its instructions). Shown, not failed.
  std::vector<std::string> warnings;

  // Index of `name` in columns, if present.
  std::optional<size_t> columnIndex(const std::string& name) const;
};

}  // namespace defen

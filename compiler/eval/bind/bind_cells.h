// Binding a row given as cells seen in place, into a BoundRecord that is
// reused from row to row: the CSV data path (lib/driver/) binds every
// row this way, with no allocation once a worker has bound a few.
#pragma once

#include "compiler/eval/bind/binder.h"

#include <string_view>

namespace defen {

// A cell seen in place: a CSV field in the read buffer, or a Table's cell.
struct CellView {
  Cell::Kind kind = Cell::Kind::Missing;
  std::string_view text;
  const Cell* cell = nullptr;  // the Table's cell, when bound from one (a row set's rows live there)
};

// bindRecord for cells[c] of column c (columns past `count` are absent), into
// `out`: its vectors and strings keep their capacity.
void bindCells(const ir::Program& program, const ColumnMap& map, const CellView* cells, size_t count, int row, int line, BoundRecord& out);

}  // namespace defen

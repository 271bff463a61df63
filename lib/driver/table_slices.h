// A table read whole (a CSV of 自评表 lines, grouped into one record per
// project: lib/driver/driver.h, groupRowSetLines) handed out in slices of
// records, so its records are scored on every worker of the pipeline rather
// than as one chunk on one, and each slice's results are written and freed
// as it is done.
#pragma once

#include "compiler/io/data_chunks.h"

#include <cstddef>
#include <memory>

namespace defen {

// Each slice holds the table's columns, its file-level errors and warnings
// (every slice: evaluateTable reads a doubled column from them), the
// records of `recordsPerSlice` consecutive rows, and the row errors of those
// rows (records in row order, as every reader gives them; a row error past
// the last record goes with the last slice), so
// scoring the slices one after another gives what scoring the table does.
std::unique_ptr<ChunkReader> tableSlices(Table table, std::size_t recordsPerSlice = 512);

}  // namespace defen

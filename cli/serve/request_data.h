// The data of an evaluation request: "records" in the JSON body, or an
// uploaded file (multipart part `data`: .json, .csv or .xlsx by its name),
// read by the same readers as `defen eval` (compiler/io/readers.h).
#pragma once

#include "cli/serve/api_context.h"
#include "lib/driver/driver.h"
#include "compiler/core/table.h"

namespace defen::serve {

struct RequestData {
  Table table;
  std::string name;  // the uploaded file's name, or "records"
};

// 400 when there is neither, 415 unsupported for another file type, 413
// too_large past --max-rows.
RequestData readRequestData(const ApiContext& ctx, const ApiRequest& request);

// Scores the table in chunks, checking the request's deadline between them
// (503 timeout), so a long evaluation stops instead of holding a worker.
Evaluation evaluateWithDeadline(const ir::Program& program, const Table& table, Engine& engine, const ApiRequest& request,
                                bool explain);

}  // namespace defen::serve

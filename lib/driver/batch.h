// Scoring a data file on every core, in constant memory, in input order.
//
// A source cuts the input into chunks (a CSV file: pieces of whole records,
// compiler/io/csv_split.h; a file read whole: one table). A reader thread takes
// chunks from the source, workers (one Scorer each) parse, bind, score and
// format them, and the calling thread receives each chunk's result in input
// order. At most a few chunks per worker are in flight, so memory stays flat
// whatever the size of the input. A JSON reader that yields chunks plugs in
// as another ChunkSource.
#pragma once

#include "lib/driver/driver.h"
#include "compiler/eval/bind/bind_cells.h"
#include "compiler/eval/scorer.h"
#include "compiler/io/data_chunks.h"
#include "compiler/report/report.h"

#include <cstdint>
#include <functional>
#include <istream>
#include <memory>
#include <string>
#include <vector>

namespace defen {

// What workers make of the records: report text in one of the streaming
// formats, or the results themselves (documents, the batch summary).
enum class BatchOutput { Csv, Json, Table, Results };

// Where the time goes (DEFEN_PROFILE=1 `defen eval …`): nanoseconds of each
// stage, summed over the threads that ran it.
struct StageTimes {
  std::int64_t split = 0;   // cutting the input into pieces (the reader thread)
  std::int64_t parse = 0;   // fields of each row
  std::int64_t bind = 0;    // cells → typed values
  std::int64_t score = 0;   // Scorer::score
  std::int64_t format = 0;  // the report's text (or materialize)
  std::int64_t slow = 0;    // pieces left to readCsv + evaluateTable
  std::int64_t write = 0;   // the sink (the calling thread)
  void add(const StageTimes& o) {
    split += o.split; parse += o.parse; bind += o.bind; score += o.score; format += o.format; slow += o.slow; write += o.write;
  }
};

struct BatchSettings {
  const ir::Program& program;
  Engine& engine;
  const ReportSchema& schema;
  BatchOutput output = BatchOutput::Csv;
  bool explain = false;  // build the 评分说明 (Json, Table, Results)
  bool profile = false;  // fill ChunkResult::times
};

// One chunk's records, as the sink receives them.
struct ChunkResult {
  std::string text;                     // Csv, Json, Table: the records formatted (Json: without a comma before the first)
  std::vector<RecordResult> results;    // Results
  size_t records = 0;                   // report entries in the chunk (rows, and rows that could not be read)
  std::vector<std::string> fileErrors;  // the whole file (or this chunk of it) could not be used
  std::vector<std::string> columnWarnings;  // about the header's columns (the same for every chunk)
  std::vector<std::string> warnings;    // about rows: values outside their 通常 range
  bool anyErrors = false;
  StageTimes times;  // with BatchSettings::profile
};

class BatchWorker;

class BatchChunk {
 public:
  virtual ~BatchChunk() = default;
  virtual void evaluate(BatchWorker& worker, ChunkResult& out) = 0;
};

class ChunkSource {
 public:
  virtual ~ChunkSource() = default;
  // The next chunk; false at the end. Always called from one thread.
  virtual bool next(std::unique_ptr<BatchChunk>& chunk) = 0;
  // For a progress bar: bytes consumed so far (safe to read from any thread).
  virtual std::uint64_t bytesRead() const { return 0; }
};

// Runs every chunk of `source` on `threads` workers (0: all cores) and hands
// each result to `sink` in input order, on the calling thread. Stops early
// when `sink` returns false (and returns false). With settings.profile,
// `times` gets the time of every stage.
bool runBatch(ChunkSource& source, const BatchSettings& settings, int threads, const std::function<bool(ChunkResult&)>& sink,
              StageTimes* times = nullptr);

// A CSV stream: pieces of whole records parsed in place and bound without
// copying cells. A piece that is not plain UTF-8 (GB18030, damaged bytes) or
// holds a row readCsv must judge (an unclosed quote, too many values) is read
// by readCsv with the header before it, so every message stays readCsv's.
std::unique_ptr<ChunkSource> csvChunkSource(std::istream& in, Encoding encoding, const BatchSettings& settings,
                                            size_t pieceBytes = 512 * 1024);
// Chunks of records from a reader (JSON, XLSX: compiler/io/data_chunks.h), each
// scored by evaluateTable on one worker.
std::unique_ptr<ChunkSource> tableChunkSource(std::unique_ptr<ChunkReader> reader);

// The CSV report row of one scored record, appended to `out`: the same text
// writeCsvRows writes for materialize's result, without building it.
void appendCsvRow(std::string& out, const ReportSchema& schema, const ir::Program& program, const BoundRecord& record,
                  const eval::Scored& scored);
// scoreText(v, places) appended to `out`.
void appendScoreText(std::string& out, Decimal v, int places);

}  // namespace defen

// The batch summary: what a finance bureau asks of a whole year's scoring —
// how totals are distributed, how many departments got each grade, how well
// each indicator is met on average, and where departments lose the most
// points. Computed from the score cards alone, with exact decimals.
//
// Only records with a total (RecordResult::ok) enter the statistics; the
// others are counted and listed as rows with errors.
#pragma once

#include "runtime/report.h"
#include "runtime/result.h"

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace defen {

struct HistogramBucket {
  Decimal from, to;  // [from, to); the last bucket is closed: [from, 总分]
  int count = 0;
};

struct GradeCount {
  std::string grade;
  int count = 0;
};

struct IndicatorStat {
  int node = -1;          // schema.nodes index
  int applicable = 0;     // records where it counted and was not 不考核
  int notApplicable = 0;  // records where it was 不考核 (whatever its weight became)
  std::optional<Decimal> averageScore;  // Σ score ÷ applicable; none when applicable is 0
  std::optional<Decimal> averageRate;   // averageScore ÷ 分值; none when 分值 is 0 too
};

struct LossStat {
  int node = -1;     // a leaf
  int records = 0;   // records where it was applicable
  Decimal totalLoss;    // Σ (分值 − score) over those records
  Decimal averageLoss;  // totalLoss ÷ records
};

struct ErrorRow {
  int row = 0;
  std::string id;
  std::vector<std::string> errors;
};

struct BatchSummary {
  int records = 0;
  int scored = 0;      // with a total
  int withErrors = 0;  // without one (a final one)
  int incomplete = 0;  // of those, with a provisional total: some indicators faulted (kept out of the statistics)
  // Over the scored records; none when there are none.
  std::optional<Decimal> min, max, mean, median;
  std::vector<HistogramBucket> histogram;  // ten equal buckets over [0, 总分]
  std::vector<GradeCount> grades;          // every grade of the standard, in its order, zeros included
  std::vector<IndicatorStat> indicators;   // every indicator, document order
  std::vector<LossStat> losses;            // leaves with a loss, largest total first (ties: document order), at most kTopLosses
  std::vector<ErrorRow> errorRows;
  static constexpr int kTopLosses = 10;
};

// Builds the summary record by record, so a batch scored chunk by chunk (a
// large CSV) is summarised without keeping its score cards: memory grows only
// by one total per record and the rows with errors.
class BatchSummaryBuilder {
 public:
  explicit BatchSummaryBuilder(const ReportSchema& schema);
  void add(const RecordResult& rec);
  void add(const std::vector<RecordResult>& results) {
    for (const auto& r : results) add(r);
  }
  BatchSummary finish() const;

 private:
  // A sum that remembers an overflow (impossible in practice: ±1.7e20 is far
  // beyond any batch of scores, but bad input must not wrap silently).
  struct Sum {
    Decimal value;
    bool ok = true;
    void add(Decimal v) { ok = ok && checkedAdd(value, v, value) == DecimalStatus::Ok; }
  };
  const ReportSchema& schema_;
  BatchSummary counts_;  // records, scored, withErrors, per-indicator counts, grades, error rows
  std::vector<Decimal> totals_;
  std::vector<Sum> scoreSums_, lossSums_;  // per node
};

BatchSummary summarizeBatch(const ReportSchema& schema, const std::vector<RecordResult>& results);

// The writers of documents.h, for a summary already computed.
void writeSummaryJson(std::ostream& out, const ReportSchema& schema, const BatchSummary& summary);
void writeSummaryMarkdown(std::ostream& out, const ReportSchema& schema, const BatchSummary& summary);
void writeSummaryHtml(std::ostream& out, const ReportSchema& schema, const BatchSummary& summary);

// score ÷ max; none when max is not positive.
std::optional<Decimal> scoreRate(Decimal score, Decimal max);
// A ratio as a percentage with `places` decimals, rounded half away from zero: 0.775 → "77.50%".
std::string percentText(Decimal ratio, int places = 2);

}  // namespace defen

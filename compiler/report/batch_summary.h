// The batch summary: what a finance bureau asks of a whole year's scoring —
// how totals are distributed, how many departments got each grade, how well
// each indicator is met on average, and where departments lose the most
// points. Computed from the score cards alone, with exact decimals.
//
// Only records with a total (RecordResult::ok) enter the statistics; the
// others are counted and listed as rows with errors.
#pragma once

#include "compiler/report/report.h"
#include "compiler/core/result.h"

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace defen {

struct HistogramBucket {
  Decimal from, to;  // [from, to), or [from, to] when closed
  int count = 0;
  bool closed = false;  // the last bucket when it ends at 总分, so a full score is counted
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

// One department's place in the ranking.
struct RankRow {
  int rank = 0;  // 1 for the highest total; equal totals share a rank (1, 2, 2, 4)
  int row = 0;
  std::string id;  // the department's name; empty when the data has none
  Decimal total;
  std::string grade;
  // Where it lost most: up to kTopLosses leaves with a loss (分值 − score > 0),
  // largest first, ties in document order; 不考核 indicators are left out.
  struct Loss {
    int node = -1;
    Decimal loss;
  };
  std::vector<Loss> losses;
  static constexpr int kTopLosses = 3;
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
  // Equal buckets of a round width (0.5, 1, 2, 5, 10… 分) fitted to the totals:
  // at most ⌈log₂ n⌉ + 1 (Sturges' rule) and ten, covering [min, max] from a
  // multiple of the width; the last ends at 总分 at most. Empty when nothing was scored.
  std::vector<HistogramBucket> histogram;
  std::vector<GradeCount> grades;          // every grade of the standard, in its order, zeros included
  std::vector<IndicatorStat> indicators;   // every indicator, document order
  std::vector<LossStat> losses;            // leaves with a loss, largest total first (ties: document order), at most kTopLosses
  std::vector<RankRow> ranking;            // scored records, highest total first (ties: data order)
  std::vector<ErrorRow> errorRows;
  static constexpr int kTopLosses = 10;
};

// Builds the summary record by record, so a batch scored chunk by chunk (a
// large CSV) is summarised without keeping its score cards: memory grows only
// by one ranking row per record (name, total, grade, three losses) and the
// rows with errors.
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
  std::vector<RankRow> ranking_;
  std::vector<Sum> scoreSums_, lossSums_;  // per node
};

BatchSummary summarizeBatch(const ReportSchema& schema, const std::vector<RecordResult>& results);

// The writers of documents.h, for a summary already computed.
void writeSummaryJson(std::ostream& out, const ReportSchema& schema, const BatchSummary& summary);
void writeSummaryMarkdown(std::ostream& out, const ReportSchema& schema, const BatchSummary& summary);
void writeSummaryHtml(std::ostream& out, const ReportSchema& schema, const BatchSummary& summary);

// The histogram's buckets for these totals (any order) on a standard of `total` 分.
std::vector<HistogramBucket> fittedHistogram(Decimal total, const std::vector<Decimal>& totals);

// "[80.00, 85.00)", or "[95.00, 100.00]" for a closed bucket (places 2).
std::string bucketLabel(const HistogramBucket& bucket, int places);
// "目标科学性 −3.00、效果性 −2.50": a ranking row's losses by leaf name; "—" when none.
std::string lossesText(const ReportSchema& schema, const RankRow& row);

// score ÷ max; none when max is not positive.
std::optional<Decimal> scoreRate(Decimal score, Decimal max);

}  // namespace defen

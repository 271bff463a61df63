#include "compiler/report/batch_summary.h"

#include "compiler/report/documents.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace defen {

std::optional<Decimal> scoreRate(Decimal score, Decimal max) {
  Decimal rate;
  if (max <= Decimal() || checkedDiv(score, max, rate) != DecimalStatus::Ok) return std::nullopt;
  return rate;
}

std::string bucketLabel(const HistogramBucket& b, int places) {
  return "[" + scoreText(b.from, places) + ", " + scoreText(b.to, places) + (b.closed ? "]" : ")");
}

std::string lossesText(const ReportSchema& schema, const RankRow& row) {
  std::string text;
  for (const auto& l : row.losses) text += (text.empty() ? "" : "、") + schema.nodes[l.node].path.back() + " −" + scoreText(l.loss, schema.places);
  return text.empty() ? "—" : text;
}

namespace {

// a ÷ n for a count n > 0; none on overflow.
std::optional<Decimal> divide(std::optional<Decimal> a, int n) {
  Decimal out;
  if (!a || n <= 0 || checkedDiv(*a, Decimal::fromInt(n), out) != DecimalStatus::Ok) return std::nullopt;
  return out;
}

// The leaves where a record lost most, largest loss first.
std::vector<RankRow::Loss> topLosses(const ReportSchema& schema, const RecordResult& rec) {
  std::vector<RankRow::Loss> losses;
  for (size_t i = 0; i < schema.nodes.size() && i < rec.nodes.size(); ++i) {
    const NodeResult& n = rec.nodes[i];
    Decimal loss;
    if (!schema.nodes[i].leaf || !n.counted || n.status == NodeStatus::NotApplicable) continue;
    if (checkedSub(schema.nodes[i].max, n.score, loss) != DecimalStatus::Ok || loss <= Decimal()) continue;
    losses.push_back({static_cast<int>(i), loss});
  }
  std::stable_sort(losses.begin(), losses.end(), [](const RankRow::Loss& a, const RankRow::Loss& b) { return a.loss > b.loss; });
  if (losses.size() > RankRow::kTopLosses) losses.resize(RankRow::kTopLosses);
  return losses;
}

}  // namespace

std::vector<HistogramBucket> fittedHistogram(Decimal total, const std::vector<Decimal>& totals) {
  std::vector<HistogramBucket> buckets;
  if (totals.empty()) return buckets;
  const Decimal low = *std::min_element(totals.begin(), totals.end()), high = *std::max_element(totals.begin(), totals.end());
  // As many buckets as Sturges' rule gives (⌈log₂ n⌉ + 1, at most ten), so a
  // few departments do not scatter over mostly empty buckets; then the first
  // round width 0.5, 1, 2, 5, 10, 20, 50… that needs no more than that.
  int most = 1;
  while (most < 10 && (size_t{1} << (most - 1)) < totals.size()) ++most;
  static const char* const kSteps[] = {"0.5", "1", "2", "5", "10", "20", "50", "100", "200", "500", "1000", "10000", "100000"};
  Decimal width, start;
  int count = 0;
  for (const char* step : kSteps) {
    width = *Decimal::parse(step);
    Decimal q, span;
    if (checkedDiv(low, width, q) != DecimalStatus::Ok || floorTo(q, 0, q) != DecimalStatus::Ok ||
        checkedMul(q, width, start) != DecimalStatus::Ok)
      continue;
    // Everyone at full marks: the bucket [总分 − width, 总分], not [总分, 总分 + width).
    if (start == total && start > Decimal() && checkedSub(start, width, start) != DecimalStatus::Ok) continue;
    if (checkedSub(high, start, span) != DecimalStatus::Ok || checkedDiv(span, width, q) != DecimalStatus::Ok ||
        floorTo(q, 0, q) != DecimalStatus::Ok)
      continue;
    count = static_cast<int>(q.raw() / Decimal::kOne) + 1;  // high falls in bucket floor((high − start) ÷ width)
    // A full score closes the bucket before it rather than opening [总分, 总分 + width).
    Decimal end;
    if (count > 1 && high == total && checkedMul(width, Decimal::fromInt(count - 1), end) == DecimalStatus::Ok &&
        checkedAdd(start, end, end) == DecimalStatus::Ok && end == total)
      --count;
    if (count <= most) break;
  }
  if (count <= 0 || count > most) return buckets;
  for (int i = 0; i < count; ++i) {
    HistogramBucket b;
    Decimal offset;
    checkedMul(width, Decimal::fromInt(i), offset);
    checkedAdd(start, offset, b.from);
    checkedAdd(b.from, width, b.to);
    buckets.push_back(b);
  }
  // The last bucket ends at 总分 at most, and then includes it.
  if (buckets.back().to >= total && buckets.back().from < total) buckets.back().to = total;
  if (buckets.back().to == total) buckets.back().closed = true;
  for (Decimal t : totals) {
    Decimal q, f;
    int index = 0;
    if (checkedSub(t, start, q) == DecimalStatus::Ok && checkedDiv(q, width, q) == DecimalStatus::Ok && floorTo(q, 0, f) == DecimalStatus::Ok)
      index = static_cast<int>(std::clamp<Decimal::Raw>(f.raw() / Decimal::kOne, 0, count - 1));
    ++buckets[index].count;
  }
  return buckets;
}

BatchSummaryBuilder::BatchSummaryBuilder(const ReportSchema& schema)
    : schema_(schema), scoreSums_(schema.nodes.size()), lossSums_(schema.nodes.size()) {
  counts_.indicators.resize(schema.nodes.size());
  for (size_t i = 0; i < schema.nodes.size(); ++i) counts_.indicators[i].node = static_cast<int>(i);
  for (const auto& g : schema.grades) counts_.grades.push_back(GradeCount{g.name, 0});
}

void BatchSummaryBuilder::add(const RecordResult& rec) {
  ++counts_.records;
  if (!rec.ok) {
    ++counts_.withErrors;
    counts_.incomplete += rec.incomplete;
    counts_.errorRows.push_back(ErrorRow{rec.row, rec.id, rec.errors});
    return;
  }
  ++counts_.scored;
  totals_.push_back(rec.total);
  ranking_.push_back(RankRow{0, rec.row, rec.id, rec.total, rec.grade, topLosses(schema_, rec)});
  for (auto& g : counts_.grades) g.count += g.grade == rec.grade;
  for (size_t i = 0; i < schema_.nodes.size() && i < rec.nodes.size(); ++i) {
    const NodeResult& n = rec.nodes[i];
    IndicatorStat& stat = counts_.indicators[i];
    // A 不考核 indicator's score says nothing about how well it is met (full
    // marks, dropped, or borrowed from others), so it stays out of rates and losses.
    if (n.status == NodeStatus::NotApplicable) {
      ++stat.notApplicable;
      continue;
    }
    if (!n.counted) continue;
    ++stat.applicable;
    scoreSums_[i].add(n.score);
    Decimal loss;
    if (schema_.nodes[i].leaf && checkedSub(schema_.nodes[i].max, n.score, loss) == DecimalStatus::Ok) lossSums_[i].add(loss);
  }
}

BatchSummary BatchSummaryBuilder::finish() const {
  BatchSummary s = counts_;
  auto value = [](const Sum& sum) { return sum.ok ? std::optional<Decimal>(sum.value) : std::nullopt; };
  std::vector<Decimal> totals = totals_;
  std::sort(totals.begin(), totals.end());
  if (!totals.empty()) {
    s.min = totals.front();
    s.max = totals.back();
    Sum sum;
    for (Decimal t : totals) sum.add(t);
    s.mean = divide(value(sum), static_cast<int>(totals.size()));
    size_t mid = totals.size() / 2;
    if (totals.size() % 2) s.median = totals[mid];
    else {
      Sum middle;
      middle.add(totals[mid - 1]);
      middle.add(totals[mid]);
      s.median = divide(value(middle), 2);
    }
  }
  s.histogram = fittedHistogram(schema_.total, totals);
  s.ranking = ranking_;
  std::stable_sort(s.ranking.begin(), s.ranking.end(), [](const RankRow& a, const RankRow& b) { return a.total > b.total; });
  for (size_t i = 0; i < s.ranking.size(); ++i)
    s.ranking[i].rank = i > 0 && s.ranking[i].total == s.ranking[i - 1].total ? s.ranking[i - 1].rank : static_cast<int>(i) + 1;

  for (size_t i = 0; i < schema_.nodes.size(); ++i) {
    IndicatorStat& stat = s.indicators[i];
    stat.averageScore = divide(value(scoreSums_[i]), stat.applicable);
    if (stat.averageScore) stat.averageRate = scoreRate(*stat.averageScore, schema_.nodes[i].max);
    const Sum& loss = lossSums_[i];
    if (!schema_.nodes[i].leaf || !loss.ok || loss.value <= Decimal()) continue;
    s.losses.push_back(LossStat{static_cast<int>(i), stat.applicable, loss.value, divide(loss.value, stat.applicable).value_or(Decimal())});
  }
  std::stable_sort(s.losses.begin(), s.losses.end(), [](const LossStat& a, const LossStat& b) { return a.totalLoss > b.totalLoss; });
  if (s.losses.size() > BatchSummary::kTopLosses) s.losses.resize(BatchSummary::kTopLosses);
  return s;
}

BatchSummary summarizeBatch(const ReportSchema& schema, const std::vector<RecordResult>& results) {
  BatchSummaryBuilder builder(schema);
  builder.add(results);
  return builder.finish();
}

void writeSummaryJson(std::ostream& out, const ReportSchema& schema, const std::vector<RecordResult>& results) {
  writeSummaryJson(out, schema, summarizeBatch(schema, results));
}

void writeSummaryJson(std::ostream& out, const ReportSchema& schema, const BatchSummary& s) {
  using Json = nlohmann::ordered_json;
  const int places = schema.places;
  // Decimals are strings of their exact text ("86.5"), so no reader rounds
  // them through binary floating point; counts are numbers.
  auto score = [&](const std::optional<Decimal>& v) { return v ? Json(scoreJson(*v, places)) : Json(nullptr); };
  auto rate = [&](const std::optional<Decimal>& v) { return v ? Json(scoreJson(*v, places + 2)) : Json(nullptr); };
  auto path = [&](int node) { return Json(schema.nodes[node].path); };

  Json j;
  j["ruleset"] = {{"name", schema.name}, {"region", schema.region}, {"year", schema.year}, {"version", schema.version},
                  {"total", scoreJson(schema.total, places)}};
  j["records"] = s.records;
  j["scored"] = s.scored;
  j["withErrors"] = s.withErrors;
  j["incomplete"] = s.incomplete;
  j["totals"] = {{"min", score(s.min)}, {"max", score(s.max)}, {"mean", score(s.mean)}, {"median", score(s.median)}};
  j["histogram"] = Json::array();
  for (const auto& b : s.histogram)
    j["histogram"].push_back({{"from", scoreJson(b.from, places)}, {"to", scoreJson(b.to, places)}, {"closed", b.closed}, {"count", b.count}});
  j["grades"] = Json::array();
  for (const auto& g : s.grades) j["grades"].push_back({{"grade", g.grade}, {"count", g.count}});
  j["indicators"] = Json::array();
  for (const auto& st : s.indicators) {
    const ReportNode& n = schema.nodes[st.node];
    j["indicators"].push_back({{"path", path(st.node)}, {"max", scoreJson(n.max, places)}, {"leaf", n.leaf}, {"applicable", st.applicable},
                               {"notApplicable", st.notApplicable}, {"averageScore", score(st.averageScore)}, {"averageRate", rate(st.averageRate)}});
  }
  j["losses"] = Json::array();
  for (const auto& l : s.losses)
    j["losses"].push_back({{"path", path(l.node)}, {"max", scoreJson(schema.nodes[l.node].max, places)}, {"records", l.records},
                           {"totalLoss", scoreJson(l.totalLoss, places)}, {"averageLoss", scoreJson(l.averageLoss, places)}});
  j["ranking"] = Json::array();
  for (const auto& r : s.ranking) {
    Json losses = Json::array();
    for (const auto& l : r.losses) losses.push_back({{"path", path(l.node)}, {"loss", scoreJson(l.loss, places)}});
    j["ranking"].push_back({{"rank", r.rank}, {"row", r.row}, {"id", r.id.empty() ? Json(nullptr) : Json(r.id)}, {"total", scoreJson(r.total, places)},
                            {"grade", r.grade}, {"losses", losses}});
  }
  j["errorRows"] = Json::array();
  for (const auto& e : s.errorRows)
    j["errorRows"].push_back({{"row", e.row}, {"id", e.id.empty() ? Json(nullptr) : Json(e.id)}, {"errors", e.errors}});
  out << j.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace defen

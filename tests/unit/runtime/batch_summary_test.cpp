// The batch summary on a hand-made batch whose figures are worked out by hand
// in the comments, so every number the writers print is checked exactly.
#include "compiler/report/batch_summary.h"
#include "compiler/report/documents.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

namespace defen {
namespace {

Decimal d(const char* text) { return *Decimal::parse(text); }

// 总分10: A (6分) = A1 (4分) + A2 (2分); B (4分). Grades 优 [9,10] 良 [8,9) 中 [6,8) 差 [0,6).
ReportSchema schema() {
  ReportSchema s;
  s.name = "测试标准";
  s.year = 2023;
  s.total = d("10");
  s.nodes = {{{"A"}, d("6"), false, ""}, {{"A", "A1"}, d("4"), true, ""}, {{"A", "A2"}, d("2"), true, ""}, {{"B"}, d("4"), true, ""}};
  s.grades = {{"优", d("9"), d("10")}, {"良", d("8"), d("9")}, {"中", d("6"), d("8")}, {"差", d("0"), d("6")}};
  return s;
}

RecordResult record(int row, const char* a1, const char* a2, const char* b, const char* total, const char* grade) {
  RecordResult r;
  r.row = row;
  r.id = "部门" + std::to_string(row);
  r.ok = true;
  r.total = d(total);
  r.grade = grade;
  r.nodes.resize(4);
  r.nodes[1].score = d(a1);
  r.nodes[2].score = d(a2);
  Decimal a;
  checkedAdd(d(a1), d(a2), a);
  r.nodes[0].score = a;
  r.nodes[3].score = d(b);
  return r;
}

// Totals 9 (优), 7 (中), 8.1 (良); record 2's A2 is 不考核 (full marks); row 4 has an error.
std::vector<RecordResult> batch() {
  std::vector<RecordResult> rs = {record(1, "4", "2", "3", "9", "优"), record(2, "3", "2", "2", "7", "中"),
                                  record(3, "2.5", "1.6", "4", "8.1", "良")};
  rs[1].nodes[2].status = NodeStatus::NotApplicable;
  RecordResult bad;
  bad.row = 4;
  bad.errors = {"第4行：列“B”的值“abc”不是数"};
  rs.push_back(bad);
  return rs;
}

TEST(BatchSummary, FiguresWorkedOutByHand) {
  BatchSummary s = summarizeBatch(schema(), batch());
  EXPECT_EQ(s.records, 4);
  EXPECT_EQ(s.scored, 3);
  EXPECT_EQ(s.withErrors, 1);
  EXPECT_EQ(toString(*s.min), "7");
  EXPECT_EQ(toString(*s.max), "9");
  EXPECT_EQ(toFixed(*s.mean, 4), "8.0333");  // 24.1 ÷ 3
  EXPECT_EQ(toString(*s.median), "8.1");

  ASSERT_EQ(s.grades.size(), 4u);
  EXPECT_EQ(s.grades[0].grade, "优");
  EXPECT_EQ(s.grades[0].count, 1);
  EXPECT_EQ(s.grades[1].count, 1);
  EXPECT_EQ(s.grades[2].count, 1);
  EXPECT_EQ(s.grades[3].grade, "差");
  EXPECT_EQ(s.grades[3].count, 0);  // every grade listed, zeros included

  // Three totals: at most three buckets (Sturges: ⌈log₂ 3⌉ + 1). 0.5分 would need
  // five from 7, so 1分: 7 → [7,8), 8.1 → [8,9), 9 → [9,10] (ends at 总分: closed).
  ASSERT_EQ(s.histogram.size(), 3u);
  EXPECT_EQ(toString(s.histogram[0].from), "7");
  EXPECT_EQ(s.histogram[0].count, 1);
  EXPECT_EQ(s.histogram[1].count, 1);
  EXPECT_EQ(s.histogram[2].count, 1);
  EXPECT_EQ(toString(s.histogram[2].to), "10");
  EXPECT_TRUE(s.histogram[2].closed);

  // The ranking: 部门1 (9), 部门3 (8.1), 部门2 (7), each with where it lost most.
  ASSERT_EQ(s.ranking.size(), 3u);
  EXPECT_EQ(s.ranking[0].id, "部门1");
  EXPECT_EQ(s.ranking[0].rank, 1);
  EXPECT_EQ(lossesText(schema(), s.ranking[0]), "B −1.00");
  EXPECT_EQ(s.ranking[1].id, "部门3");
  EXPECT_EQ(s.ranking[1].rank, 2);
  EXPECT_EQ(lossesText(schema(), s.ranking[1]), "A1 −1.50、A2 −0.40");
  EXPECT_EQ(s.ranking[2].id, "部门2");
  EXPECT_EQ(s.ranking[2].rank, 3);
  EXPECT_EQ(lossesText(schema(), s.ranking[2]), "B −2.00、A1 −1.00");  // A2 is 不考核: not a loss

  // A1: (4 + 3 + 2.5) ÷ 3 = 3.1666…, rate ÷ 4 = 0.7916…
  const IndicatorStat& a1 = s.indicators[1];
  EXPECT_EQ(a1.applicable, 3);
  EXPECT_EQ(toFixed(*a1.averageScore, 2), "3.17");
  EXPECT_EQ(percentText(*a1.averageRate), "79.17%");
  // A2 is 不考核 in record 2: averaged over the other two, (2 + 1.6) ÷ 2 = 1.8, rate 90%.
  const IndicatorStat& a2 = s.indicators[2];
  EXPECT_EQ(a2.applicable, 2);
  EXPECT_EQ(a2.notApplicable, 1);
  EXPECT_EQ(toString(*a2.averageScore), "1.8");
  EXPECT_EQ(percentText(*a2.averageRate), "90.00%");
  // B: (3 + 2 + 4) ÷ 3 = 3 of 4 = 75%.
  EXPECT_EQ(percentText(*s.indicators[3].averageRate), "75.00%");

  // Losses over leaves: B 1 + 2 + 0 = 3, A1 0 + 1 + 1.5 = 2.5, A2 0 + 0.4 = 0.4 (not the 不考核 record).
  ASSERT_EQ(s.losses.size(), 3u);
  EXPECT_EQ(s.losses[0].node, 3);
  EXPECT_EQ(toString(s.losses[0].totalLoss), "3");
  EXPECT_EQ(toString(s.losses[0].averageLoss), "1");
  EXPECT_EQ(s.losses[1].node, 1);
  EXPECT_EQ(toString(s.losses[1].totalLoss), "2.5");
  EXPECT_EQ(s.losses[2].node, 2);
  EXPECT_EQ(toString(s.losses[2].totalLoss), "0.4");
  EXPECT_EQ(s.losses[2].records, 2);

  ASSERT_EQ(s.errorRows.size(), 1u);
  EXPECT_EQ(s.errorRows[0].row, 4);
}

TEST(BatchSummary, EmptyBatchHasNoFiguresButEveryGrade) {
  BatchSummary s = summarizeBatch(schema(), {});
  EXPECT_EQ(s.records, 0);
  EXPECT_FALSE(s.mean.has_value());
  EXPECT_FALSE(s.median.has_value());
  EXPECT_EQ(s.grades.size(), 4u);
  EXPECT_FALSE(s.indicators[0].averageRate.has_value());
  EXPECT_TRUE(s.losses.empty());
  std::ostringstream json, md, html;
  const std::vector<RecordResult> none;
  writeSummaryJson(json, schema(), none);
  writeSummaryMarkdown(md, schema(), none);
  writeSummaryHtml(html, schema(), none);
  EXPECT_TRUE(nlohmann::json::parse(json.str())["totals"]["mean"].is_null());
  EXPECT_NE(md.str().find("| 0 | 0 | 0 | — | — | — | — |"), std::string::npos) << md.str();
  EXPECT_NE(html.str().find("</html>"), std::string::npos);
}

TEST(BatchSummary, BuiltChunkByChunkEqualsBuiltAtOnce) {
  const ReportSchema sc = schema();
  const std::vector<RecordResult> all = batch();
  BatchSummaryBuilder builder(sc);
  builder.add(std::vector<RecordResult>(all.begin(), all.begin() + 2));
  builder.add(std::vector<RecordResult>(all.begin() + 2, all.end()));
  std::ostringstream chunked, whole;
  writeSummaryJson(chunked, sc, builder.finish());
  writeSummaryJson(whole, sc, all);
  EXPECT_EQ(chunked.str(), whole.str());
}

TEST(BatchSummary, JsonShape) {
  std::ostringstream out;
  writeSummaryJson(out, schema(), batch());
  nlohmann::json j = nlohmann::json::parse(out.str());
  EXPECT_EQ(j["ruleset"]["name"], "测试标准");
  EXPECT_EQ(j["records"], 4);
  EXPECT_EQ(j["scored"], 3);
  EXPECT_EQ(j["withErrors"], 1);
  EXPECT_EQ(j["totals"]["mean"], "8.03");  // rounded to the standard's 2 places
  EXPECT_EQ(j["totals"]["median"], "8.1");
  EXPECT_EQ(j["grades"][3], (nlohmann::json{{"grade", "差"}, {"count", 0}}));
  EXPECT_EQ(j["histogram"][2], (nlohmann::json{{"from", "9"}, {"to", "10"}, {"closed", true}, {"count", 1}}));
  EXPECT_EQ(j["ranking"][1]["rank"], 2);
  EXPECT_EQ(j["ranking"][1]["id"], "部门3");
  EXPECT_EQ(j["ranking"][1]["total"], "8.1");
  EXPECT_EQ(j["ranking"][1]["grade"], "良");
  EXPECT_EQ(j["ranking"][1]["losses"][0], (nlohmann::json{{"path", {"A", "A1"}}, {"loss", "1.5"}}));
  EXPECT_EQ(j["indicators"][2]["path"], (nlohmann::json{"A", "A2"}));
  EXPECT_EQ(j["indicators"][2]["averageRate"], "0.9");
  EXPECT_EQ(j["indicators"][2]["notApplicable"], 1);
  EXPECT_EQ(j["losses"][0]["path"], (nlohmann::json{"B"}));
  EXPECT_EQ(j["losses"][0]["totalLoss"], "3");
  EXPECT_EQ(j["errorRows"][0]["row"], 4);
  EXPECT_TRUE(j["errorRows"][0]["id"].is_null());
}

TEST(BatchSummary, MarkdownAndHtmlShowTheFigures) {
  std::ostringstream md, html;
  writeSummaryMarkdown(md, schema(), batch());
  writeSummaryHtml(html, schema(), batch());
  EXPECT_NE(md.str().find("| 4 | 3 | 1 | 7.00 | 9.00 | 8.03 | 8.10 |"), std::string::npos) << md.str();
  EXPECT_NE(md.str().find("| 差 | 0.00～6.00 | 0 | 0.00% |"), std::string::npos) << md.str();
  EXPECT_NE(md.str().find("| 1 | B | 4.00 | 3.00 | 1.00 | 3 |"), std::string::npos) << md.str();  // the top loss
  EXPECT_NE(md.str().find("| 　A2 | 2.00 | 1.80 | 90.00% | 2 | 1 |"), std::string::npos) << md.str();
  const std::string h = html.str();
  EXPECT_NE(h.find("<b>8.03</b>"), std::string::npos);
  EXPECT_NE(h.find("等级分布"), std::string::npos);
  EXPECT_NE(h.find("总分分布"), std::string::npos);
  EXPECT_NE(h.find("一级指标平均得分率"), std::string::npos);
  EXPECT_EQ(h.find("http"), std::string::npos);
  EXPECT_NE(h.find("第4行：列“B”的值“abc”不是数"), std::string::npos);
}

// Buckets of a round width fitted to the totals; a full score closes the last
// bucket rather than opening [100, 105).
TEST(BatchSummary, HistogramFitsTheTotals) {
  const std::vector<Decimal> totals = {d("62"), d("71.5"), d("78"), d("86.5"), d("93"), d("100")};
  std::vector<HistogramBucket> h = fittedHistogram(d("100"), totals);
  // Six totals: at most four buckets (⌈log₂ 6⌉ + 1). 62 to 100 spans 38分: widths
  // up to 5 need more; 10 gives four from 60, the last closing at 100.
  ASSERT_EQ(h.size(), 4u);
  EXPECT_EQ(toString(h[0].from), "60");
  EXPECT_EQ(toString(h[0].to), "70");
  EXPECT_EQ(bucketLabel(h[0], 2), "[60.00, 70.00)");
  EXPECT_EQ(bucketLabel(h[3], 2), "[90.00, 100.00]");
  EXPECT_TRUE(h[3].closed);
  const int expected[] = {1, 2, 1, 2};  // 62; 71.5 78; 86.5; 93 100
  for (size_t i = 0; i < h.size(); ++i) EXPECT_EQ(h[i].count, expected[i]) << i;
  // Forty totals from 60.5 to 99.5 (one a point): seven buckets at most; 5分 would need eight, so 10分 from 60.
  std::vector<Decimal> many;
  for (int i = 0; i < 40; ++i) many.push_back(Decimal::fromRaw(Decimal::kOne * 605 / 10 + Decimal::kOne * i));
  h = fittedHistogram(d("100"), many);
  ASSERT_EQ(h.size(), 4u);
  EXPECT_EQ(h[0].count, 10);
  EXPECT_EQ(h[3].count, 10);
  // Everyone at full marks: [99.5, 100], not [100, 100.5).
  h = fittedHistogram(d("100"), {d("100"), d("100")});
  ASSERT_EQ(h.size(), 1u);
  EXPECT_EQ(bucketLabel(h[0], 2), "[99.50, 100.00]");
  EXPECT_EQ(h[0].count, 2);
  // A standard of 75分: the last bucket stops at 75 and includes it.
  h = fittedHistogram(d("75"), {d("52"), d("75"), d("61"), d("68")});
  ASSERT_EQ(h.size(), 3u);
  EXPECT_EQ(bucketLabel(h[2], 2), "[70.00, 75.00]");
  EXPECT_EQ(h[2].count, 1);
  EXPECT_TRUE(fittedHistogram(d("100"), {}).empty());
  // Everyone at 80: one bucket [80, 80.5).
  h = fittedHistogram(d("100"), {d("80"), d("80")});
  ASSERT_EQ(h.size(), 1u);
  EXPECT_EQ(h[0].count, 2);
}

// Equal totals share a rank, and the next rank skips (1, 2, 2, 4).
TEST(BatchSummary, EqualTotalsShareARank) {
  std::vector<RecordResult> rs = {record(1, "4", "2", "2", "8", "良"), record(2, "4", "2", "3", "9", "优"),
                                  record(3, "3", "2", "3", "8", "良"), record(4, "2", "2", "3", "7", "中")};
  BatchSummary s = summarizeBatch(schema(), rs);
  ASSERT_EQ(s.ranking.size(), 4u);
  EXPECT_EQ(s.ranking[0].row, 2);
  EXPECT_EQ(s.ranking[0].rank, 1);
  EXPECT_EQ(s.ranking[1].row, 1);  // ties keep the data's order
  EXPECT_EQ(s.ranking[1].rank, 2);
  EXPECT_EQ(s.ranking[2].row, 3);
  EXPECT_EQ(s.ranking[2].rank, 2);
  EXPECT_EQ(s.ranking[3].rank, 4);
}

// A row whose indicator B faulted has a provisional total (A's 5 only): it
// is counted as incomplete, listed with its error, and kept out of every
// figure, so 5 does not become the minimum (issue 17).
TEST(BatchSummary, IncompleteRowsAreCountedButNotInTheFigures) {
  std::vector<RecordResult> rs = batch();
  RecordResult partial = record(5, "3", "2", "0", "5", "");
  partial.ok = false;
  partial.incomplete = true;
  partial.evaluated = true;
  partial.nodes[3].status = NodeStatus::Failed;
  partial.nodes[3].errors = {"得分4.5超出[0, 4]"};
  partial.errors = {"第5行，指标“B”：得分4.5超出[0, 4]"};
  partial.incompleteReasons = {"指标“B”未能计分（得分4.5超出[0, 4]）"};
  rs.push_back(partial);
  BatchSummary s = summarizeBatch(schema(), rs);
  EXPECT_EQ(s.records, 5);
  EXPECT_EQ(s.scored, 3);
  EXPECT_EQ(s.withErrors, 2);
  EXPECT_EQ(s.incomplete, 1);
  EXPECT_EQ(toString(*s.min), "7");
  ASSERT_EQ(s.errorRows.size(), 2u);
  EXPECT_EQ(s.errorRows[1].row, 5);
  std::ostringstream json, md, html;
  writeSummaryJson(json, schema(), rs);
  EXPECT_EQ(nlohmann::json::parse(json.str())["incomplete"], 1);
  writeSummaryMarkdown(md, schema(), rs);
  EXPECT_NE(md.str().find("有错误的部门中，1个有指标出错，其余指标已计分，总分不完整、等级待定，不计入以下统计。"), std::string::npos) << md.str();
  writeSummaryHtml(html, schema(), rs);
  EXPECT_NE(html.str().find("未能计分的部门中，1个有指标出错"), std::string::npos);
}

}  // namespace
}  // namespace defen

#include "compiler/sema/intervals.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

namespace defen::sema {
namespace {

Decimal d(const char* text) {
  auto parsed = Decimal::parse(text);
  EXPECT_TRUE(parsed.has_value()) << text;
  return parsed.value_or(Decimal());
}

// Shorthands for writing band tables the way rule texts state them.
Interval closedClosed(const char* lo, const char* hi) { return {Bound::at(d(lo), true), Bound::at(d(hi), true)}; }
Interval closedOpen(const char* lo, const char* hi) { return {Bound::at(d(lo), true), Bound::at(d(hi), false)}; }
Interval openClosed(const char* lo, const char* hi) { return {Bound::at(d(lo), false), Bound::at(d(hi), true)}; }
Interval openOpen(const char* lo, const char* hi) { return {Bound::at(d(lo), false), Bound::at(d(hi), false)}; }
Interval atLeast(const char* lo) { return {Bound::at(d(lo), true), Bound::unbounded()}; }
Interval above(const char* lo) { return {Bound::at(d(lo), false), Bound::unbounded()}; }
Interval below(const char* hi) { return {Bound::unbounded(), Bound::at(d(hi), false)}; }
Interval atMost(const char* hi) { return {Bound::unbounded(), Bound::at(d(hi), true)}; }
Interval point(const char* v) { return Interval::point(d(v)); }

std::string percent(Decimal v) {
  Decimal scaled;
  EXPECT_EQ(checkedMul(v, Decimal::fromInt(100), scaled), DecimalStatus::Ok);
  return toString(scaled) + "%";
}

std::string plain(Decimal v) { return toString(v); }

std::vector<std::string> formatAll(const std::vector<Interval>& intervals,
                                   const std::function<std::string(Decimal)>& formatValue) {
  std::vector<std::string> out;
  for (const Interval& i : intervals) out.push_back(formatInterval(i, formatValue));
  return out;
}

using Strings = std::vector<std::string>;
using Indices = std::vector<size_t>;

// ---------------------------------------------------------------------------
// Interval basics

TEST(IntervalTest, IsEmpty) {
  EXPECT_FALSE(Interval::all().isEmpty());
  EXPECT_FALSE(atLeast("5").isEmpty());
  EXPECT_FALSE(below("-5").isEmpty());
  EXPECT_FALSE(point("3").isEmpty());
  EXPECT_FALSE(closedOpen("1", "2").isEmpty());
  EXPECT_FALSE(openOpen("1", "1.000000000000000001").isEmpty());  // holds reals, though no decimal of scale 18
  EXPECT_TRUE(openClosed("3", "3").isEmpty());
  EXPECT_TRUE(closedOpen("3", "3").isEmpty());
  EXPECT_TRUE(openOpen("3", "3").isEmpty());
  EXPECT_TRUE(closedClosed("5", "4").isEmpty());
}

TEST(IntervalTest, Contains) {
  const Interval band = closedOpen("0.8", "0.9");
  EXPECT_TRUE(band.contains(d("0.8")));
  EXPECT_TRUE(band.contains(d("0.85")));
  EXPECT_FALSE(band.contains(d("0.9")));
  EXPECT_FALSE(band.contains(d("0.79")));

  EXPECT_TRUE(openClosed("0", "0.1").contains(d("0.1")));
  EXPECT_FALSE(openClosed("0", "0.1").contains(d("0")));
  EXPECT_TRUE(below("0.7").contains(d("-1000000")));
  EXPECT_FALSE(below("0.7").contains(d("0.7")));
  EXPECT_TRUE(atLeast("0.9").contains(d("0.9")));
  EXPECT_TRUE(Interval::all().contains(d("-3.5")));
  EXPECT_TRUE(point("1").contains(d("1")));
  EXPECT_FALSE(point("1").contains(d("1.000000000000000001")));
  EXPECT_FALSE(closedClosed("5", "4").contains(d("4.5")));
}

TEST(IntervalTest, Intersect) {
  // Later start, earlier end; at equal values the open side wins.
  EXPECT_EQ(formatInterval(closedClosed("0", "10").intersect(openOpen("5", "20")), plain), "(5, 10]");
  EXPECT_EQ(formatInterval(closedOpen("0", "5").intersect(closedClosed("0", "5")), plain), "[0, 5)");
  EXPECT_EQ(formatInterval(openClosed("0", "5").intersect(closedClosed("0", "5")), plain), "(0, 5]");
  EXPECT_EQ(formatInterval(below("0.7").intersect(atLeast("0")), plain), "[0, 0.7)");
  EXPECT_EQ(formatInterval(Interval::all().intersect(Interval::all()), plain), "(-∞, +∞)");
  EXPECT_EQ(formatInterval(closedClosed("3", "5").intersect(atLeast("5")), plain), "5");

  // Touching at an excluded end, or disjoint: empty.
  EXPECT_TRUE(closedOpen("0.8", "0.9").intersect(closedOpen("0.9", "1")).isEmpty());
  EXPECT_TRUE(below("0").intersect(atLeast("0")).isEmpty());
  EXPECT_TRUE(closedClosed("1", "2").intersect(closedClosed("3", "4")).isEmpty());
}

TEST(IntervalTest, AsPoint) {
  ASSERT_TRUE(point("5").asPoint().has_value());
  EXPECT_EQ(*point("5").asPoint(), d("5"));
  EXPECT_FALSE(closedOpen("5", "5").asPoint().has_value());
  EXPECT_FALSE(closedClosed("5", "6").asPoint().has_value());
  EXPECT_FALSE(atLeast("5").asPoint().has_value());
  EXPECT_FALSE(Interval::all().asPoint().has_value());
}

TEST(IntervalTest, Format) {
  EXPECT_EQ(formatInterval(closedOpen("0.9", "1"), percent), "[90%, 100%)");
  EXPECT_EQ(formatInterval(openClosed("0", "0.1"), percent), "(0%, 10%]");
  EXPECT_EQ(formatInterval(above("1"), percent), "(100%, +∞)");
  EXPECT_EQ(formatInterval(atLeast("1"), percent), "[100%, +∞)");
  EXPECT_EQ(formatInterval(below("0.7"), percent), "(-∞, 70%)");
  EXPECT_EQ(formatInterval(atMost("0.7"), percent), "(-∞, 70%]");
  EXPECT_EQ(formatInterval(Interval::all(), percent), "(-∞, +∞)");
  EXPECT_EQ(formatInterval(point("5"), plain), "5");
  EXPECT_EQ(formatInterval(openClosed("3", "3"), plain), "∅");
  EXPECT_EQ(formatInterval(closedClosed("5", "4"), plain), "∅");
}

// ---------------------------------------------------------------------------
// Coverage over reals

// 支出完成率: =100% 3分; [90%,100%) …; <70% 0分. Over-spending (>100%) is
// not scored by any band.
TEST(CoverageTest, SpendingRateMissesAboveHundredPercent) {
  const std::vector<Interval> bands = {point("1"), closedOpen("0.9", "1"), closedOpen("0.8", "0.9"),
                                       closedOpen("0.7", "0.8"), below("0.7")};
  const Coverage c = analyzeCoverage(bands, atLeast("0"), false);
  EXPECT_EQ(formatAll(c.gaps, percent), Strings({"(100%, +∞)"}));
  EXPECT_TRUE(c.overlaps.empty());
  EXPECT_TRUE(c.unreachable.empty());
}

// Lower is better (e.g. 成本超支率): =0, (0,10%], (10%,20%], (20%,30%], >30%.
TEST(CoverageTest, LowerIsBetterTableIsComplete) {
  const std::vector<Interval> bands = {point("0"), openClosed("0", "0.1"), openClosed("0.1", "0.2"),
                                       openClosed("0.2", "0.3"), above("0.3")};
  const Coverage c = analyzeCoverage(bands, atLeast("0"), false);
  EXPECT_TRUE(c.gaps.empty());
  EXPECT_TRUE(c.overlaps.empty());
  EXPECT_TRUE(c.unreachable.empty());
}

// Higher is better: ≥90%, [80%,90%), [70%,80%), [60%,70%), <60%.
TEST(CoverageTest, HigherIsBetterTableIsComplete) {
  const std::vector<Interval> bands = {atLeast("0.9"), closedOpen("0.8", "0.9"), closedOpen("0.7", "0.8"),
                                       closedOpen("0.6", "0.7"), below("0.6")};
  for (const Interval& domain : {Interval::all(), atLeast("0"), closedClosed("0", "1")}) {
    const Coverage c = analyzeCoverage(bands, domain, false);
    EXPECT_TRUE(c.gaps.empty()) << formatInterval(domain, percent);
    EXPECT_TRUE(c.overlaps.empty()) << formatInterval(domain, percent);
    EXPECT_TRUE(c.unreachable.empty()) << formatInterval(domain, percent);
  }
}

// "80%≤结果<90%" followed by "90%<结果≤100%": exactly 90% scores nothing.
TEST(CoverageTest, MissingSinglePointIsReportedAsPoint) {
  const std::vector<Interval> bands = {openClosed("0.9", "1"), closedOpen("0.8", "0.9"), below("0.8")};
  const Coverage c = analyzeCoverage(bands, closedClosed("0", "1"), false);
  ASSERT_EQ(c.gaps.size(), 1u);
  EXPECT_EQ(formatInterval(c.gaps[0], percent), "90%");
  ASSERT_TRUE(c.gaps[0].asPoint().has_value());
  EXPECT_EQ(*c.gaps[0].asPoint(), d("0.9"));
  EXPECT_TRUE(c.overlaps.empty());
  EXPECT_TRUE(c.unreachable.empty());
}

TEST(CoverageTest, GapsAreMaximalAndSortedWhateverTheBandOrder) {
  const std::vector<Interval> bands = {closedClosed("5", "6"), closedClosed("2", "3")};
  const Coverage c = analyzeCoverage(bands, closedClosed("0", "10"), false);
  EXPECT_EQ(formatAll(c.gaps, plain), Strings({"[0, 2)", "(3, 5)", "(6, 10]"}));
  EXPECT_TRUE(c.overlaps.empty());
  EXPECT_TRUE(c.unreachable.empty());
}

TEST(CoverageTest, OverlappingBandsMergeIntoOneCoveredStretch) {
  // [0,0.5] and [0.4,0.8) overlap; together with [0.8,1] they cover [0,1].
  const std::vector<Interval> bands = {closedClosed("0", "0.5"), closedOpen("0.4", "0.8"), closedClosed("0.8", "1")};
  const Coverage c = analyzeCoverage(bands, Interval::all(), false);
  EXPECT_EQ(formatAll(c.gaps, percent), Strings({"(-∞, 0%)", "(100%, +∞)"}));
  ASSERT_EQ(c.overlaps.size(), 1u);
  EXPECT_EQ(c.overlaps[0].first, 0u);
  EXPECT_EQ(c.overlaps[0].second, 1u);
  EXPECT_EQ(formatInterval(c.overlaps[0].where, percent), "[40%, 50%]");
  EXPECT_TRUE(c.unreachable.empty());
}

TEST(CoverageTest, OverlapsListEveryPairInOrder) {
  const std::vector<Interval> bands = {closedClosed("0", "10"), closedClosed("5", "15"), closedClosed("8", "20")};
  const Coverage c = analyzeCoverage(bands, Interval::all(), false);
  ASSERT_EQ(c.overlaps.size(), 3u);
  EXPECT_EQ(c.overlaps[0].first, 0u);
  EXPECT_EQ(c.overlaps[0].second, 1u);
  EXPECT_EQ(formatInterval(c.overlaps[0].where, plain), "[5, 10]");
  EXPECT_EQ(c.overlaps[1].first, 0u);
  EXPECT_EQ(c.overlaps[1].second, 2u);
  EXPECT_EQ(formatInterval(c.overlaps[1].where, plain), "[8, 10]");
  EXPECT_EQ(c.overlaps[2].first, 1u);
  EXPECT_EQ(c.overlaps[2].second, 2u);
  EXPECT_EQ(formatInterval(c.overlaps[2].where, plain), "[8, 15]");
  EXPECT_TRUE(c.unreachable.empty());
}

// [50%,60%) after "<70%" can never fire: the first band already took it.
TEST(CoverageTest, BandShadowedByEarlierBandIsUnreachable) {
  const std::vector<Interval> bands = {atLeast("0.7"), below("0.7"), closedOpen("0.5", "0.6")};
  const Coverage c = analyzeCoverage(bands, atLeast("0"), false);
  EXPECT_TRUE(c.gaps.empty());
  EXPECT_EQ(c.unreachable, Indices({2}));
  ASSERT_EQ(c.overlaps.size(), 1u);
  EXPECT_EQ(c.overlaps[0].first, 1u);
  EXPECT_EQ(c.overlaps[0].second, 2u);
  EXPECT_EQ(formatInterval(c.overlaps[0].where, percent), "[50%, 60%)");
}

TEST(CoverageTest, BandCoveredOnlyByUnionOfEarlierBandsIsUnreachable) {
  // Neither [0,0.5] nor (0.5,1] alone covers [0.3,0.7], together they do.
  const std::vector<Interval> bands = {closedClosed("0", "0.5"), openClosed("0.5", "1"), closedClosed("0.3", "0.7")};
  const Coverage c = analyzeCoverage(bands, closedClosed("0", "1"), false);
  EXPECT_EQ(c.unreachable, Indices({2}));
  EXPECT_EQ(c.overlaps.size(), 2u);
  EXPECT_TRUE(c.gaps.empty());
}

TEST(CoverageTest, LaterBandThatStillAddsValuesIsReachable) {
  // The later band overlaps the earlier one but also covers (0.5, 0.6].
  const std::vector<Interval> bands = {closedClosed("0", "0.5"), closedClosed("0.4", "0.6")};
  const Coverage c = analyzeCoverage(bands, closedClosed("0", "0.6"), false);
  EXPECT_TRUE(c.unreachable.empty());
  EXPECT_TRUE(c.gaps.empty());
  ASSERT_EQ(c.overlaps.size(), 1u);
}

TEST(CoverageTest, PointExcludedByEarlierBandLeavesLaterBandReachable) {
  // [0.9, 1) then [0.9, 1]: the later one still has exactly 100%.
  const std::vector<Interval> bands = {closedOpen("0.9", "1"), closedClosed("0.9", "1")};
  const Coverage c = analyzeCoverage(bands, closedClosed("0.9", "1"), false);
  EXPECT_TRUE(c.unreachable.empty());
  EXPECT_TRUE(c.gaps.empty());
}

TEST(CoverageTest, BandOutsideDomainIsUnreachable) {
  // "<0" over a rate that cannot be negative.
  const std::vector<Interval> bands = {below("0"), atLeast("0")};
  const Coverage c = analyzeCoverage(bands, atLeast("0"), false);
  EXPECT_EQ(c.unreachable, Indices({0}));
  EXPECT_TRUE(c.overlaps.empty());
  EXPECT_TRUE(c.gaps.empty());
}

TEST(CoverageTest, OverlapsAreCountedOnlyWithinDomain) {
  // The bands share [-1, 0), which the domain excludes.
  const std::vector<Interval> bands = {below("0"), closedOpen("-1", "0"), atLeast("0")};
  const Coverage c = analyzeCoverage(bands, atLeast("0"), false);
  EXPECT_TRUE(c.overlaps.empty());
  EXPECT_EQ(c.unreachable, Indices({0, 1}));
}

TEST(CoverageTest, NoBandsLeavesWholeDomainAsGap) {
  EXPECT_EQ(formatAll(analyzeCoverage({}, closedOpen("0", "1"), false).gaps, percent), Strings({"[0%, 100%)"}));
  EXPECT_EQ(formatAll(analyzeCoverage({}, Interval::all(), false).gaps, plain), Strings({"(-∞, +∞)"}));
  EXPECT_EQ(formatAll(analyzeCoverage({}, atLeast("0"), true).gaps, plain), Strings({"[0, +∞)"}));
}

TEST(CoverageTest, EmptyDomainHasNoGapsAndEveryBandIsUnreachable) {
  const std::vector<Interval> bands = {Interval::all(), atLeast("0")};
  const Coverage c = analyzeCoverage(bands, openOpen("1", "1"), false);
  EXPECT_TRUE(c.gaps.empty());
  EXPECT_TRUE(c.overlaps.empty());
  EXPECT_EQ(c.unreachable, Indices({0, 1}));

  const Coverage none = analyzeCoverage({}, closedClosed("2", "1"), false);
  EXPECT_TRUE(none.gaps.empty());
  EXPECT_TRUE(none.overlaps.empty());
  EXPECT_TRUE(none.unreachable.empty());
}

// ---------------------------------------------------------------------------
// Coverage over integers (counts)

// 次数: [3,5] and ≥5, counted from 0: 0–2 scores nothing, 5 scores twice.
TEST(IntegerCoverageTest, CountTableOverlapAtFiveAndGapBelowThree) {
  const std::vector<Interval> bands = {closedClosed("3", "5"), atLeast("5")};
  const Coverage c = analyzeCoverage(bands, atLeast("0"), true);
  EXPECT_EQ(formatAll(c.gaps, plain), Strings({"[0, 2]"}));
  ASSERT_EQ(c.overlaps.size(), 1u);
  EXPECT_EQ(c.overlaps[0].first, 0u);
  EXPECT_EQ(c.overlaps[0].second, 1u);
  EXPECT_EQ(formatInterval(c.overlaps[0].where, plain), "5");
  EXPECT_TRUE(c.unreachable.empty());
}

TEST(IntegerCoverageTest, AdjacentIntegerBandsLeaveNoGap) {
  // (2, 3) holds no count, so [0,2], [3,5], ≥6 is complete over integers
  // while over reals it has holes.
  const std::vector<Interval> bands = {closedClosed("0", "2"), closedClosed("3", "5"), atLeast("6")};
  const Coverage integers = analyzeCoverage(bands, atLeast("0"), true);
  EXPECT_TRUE(integers.gaps.empty());
  EXPECT_TRUE(integers.overlaps.empty());
  EXPECT_TRUE(integers.unreachable.empty());

  const Coverage reals = analyzeCoverage(bands, atLeast("0"), false);
  EXPECT_EQ(formatAll(reals.gaps, plain), Strings({"(2, 3)", "(5, 6)"}));
}

TEST(IntegerCoverageTest, FractionalBoundsAreNarrowedToIntegers) {
  // (2.5, 5) holds 3 and 4 only.
  const std::vector<Interval> bands = {openOpen("2.5", "5"), openOpen("2.5", "5")};
  const Coverage c = analyzeCoverage(bands, Interval::all(), true);
  ASSERT_EQ(c.overlaps.size(), 1u);
  EXPECT_EQ(formatInterval(c.overlaps[0].where, plain), "[3, 4]");
  EXPECT_EQ(formatAll(c.gaps, plain), Strings({"(-∞, 2]", "[5, +∞)"}));
  EXPECT_EQ(c.unreachable, Indices({1}));
}

TEST(IntegerCoverageTest, NarrowingRoundsTowardTheInsideForNegativeBounds) {
  // Closed ends on fractions: [-2.5, -0.5] holds -2 and -1.
  const Coverage closed = analyzeCoverage({closedClosed("-2.5", "-0.5")}, closedClosed("-5", "5"), true);
  EXPECT_EQ(formatAll(closed.gaps, plain), Strings({"[-5, -3]", "[0, 5]"}));
  // Open ends on integers exclude them: (-3, 0) holds -2 and -1.
  const Coverage open = analyzeCoverage({openOpen("-3", "0")}, closedClosed("-5", "5"), true);
  EXPECT_EQ(formatAll(open.gaps, plain), Strings({"[-5, -3]", "[0, 5]"}));
}

TEST(IntegerCoverageTest, DomainIsNarrowedToo) {
  // Counts in (0.5, 3.5) are 1..3; a band ≥ 1 covers them all.
  const Coverage c = analyzeCoverage({atLeast("1")}, openOpen("0.5", "3.5"), true);
  EXPECT_TRUE(c.gaps.empty());
  const Coverage partial = analyzeCoverage({atLeast("2")}, openOpen("0.5", "3.5"), true);
  EXPECT_EQ(formatAll(partial.gaps, plain), Strings({"1"}));
}

TEST(IntegerCoverageTest, BandWithoutIntegersIsUnreachable) {
  const std::vector<Interval> bands = {closedClosed("0", "2"), openOpen("2", "3"), atLeast("3")};
  EXPECT_EQ(analyzeCoverage(bands, atLeast("0"), true).unreachable, Indices({1}));
  EXPECT_TRUE(analyzeCoverage(bands, atLeast("0"), false).unreachable.empty());
}

TEST(IntegerCoverageTest, BandCoveredByEarlierIntegerPointsIsUnreachable) {
  // {3} and {4} leave nothing of [3, 4] over integers, but (3, 4) over reals.
  const std::vector<Interval> bands = {point("3"), point("4"), closedClosed("3", "4")};
  EXPECT_EQ(analyzeCoverage(bands, Interval::all(), true).unreachable, Indices({2}));
  EXPECT_TRUE(analyzeCoverage(bands, Interval::all(), false).unreachable.empty());
}

TEST(IntegerCoverageTest, DomainWithoutIntegersIsEmpty) {
  const std::vector<Interval> bands = {Interval::all()};
  const Coverage c = analyzeCoverage(bands, openOpen("0.2", "0.8"), true);
  EXPECT_TRUE(c.gaps.empty());
  EXPECT_TRUE(c.overlaps.empty());
  EXPECT_EQ(c.unreachable, Indices({0}));
}

TEST(IntegerCoverageTest, HugeBoundsDoNotOverflow) {
  // Bounds near the edge of the representable range narrow without wrapping.
  const Decimal max = Decimal::fromRaw(std::numeric_limits<Decimal::Raw>::max());
  const Decimal min = Decimal::fromRaw(std::numeric_limits<Decimal::Raw>::min() + 1);
  const Interval beyondLastInteger{Bound::at(max, false), Bound::unbounded()};
  const Interval beforeFirstInteger{Bound::unbounded(), Bound::at(min, false)};
  const Coverage c = analyzeCoverage({beyondLastInteger, beforeFirstInteger}, Interval::all(), true);
  EXPECT_EQ(c.unreachable, Indices({0, 1}));
  EXPECT_EQ(c.gaps.size(), 1u);
}

}  // namespace
}  // namespace defen::sema

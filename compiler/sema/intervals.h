// Intervals over exact decimals and the coverage analysis of band tables.
//
// A band table ("结果≥90%得3分；80%≤结果<90%得2分…") is a list of intervals of
// its subject. The checker asks: over the subject's domain, which values no
// band covers (gaps), which values two bands both cover (overlaps), and which
// bands can never fire (unreachable: empty within the domain, or wholly covered
// by earlier bands). Counts are integers, so over an integer domain (2, 3) is
// no gap and [3,5] and [5,+∞) overlap exactly at 5.
#pragma once

#include "compiler/ir/interval.h"
#include "compiler/core/decimal.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace defen::sema {

// The program's intervals (compiler/ir/interval.h), under the names the checks use.
using Bound = ir::Bound;
using Interval = ir::Interval;

struct Overlap {
  size_t first = 0;   // index of the earlier band
  size_t second = 0;  // index of the later band
  Interval where;     // the values both cover (within the domain)
};

struct Coverage {
  std::vector<Interval> gaps;     // maximal, sorted ascending, within the domain
  std::vector<Overlap> overlaps;  // one per pair of bands that share values, in (first, second) order
  std::vector<size_t> unreachable;  // bands empty within the domain or covered by earlier bands
};

// Analyses `bands` over `domain`. With integerDomain, only integers count:
// every interval is first narrowed to the integers it holds (e.g. (2.5, 5) →
// [3, 4]) and a gap or overlap is reported as integer intervals ([0, 2]) or
// points (5). The domain itself may have infinite ends.
Coverage analyzeCoverage(const std::vector<Interval>& bands, const Interval& domain, bool integerDomain);

// Interval arithmetic for the checks that follow values through a formula
// (domain.cpp, check_score_range.cpp): an overflowing end becomes infinite,
// so the result only ever widens.
Interval sumOf(const Interval& a, const Interval& b);
Interval negated(const Interval& x);
// [0, +∞), and whether an interval lies within it.
Interval nonNegativeHalf();
bool nonNegative(const Interval& x);
// a × b for two non-negative intervals (both ends multiplied; an overflow leaves that end open).
Interval productOfNonNegatives(const Interval& a, const Interval& b);

using ir::formatInterval;

}  // namespace defen::sema

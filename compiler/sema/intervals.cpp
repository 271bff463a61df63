#include "compiler/sema/intervals.h"

#include <algorithm>
#include <limits>

namespace defen::sema {

namespace {

using Raw = Decimal::Raw;

using ir::compareLower;
using ir::compareUpper;

// The upper bound of everything strictly below where `lower` starts: [v → v),
// (v → v]. Meaningless for -∞ (nothing lies below it); callers check.
Bound upperJustBefore(const Bound& lower) { return Bound::at(lower.value, !lower.closed); }

// The lower bound of everything strictly above where `upper` ends: v] → (v,
// v) → [v. Meaningless for +∞ (nothing lies above it); callers check.
Bound lowerJustAfter(const Bound& upper) { return Bound::at(upper.value, !upper.closed); }

// A canonical empty interval, for when narrowing finds no integer at all.
Interval emptyInterval() { return {Bound::at(Decimal(), false), Bound::at(Decimal(), false)}; }

// Integer part of raw / kOne rounded toward -∞ (C++ division truncates).
Raw floorUnits(Raw raw) {
  Raw q = raw / Decimal::kOne;
  if (raw % Decimal::kOne < 0) --q;
  return q;
}

// Integer part of raw / kOne rounded toward +∞.
Raw ceilUnits(Raw raw) {
  Raw q = raw / Decimal::kOne;
  if (raw % Decimal::kOne > 0) ++q;
  return q;
}

// The integers whose Decimal representation exists; a bound beyond them
// means the interval holds no representable integer on that side.
constexpr Raw kMaxUnits = std::numeric_limits<Raw>::max() / Decimal::kOne;
constexpr Raw kMinUnits = std::numeric_limits<Raw>::min() / Decimal::kOne;

// Narrows an interval to the integers it holds, as a closed interval with
// integer ends (infinite ends stay infinite). The result may be empty.
Interval narrowToIntegers(const Interval& in) {
  if (in.isEmpty()) return in;
  Interval out = in;
  if (!in.lower.infinite) {
    const Raw raw = in.lower.value.raw();
    // Smallest integer ≥ v (closed) or > v (open).
    const Raw units = in.lower.closed ? ceilUnits(raw) : floorUnits(raw) + 1;
    if (units > kMaxUnits) return emptyInterval();
    out.lower = Bound::at(Decimal::fromRaw(units * Decimal::kOne), true);
  }
  if (!in.upper.infinite) {
    const Raw raw = in.upper.value.raw();
    // Largest integer ≤ v (closed) or < v (open).
    const Raw units = in.upper.closed ? floorUnits(raw) : ceilUnits(raw) - 1;
    if (units < kMinUnits) return emptyInterval();
    out.upper = Bound::at(Decimal::fromRaw(units * Decimal::kOne), true);
  }
  return out;
}

// The parts of `target` covered by none of `covers`, as maximal intervals
// sorted ascending (over the reals). Empty covers are ignored.
std::vector<Interval> uncovered(const Interval& target, std::vector<Interval> covers) {
  std::vector<Interval> pieces;
  if (target.isEmpty()) return pieces;

  std::erase_if(covers, [](const Interval& c) { return c.isEmpty(); });
  std::sort(covers.begin(), covers.end(),
            [](const Interval& a, const Interval& b) { return compareLower(a.lower, b.lower) < 0; });

  // Sweep left to right: everything of `target` before `cursor` is already
  // accounted for (either reported as a gap or covered).
  Bound cursor = target.lower;
  for (const Interval& cover : covers) {
    if (!cover.lower.infinite) {
      // The stretch from the cursor up to where this cover starts is uncovered
      // (the sort guarantees no later cover starts earlier).
      Interval gap = Interval{cursor, upperJustBefore(cover.lower)}.intersect(target);
      if (!gap.isEmpty()) pieces.push_back(gap);
    }
    if (cover.upper.infinite) return pieces;  // covered up to +∞: nothing remains
    Bound after = lowerJustAfter(cover.upper);
    if (compareLower(after, cursor) > 0) cursor = after;
  }
  Interval tail{cursor, target.upper};
  if (!tail.isEmpty()) pieces.push_back(tail);
  return pieces;
}

// `uncovered`, restricted to integers when asked. The covers are already
// integer-closed in that case, so between two real pieces there is always a
// covered integer and the narrowed pieces stay maximal without merging.
std::vector<Interval> uncovered(const Interval& target, std::vector<Interval> covers, bool integerDomain) {
  std::vector<Interval> pieces = uncovered(target, std::move(covers));
  if (!integerDomain) return pieces;
  std::vector<Interval> narrowed;
  for (const Interval& piece : pieces) {
    Interval n = narrowToIntegers(piece);
    if (!n.isEmpty()) narrowed.push_back(n);
  }
  return narrowed;
}

}  // namespace

Coverage analyzeCoverage(const std::vector<Interval>& bands, const Interval& domain, bool integerDomain) {
  const Interval effectiveDomain = integerDomain ? narrowToIntegers(domain) : domain;

  // Every band as it acts within the domain. Narrowing after intersecting
  // keeps integer-closed ends even when the raw band has fractional bounds.
  std::vector<Interval> effective;
  effective.reserve(bands.size());
  for (const Interval& band : bands) {
    Interval within = band.intersect(effectiveDomain);
    effective.push_back(integerDomain ? narrowToIntegers(within) : within);
  }

  Coverage result;
  result.gaps = uncovered(effectiveDomain, effective, integerDomain);

  for (size_t i = 0; i < effective.size(); ++i) {
    for (size_t j = i + 1; j < effective.size(); ++j) {
      Interval common = effective[i].intersect(effective[j]);
      if (!common.isEmpty()) result.overlaps.push_back(Overlap{i, j, common});
    }
  }

  // A band is unreachable when nothing of it is left after the earlier bands
  // (first match wins); an empty band trivially has nothing left.
  for (size_t j = 0; j < effective.size(); ++j) {
    std::vector<Interval> earlier(effective.begin(), effective.begin() + static_cast<std::ptrdiff_t>(j));
    if (uncovered(effective[j], std::move(earlier), integerDomain).empty()) result.unreachable.push_back(j);
  }
  return result;
}

namespace {

Bound boundSum(const Bound& a, const Bound& b) {
  if (a.infinite || b.infinite) return Bound::unbounded();
  Decimal out;
  if (checkedAdd(a.value, b.value, out) != DecimalStatus::Ok) return Bound::unbounded();
  return Bound::at(out, a.closed && b.closed);
}

Bound boundNegated(const Bound& b) {
  if (b.infinite) return b;
  Decimal out;
  checkedNeg(b.value, out);
  return Bound::at(out, b.closed);
}

}  // namespace

Interval sumOf(const Interval& a, const Interval& b) { return Interval{boundSum(a.lower, b.lower), boundSum(a.upper, b.upper)}; }

Interval negated(const Interval& x) { return Interval{boundNegated(x.upper), boundNegated(x.lower)}; }

Interval nonNegativeHalf() { return Interval{Bound::at(Decimal::zero(), true), Bound::unbounded()}; }

bool nonNegative(const Interval& x) { return !x.lower.infinite && x.lower.value >= Decimal::zero(); }

Interval productOfNonNegatives(const Interval& a, const Interval& b) {
  Interval out = nonNegativeHalf();
  Decimal lo;
  if (checkedMul(a.lower.value, b.lower.value, lo) == DecimalStatus::Ok) out.lower = Bound::at(lo, a.lower.closed && b.lower.closed);
  if (!a.upper.infinite && !b.upper.infinite) {
    Decimal hi;
    if (checkedMul(a.upper.value, b.upper.value, hi) == DecimalStatus::Ok) out.upper = Bound::at(hi, a.upper.closed && b.upper.closed);
  }
  return out;
}

}  // namespace defen::sema

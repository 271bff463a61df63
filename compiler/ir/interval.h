// Intervals over exact decimals: band cases, declared 范围 and 通常, review
// tiers and grades are written as intervals. The program (ir.h) holds them;
// the checker's analyses over them (coverage, interval arithmetic) stay in
// compiler/sema/intervals.h.
#pragma once

#include "compiler/core/decimal.h"

#include <compare>
#include <functional>
#include <optional>
#include <string>

namespace defen::ir {

struct Bound {
  bool infinite = true;  // -∞ for a lower bound, +∞ for an upper bound
  Decimal value;         // when finite
  bool closed = false;   // when finite: the value itself is included

  static Bound unbounded() { return {}; }
  static Bound at(Decimal v, bool closed) { return Bound{false, v, closed}; }
};

struct Interval {
  Bound lower;
  Bound upper;

  static Interval all() { return {}; }
  static Interval point(Decimal v) { return {Bound::at(v, true), Bound::at(v, true)}; }
  // True when no real number lies in it (e.g. (3,3], [5,4]).
  bool isEmpty() const;
  bool contains(Decimal v) const;
  // Common part; may be empty.
  Interval intersect(const Interval& other) const;
  // A single point [v, v]?
  std::optional<Decimal> asPoint() const;
};

// Orders two lower bounds by where they start: -∞ first; at equal values a
// closed bound starts earlier than an open one ([v begins before (v).
std::strong_ordering compareLower(const Bound& a, const Bound& b);
// Orders two upper bounds by where they end: +∞ last; at equal values an open
// bound ends earlier than a closed one (v) ends before v]).
std::strong_ordering compareUpper(const Bound& a, const Bound& b);

// Formats an interval in the notation tables use: "[90%, 100%)", "(100%, +∞)",
// "(-∞, 70%)", a point as just its value "5". `formatValue` renders one finite
// value (the caller knows whether the subject is a percent, money or a count).
std::string formatInterval(const Interval& interval, const std::function<std::string(Decimal)>& formatValue);

}  // namespace defen::ir

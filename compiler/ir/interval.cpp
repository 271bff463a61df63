#include "compiler/ir/interval.h"

namespace defen::ir {

std::strong_ordering compareLower(const Bound& a, const Bound& b) {
  if (a.infinite || b.infinite) return b.infinite <=> a.infinite;
  if (auto c = a.value <=> b.value; c != 0) return c;
  return b.closed <=> a.closed;
}

std::strong_ordering compareUpper(const Bound& a, const Bound& b) {
  if (a.infinite || b.infinite) return a.infinite <=> b.infinite;
  if (auto c = a.value <=> b.value; c != 0) return c;
  return a.closed <=> b.closed;
}

bool Interval::isEmpty() const {
  if (lower.infinite || upper.infinite) return false;
  if (lower.value != upper.value) return lower.value > upper.value;
  return !(lower.closed && upper.closed);
}

bool Interval::contains(Decimal v) const {
  const bool aboveLower = lower.infinite || v > lower.value || (v == lower.value && lower.closed);
  const bool belowUpper = upper.infinite || v < upper.value || (v == upper.value && upper.closed);
  return aboveLower && belowUpper;
}

Interval Interval::intersect(const Interval& other) const {
  // The later start and the earlier end.
  return Interval{compareLower(lower, other.lower) >= 0 ? lower : other.lower,
                  compareUpper(upper, other.upper) <= 0 ? upper : other.upper};
}

std::optional<Decimal> Interval::asPoint() const {
  if (lower.infinite || upper.infinite || !lower.closed || !upper.closed) return std::nullopt;
  if (lower.value != upper.value) return std::nullopt;
  return lower.value;
}

std::string formatInterval(const Interval& interval, const std::function<std::string(Decimal)>& formatValue) {
  if (interval.isEmpty()) return "∅";
  if (auto point = interval.asPoint()) return formatValue(*point);

  std::string text;
  if (interval.lower.infinite) {
    text += "(-∞";
  } else {
    text += interval.lower.closed ? '[' : '(';
    text += formatValue(interval.lower.value);
  }
  text += ", ";
  if (interval.upper.infinite) {
    text += "+∞)";
  } else {
    text += formatValue(interval.upper.value);
    text += interval.upper.closed ? ']' : ')';
  }
  return text;
}

}  // namespace defen::ir

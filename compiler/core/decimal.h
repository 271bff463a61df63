// Exact decimal arithmetic for scoring.
//
// Every amount, ratio and score is a signed 128-bit integer counting units of
// 10^-18. + − × are exact up to that scale (a product keeps the 18 leading
// fractional digits, truncated toward zero); ÷ is exact to 18 fractional
// digits, truncated toward zero. Because truncation is toward zero and every
// declared rounding uses at most 18 places, rounding half away from zero after
// truncation gives the same result as exact rational arithmetic followed by the
// same rounding. The range is about ±1.7e20, far beyond any budget; leaving
// it is reported as overflow, never wrapped.
//
// The representation is deliberately a plain integer so the JIT can emit the
// same arithmetic inline (issue 3); the functions here are the reference.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace defen {

class Decimal {
 public:
  using Raw = __int128;
  static constexpr int kScale = 18;
  static constexpr Raw kOne = static_cast<Raw>(1'000'000'000'000'000'000LL);
  static constexpr Raw kMax = static_cast<Raw>(~static_cast<unsigned __int128>(0) >> 1);  // INT128_MAX

  constexpr Decimal() = default;
  static constexpr Decimal fromRaw(Raw raw) { Decimal d; d.raw_ = raw; return d; }
  static constexpr Decimal fromInt(std::int64_t v) { return fromRaw(static_cast<Raw>(v) * kOne); }
  static Decimal zero() { return Decimal(); }
  static Decimal one() { return fromRaw(kOne); }

  // Parses a plain decimal: optional sign, digits with optional ',' thousands
  // separators (full-width '，' is not accepted here: callers normalise), an
  // optional '.' and fraction of up to 18 digits. No exponent, no unit, no '%'.
  // Returns nullopt on anything else, on more than 18 fractional digits, or when
  // the value does not fit.
  static std::optional<Decimal> parse(std::string_view text);

  constexpr Raw raw() const { return raw_; }
  bool isZero() const { return raw_ == 0; }
  bool isNegative() const { return raw_ < 0; }
  bool isInteger() const { return raw_ % kOne == 0; }

  friend constexpr bool operator==(Decimal a, Decimal b) { return a.raw_ == b.raw_; }
  friend constexpr std::strong_ordering operator<=>(Decimal a, Decimal b) { return a.raw_ <=> b.raw_; }

 private:
  Raw raw_ = 0;
};

enum class DecimalStatus { Ok, Overflow, DivisionByZero };

// Checked arithmetic: on failure `out` is left unspecified. INT128_MIN counts
// as overflow too (it has no representable negation). + and − are inline: the
// scorer sums every indicator with them.
inline DecimalStatus checkedAdd(Decimal a, Decimal b, Decimal& out) {
  Decimal::Raw r;
  if (__builtin_add_overflow(a.raw(), b.raw(), &r) || r == -Decimal::kMax - 1) return DecimalStatus::Overflow;
  out = Decimal::fromRaw(r);
  return DecimalStatus::Ok;
}
inline DecimalStatus checkedSub(Decimal a, Decimal b, Decimal& out) {
  Decimal::Raw r;
  if (__builtin_sub_overflow(a.raw(), b.raw(), &r) || r == -Decimal::kMax - 1) return DecimalStatus::Overflow;
  out = Decimal::fromRaw(r);
  return DecimalStatus::Ok;
}
DecimalStatus checkedMul(Decimal a, Decimal b, Decimal& out);
DecimalStatus checkedDiv(Decimal a, Decimal b, Decimal& out);
DecimalStatus checkedNeg(Decimal a, Decimal& out);

// Rounds half away from zero (四舍五入) to `places` fractional digits (0..18).
DecimalStatus roundHalfAway(Decimal v, int places, Decimal& out);
// Every rounding step (a declared 四舍五入, 向上取整/向下取整, 不足进一/舍去,
// the rounding of scores) first snaps the value to 15 fractional digits. That
// absorbs the ≤1e-17 error that 18-digit division leaves, so 3分×(325÷600)
// rounds to 1.63 and (1÷3)×3 ceils to 1, as exact arithmetic does; it differs
// from exact arithmetic only for values with 16 or more significant decimals
// within 1e-15 of a rounding boundary, which data with cents cannot produce.
Decimal snapForRounding(Decimal v);
// roundHalfAway(snapForRounding(v), places) in one pass: what every score's
// rounding does, so it is the hot path of scoring.
DecimalStatus roundSnapped(Decimal v, int places, Decimal& out);

// Floor / ceiling / truncation to `places` fractional digits (0..18).
DecimalStatus floorTo(Decimal v, int places, Decimal& out);
DecimalStatus ceilTo(Decimal v, int places, Decimal& out);
Decimal truncTo(Decimal v, int places);
Decimal abs(Decimal v);  // |min| cannot occur: min is never produced by checked ops
Decimal min(Decimal a, Decimal b);
Decimal max(Decimal a, Decimal b);

// Text forms.
// Shortest exact form: "4.625", "100", "-0.5", "0.000000000000000001".
std::string toString(Decimal v);
// Exactly `places` digits after the point, rounded half away from zero first:
// toFixed(4.625, 2) == "4.63", toFixed(3, 2) == "3.00".
std::string toFixed(Decimal v, int places);
// Like toFixed with ',' between groups of three integer digits: "3,974,522.77".
std::string toGrouped(Decimal v, int places);

}  // namespace defen

// Reference implementation of the exact decimal type (see decimal.h).
//
// All arithmetic is done on magnitudes as unsigned 128-bit integers and the
// sign is applied last. Working on magnitudes makes "truncate toward zero"
// and "half away from zero" fall out of plain unsigned division, and lets the
// most negative raw value (whose magnitude is 2^127) be handled without
// undefined behaviour. Results are only accepted when their magnitude is at
// most INT128_MAX, so every Decimal produced here can be negated and abs()'d.
#include "compiler/core/decimal.h"

#include <array>
#include <charconv>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace defen {

namespace {

using Raw = Decimal::Raw;
using U128 = unsigned __int128;
using U64 = std::uint64_t;

constexpr U128 kMaxMagnitude = ~U128{0} >> 1;  // INT128_MAX
constexpr U128 kOneU = static_cast<U128>(Decimal::kOne);
constexpr U128 kLow64 = ~U64{0};

// |raw| as unsigned; correct for INT128_MIN because negation is done modulo
// 2^128 in the unsigned type.
constexpr U128 magnitude(Raw raw) {
  const U128 u = static_cast<U128>(raw);
  return raw < 0 ? U128{0} - u : u;
}

// Rebuilds a Decimal from a magnitude and a sign. Returns false when the
// magnitude is out of range (INT128_MIN is deliberately excluded).
bool fromMagnitude(U128 mag, bool negative, Decimal& out) {
  if (mag > kMaxMagnitude) return false;
  const Raw r = static_cast<Raw>(mag);
  out = Decimal::fromRaw(negative ? -r : r);
  return true;
}

// 10^0 … 10^38, computed once at compile time: rounding asks for a power of
// ten on every score, and a loop of 128-bit multiplies showed up in profiles.
constexpr std::array<U128, 39> kPowersOfTen = [] {
  std::array<U128, 39> table{};
  U128 p = 1;
  for (auto& entry : table) {
    entry = p;
    p *= 10;
  }
  return table;
}();

constexpr U128 pow10(int n) { return kPowersOfTen[static_cast<size_t>(n)]; }

// The header restricts places to 0..18 and the compiler validates declared
// roundings, so out-of-range values are clamped rather than reported: more
// than 18 places is exact anyway (a no-op), fewer than 0 acts as 0.
int clampPlaces(int places) { return std::clamp(places, 0, Decimal::kScale); }

// 10^(18 - places): the size of one step at `places` fractional digits.
U128 stepFor(int places) { return pow10(Decimal::kScale - clampPlaces(places)); }

// ---------------------------------------------------------------------------
// 256-bit helpers. A product of two 128-bit magnitudes (or a magnitude times
// 10^18) can need up to 256 bits; these are the only wide operations needed.

struct U256 {
  U128 hi;
  U128 lo;
};

// Full 128x128 -> 256 product via four 64x64 -> 128 partial products.
// Forced inline: returned through memory, the 256-bit result was written as
// 64-bit halves and read back as 128-bit ones, a store-forwarding stall on
// the division path; inline it stays in registers, and checkedDiv's constant
// factor 10^18 (high limb zero) removes half of the partial products.
[[gnu::always_inline]] inline U256 mulWide(U128 a, U128 b) {
  const U128 a0 = a & kLow64, a1 = a >> 64;
  const U128 b0 = b & kLow64, b1 = b >> 64;
  const U128 p00 = a0 * b0;
  const U128 p01 = a0 * b1;
  const U128 p10 = a1 * b0;
  const U128 p11 = a1 * b1;
  // Sum of the three contributions to bits 64..127; at most 3 * (2^64 - 1),
  // so it cannot wrap, and its upper part carries into `hi`.
  const U128 mid = (p00 >> 64) + (p01 & kLow64) + (p10 & kLow64);
  U256 r;
  r.lo = (p00 & kLow64) | (mid << 64);
  r.hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
  return r;
}

// 128-by-64 division whose quotient is known to fit in 64 bits (hi < d):
// returns (hi:lo) / d and stores the remainder. On x86-64 this is one `divq`,
// which does exactly this; the compiler cannot emit it from U128 / U64 (it
// cannot prove the quotient fits, and `divq` traps when it does not), so it
// calls the generic 128/128 routine instead, several times slower. Every
// caller below guarantees hi < d, which is also what keeps `divq` from
// trapping. Define DEFEN_DECIMAL_PORTABLE_DIV to test the fallback on x86-64.
inline U64 div128by64(U64 hi, U64 lo, U64 d, U64& rem) {
#if defined(__x86_64__) && !defined(DEFEN_DECIMAL_PORTABLE_DIV)
  U64 q, r;
  asm("divq %[d]" : "=a"(q), "=d"(r) : [d] "rm"(d), "a"(lo), "d"(hi) : "cc");
  rem = r;
  return q;
#else
  const U128 n = (static_cast<U128>(hi) << 64) | lo;
  rem = static_cast<U64>(n % d);
  return static_cast<U64>(n / d);
#endif
}

// Quotient of n / d for a divisor below 2^64, or nullopt when the quotient
// does not fit in 128 bits. The quotient fits iff n.hi < d; then n.hi is
// itself below 2^64 and is the remainder after the two high quotient limbs
// (both zero), so two schoolbook steps on 64-bit limbs finish the job. Each
// step divides (remainder < d : next limb), so its quotient fits in one limb.
std::optional<U128> divWideSmall(U256 n, U64 d) {
  if (n.hi >= d) return std::nullopt;
  U64 rem = static_cast<U64>(n.hi);
  const U64 q1 = div128by64(rem, static_cast<U64>(n.lo >> 64), d, rem);
  const U64 q0 = div128by64(rem, static_cast<U64>(n.lo), d, rem);
  return (static_cast<U128>(q1) << 64) | q0;
}

// One step of Knuth's Algorithm D (TAOCP 4.3.1) for a two-limb divisor:
// divides the three limbs (u2:u1:u0) by (d1:d0), which is normalised (top bit
// of d1 set), where (u2:u1) < (d1:d0) so the quotient fits in one limb.
// Returns the quotient and stores the remainder (< divisor) in rem.
U64 divStep3by2(U64 u2, U64 u1, U64 u0, U64 d1, U64 d0, U128& rem) {
  // Estimate from the top limbs: qhat = min((u2:u1) / d1, 2^64 - 1). Because
  // d1 >= 2^63, qhat is never below the true quotient and at most 2 above it.
  // (u2:u1) < (d1:d0) implies u2 <= d1; u2 == d1 is the one case whose
  // estimate would not fit in a limb (and would make `divq` trap).
  U64 qhat;
  U128 rhat;  // (u2:u1) - qhat * d1; may reach 2^64 in the u2 == d1 case
  if (u2 < d1) {
    U64 r;
    qhat = div128by64(u2, u1, d1, r);
    rhat = r;
  } else {
    qhat = ~U64{0};
    // (d1:u1) - (2^64 - 1) * d1 = u1 + d1, below 2^65.
    rhat = static_cast<U128>(u1) + d1;
  }
  // Knuth's test, which for a two-limb divisor is exact: qhat * (d1:d0) >
  // (u2:u1:u0) iff qhat * d0 > (rhat:u0). Once rhat >= 2^64 the right side is
  // >= 2^128, more than any qhat * d0, so qhat is no longer too big. At most
  // two iterations (see above); afterwards qhat is the exact quotient.
  while (rhat <= kLow64 && static_cast<U128>(qhat) * d0 > ((rhat << 64) | u0)) {
    --qhat;
    rhat += d1;
  }
  // The true remainder is below the divisor < 2^128, so computing it modulo
  // 2^128 from the low two limbs is exact (the high limb cancels).
  const U128 d = (static_cast<U128>(d1) << 64) | d0;
  rem = ((static_cast<U128>(u1) << 64) | u0) - static_cast<U128>(qhat) * d;
  return qhat;
}

// Quotient of n / d for any nonzero 128-bit divisor, or nullopt when it does
// not fit in 128 bits (i.e. when n.hi >= d). Divisors below 2^64 use the
// one-limb path; larger ones (money ÷ money: |b| ~ 10^25) use Knuth's
// Algorithm D on 64-bit limbs: shift divisor and numerator left until the
// divisor's top bit is set (the quotient is unchanged), then produce the two
// quotient limbs with one 3-by-2 step each.
std::optional<U128> divWide(U256 n, U128 d) {
  if (d <= kLow64) return divWideSmall(n, static_cast<U64>(d));
  if (n.hi >= d) return std::nullopt;
  U64 d1 = static_cast<U64>(d >> 64), d0 = static_cast<U64>(d);
  U64 u3 = static_cast<U64>(n.hi >> 64), u2 = static_cast<U64>(n.hi);
  U64 u1 = static_cast<U64>(n.lo >> 64), u0 = static_cast<U64>(n.lo);
  // d1 != 0 here, so s is 0..63. Shifting both by s keeps the quotient; as
  // n < d * 2^128, the shifted n still fits in four limbs and (u3:u2) stays
  // below the shifted divisor, as divStep3by2 requires.
  const int s = __builtin_clzll(d1);
  if (s != 0) {  // (x >> (64 - 0) would be undefined)
    d1 = (d1 << s) | (d0 >> (64 - s));
    d0 <<= s;
    u3 = (u3 << s) | (u2 >> (64 - s));
    u2 = (u2 << s) | (u1 >> (64 - s));
    u1 = (u1 << s) | (u0 >> (64 - s));
    u0 <<= s;
  }
  // High quotient limb. It is zero whenever the quotient is below 2^64, i.e.
  // below ~18.4 as a Decimal, which covers the common ratio of two amounts;
  // then (u2:u1) is already the remainder and one `divq` is saved.
  U128 rem = (static_cast<U128>(u2) << 64) | u1;
  const U128 dn = (static_cast<U128>(d1) << 64) | d0;
  const U64 q1 = (u3 == 0 && rem < dn) ? 0 : divStep3by2(u3, u2, u1, d1, d0, rem);
  const U64 q0 = divStep3by2(static_cast<U64>(rem >> 64), static_cast<U64>(rem), u0, d1, d0, rem);
  return (static_cast<U128>(q1) << 64) | q0;
}

// ---------------------------------------------------------------------------
// Rounding. All four modes reduce to: split the magnitude into a multiple of
// the step plus a remainder, then decide whether to move one step further
// from zero. Doing it on the magnitude keeps the rules symmetric by sign.

enum class Away { Never, HalfOrMore, IfInexact };

// Rounds the magnitude of `v` to a multiple of `step`. The result is returned
// unsigned and unchecked: |v| + step < 2^128 always, so it cannot wrap.
U128 roundMagnitude(U128 mag, U128 step, Away away) {
  // Every step is a power of ten ≤ 10^18 < 2^64, so while the high half is
  // below it one divq gives the remainder (every score; money up to about
  // 1.8e4 at 15 places); otherwise the generic 128-bit remainder.
  U128 rem;
  if ((mag >> 64) < step) {
    U64 r = 0;
    div128by64(static_cast<U64>(mag >> 64), static_cast<U64>(mag), static_cast<U64>(step), r);
    rem = r;
  } else {
    rem = mag % step;
  }
  const U128 base = mag - rem;
  bool up = false;
  switch (away) {
    case Away::Never: up = false; break;
    // rem >= step - rem  <=>  rem >= step / 2 exactly, without halving an odd
    // step (only step == 1 is odd, and then rem is always 0).
    case Away::HalfOrMore: up = rem != 0 && rem >= step - rem; break;
    case Away::IfInexact: up = rem != 0; break;
  }
  return up ? base + step : base;
}

DecimalStatus roundWith(Decimal v, int places, Away away, Decimal& out) {
  const bool neg = v.isNegative();
  const U128 mag = roundMagnitude(magnitude(v.raw()), stepFor(places), away);
  return fromMagnitude(mag, neg, out) ? DecimalStatus::Ok : DecimalStatus::Overflow;
}

// ---------------------------------------------------------------------------
// Text helpers.

// Decimal digits of v. Values that fit in 64 bits (every score, ratio and
// realistic amount once split at the decimal point) take std::to_chars; only
// larger ones pay for a 128-bit division per 19 digits.
std::string digitsOf(U128 v) {
  char buf[24];
  if (v <= kLow64) {
    auto end = std::to_chars(buf, buf + sizeof buf, static_cast<U64>(v)).ptr;
    return std::string(buf, end);
  }
  constexpr U64 kChunk = 10'000'000'000'000'000'000ull;  // 10^19
  std::string low = digitsOf(v % kChunk);
  return digitsOf(v / kChunk) + std::string(19 - low.size(), '0') + low;
}

std::string groupThousands(const std::string& digits) {
  std::string out;
  out.reserve(digits.size() + digits.size() / 3);
  const std::size_t n = digits.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i != 0 && (n - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

// Formats a value already rounded to `places`. `mag` may exceed INT128_MAX by
// up to one step (rounding at the extreme of the range) — formatting works on
// the unsigned magnitude, so toFixed never fails.
std::string formatFixed(U128 mag, bool negative, int places, bool grouped) {
  // places is already within 0..18 here.
  // One divq splits the integer and fractional parts when the integer part
  // fits in 64 bits (|value| < 1.8e19), which is every value but the extremes.
  U128 whole, fraction;
  if ((mag >> 64) < kOneU) {
    U64 rem = 0;
    whole = div128by64(static_cast<U64>(mag >> 64), static_cast<U64>(mag), static_cast<U64>(kOneU), rem);
    fraction = rem;
  } else {
    whole = mag / kOneU;
    fraction = mag % kOneU;
  }
  std::string intDigits = digitsOf(whole);
  std::string frac = digitsOf(fraction);
  frac.insert(0, static_cast<std::size_t>(Decimal::kScale) - frac.size(), '0');
  frac.resize(static_cast<std::size_t>(places));  // rounded, so the rest is zeros

  std::string s;
  if (negative && mag != 0) s.push_back('-');  // never "-0" / "-0.00"
  s += grouped ? groupThousands(intDigits) : intDigits;
  if (places > 0) {
    s.push_back('.');
    s += frac;
  }
  return s;
}

std::string fixedImpl(Decimal v, int places, bool grouped) {
  // Beyond 18 places the value is exact: format 18 and pad with zeros.
  const int exact = clampPlaces(places);
  const U128 mag = roundMagnitude(magnitude(v.raw()), stepFor(exact), Away::HalfOrMore);
  std::string s = formatFixed(mag, v.isNegative(), exact, grouped);
  if (places > exact) s.append(static_cast<std::size_t>(places - exact), '0');
  return s;
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Validates the integer part: either plain digits, or ','-separated groups
// with a first group of 1..3 digits and later groups of exactly 3. A grouped
// number may not start with '0' ("0,123" is a European decimal, not 123).
bool validIntegerPart(std::string_view s) {
  if (s.empty()) return true;  // ".5" — caller checks a fraction follows
  if (s.find(',') == std::string_view::npos) {
    return std::all_of(s.begin(), s.end(), isDigit);
  }
  const std::size_t first = s.find(',');
  if (first == 0 || first > 3 || s[0] == '0') return false;
  if (!std::all_of(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(first), isDigit)) return false;
  // Every comma must be followed by exactly three digits and then a comma or
  // the end.
  for (std::size_t pos = first; pos < s.size(); pos += 4) {
    if (s[pos] != ',' || pos + 4 > s.size()) return false;
    for (std::size_t k = 1; k <= 3; ++k) {
      if (!isDigit(s[pos + k])) return false;
    }
  }
  return true;
}

}  // namespace

// ---------------------------------------------------------------------------
// Parsing.

std::optional<Decimal> Decimal::parse(std::string_view text) {
  std::string_view s = text;
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }

  const std::size_t dot = s.find('.');
  const std::string_view intPart = s.substr(0, dot);
  std::string_view fracPart;
  if (dot != std::string_view::npos) {
    fracPart = s.substr(dot + 1);
    // "5." is rejected: a trailing point is more likely a truncated value
    // than an intended integer. ".5" is accepted.
    if (fracPart.empty() || !std::all_of(fracPart.begin(), fracPart.end(), isDigit)) {
      return std::nullopt;
    }
  }
  if (intPart.empty() && fracPart.empty()) return std::nullopt;  // "", "-", "."
  if (!validIntegerPart(intPart)) return std::nullopt;

  // Digits beyond the 18th are allowed only if they are zeros (they do not
  // change the value).
  if (fracPart.size() > static_cast<std::size_t>(kScale)) {
    const std::string_view extra = fracPart.substr(kScale);
    if (extra.find_first_not_of('0') != std::string_view::npos) return std::nullopt;
    fracPart = fracPart.substr(0, kScale);
  }

  // Integer part, with overflow checks at every step; separators skipped.
  U128 whole = 0;
  for (char c : intPart) {
    if (c == ',') continue;
    if (__builtin_mul_overflow(whole, U128{10}, &whole) ||
        __builtin_add_overflow(whole, static_cast<U128>(c - '0'), &whole)) {
      return std::nullopt;
    }
  }
  // Fraction, padded to 18 digits.
  U128 frac = 0;
  for (char c : fracPart) frac = frac * 10 + static_cast<U128>(c - '0');
  frac *= pow10(kScale - static_cast<int>(fracPart.size()));

  U128 mag = 0;
  if (__builtin_mul_overflow(whole, kOneU, &mag) || __builtin_add_overflow(mag, frac, &mag)) {
    return std::nullopt;
  }
  Decimal d;
  if (!fromMagnitude(mag, negative, d)) return std::nullopt;
  return d;
}

// ---------------------------------------------------------------------------
// Arithmetic.

DecimalStatus checkedNeg(Decimal a, Decimal& out) {
  return fromMagnitude(magnitude(a.raw()), !a.isNegative(), out) ? DecimalStatus::Ok
                                                                   : DecimalStatus::Overflow;
}

DecimalStatus checkedMul(Decimal a, Decimal b, Decimal& out) {
  const bool neg = a.isNegative() != b.isNegative();
  const U128 ma = magnitude(a.raw());
  const U128 mb = magnitude(b.raw());
  U128 q;
  if (ma <= kLow64 && mb <= kLow64) {
    // Common case (both values below ~18.4): the product fits in 128 bits.
    q = (ma * mb) / kOneU;
  } else {
    const auto wide = divWideSmall(mulWide(ma, mb), static_cast<U64>(kOneU));
    if (!wide) return DecimalStatus::Overflow;
    q = *wide;
  }
  return fromMagnitude(q, neg, out) ? DecimalStatus::Ok : DecimalStatus::Overflow;
}

DecimalStatus checkedDiv(Decimal a, Decimal b, Decimal& out) {
  if (b.isZero()) return DecimalStatus::DivisionByZero;
  const bool neg = a.isNegative() != b.isNegative();
  const U128 ma = magnitude(a.raw());
  const U128 mb = magnitude(b.raw());
  U128 q;
  if (ma <= ~U128{0} / kOneU) {
    // |a| below ~3.4e20 raw (values below ~340): the scaled dividend fits.
    const U128 p = ma * kOneU;
    if (mb <= kLow64 && (p >> 64) < mb) {
      // Quotient below 2^64 (the usual case for small operands): one inline
      // `divq` instead of a call to the generic 128/128 routine.
      U64 r;
      q = div128by64(static_cast<U64>(p >> 64), static_cast<U64>(p), static_cast<U64>(mb), r);
    } else {
      q = p / mb;
    }
  } else {
    const auto wide = divWide(mulWide(ma, kOneU), mb);
    if (!wide) return DecimalStatus::Overflow;
    q = *wide;
  }
  return fromMagnitude(q, neg, out) ? DecimalStatus::Ok : DecimalStatus::Overflow;
}

// ---------------------------------------------------------------------------
// Rounding and simple functions.

DecimalStatus roundHalfAway(Decimal v, int places, Decimal& out) {
  return roundWith(v, places, Away::HalfOrMore, out);
}

DecimalStatus floorTo(Decimal v, int places, Decimal& out) {
  // Toward -inf: moves away from zero only for inexact negatives.
  return roundWith(v, places, v.isNegative() ? Away::IfInexact : Away::Never, out);
}

DecimalStatus ceilTo(Decimal v, int places, Decimal& out) {
  // Toward +inf: moves away from zero only for inexact positives.
  return roundWith(v, places, v.isNegative() ? Away::Never : Away::IfInexact, out);
}

Decimal truncTo(Decimal v, int places) {
  // C++ '%' truncates toward zero, so subtracting the remainder is exactly
  // truncation; it never grows the magnitude and so cannot overflow.
  const Raw step = static_cast<Raw>(stepFor(places));
  return Decimal::fromRaw(v.raw() - v.raw() % step);
}

// Via the unsigned magnitude so even INT128_MIN (never produced by the
// checked operations) is not undefined behaviour; it would map to itself.
Decimal abs(Decimal v) { return Decimal::fromRaw(static_cast<Raw>(magnitude(v.raw()))); }
Decimal min(Decimal a, Decimal b) { return b < a ? b : a; }
Decimal max(Decimal a, Decimal b) { return a < b ? b : a; }

// ---------------------------------------------------------------------------
// Text forms.

std::string toString(Decimal v) {
  const U128 mag = magnitude(v.raw());
  std::string s = formatFixed(mag, v.isNegative(), Decimal::kScale, false);
  // Drop trailing fractional zeros, then the point if nothing is left.
  if (s.find('.') != std::string::npos) {
    s.erase(s.find_last_not_of('0') + 1);
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

std::string toFixed(Decimal v, int places) { return fixedImpl(v, places, false); }

std::string toGrouped(Decimal v, int places) { return fixedImpl(v, places, true); }

Decimal snapForRounding(Decimal v) {
  Decimal out;
  return roundHalfAway(v, 15, out) == DecimalStatus::Ok ? out : v;
}

DecimalStatus roundSnapped(Decimal v, int places, Decimal& out) {
  places = clampPlaces(places);
  const U128 mag = magnitude(v.raw());
  // Near the ends of the range, or at 15+ places, take the two-step path.
  if (places >= 15 || mag > kMaxMagnitude - 2 * kOneU) return roundHalfAway(snapForRounding(v), places, out);
  const U128 step = stepFor(places);  // 10^(18 - places), at least 10^4
  // One remainder: a constant 64-bit modulo for the usual 2 places and values
  // below 18.4, which is every leaf score; divq or the generic one otherwise.
  U128 rem;
  if (mag <= kLow64) {
    rem = places == 2 ? static_cast<U64>(mag) % 10'000'000'000'000'000ull : static_cast<U64>(mag) % static_cast<U64>(step);
  } else if ((mag >> 64) < step) {
    U64 r = 0;
    div128by64(static_cast<U64>(mag >> 64), static_cast<U64>(mag), static_cast<U64>(step), r);
    rem = r;
  } else {
    rem = mag % step;
  }
  // Snapping to 15 places moves the magnitude to the nearest multiple of 1000
  // (half up); as step is a multiple of 1000 this only changes the remainder,
  // which may reach step (then the value rounds up to the next step).
  const U64 r3 = static_cast<U64>(rem % 1000);
  const U128 snapped = rem - r3 + (r3 >= 500 ? 1000 : 0);
  const U128 base = mag - rem;
  const bool up = snapped != 0 && snapped >= step - snapped;
  return fromMagnitude(up ? base + step : base, v.isNegative(), out) ? DecimalStatus::Ok : DecimalStatus::Overflow;
}

}  // namespace defen

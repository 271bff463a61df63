// Tests for the exact decimal type (compiler/core/decimal.h).
//
// Expected values are written as decimal text or exact raw integers computed
// by hand (or with arbitrary-precision arithmetic), never through floating
// point. The randomized tests compare against a tiny independent bignum so the
// 256-bit paths are checked by a different algorithm than the one under test.
#include "compiler/core/decimal.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <ostream>
#include <random>
#include <string>
#include <vector>

namespace defen {
// Lets gtest print Decimals readably in failure messages.
void PrintTo(Decimal d, std::ostream* os) { *os << toString(d); }
void PrintTo(DecimalStatus s, std::ostream* os) {
  switch (s) {
    case DecimalStatus::Ok: *os << "Ok"; break;
    case DecimalStatus::Overflow: *os << "Overflow"; break;
    case DecimalStatus::DivisionByZero: *os << "DivisionByZero"; break;
  }
}
}  // namespace defen

namespace {

using defen::Decimal;
using defen::DecimalStatus;
using Raw = Decimal::Raw;
using U128 = unsigned __int128;

constexpr Raw kMax = static_cast<Raw>(~U128{0} >> 1);  // INT128_MAX
constexpr Raw kMin = -kMax - 1;                          // INT128_MIN
constexpr Raw kOne = Decimal::kOne;

// Builds a __int128 from decimal text (test-only; input is trusted).
Raw rawFromDigits(const std::string& s) {
  bool neg = !s.empty() && s[0] == '-';
  Raw r = 0;
  for (std::size_t i = neg ? 1 : 0; i < s.size(); ++i) r = r * 10 + (s[i] - '0');
  return neg ? -r : r;
}

Decimal D(std::string_view text) {
  auto v = Decimal::parse(text);
  EXPECT_TRUE(v.has_value()) << "failed to parse: " << text;
  return v.value_or(Decimal());
}

Decimal R(Raw raw) { return Decimal::fromRaw(raw); }

// Results of the checked operations, with the status folded in so that
// expectations read as one line.
struct Result {
  DecimalStatus status;
  Decimal value;
};

template <typename F>
Result run(F f) {
  Result r{DecimalStatus::Ok, Decimal()};
  r.status = f(r.value);
  return r;
}

Result add(Decimal a, Decimal b) { return run([&](Decimal& o) { return defen::checkedAdd(a, b, o); }); }
Result sub(Decimal a, Decimal b) { return run([&](Decimal& o) { return defen::checkedSub(a, b, o); }); }
Result mul(Decimal a, Decimal b) { return run([&](Decimal& o) { return defen::checkedMul(a, b, o); }); }
Result div(Decimal a, Decimal b) { return run([&](Decimal& o) { return defen::checkedDiv(a, b, o); }); }
Result neg(Decimal a) { return run([&](Decimal& o) { return defen::checkedNeg(a, o); }); }
Result roundHA(Decimal v, int p) { return run([&](Decimal& o) { return defen::roundHalfAway(v, p, o); }); }
Result floorP(Decimal v, int p) { return run([&](Decimal& o) { return defen::floorTo(v, p, o); }); }
Result ceilP(Decimal v, int p) { return run([&](Decimal& o) { return defen::ceilTo(v, p, o); }); }

#define EXPECT_OK_EQ(expr, expected)              \
  do {                                            \
    const Result r_ = (expr);                     \
    EXPECT_EQ(r_.status, DecimalStatus::Ok);      \
    if (r_.status == DecimalStatus::Ok) {         \
      EXPECT_EQ(r_.value, (expected));            \
    }                                             \
  } while (0)

#define EXPECT_STATUS(expr, st) EXPECT_EQ((expr).status, (st))

// ---------------------------------------------------------------------------
// Minimal non-negative bignum, base 10^9, little-endian limbs. Independent of
// the code under test: used as the reference for wide multiplication and
// division.
struct Big {
  std::vector<std::uint32_t> limbs;  // no trailing zero limbs; zero is empty

  static constexpr std::uint32_t kBase = 1'000'000'000;

  static Big of(U128 v) {
    Big b;
    while (v != 0) {
      b.limbs.push_back(static_cast<std::uint32_t>(v % kBase));
      v /= kBase;
    }
    return b;
  }

  void trim() {
    while (!limbs.empty() && limbs.back() == 0) limbs.pop_back();
  }

  friend Big operator*(const Big& a, const Big& b) {
    if (a.limbs.empty() || b.limbs.empty()) return Big{};
    std::vector<std::uint64_t> acc(a.limbs.size() + b.limbs.size() + 1, 0);
    for (std::size_t i = 0; i < a.limbs.size(); ++i) {
      std::uint64_t carry = 0;
      for (std::size_t j = 0; j < b.limbs.size(); ++j) {
        std::uint64_t cur = acc[i + j] + static_cast<std::uint64_t>(a.limbs[i]) * b.limbs[j] + carry;
        acc[i + j] = cur % kBase;
        carry = cur / kBase;
      }
      std::size_t k = i + b.limbs.size();
      while (carry != 0) {
        std::uint64_t cur = acc[k] + carry;
        acc[k] = cur % kBase;
        carry = cur / kBase;
        ++k;
      }
    }
    Big r;
    for (auto x : acc) r.limbs.push_back(static_cast<std::uint32_t>(x));
    r.trim();
    return r;
  }

  // Multiplies or floor-divides by 10^18 (two limbs).
  Big timesOne() const {
    if (limbs.empty()) return *this;
    Big r = *this;
    r.limbs.insert(r.limbs.begin(), 2, 0);
    return r;
  }
  Big overOne() const {
    Big r;
    if (limbs.size() > 2) r.limbs.assign(limbs.begin() + 2, limbs.end());
    return r;
  }

  friend bool operator<(const Big& a, const Big& b) {
    if (a.limbs.size() != b.limbs.size()) return a.limbs.size() < b.limbs.size();
    for (std::size_t i = a.limbs.size(); i-- > 0;) {
      if (a.limbs[i] != b.limbs[i]) return a.limbs[i] < b.limbs[i];
    }
    return false;
  }
  friend bool operator==(const Big& a, const Big& b) { return a.limbs == b.limbs; }
  friend bool operator<=(const Big& a, const Big& b) { return !(b < a); }

  // Back to an integer; only for values known to be below 2^128.
  U128 toU128() const {
    U128 v = 0;
    for (std::size_t i = limbs.size(); i-- > 0;) v = v * kBase + limbs[i];
    return v;
  }
};

U128 mag(Raw r) { return r < 0 ? U128{0} - static_cast<U128>(r) : static_cast<U128>(r); }

// Random raw values spread over all magnitudes (uniform bit length), mixed
// with edge values.
class RawGen {
 public:
  explicit RawGen(std::uint64_t seed) : rng_(seed) {}

  Raw next() {
    static const Raw kSpecial[] = {0, 1, -1, kOne, -kOne, kMax, -kMax, kMax / kOne, kOne / 2,
                                   kOne * 10, kOne * 3, static_cast<Raw>(1) << 64,
                                   (static_cast<Raw>(1) << 64) - 1};
    if (rng_() % 16 == 0) return kSpecial[rng_() % std::size(kSpecial)];
    const int bits = static_cast<int>(rng_() % 128);  // 0..127
    U128 v = (static_cast<U128>(rng_()) << 64) | rng_();
    v = bits == 0 ? 0 : v >> (128 - bits);
    const Raw r = static_cast<Raw>(v);
    return (rng_() & 1) ? -r : r;
  }

  // Uniform in [-limit, limit].
  Raw small(std::int64_t limit) {
    return static_cast<Raw>(std::uniform_int_distribution<std::int64_t>(-limit, limit)(rng_));
  }

  std::uint64_t bits() { return rng_(); }

 private:
  std::mt19937_64 rng_;
};

// ---------------------------------------------------------------------------
// Construction and basic accessors.

TEST(DecimalBasics, ConstantsAndAccessors) {
  EXPECT_EQ(Decimal::zero().raw(), 0);
  EXPECT_EQ(Decimal::one().raw(), kOne);
  EXPECT_EQ(Decimal::fromInt(-42).raw(), -42 * kOne);
  EXPECT_EQ(Decimal::fromInt(INT64_MAX).raw(), static_cast<Raw>(INT64_MAX) * kOne);
  EXPECT_TRUE(Decimal::zero().isZero());
  EXPECT_TRUE(D("-0.5").isNegative());
  EXPECT_TRUE(D("3").isInteger());
  EXPECT_FALSE(D("3.000000000000000001").isInteger());
  EXPECT_TRUE(D("-7").isInteger());
  EXPECT_LT(D("-1"), D("0.5"));
  EXPECT_GT(D("1.000000000000000001"), D("1"));
}

TEST(DecimalBasics, AbsMinMax) {
  EXPECT_EQ(defen::abs(D("-4.625")), D("4.625"));
  EXPECT_EQ(defen::abs(D("4.625")), D("4.625"));
  EXPECT_EQ(defen::abs(Decimal::zero()), Decimal::zero());
  EXPECT_EQ(defen::abs(R(-kMax)), R(kMax));
  EXPECT_EQ(defen::min(D("1.5"), D("-2")), D("-2"));
  EXPECT_EQ(defen::max(D("1.5"), D("-2")), D("1.5"));
  EXPECT_EQ(defen::min(D("3"), D("3.000000000000000001")), D("3"));
  EXPECT_EQ(defen::max(D("3"), D("3.000000000000000001")), D("3.000000000000000001"));
}

// ---------------------------------------------------------------------------
// Addition, subtraction, negation.

TEST(DecimalAdd, ExactSums) {
  EXPECT_OK_EQ(add(D("0.1"), D("0.2")), D("0.3"));  // exact, unlike binary floats
  EXPECT_OK_EQ(add(D("-1.25"), D("1.25")), Decimal::zero());
  EXPECT_OK_EQ(add(D("3974522.77"), D("0.000000000000000001")), D("3974522.770000000000000001"));
  EXPECT_OK_EQ(sub(D("100"), D("99.99")), D("0.01"));
  EXPECT_OK_EQ(sub(D("1"), D("2.5")), D("-1.5"));
}

TEST(DecimalAdd, OverflowNearMax) {
  EXPECT_OK_EQ(add(R(kMax - 1), R(1)), R(kMax));
  EXPECT_STATUS(add(R(kMax), R(1)), DecimalStatus::Overflow);
  EXPECT_STATUS(add(R(kMax), R(kMax)), DecimalStatus::Overflow);
  EXPECT_OK_EQ(add(R(-kMax + 1), R(-1)), R(-kMax));
  // The sum would be INT128_MIN, which has no negation: reported as overflow.
  EXPECT_STATUS(add(R(-kMax), R(-1)), DecimalStatus::Overflow);
  EXPECT_STATUS(add(R(-kMax), R(-kMax)), DecimalStatus::Overflow);
  EXPECT_OK_EQ(add(R(kMax), R(-kMax)), Decimal::zero());
}

TEST(DecimalSub, OverflowNearMax) {
  EXPECT_OK_EQ(sub(Decimal::zero(), R(kMax)), R(-kMax));
  EXPECT_STATUS(sub(R(-kMax), R(1)), DecimalStatus::Overflow);  // INT128_MIN
  EXPECT_STATUS(sub(R(kMax), R(-1)), DecimalStatus::Overflow);
  EXPECT_STATUS(sub(R(-kMax), R(kMax)), DecimalStatus::Overflow);
  EXPECT_OK_EQ(sub(R(kMax), R(kMax)), Decimal::zero());
}

TEST(DecimalNeg, Basics) {
  EXPECT_OK_EQ(neg(D("2.5")), D("-2.5"));
  EXPECT_OK_EQ(neg(D("-2.5")), D("2.5"));
  EXPECT_OK_EQ(neg(Decimal::zero()), Decimal::zero());
  EXPECT_OK_EQ(neg(R(kMax)), R(-kMax));
  EXPECT_OK_EQ(neg(R(-kMax)), R(kMax));
  EXPECT_STATUS(neg(R(kMin)), DecimalStatus::Overflow);
}

// ---------------------------------------------------------------------------
// Multiplication.

TEST(DecimalMul, SmallValues) {
  EXPECT_OK_EQ(mul(D("2.5"), D("4")), D("10"));
  EXPECT_OK_EQ(mul(D("0.1"), D("0.1")), D("0.01"));
  EXPECT_OK_EQ(mul(D("-1.5"), D("2")), D("-3"));
  EXPECT_OK_EQ(mul(D("1.5"), D("-2")), D("-3"));
  EXPECT_OK_EQ(mul(D("-1.5"), D("-2")), D("3"));
  EXPECT_OK_EQ(mul(D("0"), D("-123.45")), Decimal::zero());
  EXPECT_OK_EQ(mul(D("0.85"), D("20")), D("17"));
}

TEST(DecimalMul, TruncatesTowardZero) {
  // 1e-18 * 0.5 = 5e-19: below the scale, truncated to 0 for either sign.
  EXPECT_OK_EQ(mul(R(1), D("0.5")), Decimal::zero());
  EXPECT_OK_EQ(mul(R(-1), D("0.5")), Decimal::zero());
  // 0.333333333333333333 * 3 = 0.999999999999999999 exactly.
  EXPECT_OK_EQ(mul(D("0.333333333333333333"), D("3")), D("0.999999999999999999"));
  // 0.123456789012345678 * 0.1 = 0.0123456789012345678 -> drop the 19th digit.
  EXPECT_OK_EQ(mul(D("0.123456789012345678"), D("0.1")), D("0.012345678901234567"));
  EXPECT_OK_EQ(mul(D("-0.123456789012345678"), D("0.1")), D("-0.012345678901234567"));
}

TEST(DecimalMul, LargeAmountsExact) {
  // 397452277^2 = 157968312492484729 (checked by hand: 397452277 * 397452277),
  // so 3974522.77^2 = 15796831249248.4729 exactly. This needs the 256-bit path.
  EXPECT_OK_EQ(mul(D("3974522.77"), D("3974522.77")), D("15796831249248.4729"));
  EXPECT_OK_EQ(mul(D("-3974522.77"), D("3974522.77")), D("-15796831249248.4729"));
  EXPECT_OK_EQ(mul(D("10000000000"), D("10000000000")), D("100000000000000000000"));
  EXPECT_OK_EQ(mul(D("123456789.123456789"), D("1000")), D("123456789123.456789"));
}

TEST(DecimalMul, Overflow) {
  EXPECT_STATUS(mul(D("100000000000000000000"), D("100000000000000000000")), DecimalStatus::Overflow);
  EXPECT_STATUS(mul(D("-100000000000000000000"), D("100000000000000000000")), DecimalStatus::Overflow);
  EXPECT_STATUS(mul(R(kMax), D("1.000000000000000001")), DecimalStatus::Overflow);
  EXPECT_STATUS(mul(R(kMax), D("2")), DecimalStatus::Overflow);
  // INT128_MIN as an operand: |result| = 2^127 is out of range.
  EXPECT_STATUS(mul(R(kMin), Decimal::one()), DecimalStatus::Overflow);
}

TEST(DecimalMul, ExtremeButRepresentable) {
  EXPECT_OK_EQ(mul(R(kMax), Decimal::one()), R(kMax));
  EXPECT_OK_EQ(mul(R(kMax), D("-1")), R(-kMax));
  // kMax * 0.5 = kMax / 2 exactly plus one half raw unit, truncated.
  EXPECT_OK_EQ(mul(R(kMax), D("0.5")), R(kMax >> 1));
  EXPECT_OK_EQ(mul(R(-kMax), D("0.5")), R(-(kMax >> 1)));
  EXPECT_OK_EQ(mul(R(kMax >> 1), D("2")), R(kMax - 1));
  // The smallest raw unit times the largest value: kMax * 1e-18 truncated.
  EXPECT_OK_EQ(mul(R(kMax), R(1)), R(kMax / kOne));
}

// ---------------------------------------------------------------------------
// Division.

TEST(DecimalDiv, Exact18DigitTruncation) {
  EXPECT_OK_EQ(div(D("1"), D("3")), D("0.333333333333333333"));
  EXPECT_OK_EQ(div(D("2"), D("3")), D("0.666666666666666666"));
  EXPECT_OK_EQ(div(D("-1"), D("3")), D("-0.333333333333333333"));
  EXPECT_OK_EQ(div(D("-2"), D("3")), D("-0.666666666666666666"));
  EXPECT_OK_EQ(div(D("10"), D("4")), D("2.5"));
  EXPECT_OK_EQ(div(D("-7"), D("2")), D("-3.5"));
  EXPECT_OK_EQ(div(D("7"), D("-2")), D("-3.5"));
  EXPECT_OK_EQ(div(D("-7"), D("-2")), D("3.5"));
  EXPECT_OK_EQ(div(D("0"), D("5")), Decimal::zero());
  EXPECT_OK_EQ(div(D("0"), D("-5")), Decimal::zero());
  EXPECT_OK_EQ(div(R(1), D("2")), Decimal::zero());  // 5e-19 truncated
  EXPECT_OK_EQ(div(R(-1), D("2")), Decimal::zero());
  EXPECT_OK_EQ(div(D("1"), R(1)), D("1000000000000000000"));
}

TEST(DecimalDiv, ByZero) {
  EXPECT_STATUS(div(D("1"), Decimal::zero()), DecimalStatus::DivisionByZero);
  EXPECT_STATUS(div(D("-1"), Decimal::zero()), DecimalStatus::DivisionByZero);
  EXPECT_STATUS(div(Decimal::zero(), Decimal::zero()), DecimalStatus::DivisionByZero);
  EXPECT_STATUS(div(R(kMax), Decimal::zero()), DecimalStatus::DivisionByZero);
}

TEST(DecimalDiv, LargeOperands) {
  // Dividends above ~340 need the 256-bit scaled dividend.
  EXPECT_OK_EQ(div(D("15796831249248.4729"), D("3974522.77")), D("3974522.77"));
  EXPECT_OK_EQ(div(D("3974522.77"), D("0.03")), D("132484092.333333333333333333"));
  EXPECT_OK_EQ(div(D("100000000000000000000"), D("100000000000000000000")), Decimal::one());
  // Divisor above 2^64 raw (~18.4): the general 256-by-128 path.
  EXPECT_OK_EQ(div(D("100000000000000000000"), D("30000000000000000000")), D("3.333333333333333333"));
  EXPECT_OK_EQ(div(D("1000"), D("30")), D("33.333333333333333333"));
  EXPECT_OK_EQ(div(R(kMax), R(kMax)), Decimal::one());
  EXPECT_OK_EQ(div(R(-kMax), R(kMax)), D("-1"));
  EXPECT_OK_EQ(div(R(kMax), Decimal::one()), R(kMax));
  EXPECT_OK_EQ(div(R(kMax), D("-1")), R(-kMax));
  EXPECT_OK_EQ(div(R(kMax), D("2")), R(kMax >> 1));
}

TEST(DecimalDiv, DivisorsAboveTwoTo64) {
  // Expected raw values computed with arbitrary-precision integers:
  // floor(|a| * 10^18 / |b|).
  const Raw two64 = static_cast<Raw>(1) << 64;
  // Money ÷ money, the case the benchmark measures (quotient below 2^64).
  EXPECT_OK_EQ(div(D("29361405.46"), D("31977445.36")), R(918191091547533176));
  EXPECT_OK_EQ(div(D("-29361405.46"), D("31977445.36")), R(-918191091547533176));
  EXPECT_OK_EQ(div(D("31977445.36"), D("31977445.36")), Decimal::one());
  // Smallest divisor on the two-limb path (normalisation shift 63) and the
  // largest one-limb divisor next to it.
  EXPECT_OK_EQ(div(R(kMax), R(two64)), R(rawFromDigits("9223372036854775807999999999999999999")));
  EXPECT_OK_EQ(div(R(kMax), R(two64 - 1)), R(rawFromDigits("9223372036854775808499999999999999999")));
  // The largest quotients a two-limb divisor allows: |a| at the top of the
  // range, |b| just above 2^64. INT128_MIN has magnitude 2^127 and divides.
  EXPECT_OK_EQ(div(R(kMin), R(two64 + 1)), R(rawFromDigits("-9223372036854775807500000000000000000")));
  EXPECT_OK_EQ(div(R(kMax), R(-(two64 + 1))), R(rawFromDigits("-9223372036854775807499999999999999999")));
  // Divisor of magnitude 2^127 (no normalisation shift) and 2^127 - 1.
  EXPECT_OK_EQ(div(R(kMax), R(kMin)), R(-999999999999999999));
  EXPECT_OK_EQ(div(R(kMin), R(kMin)), Decimal::one());
  EXPECT_OK_EQ(div(R(kMax - 1), R(kMax)), R(999999999999999999));
  EXPECT_OK_EQ(div(R(1), R(kMax)), Decimal::zero());
  EXPECT_OK_EQ(div(R(-1), R(two64)), Decimal::zero());
}

TEST(DecimalDiv, Overflow) {
  EXPECT_STATUS(div(D("100000000000000000000"), D("0.1")), DecimalStatus::Overflow);
  EXPECT_STATUS(div(D("-100000000000000000000"), D("0.1")), DecimalStatus::Overflow);
  EXPECT_STATUS(div(D("1000"), R(1)), DecimalStatus::Overflow);
  EXPECT_STATUS(div(R(kMax), D("0.999999999999999999")), DecimalStatus::Overflow);
  EXPECT_STATUS(div(R(kMin), Decimal::one()), DecimalStatus::Overflow);
}

// ---------------------------------------------------------------------------
// Rounding.

TEST(DecimalRound, HalfAwayFromZero) {
  EXPECT_OK_EQ(roundHA(D("4.625"), 2), D("4.63"));
  EXPECT_OK_EQ(roundHA(D("2.675"), 2), D("2.68"));
  EXPECT_OK_EQ(roundHA(D("-2.675"), 2), D("-2.68"));
  EXPECT_OK_EQ(roundHA(D("0.005"), 2), D("0.01"));
  EXPECT_OK_EQ(roundHA(D("-0.005"), 2), D("-0.01"));
  EXPECT_OK_EQ(roundHA(D("0.004999999999999999"), 2), Decimal::zero());
  EXPECT_OK_EQ(roundHA(D("1.994999"), 2), D("1.99"));
  EXPECT_OK_EQ(roundHA(D("1.995"), 2), D("2"));
  EXPECT_OK_EQ(roundHA(D("-1.995"), 2), D("-2"));
  EXPECT_OK_EQ(roundHA(D("0.5"), 0), D("1"));
  EXPECT_OK_EQ(roundHA(D("-0.5"), 0), D("-1"));
  EXPECT_OK_EQ(roundHA(D("2.5"), 0), D("3"));  // not banker's rounding
  EXPECT_OK_EQ(roundHA(D("-0.4"), 0), Decimal::zero());
  EXPECT_OK_EQ(roundHA(D("89.9999"), 1), D("90"));
  EXPECT_OK_EQ(roundHA(D("4.63"), 2), D("4.63"));  // already exact
  EXPECT_OK_EQ(roundHA(R(5), 17), R(10));
  EXPECT_OK_EQ(roundHA(R(4), 17), Decimal::zero());
  EXPECT_OK_EQ(roundHA(R(-5), 17), R(-10));
  EXPECT_OK_EQ(roundHA(D("0.123456789012345678"), 18), D("0.123456789012345678"));
}

TEST(DecimalRound, HalfAwayOverflowAtExtremes) {
  // kMax = 170141183460469231731.687303715884105727
  EXPECT_STATUS(roundHA(R(kMax), 0), DecimalStatus::Overflow);
  EXPECT_STATUS(roundHA(R(-kMax), 0), DecimalStatus::Overflow);
  EXPECT_OK_EQ(roundHA(R(kMax), 18), R(kMax));
  // .687... rounds up to .7 and .69, both above kMax; .687 rounds down.
  EXPECT_STATUS(roundHA(R(kMax), 1), DecimalStatus::Overflow);
  EXPECT_STATUS(roundHA(R(kMax), 2), DecimalStatus::Overflow);
  EXPECT_OK_EQ(roundHA(R(kMax), 3), D("170141183460469231731.687"));
  EXPECT_OK_EQ(roundHA(R(-kMax), 3), D("-170141183460469231731.687"));
  EXPECT_STATUS(roundHA(R(kMax), 17), DecimalStatus::Overflow);  // ...0572|7 rounds up
  EXPECT_OK_EQ(roundHA(R(kMax), 16), D("170141183460469231731.6873037158841057"));
}

TEST(DecimalRound, FloorAndCeil) {
  EXPECT_OK_EQ(floorP(D("2.679"), 2), D("2.67"));
  EXPECT_OK_EQ(floorP(D("-2.671"), 2), D("-2.68"));
  EXPECT_OK_EQ(floorP(D("2.67"), 2), D("2.67"));
  EXPECT_OK_EQ(floorP(D("-2.67"), 2), D("-2.67"));
  EXPECT_OK_EQ(floorP(D("-0.001"), 0), D("-1"));
  EXPECT_OK_EQ(floorP(D("0.999"), 0), Decimal::zero());
  EXPECT_OK_EQ(ceilP(D("2.671"), 2), D("2.68"));
  EXPECT_OK_EQ(ceilP(D("-2.679"), 2), D("-2.67"));
  EXPECT_OK_EQ(ceilP(D("2.67"), 2), D("2.67"));
  EXPECT_OK_EQ(ceilP(D("0.001"), 0), D("1"));
  EXPECT_OK_EQ(ceilP(D("-0.9"), 0), Decimal::zero());
  EXPECT_OK_EQ(ceilP(R(1), 17), R(10));
  EXPECT_OK_EQ(floorP(R(-1), 17), R(-10));
  EXPECT_EQ(defen::toString(ceilP(D("-0.9"), 0).value), "0");  // no "-0"
}

TEST(DecimalRound, FloorAndCeilExtremes) {
  EXPECT_STATUS(ceilP(R(kMax), 0), DecimalStatus::Overflow);
  EXPECT_STATUS(floorP(R(-kMax), 0), DecimalStatus::Overflow);
  EXPECT_OK_EQ(floorP(R(kMax), 0), D("170141183460469231731"));
  EXPECT_OK_EQ(ceilP(R(-kMax), 0), D("-170141183460469231731"));
}

TEST(DecimalRound, Trunc) {
  EXPECT_EQ(defen::truncTo(D("2.679"), 2), D("2.67"));
  EXPECT_EQ(defen::truncTo(D("-2.679"), 2), D("-2.67"));
  EXPECT_EQ(defen::truncTo(D("-0.999"), 0), Decimal::zero());
  EXPECT_EQ(defen::truncTo(D("12.5"), 0), D("12"));
  EXPECT_EQ(defen::truncTo(D("1.000000000000000009"), 17), D("1"));
  EXPECT_EQ(defen::truncTo(R(kMax), 0), D("170141183460469231731"));
  EXPECT_EQ(defen::truncTo(R(-kMax), 0), D("-170141183460469231731"));
  EXPECT_EQ(defen::truncTo(R(kMax), 18), R(kMax));
}

// ---------------------------------------------------------------------------
// Parsing.

TEST(DecimalParse, Accepts) {
  struct Case {
    const char* text;
    const char* raw;  // expected raw value as decimal digits
  };
  const Case cases[] = {
      {"0", "0"},
      {"-0", "0"},
      {"+0.0", "0"},
      {"5", "5000000000000000000"},
      {"+5", "5000000000000000000"},
      {"-5", "-5000000000000000000"},
      {"4.625", "4625000000000000000"},
      {"-0.5", "-500000000000000000"},
      {".5", "500000000000000000"},
      {"-.5", "-500000000000000000"},
      {"007", "7000000000000000000"},
      {"3974522.77", "3974522770000000000000000"},
      {"3,974,522.77", "3974522770000000000000000"},
      {"-1,000", "-1000000000000000000000"},
      {"999", "999000000000000000000"},
      {"12,345", "12345000000000000000000"},
      {"123,456,789", "123456789000000000000000000"},
      {"0.000000000000000001", "1"},
      {"-0.000000000000000001", "-1"},
      {"0.123456789012345678", "123456789012345678"},
      // Digits beyond 18 are accepted only when they are zeros.
      {"1.1000000000000000000000", "1100000000000000000"},
      {"0.0000000000000000010", "1"},
      // Exactly INT128_MAX and its negation.
      {"170141183460469231731.687303715884105727", "170141183460469231731687303715884105727"},
      {"-170141183460469231731.687303715884105727", "-170141183460469231731687303715884105727"},
      {"170,141,183,460,469,231,731.687303715884105727", "170141183460469231731687303715884105727"},
  };
  for (const Case& c : cases) {
    auto v = Decimal::parse(c.text);
    ASSERT_TRUE(v.has_value()) << c.text;
    EXPECT_EQ(v->raw(), rawFromDigits(c.raw)) << c.text;
  }
}

TEST(DecimalParse, Rejects) {
  const char* cases[] = {
      "", "-", "+", ".", "-.", "+-1", "--1", "5.", "-5.", " 5", "5 ", "1 000", "1e5", "1E5", "0x10",
      "5%", "5元", "abc", "1.2.3", "1..2", "1.-2", "1.+2", "1.2,3",
      // Misplaced separators.
      "1,23", "12,,345", ",123", "123,", "1,2345", "1234,567", "1,234,56", "1,234,5678",
      "0,123", "-,123", ",", "1,234.", ".1,234", "1,234.5,6",
      // Full-width comma is normalised by callers, not accepted here.
      "1，234",
      // More than 18 significant fractional digits.
      "0.0000000000000000001", "1.1234567890123456789", "0.0000000000000000000001",
      // Out of range (INT128_MIN is deliberately out of range too).
      "170141183460469231731.687303715884105728", "-170141183460469231731.687303715884105728",
      "170141183460469231732", "1000000000000000000000", "99999999999999999999999999999999999999999",
      "340282366920938463463374607431768211456",
  };
  for (const char* c : cases) {
    EXPECT_FALSE(Decimal::parse(c).has_value()) << "accepted: " << c;
  }
}

// ---------------------------------------------------------------------------
// Text forms.

TEST(DecimalText, ToStringShortestExact) {
  EXPECT_EQ(defen::toString(D("4.625")), "4.625");
  EXPECT_EQ(defen::toString(D("100")), "100");
  EXPECT_EQ(defen::toString(D("100.000")), "100");
  EXPECT_EQ(defen::toString(D("-0.5")), "-0.5");
  EXPECT_EQ(defen::toString(D("0")), "0");
  EXPECT_EQ(defen::toString(D("-0")), "0");
  EXPECT_EQ(defen::toString(R(1)), "0.000000000000000001");
  EXPECT_EQ(defen::toString(R(-1)), "-0.000000000000000001");
  EXPECT_EQ(defen::toString(D("3,974,522.77")), "3974522.77");
  EXPECT_EQ(defen::toString(D("10.01")), "10.01");
  EXPECT_EQ(defen::toString(D("1000000")), "1000000");
  EXPECT_EQ(defen::toString(R(kMax)), "170141183460469231731.687303715884105727");
  EXPECT_EQ(defen::toString(R(-kMax)), "-170141183460469231731.687303715884105727");
}

TEST(DecimalText, ToFixed) {
  EXPECT_EQ(defen::toFixed(D("4.625"), 2), "4.63");
  EXPECT_EQ(defen::toFixed(D("-4.625"), 2), "-4.63");
  EXPECT_EQ(defen::toFixed(D("2.675"), 2), "2.68");
  EXPECT_EQ(defen::toFixed(D("3"), 2), "3.00");
  EXPECT_EQ(defen::toFixed(D("-0.001"), 2), "0.00");  // never "-0.00"
  EXPECT_EQ(defen::toFixed(D("-0.005"), 2), "-0.01");
  EXPECT_EQ(defen::toFixed(D("-0.4"), 0), "0");
  EXPECT_EQ(defen::toFixed(D("2.5"), 0), "3");
  EXPECT_EQ(defen::toFixed(D("1234.5678"), 0), "1235");
  EXPECT_EQ(defen::toFixed(D("0.05"), 1), "0.1");
  EXPECT_EQ(defen::toFixed(D("9.995"), 2), "10.00");
  EXPECT_EQ(defen::toFixed(D("0"), 3), "0.000");
  EXPECT_EQ(defen::toFixed(R(1), 18), "0.000000000000000001");
  EXPECT_EQ(defen::toFixed(D("1.5"), 20), "1.50000000000000000000");  // exact beyond 18
  // Rounding past the top of the range still formats correctly.
  EXPECT_EQ(defen::toFixed(R(kMax), 0), "170141183460469231732");
  EXPECT_EQ(defen::toFixed(R(-kMax), 2), "-170141183460469231731.69");
}

TEST(DecimalText, ToGrouped) {
  EXPECT_EQ(defen::toGrouped(D("3974522.77"), 2), "3,974,522.77");
  EXPECT_EQ(defen::toGrouped(D("-1000"), 2), "-1,000.00");
  EXPECT_EQ(defen::toGrouped(D("999"), 2), "999.00");
  EXPECT_EQ(defen::toGrouped(D("0"), 2), "0.00");
  EXPECT_EQ(defen::toGrouped(D("-0.001"), 2), "0.00");
  EXPECT_EQ(defen::toGrouped(D("1000000"), 0), "1,000,000");
  EXPECT_EQ(defen::toGrouped(D("100000"), 1), "100,000.0");
  EXPECT_EQ(defen::toGrouped(D("12345.675"), 2), "12,345.68");
  EXPECT_EQ(defen::toGrouped(D("999.995"), 2), "1,000.00");  // carry adds a group
  EXPECT_EQ(defen::toGrouped(D("-999999.5"), 0), "-1,000,000");
  EXPECT_EQ(defen::toGrouped(R(kMax), 2), "170,141,183,460,469,231,731.69");
  // Grouped output parses back to the same (rounded) value.
  EXPECT_EQ(D(defen::toGrouped(D("-1234567.891"), 2)), D("-1234567.89"));
}

// ---------------------------------------------------------------------------
// Randomized properties.

TEST(DecimalProperty, TextRoundTrip) {
  RawGen gen(1);
  for (int i = 0; i < 20000; ++i) {
    const Raw raw = gen.next();
    if (raw == kMin) continue;
    const Decimal v = R(raw);
    auto back = Decimal::parse(defen::toString(v));
    ASSERT_TRUE(back.has_value()) << defen::toString(v);
    EXPECT_EQ(*back, v);
    auto grouped = Decimal::parse(defen::toGrouped(v, 18));
    ASSERT_TRUE(grouped.has_value()) << defen::toGrouped(v, 18);
    EXPECT_EQ(*grouped, v);
    // Grouping only inserts separators.
    std::string ungrouped = defen::toGrouped(v, 18);
    std::erase(ungrouped, ',');
    EXPECT_EQ(ungrouped, defen::toFixed(v, 18));
  }
}

TEST(DecimalProperty, MulMatchesNativeOnSmallValues) {
  // With |raw| < 2^62 the full product fits in __int128, so the native
  // computation (truncating division) is a direct reference.
  RawGen gen(2);
  const std::int64_t lim = (std::int64_t{1} << 62) - 1;
  for (int i = 0; i < 100000; ++i) {
    const Raw a = gen.small(lim), b = gen.small(lim);
    const Result r = mul(R(a), R(b));
    ASSERT_EQ(r.status, DecimalStatus::Ok);
    ASSERT_EQ(r.value.raw(), (a * b) / kOne) << defen::toString(R(a)) << " * " << defen::toString(R(b));
  }
}

TEST(DecimalProperty, DivSatisfiesRemainderRelation) {
  // a * 10^18 == q * b + r with |r| < |b| and r carrying the sign of the
  // dividend (truncation toward zero). |a| < 2^60 keeps everything native.
  RawGen gen(3);
  const std::int64_t lim = (std::int64_t{1} << 60) - 1;
  for (int i = 0; i < 100000; ++i) {
    const Raw a = gen.small(lim);
    Raw b = gen.small(i % 2 ? lim : 1000000);  // mix of tiny and large divisors
    if (b == 0) b = 7;
    const Result r = div(R(a), R(b));
    ASSERT_EQ(r.status, DecimalStatus::Ok);
    const Raw q = r.value.raw();
    const Raw n = a * kOne;
    const Raw rem = n - q * b;
    ASSERT_LT(mag(rem), mag(b)) << defen::toString(R(a)) << " / " << defen::toString(R(b));
    ASSERT_TRUE(rem == 0 || (rem < 0) == (n < 0)) << defen::toString(R(a)) << " / " << defen::toString(R(b));
  }
}

TEST(DecimalProperty, IntegerMulThenDivIsIdentity) {
  RawGen gen(4);
  for (int i = 0; i < 50000; ++i) {
    const std::int64_t ai = static_cast<std::int64_t>(gen.small(999'999'999));
    std::int64_t bi = static_cast<std::int64_t>(gen.small(999'999'999));
    if (bi == 0) bi = 1;
    const Decimal a = Decimal::fromInt(ai), b = Decimal::fromInt(bi);
    const Result p = mul(a, b);
    ASSERT_EQ(p.status, DecimalStatus::Ok);
    ASSERT_EQ(p.value, Decimal::fromInt(ai * bi));
    const Result q = div(p.value, b);
    ASSERT_EQ(q.status, DecimalStatus::Ok);
    ASSERT_EQ(q.value, a);
  }
}

TEST(DecimalProperty, MulMatchesBignumOverFullRange) {
  RawGen gen(5);
  const Big maxBig = Big::of(static_cast<U128>(kMax));
  int ok = 0, overflow = 0;
  for (int i = 0; i < 200000; ++i) {
    const Raw a = gen.next(), b = gen.next();
    const Big expected = (Big::of(mag(a)) * Big::of(mag(b))).overOne();
    const Result r = mul(R(a), R(b));
    const bool fits = expected <= maxBig && a != kMin && b != kMin;
    if (!fits) {
      ASSERT_EQ(r.status, DecimalStatus::Overflow) << defen::toString(R(a)) << " * " << defen::toString(R(b));
      ++overflow;
      continue;
    }
    ASSERT_EQ(r.status, DecimalStatus::Ok) << defen::toString(R(a)) << " * " << defen::toString(R(b));
    ASSERT_TRUE(Big::of(mag(r.value.raw())) == expected)
        << defen::toString(R(a)) << " * " << defen::toString(R(b)) << " = " << defen::toString(r.value);
    // Sign: negative iff exactly one operand is negative (and non-zero result).
    if (!r.value.isZero()) {
      ASSERT_EQ(r.value.isNegative(), (a < 0) != (b < 0));
    }
    ++ok;
  }
  // Both outcomes must be well exercised for the test to mean anything.
  EXPECT_GT(ok, 50000);
  EXPECT_GT(overflow, 10000);
}

TEST(DecimalProperty, DivMatchesBignumOverFullRange) {
  RawGen gen(6);
  const U128 maxU = static_cast<U128>(kMax);
  int ok = 0, overflow = 0, bigDivisor = 0;
  for (int i = 0; i < 200000; ++i) {
    const Raw a = gen.next();
    Raw b = gen.next();
    if (b == 0) b = 3;
    const Result r = div(R(a), R(b));
    const Big n = Big::of(mag(a)).timesOne();
    const Big d = Big::of(mag(b));
    if (mag(b) > ~std::uint64_t{0}) ++bigDivisor;
    if (r.status == DecimalStatus::Overflow) {
      // The true quotient must really exceed kMax: (kMax + 1) * |b| <= |a|e18,
      // unless an operand is INT128_MIN.
      if (a != kMin && b != kMin) {
        ASSERT_TRUE(Big::of(maxU + 1) * d <= n) << defen::toString(R(a)) << " / " << defen::toString(R(b));
      }
      ++overflow;
      continue;
    }
    ASSERT_EQ(r.status, DecimalStatus::Ok);
    ASSERT_NE(a, kMin);
    ASSERT_NE(b, kMin);
    // q = floor(|a|e18 / |b|):  q*|b| <= n < (q+1)*|b|.
    const U128 q = mag(r.value.raw());
    ASSERT_TRUE(Big::of(q) * d <= n) << defen::toString(R(a)) << " / " << defen::toString(R(b));
    ASSERT_TRUE(n < Big::of(q + 1) * d) << defen::toString(R(a)) << " / " << defen::toString(R(b));
    if (!r.value.isZero()) {
      ASSERT_EQ(r.value.isNegative(), (a < 0) != (b < 0));
    }
    ++ok;
  }
  EXPECT_GT(ok, 50000);
  EXPECT_GT(overflow, 10000);
  EXPECT_GT(bigDivisor, 50000);
}

// Checks one division against the bignum: Overflow exactly when the true
// quotient floor(|a|e18 / |b|) exceeds INT128_MAX, otherwise that quotient
// with the sign of a*b (zero unsigned). INT128_MIN operands divide by their
// magnitude 2^127 like any other.
::testing::AssertionResult divAgreesWithBignum(Raw a, Raw b, DecimalStatus* status = nullptr) {
  const Result r = div(R(a), R(b));
  if (status != nullptr) *status = r.status;
  const Big n = Big::of(mag(a)).timesOne();
  const Big d = Big::of(mag(b));
  const bool fits = n < Big::of(static_cast<U128>(kMax) + 1) * d;
  const auto failure = [&]() {
    return ::testing::AssertionFailure() << "raw " << defen::toString(R(a)) << "e-18 / " << defen::toString(R(b))
                                         << "e-18 (decimal " << defen::toString(R(a)) << " / "
                                         << defen::toString(R(b)) << "): ";
  };
  if (!fits) {
    if (r.status != DecimalStatus::Overflow) return failure() << "expected Overflow";
    return ::testing::AssertionSuccess();
  }
  if (r.status != DecimalStatus::Ok) return failure() << "expected Ok";
  const U128 q = mag(r.value.raw());
  if (!(Big::of(q) * d <= n && n < Big::of(q + 1) * d)) {
    return failure() << "wrong quotient " << defen::toString(r.value);
  }
  if (!r.value.isZero() && r.value.isNegative() != ((a < 0) != (b < 0))) return failure() << "wrong sign";
  return ::testing::AssertionSuccess();
}

// Small operands whose quotient is around 2^64 raw: below it a single 128/64
// division suffices, from 2^64 on it does not. Covers both sides for one-limb
// divisors of several sizes, on the 128-bit and the 256-bit dividend paths.
TEST(DecimalProperty, DivQuotientsAroundTwoTo64MatchBignum) {
  const U128 two64 = static_cast<U128>(1) << 64;
  const U128 divisors[] = {1, 2, 3, 7, 10, 999'999'999'999'999'999ULL, 1'000'000'000'000'000'000ULL,
                           (static_cast<U128>(1) << 32) + 1, 12'345'678'901'234'567'890ULL, two64 - 1, two64,
                           two64 + 1};
  int cases = 0;
  for (const U128 mb : divisors) {
    for (U128 target = two64 - 3; target <= two64 + 3; ++target) {
      const U128 base = (Big::of(target) * Big::of(mb)).overOne().toU128();
      for (U128 ma = base == 0 ? 0 : base - 1; ma <= base + 1; ++ma) {
        if (ma > static_cast<U128>(kMax)) continue;
        for (int signs = 0; signs < 4; ++signs) {
          const Raw a = signs & 1 ? -static_cast<Raw>(ma) : static_cast<Raw>(ma);
          const Raw b = signs & 2 ? -static_cast<Raw>(mb) : static_cast<Raw>(mb);
          ASSERT_TRUE(divAgreesWithBignum(a, b));
          ++cases;
        }
      }
    }
  }
  EXPECT_GT(cases, 900);
}

// Divisors above 2^64 raw (|b| > ~18.4, e.g. money ÷ money) take the
// two-limb long division. Stresses it with divisors of every size up to 2^127,
// bit patterns that provoke the quotient-estimate corrections, money-shaped
// operands, exact divisions, quotients around 2^64 (where the high quotient
// limb becomes nonzero) and the largest quotients such divisors allow.
TEST(DecimalProperty, DivLargeDivisorsMatchBignum) {
  std::mt19937_64 rng(8);
  const U128 two64 = static_cast<U128>(1) << 64;
  const U128 maxU = static_cast<U128>(kMax);
  const auto rand128 = [&]() { return (static_cast<U128>(rng()) << 64) | rng(); };
  // Exactly `bits` bits long (top bit set), random below.
  const auto ofLength = [&](int bits) {
    const U128 top = static_cast<U128>(1) << (bits - 1);
    return top | (rand128() & (top - 1));
  };
  // Exactly `bits` bits long, made of random runs of ones and zeros: values
  // like 0x8000…0001, 0xFFFF…0000 that sit on the edges of the estimates.
  const auto runs = [&](int bits) {
    U128 v = 0;
    int filled = 0;
    bool one = true;
    while (filled < bits) {
      const int len = std::min(bits - filled, 1 + static_cast<int>(rng() % 40));
      v <<= len;
      if (one) v |= (static_cast<U128>(1) << len) - 1;
      filled += len;
      one = (rng() & 1) != 0;
    }
    return v | (static_cast<U128>(1) << (bits - 1));
  };
  // Money with cents: a whole number of cents times 10^16, log-uniform.
  const auto money = [&](U128 minRaw, U128 maxRaw) {
    for (;;) {
      const U128 cents = ofLength(1 + static_cast<int>(rng() % 70)) >> (rng() % 4);
      const U128 raw = cents * 10'000'000'000'000'000ULL;
      if (cents != 0 && raw / 10'000'000'000'000'000ULL == cents && raw >= minRaw && raw <= maxRaw) return raw;
    }
  };
  const auto withSign = [&](U128 m) {
    if (m == maxU + 1) return kMin;  // magnitude 2^127
    const Raw r = static_cast<Raw>(m);
    return (rng() & 1) ? -r : r;
  };
  // A divisor magnitude in (2^64 - 2, 2^127] (a few at or just below 2^64 so
  // the switch between the paths is covered).
  const auto divisor = [&]() -> U128 {
    switch (rng() % 6) {
      case 0: return ofLength(65 + static_cast<int>(rng() % 63));
      case 1: return runs(65 + static_cast<int>(rng() % 63));
      case 2: return money(two64 + 1, maxU);
      case 3: return two64 - 1 + (rand128() >> (64 + rng() % 64));  // just above 2^64
      case 4: return maxU + 1 - (rand128() >> (rng() % 128));        // near 2^127
      default: {
        const U128 p = static_cast<U128>(1) << (64 + rng() % 64);
        return rng() % 3 == 0 ? p : (rng() & 1 ? p - 1 : p + 1);
      }
    }
  };
  int checked = 0, exact = 0, nearTwo64 = 0, largest = 0, highLimb = 0;
  for (int i = 0; i < 300000; ++i) {
    const U128 mb = divisor();
    Raw a = 0, b = withSign(mb);
    const int kind = static_cast<int>(rng() % 8);
    if (kind <= 1) {
      // Numerators of every size, random or patterned bits.
      const int bits = 1 + static_cast<int>(rng() % 127);
      a = withSign(kind == 0 ? ofLength(bits) : runs(bits));
    } else if (kind == 2) {
      a = withSign(money(1, maxU));
    } else if (kind == 3) {
      // Exact division: |b| = c * 10^j and |a| = m * c, so the quotient is
      // m * 10^(18 - j) with no remainder.
      const int j = static_cast<int>(rng() % 19);
      const U128 p10 = static_cast<U128>(std::pow(10.0L, j) + 0.5L);
      const U128 c = mb / p10 + 1;
      if (c * p10 <= two64 || c > maxU / p10) continue;
      b = withSign(c * p10);
      const U128 m = rand128() >> (rng() % 128);
      if (m == 0 || m > maxU / c) continue;
      a = withSign(m * c);
      const Result r = div(R(a), R(b));
      ASSERT_EQ(r.status, DecimalStatus::Ok);
      ASSERT_EQ(mag(r.value.raw()), m * static_cast<U128>(std::pow(10.0L, 18 - j) + 0.5L))
          << defen::toString(R(a)) << " / " << defen::toString(R(b));
      ++exact;
    } else if (kind == 4) {
      // Quotient within a few units of 2^64: |a| = floor((2^64 + k) |b| / 10^18).
      const U128 target = two64 - 4 + rng() % 8;
      const Big am = (Big::of(target) * Big::of(mb)).overOne();
      if (!(am <= Big::of(maxU))) continue;
      a = withSign(am.toU128());
      ++nearTwo64;
    } else if (kind == 5) {
      // The largest quotients: |a| at the top of the range, |b| just above 2^64.
      b = withSign(two64 + (rand128() >> (64 + rng() % 64)));
      a = rng() % 4 == 0 ? kMin : withSign(maxU - (rand128() >> (rng() % 128)));
      ++largest;
    } else {
      // Ratio-shaped: |a| a random multiple or fraction of |b|.
      const U128 shifted = rng() & 1 ? mb >> (rng() % 64) : mb << (rng() % 3);
      a = withSign(std::min(maxU, shifted + (rand128() >> (rng() % 128)) % (shifted / 2 + 1)));
    }
    DecimalStatus status;
    ASSERT_TRUE(divAgreesWithBignum(a, b, &status));
    // With |b| >= 2^64 the quotient is below 2^127 / 18.4: never overflow.
    ASSERT_EQ(status, DecimalStatus::Ok);
    if (mag(div(R(a), R(b)).value.raw()) >= two64) ++highLimb;
    ++checked;
  }
  EXPECT_GT(checked, 250000);
  EXPECT_GT(exact, 10000);
  EXPECT_GT(nearTwo64, 20000);
  EXPECT_GT(largest, 30000);
  EXPECT_GT(highLimb, 50000);
}

TEST(DecimalProperty, RoundingInvariants) {
  RawGen gen(7);
  for (int i = 0; i < 20000; ++i) {
    Raw raw = gen.next();
    // Stay clear of the top of the range, where rounding up overflows (tested
    // separately above).
    if (mag(raw) > (static_cast<U128>(kMax) >> 1)) raw /= 4;
    const Decimal v = R(raw);
    Raw step = 1;
    for (int p = 18; p >= 0; --p, step *= 10) {
      const Result h = roundHA(v, p), f = floorP(v, p), c = ceilP(v, p);
      ASSERT_EQ(h.status, DecimalStatus::Ok);
      ASSERT_EQ(f.status, DecimalStatus::Ok);
      ASSERT_EQ(c.status, DecimalStatus::Ok);
      const Decimal t = defen::truncTo(v, p);
      const Raw hr = h.value.raw(), fr = f.value.raw(), cr = c.value.raw(), tr = t.raw();
      // All results are multiples of the step.
      ASSERT_EQ(hr % step, 0);
      ASSERT_EQ(fr % step, 0);
      ASSERT_EQ(cr % step, 0);
      ASSERT_EQ(tr % step, 0);
      // floor <= v <= ceil, at most one step apart, equal iff exact.
      ASSERT_LE(fr, raw);
      ASSERT_GE(cr, raw);
      const bool exact = raw % step == 0;
      ASSERT_EQ(cr - fr, exact ? 0 : step);
      // trunc is floor for non-negatives and ceil for negatives.
      ASSERT_EQ(tr, raw < 0 ? cr : fr);
      // Half-away: within half a step; exactly half moves away from zero.
      const U128 diff2 = 2 * mag(hr - raw);
      ASSERT_LE(diff2, static_cast<U128>(step));
      if (diff2 == static_cast<U128>(step)) {
        ASSERT_GT(mag(hr), mag(raw));
      }
      ASSERT_TRUE(hr == fr || hr == cr);
      // Symmetric under negation.
      ASSERT_EQ(roundHA(R(-raw), p).value.raw(), -hr);
      // toFixed agrees with roundHalfAway.
      if (i % 8 == 0) {
        ASSERT_EQ(D(defen::toFixed(v, p)), h.value);
      }
    }
  }
}

}  // namespace

// roundSnapped is the one-pass form of snap-then-round that scoring uses; it
// must agree with the two-step definition everywhere.
TEST(DecimalProperty, RoundSnappedEqualsSnapThenRound) {
  std::mt19937_64 rng(20261122);
  auto check = [](defen::Decimal v, int places) {
    defen::Decimal a, b;
    auto sa = defen::roundSnapped(v, places, a);
    auto sb = defen::roundHalfAway(defen::snapForRounding(v), places, b);
    ASSERT_EQ(sa, sb) << defen::toString(v) << " at " << places;
    if (sa == defen::DecimalStatus::Ok) {
      ASSERT_EQ(a, b) << defen::toString(v) << " at " << places;
    }
  };
  const char* edges[] = {"1.625", "1.624999999999999998", "1.6249999999999995", "1.6249999999999994999", "-2.675",
                         "0.0049999999999999995", "0.005", "-0.0049999999999999994", "99.995", "18.446744073709551615",
                         "18.446744073709551616", "18446.744073709551615", "170141183460469231731.687303715884105727"};
  for (const char* e : edges)
    for (int places = 0; places <= 18; ++places) check(*defen::Decimal::parse(e), places);
  for (int i = 0; i < 300000; ++i) {
    unsigned __int128 u = (static_cast<unsigned __int128>(rng()) << 64) | rng();
    int shift = static_cast<int>(rng() % 127);
    __int128 raw = static_cast<__int128>(u >> (shift + 1));
    if (rng() & 1) raw = -raw;
    // Bias a third of the cases onto a half-step boundary ± a few units.
    if (i % 3 == 0) raw = raw - raw % 10'000'000'000'000'000 + 5'000'000'000'000'000 + static_cast<__int128>(rng() % 2001) - 1000;
    check(defen::Decimal::fromRaw(raw), static_cast<int>(rng() % 19));
  }
}

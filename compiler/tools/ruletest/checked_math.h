// Decimal arithmetic for the test-record tools (edges, solver, generator):
// an overflow is "no value", never an error — a target that cannot be reached
// without overflowing is simply not reached.
#pragma once

#include "compiler/ir/ir.h"
#include "compiler/core/decimal.h"

#include <cstdint>
#include <optional>

namespace defen::ruletest::checked {

using Opt = std::optional<Decimal>;

inline Opt add(Decimal a, Decimal b) { Decimal o; return checkedAdd(a, b, o) == DecimalStatus::Ok ? Opt(o) : std::nullopt; }
inline Opt sub(Decimal a, Decimal b) { Decimal o; return checkedSub(a, b, o) == DecimalStatus::Ok ? Opt(o) : std::nullopt; }
inline Opt mul(Decimal a, Decimal b) { Decimal o; return checkedMul(a, b, o) == DecimalStatus::Ok ? Opt(o) : std::nullopt; }
inline Opt div(Decimal a, Decimal b) { Decimal o; return checkedDiv(a, b, o) == DecimalStatus::Ok ? Opt(o) : std::nullopt; }
inline Opt neg(Decimal a) { Decimal o; return checkedNeg(a, o) == DecimalStatus::Ok ? Opt(o) : std::nullopt; }
inline Decimal ints(int64_t v) { return Decimal::fromInt(v); }
inline Decimal dec(const char* text) { return *Decimal::parse(text); }
// `units` × 10^-places: scaled(12345, 2) = 123.45.
inline Decimal scaled(int64_t units, int places) {
  Decimal::Raw r = units;
  for (int i = places; i < Decimal::kScale; ++i) r *= 10;
  return Decimal::fromRaw(r);
}
inline Decimal roundInt(Decimal v) { Decimal o; return roundHalfAway(v, 0, o) == DecimalStatus::Ok ? o : v; }

// a + b, a − b, a × b or a ÷ b for one of the IR's four arithmetic ops.
inline Opt arithmetic(ir::Op op, Decimal a, Decimal b) {
  switch (op) {
    case ir::Op::Add: return add(a, b);
    case ir::Op::Sub: return sub(a, b);
    case ir::Op::Mul: return mul(a, b);
    default: return div(a, b);
  }
}

}  // namespace defen::ruletest::checked

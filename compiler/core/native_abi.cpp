#include "compiler/core/native_abi.h"

#include "compiler/core/decimal.h"

using defen::Decimal;

namespace {
int32_t finish(defen::DecimalStatus s, Decimal v, __int128* out) {
  *out = v.raw();
  return static_cast<int32_t>(s);
}
}  // namespace

extern "C" {

int32_t defen_rt_mul(__int128 a, __int128 b, __int128* out) {
  Decimal r;
  return finish(defen::checkedMul(Decimal::fromRaw(a), Decimal::fromRaw(b), r), r, out);
}

int32_t defen_rt_div(__int128 a, __int128 b, __int128* out) {
  Decimal r;
  return finish(defen::checkedDiv(Decimal::fromRaw(a), Decimal::fromRaw(b), r), r, out);
}

int32_t defen_rt_round(__int128 v, int32_t places, __int128* out) {
  Decimal r;
  return finish(defen::roundSnapped(Decimal::fromRaw(v), places, r), r, out);
}

int32_t defen_rt_ceil(__int128 v, __int128* out) {
  Decimal r;
  return finish(defen::ceilTo(defen::snapForRounding(Decimal::fromRaw(v)), 0, r), r, out);
}

int32_t defen_rt_floor(__int128 v, __int128* out) {
  Decimal r;
  return finish(defen::floorTo(defen::snapForRounding(Decimal::fromRaw(v)), 0, r), r, out);
}

}  // extern "C"

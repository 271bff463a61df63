// The extern "C" surface that JIT-compiled code calls for the decimal
// operations it does not emit inline (× ÷ and rounding need 256-bit work).
// Each returns a DecimalStatus code (0 ok, 1 overflow, 2 division by zero) and
// writes the raw result through `out`; the interpreter uses the same functions.
#pragma once

#include <cstdint>

extern "C" {
int32_t defen_rt_mul(__int128 a, __int128 b, __int128* out);
int32_t defen_rt_div(__int128 a, __int128 b, __int128* out);
// Snap to 15 places, then round half away from zero to `places`.
int32_t defen_rt_round(__int128 v, int32_t places, __int128* out);
// Snap to 15 places, then ceiling / floor to an integer.
int32_t defen_rt_ceil(__int128 v, __int128* out);
int32_t defen_rt_floor(__int128 v, __int128* out);
}

// A fault of one indicator while the scorer works on it: thrown inside
// scorer.cpp and row_sets.cpp, caught per indicator by Scorer::score.
#pragma once

#include "runtime/decimal.h"

#include <fmt/format.h>

#include <string>

namespace defen::eval {

struct Fault { std::string message; };

inline Decimal ok(DecimalStatus s, Decimal v, const std::string& where) {
  if (s != DecimalStatus::Ok) throw Fault{fmt::format("指标“{}”计算溢出", where)};
  return v;
}

}  // namespace defen::eval

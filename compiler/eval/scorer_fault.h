// A fault of one indicator while the scorer scores its rows: thrown inside
// row_sets.cpp, caught per indicator by Scorer::score. (Not eval::Fault, the
// frame's fault codes.)
#pragma once

#include "compiler/core/decimal.h"

#include <fmt/format.h>

#include <string>

namespace defen::eval {

struct IndicatorFault { std::string message; };

inline Decimal ok(DecimalStatus s, Decimal v, const std::string& where) {
  if (s != DecimalStatus::Ok) throw IndicatorFault{fmt::format("指标“{}”计算溢出", where)};
  return v;
}

}  // namespace defen::eval

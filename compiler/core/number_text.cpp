#include "compiler/core/number_text.h"

namespace defen {

std::string scoreText(Decimal v, int places) { return toFixed(v, places); }

std::string scoreJson(Decimal v, int places) {
  std::string s = toFixed(v, places);
  if (s.find('.') != std::string::npos) {
    s.erase(s.find_last_not_of('0') + 1);
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

std::string writtenScore(Decimal v) { return toString(v) + "分"; }

std::string percentText(Decimal ratio) {
  Decimal percent;
  if (checkedMul(ratio, Decimal::fromInt(100), percent) != DecimalStatus::Ok) return "—";
  return toFixed(percent, kRatePlaces) + "%";
}

}  // namespace defen

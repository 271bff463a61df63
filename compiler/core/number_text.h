// How a score or a rate reads. People see one style in every report (table,
// CSV, Markdown, HTML, XLSX, Word, the batch summary, compare, explain and the
// 评分说明): a score to the ruleset's declared places (舍入, default 2) with
// its zeros, so a column reads 3.00 / 2.50 / 1.78 and a total 86.50, and a rate
// as a percentage to two places, 77.50%. Programs reading JSON get the exact
// value with no trailing zeros ("86.5"), which is what they parse and compare.
// What the ruleset itself says (分值4分) is quoted as written.
#pragma once

#include "compiler/core/decimal.h"

#include <string>

namespace defen {

// Places of a rate shown as a percentage: 0.775 → "77.50%".
inline constexpr int kRatePlaces = 2;

// A score for people: rounded half away from zero to `places`, zeros kept
// ("3.00", "86.50"; "86" at 0 places).
std::string scoreText(Decimal v, int places);
// A score in JSON: at most `places` decimals, trailing zeros dropped ("86.5", "3").
std::string scoreJson(Decimal v, int places);
// A ratio as a percentage for people: 0.775 → "77.50%"; "—" when ×100 overflows.
std::string percentText(Decimal ratio);
// A score as the rule language writes it, exact with its unit: "2分", "0.5分".
// For amounts quoted from a ruleset (a 分值, an item's points, a cap, a grade's
// bound) and for text that is read back (.tests files, expected values), which
// must not be rounded.
std::string writtenScore(Decimal v);

}  // namespace defen

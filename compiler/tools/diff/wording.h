// The changed stretches of two wordings of one 说明, for people to read:
// "…每增加5%（含）扣减…" → "…每增加3%（含）扣减…" rather than two whole
// paragraphs that differ in one digit.
#pragma once

#include "compiler/tools/diff/diff.h"

#include <string_view>
#include <vector>

namespace defen::diff {

// One Excerpt per changed stretch, in order. Stretches closer than a few
// characters are shown as one; each keeps about eight characters of context
// on both sides, widened so a number is never cut ("100%", not "00%").
// Empty when the texts are equal.
std::vector<Excerpt> wordingExcerpts(std::string_view before, std::string_view after);

}  // namespace defen::diff

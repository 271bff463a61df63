// "是否指 年度实际支出？": the known name a misspelt one most likely means.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace defen {

// The candidate closest to `typed` by edit distance over code points (a
// substitution, insertion, deletion or swap of neighbours costs 1), if it is
// close enough to be a slip rather than another word: at most 1 edit for
// names of up to 3 characters, at most a third of the length beyond that.
// Ties go to the first candidate, so callers list the likeliest kinds first.
std::optional<std::string> closestName(const std::string& typed, const std::vector<std::string>& candidates);

}  // namespace defen

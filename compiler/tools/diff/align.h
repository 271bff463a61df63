// Pairs up two lists (the bands of a table, the lines of a 扣分 block …) so
// that a changed line is reported as changed, not as one removed and one
// added, and an inserted line does not make every later line look changed.
//
// Equal elements are anchored by a longest common subsequence; between two
// anchors, the leftover elements are paired in order (a changed band), and
// whatever remains on one side only is added or removed.
#pragma once

#include <algorithm>
#include <cstddef>
#include <functional>
#include <optional>
#include <vector>

namespace defen::diff {

struct Aligned {
  std::optional<size_t> before, after;  // both set: same or changed; one set: removed or added
  bool same = false;
};

inline std::vector<Aligned> align(size_t n, size_t m, const std::function<bool(size_t, size_t)>& equal) {
  // lcs[i][j]: length of the longest common subsequence of before[i..] and after[j..].
  std::vector<std::vector<unsigned>> lcs(n + 1, std::vector<unsigned>(m + 1, 0));
  for (size_t i = n; i-- > 0;)
    for (size_t j = m; j-- > 0;)
      lcs[i][j] = equal(i, j) ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);

  std::vector<Aligned> out;
  std::vector<size_t> gapBefore, gapAfter;
  auto flushGap = [&] {
    size_t paired = std::min(gapBefore.size(), gapAfter.size());
    for (size_t k = 0; k < paired; ++k) out.push_back({gapBefore[k], gapAfter[k], false});
    for (size_t k = paired; k < gapBefore.size(); ++k) out.push_back({gapBefore[k], std::nullopt, false});
    for (size_t k = paired; k < gapAfter.size(); ++k) out.push_back({std::nullopt, gapAfter[k], false});
    gapBefore.clear();
    gapAfter.clear();
  };
  size_t i = 0, j = 0;
  while (i < n && j < m) {
    if (equal(i, j) && lcs[i][j] == lcs[i + 1][j + 1] + 1) {
      flushGap();
      out.push_back({i++, j++, true});
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
      gapBefore.push_back(i++);
    } else {
      gapAfter.push_back(j++);
    }
  }
  while (i < n) gapBefore.push_back(i++);
  while (j < m) gapAfter.push_back(j++);
  flushGap();
  return out;
}

}  // namespace defen::diff

#include "compiler/core/suggest_name.h"

#include <algorithm>

namespace defen {

namespace {

// Each character as its UTF-8 bytes packed into one number (names are valid
// UTF-8 by now; only equality matters here).
std::vector<char32_t> codePoints(const std::string& s) {
  std::vector<char32_t> out;
  for (unsigned char byte : s) {
    if ((byte & 0xC0) == 0x80 && !out.empty()) out.back() = (out.back() << 8) | byte;
    else out.push_back(byte);
  }
  return out;
}

// Optimal string alignment distance: Levenshtein plus swapping two neighbours,
// the commonest slip when typing Chinese through an input method.
size_t editDistance(const std::vector<char32_t>& a, const std::vector<char32_t>& b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i)
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

}  // namespace

std::optional<std::string> closestName(const std::string& typed, const std::vector<std::string>& candidates) {
  auto t = codePoints(typed);
  size_t allowed = t.size() <= 3 ? 1 : t.size() / 3;
  std::optional<std::string> best;
  size_t bestDistance = allowed + 1;
  for (const auto& c : candidates) {
    if (c == typed) continue;
    size_t d = editDistance(t, codePoints(c));
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best;
}

}  // namespace defen

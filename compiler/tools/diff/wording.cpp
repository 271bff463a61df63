#include "compiler/tools/diff/wording.h"

#include "compiler/tools/diff/align.h"

#include <cctype>
#include <string>

namespace defen::diff {
namespace {

constexpr size_t kContext = 8;   // characters of context on each side
constexpr size_t kJoin = 2 * kContext;  // stretches whose contexts would overlap are one
constexpr size_t kWiden = 6;     // at most this many more to finish a number
constexpr size_t kPlaceholder = 24;  // at most this many more to finish a 评分说明 placeholder "{差异率}"
constexpr size_t kMaxCells = 4'000'000;  // beyond this the comparison falls back to one stretch

// UTF-8 text split into code points, each kept as its bytes.
std::vector<std::string> codePoints(std::string_view text) {
  std::vector<std::string> out;
  for (size_t i = 0; i < text.size();) {
    size_t n = 1;
    while (i + n < text.size() && (static_cast<unsigned char>(text[i + n]) & 0xC0) == 0x80) ++n;
    out.emplace_back(text.substr(i, n));
    i += n;
  }
  return out;
}

bool partOfNumber(const std::string& c) {
  return c.size() == 1 && (std::isdigit(static_cast<unsigned char>(c[0])) || c[0] == '.' || c[0] == '%');
}

}  // namespace

std::vector<Excerpt> wordingExcerpts(std::string_view beforeText, std::string_view afterText) {
  if (beforeText == afterText) return {};
  std::vector<std::string> a = codePoints(beforeText), b = codePoints(afterText);

  std::vector<Aligned> steps;
  if (a.size() * b.size() <= kMaxCells) {
    steps = align(a.size(), b.size(), [&](size_t i, size_t j) { return a[i] == b[j]; });
  } else {  // very long texts: the common beginning and end, one stretch between
    size_t prefix = 0, suffix = 0;
    while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix && a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) ++suffix;
    for (size_t k = 0; k < prefix; ++k) steps.push_back({k, k, true});
    for (size_t k = prefix; k < a.size() - suffix; ++k) steps.push_back({k, std::nullopt, false});
    for (size_t k = prefix; k < b.size() - suffix; ++k) steps.push_back({std::nullopt, k, false});
    for (size_t k = 0; k < suffix; ++k) steps.push_back({a.size() - suffix + k, b.size() - suffix + k, true});
  }

  // Stretches of steps [start, end) that are not all equal, joined across short equal runs.
  std::vector<std::pair<size_t, size_t>> stretches;
  for (size_t s = 0; s < steps.size(); ++s) {
    if (steps[s].same) continue;
    size_t e = s + 1;
    while (e < steps.size() && !steps[e].same) ++e;
    if (!stretches.empty() && s - stretches.back().second < kJoin) stretches.back().second = e;
    else stretches.emplace_back(s, e);
    s = e - 1;
  }

  auto text = [&](size_t from, size_t to, bool beforeSide) {
    std::string out;
    for (size_t k = from; k < to; ++k) {
      const auto& index = beforeSide ? steps[k].before : steps[k].after;
      if (index) out += beforeSide ? a[*index] : b[*index];
    }
    return out;
  };
  // The character a step stands for (its old one when both sides have one).
  auto charAt = [&](size_t k) -> const std::string& { return steps[k].before ? a[*steps[k].before] : b[*steps[k].after]; };

  // A context never starts or ends inside a 评分说明 placeholder: "{差异率}", not "差异率}".
  auto insidePlaceholder = [&](size_t from, size_t until) {  // a "}" before any "{" in [from, until)
    for (size_t k = from; k < until; ++k) {
      if (charAt(k) == "{") return false;
      if (charAt(k) == "}") return true;
    }
    return false;
  };
  auto placeholderOpen = [&](size_t from, size_t until) {  // a "{" after the last "}" in [from, until)
    for (size_t k = until; k > from; --k) {
      if (charAt(k - 1) == "}") return false;
      if (charAt(k - 1) == "{") return true;
    }
    return false;
  };

  std::vector<Excerpt> out;
  for (auto [start, end] : stretches) {
    size_t from = start, to = end;
    while (from > 0 && start - from < kContext && steps[from - 1].same) --from;
    while (from > 0 && start - from < kContext + kWiden && steps[from - 1].same && partOfNumber(charAt(from)) &&
           partOfNumber(charAt(from - 1)))
      --from;
    while (to < steps.size() && to - end < kContext && steps[to].same) ++to;
    while (to < steps.size() && to - end < kContext + kWiden && steps[to].same && partOfNumber(charAt(to - 1)) &&
           partOfNumber(charAt(to)))
      ++to;
    if (insidePlaceholder(from, start))
      for (size_t limit = 0; from > 0 && limit < kPlaceholder && charAt(from) != "{"; ++limit) --from;
    if (placeholderOpen(end, to))
      for (size_t limit = 0; to < steps.size() && limit < kPlaceholder && charAt(to - 1) != "}"; ++limit) ++to;
    std::string lead = from > 0 ? "…" : "", tail = to < steps.size() ? "…" : "";
    std::string context0 = text(from, start, true), context1 = text(end, to, true);
    out.push_back({lead + context0 + text(start, end, true) + context1 + tail,
                   lead + context0 + text(start, end, false) + context1 + tail});
  }
  return out;
}

}  // namespace defen::diff

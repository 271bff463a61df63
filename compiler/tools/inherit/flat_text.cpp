#include "compiler/tools/inherit/flat_text.h"

#include <algorithm>

namespace defen::inherit {

void FlatText::add(std::string_view text, Origin origin, bool synthetic) {
  if (text.empty()) return;
  Segment s{text_.size(), text_.size() + text.size(), origin, synthetic};
  text_ += text;
  segments_.push_back(s);
}

void FlatText::appendOriginal(int file, std::string_view text, size_t begin, size_t end) {
  end = std::min(end, text.size());
  if (begin >= end) return;
  add(text.substr(begin, end - begin), Origin{file, begin}, false);
}

void FlatText::appendSynthetic(std::string_view text, Origin anchor) { add(text, anchor, true); }

void FlatText::appendFrom(const FlatText& other, size_t begin, size_t end) {
  end = std::min(end, other.text_.size());
  for (const Segment& s : other.segments_) {
    size_t from = std::max(begin, s.begin), to = std::min(end, s.end);
    if (from >= to) continue;
    Origin o = s.origin;
    if (!s.synthetic) o.offset += from - s.begin;
    add(std::string_view(other.text_).substr(from, to - from), o, s.synthetic);
  }
}

Origin FlatText::origin(size_t offset) const {
  if (segments_.empty()) return {};
  auto it = std::upper_bound(segments_.begin(), segments_.end(), offset,
                             [](size_t value, const Segment& s) { return value < s.begin; });
  const Segment& s = it == segments_.begin() ? segments_.front() : *std::prev(it);
  Origin o = s.origin;
  if (!s.synthetic) o.offset += std::min(offset, s.end) - s.begin;
  return o;
}

}  // namespace defen::inherit

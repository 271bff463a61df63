#include "compiler/core/utf8.h"

#include <cstdint>
#include <cstring>

namespace defen {

namespace {

// Length of the valid UTF-8 character at s[i], or 0 when s[i] starts none.
size_t validLengthAt(std::string_view s, size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return 1;
  size_t len = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) { len = 2; }
  else if (b0 == 0xE0) { len = 3; lo = 0xA0; }
  else if (b0 >= 0xE1 && b0 <= 0xEC) { len = 3; }
  else if (b0 == 0xED) { len = 3; hi = 0x9F; }  // excludes surrogates
  else if (b0 >= 0xEE && b0 <= 0xEF) { len = 3; }
  else if (b0 == 0xF0) { len = 4; lo = 0x90; }
  else if (b0 >= 0xF1 && b0 <= 0xF3) { len = 4; }
  else if (b0 == 0xF4) { len = 4; hi = 0x8F; }
  else return 0;
  if (i + len > s.size()) return 0;
  const auto b1 = static_cast<unsigned char>(s[i + 1]);
  if (b1 < lo || b1 > hi) return 0;
  for (size_t k = 2; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if (b < 0x80 || b > 0xBF) return 0;
  }
  return len;
}

}  // namespace

Utf8Census utf8Census(std::string_view s) {
  Utf8Census c;
  for (size_t i = 0; i < s.size();) {
    const size_t len = validLengthAt(s, i);
    if (len == 0) { ++c.invalid; ++i; continue; }
    if (len > 1) ++c.multibyte;
    i += len;
  }
  return c;
}

std::string replaceInvalidUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  for (size_t i = 0; i < s.size();) {
    const size_t len = validLengthAt(s, i);
    if (len == 0) { out += "\xEF\xBF\xBD"; ++i; continue; }
    out.append(s, i, len);
    i += len;
  }
  return out;
}

size_t firstInvalidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    // Eight ASCII bytes at a time: most of a data file is digits and commas.
    if (i + 8 <= s.size()) {
      std::uint64_t word;
      std::memcpy(&word, s.data() + i, 8);
      if ((word & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    // The usual Chinese character: three bytes, E1..EC or EE..EF then two continuation bytes.
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (((b0 >= 0xE1 && b0 <= 0xEC) || b0 >= 0xEE) && b0 <= 0xEF && i + 3 <= s.size() &&
        (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80 && (static_cast<unsigned char>(s[i + 2]) & 0xC0) == 0x80) {
      i += 3;
      continue;
    }
    const size_t len = validLengthAt(s, i);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

}  // namespace defen

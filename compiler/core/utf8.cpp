#include "compiler/core/utf8.h"

#include <cstdint>
#include <cstring>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <tmmintrin.h>
#endif

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

namespace {

size_t firstInvalidUtf8Scalar(std::string_view s) {
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

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
// Whether all of `s` is UTF-8, sixteen bytes a step: Keiser and Lemire's
// lookup validation ("Validating UTF-8 in less than one instruction per
// byte", 2021, as simdjson and simdutf do it). Each byte is classified with
// the byte before it by three table lookups (the high nibble of the previous
// byte, its low nibble, the high nibble of this one); a lead byte's third and
// fourth bytes are checked by the bytes two and three back. It accepts
// exactly what validLengthAt does (RFC 3629: no overlongs, no surrogates,
// nothing past U+10FFFF). SSSE3 (pshufb), chosen at run time.
__attribute__((target("ssse3"))) bool allUtf8Ssse3(std::string_view s) {
  constexpr uint8_t kTooShort = 1 << 0, kTooLong = 1 << 1, kOverlong3 = 1 << 2, kTooLarge = 1 << 3, kSurrogate = 1 << 4,
                    kOverlong2 = 1 << 5, kTooLarge1000 = 1 << 6, kOverlong4 = 1 << 6, kTwoConts = 1 << 7;
  constexpr uint8_t kCarry = kTooShort | kTooLong | kTwoConts;
  const __m128i byte1High = _mm_setr_epi8(
      kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong,  // 0_______: ASCII
      kTwoConts, kTwoConts, kTwoConts, kTwoConts,                                      // 10______: continuation
      kTooShort | kOverlong2,                                                          // 1100____
      kTooShort,                                                                       // 1101____
      kTooShort | kOverlong3 | kSurrogate,                                             // 1110____
      static_cast<char>(kTooShort | kTooLarge | kTooLarge1000 | kOverlong4));           // 1111____
  const __m128i byte1Low = _mm_setr_epi8(
      static_cast<char>(kCarry | kOverlong3 | kOverlong2 | kOverlong4),  // ____0000
      static_cast<char>(kCarry | kOverlong2),                            // ____0001
      static_cast<char>(kCarry), static_cast<char>(kCarry),              // ____001_
      static_cast<char>(kCarry | kTooLarge),                             // ____0100
      static_cast<char>(kCarry | kTooLarge | kTooLarge1000),             // ____0101
      static_cast<char>(kCarry | kTooLarge | kTooLarge1000), static_cast<char>(kCarry | kTooLarge | kTooLarge1000),
      static_cast<char>(kCarry | kTooLarge | kTooLarge1000), static_cast<char>(kCarry | kTooLarge | kTooLarge1000),
      static_cast<char>(kCarry | kTooLarge | kTooLarge1000), static_cast<char>(kCarry | kTooLarge | kTooLarge1000),
      static_cast<char>(kCarry | kTooLarge | kTooLarge1000),
      static_cast<char>(kCarry | kTooLarge | kTooLarge1000 | kSurrogate),  // ____1101
      static_cast<char>(kCarry | kTooLarge | kTooLarge1000), static_cast<char>(kCarry | kTooLarge | kTooLarge1000));
  const __m128i byte2High = _mm_setr_epi8(
      kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort,        // 0_______
      static_cast<char>(kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge1000 | kOverlong4),  // 1000____
      static_cast<char>(kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge),                   // 1001____
      static_cast<char>(kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge),                   // 101_____
      static_cast<char>(kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge),
      kTooShort, kTooShort, kTooShort, kTooShort);  // 11______
  const __m128i nibble = _mm_set1_epi8(0x0F);
  // The last bytes of a block that start a character the block does not finish.
  const __m128i incompleteAbove = _mm_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, static_cast<char>(0xF0 - 1),
                                                static_cast<char>(0xE0 - 1), static_cast<char>(0xC0 - 1));
  __m128i error = _mm_setzero_si128(), prev = _mm_setzero_si128(), prevIncomplete = _mm_setzero_si128();
  auto block = [&](__m128i in) __attribute__((target("ssse3"))) {
    if (_mm_movemask_epi8(in) == 0) {  // ASCII: only a character left open before it can be wrong
      error = _mm_or_si128(error, prevIncomplete);
    } else {
      const __m128i prev1 = _mm_alignr_epi8(in, prev, 15);
      const __m128i hi1 = _mm_shuffle_epi8(byte1High, _mm_and_si128(_mm_srli_epi16(prev1, 4), nibble));
      const __m128i lo1 = _mm_shuffle_epi8(byte1Low, _mm_and_si128(prev1, nibble));
      const __m128i hi2 = _mm_shuffle_epi8(byte2High, _mm_and_si128(_mm_srli_epi16(in, 4), nibble));
      const __m128i special = _mm_and_si128(_mm_and_si128(hi1, lo1), hi2);
      const __m128i prev2 = _mm_alignr_epi8(in, prev, 14), prev3 = _mm_alignr_epi8(in, prev, 13);
      const __m128i third = _mm_subs_epu8(prev2, _mm_set1_epi8(static_cast<char>(0xE0 - 0x80)));   // 111_____ → ≥ 0x80
      const __m128i fourth = _mm_subs_epu8(prev3, _mm_set1_epi8(static_cast<char>(0xF0 - 0x80)));  // 1111____ → ≥ 0x80
      const __m128i must23 = _mm_and_si128(_mm_or_si128(third, fourth), _mm_set1_epi8(static_cast<char>(0x80)));
      error = _mm_or_si128(error, _mm_xor_si128(must23, special));
      prevIncomplete = _mm_subs_epu8(in, incompleteAbove);
    }
    prev = in;
  };
  size_t i = 0;
  for (; i + 16 <= s.size(); i += 16) block(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i)));
  if (i < s.size()) {  // the tail, padded with spaces (ASCII changes nothing)
    char tail[16];
    std::memset(tail, ' ', sizeof tail);
    std::memcpy(tail, s.data() + i, s.size() - i);
    block(_mm_loadu_si128(reinterpret_cast<const __m128i*>(tail)));
  }
  error = _mm_or_si128(error, prevIncomplete);  // the text ends inside a character
  return _mm_movemask_epi8(_mm_cmpeq_epi8(error, _mm_setzero_si128())) == 0xFFFF;
}
#endif

}  // namespace

size_t firstInvalidUtf8(std::string_view s) {
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
  // Nearly every input is valid: the vector check says so, and only text
  // that is not (GB18030, damaged bytes) is walked to find where.
  static const bool ssse3 = __builtin_cpu_supports("ssse3");
  if (ssse3 && allUtf8Ssse3(s)) return std::string_view::npos;
#endif
  return firstInvalidUtf8Scalar(s);
}

}  // namespace defen

// firstInvalidUtf8 decides whether a CSV piece takes the fast path or is read
// as GB18030; its vector check (sixteen bytes a step) must accept exactly
// what the byte-by-byte reading accepts (utf8Census, RFC 3629), at every
// position within a block and across block boundaries.
#include "compiler/core/utf8.h"

#include <gtest/gtest.h>

#include <random>
#include <utility>
#include <string>

namespace defen {
namespace {

bool valid(const std::string& s) { return firstInvalidUtf8(s) == std::string_view::npos; }

TEST(Utf8Validation, KnownCasesEachSideOfEveryRule) {
  EXPECT_TRUE(valid(""));
  EXPECT_TRUE(valid("符合要求。,1.5,符合要求。,3.00,经复核，核定为0.85分。"));
  EXPECT_TRUE(valid("\xF0\x9F\x98\x80 and \xF4\x8F\xBF\xBF and \xED\x9F\xBF and \xC2\x80"));  // U+1F600, U+10FFFF, U+D7FF, U+0080
  // Each: bytes that are not UTF-8, and where in them the first bad byte is.
  const std::pair<const char*, size_t> cases[] = {
      {"\xC0\xAF", 0}, {"\xC1\xBF", 0}, {"\xE0\x9F\xBF", 0}, {"\xED\xA0\x80", 0}, {"\xF0\x8F\xBF\xBF", 0}, {"\xF4\x90\x80\x80", 0},
      {"\xF5\x80\x80\x80", 0}, {"\x80", 0}, {"\xBF", 0}, {"\xE4\xB8", 0}, {"\xE4", 0}, {"\xF0\x9F\x98", 0}, {"\xE4\xB8\xAD\xAD", 3},
      {"\xC3\x28", 0}, {"\xFF", 0}};
  for (const auto& [bad, first] : cases) {
    for (size_t at : {0u, 5u, 13u, 14u, 15u, 16u, 31u, 40u}) {  // inside a block, at its end, across two
      std::string s(at, 'a');
      s += bad;
      s += std::string(20, 'b');
      EXPECT_FALSE(valid(s)) << "at " << at << ": " << s;
      EXPECT_EQ(firstInvalidUtf8(s), at + first) << s;
      std::string end(at, 'a');
      end += bad;  // the text ends there
      EXPECT_FALSE(valid(end)) << "at the end, " << at;
    }
  }
}

TEST(Utf8Validation, AgreesWithTheByteByByteReadingOnRandomText) {
  std::mt19937 rng(16);
  const std::string pieces[] = {"a", ",", "1.5", "中", "文", "。", "\xC2\xA0", "\xF0\x9F\x98\x80", "\xEF\xBC\x85", "\xED\x9F\xBF", "\n"};
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    const int length = static_cast<int>(rng() % 60);
    for (int k = 0; k < length; ++k) s += pieces[rng() % std::size(pieces)];
    if (!s.empty() && rng() % 2) s[rng() % s.size()] = static_cast<char>(rng() % 256);  // one byte damaged, often still valid
    if (!s.empty() && rng() % 4 == 0) s.resize(rng() % s.size());                       // cut, perhaps inside a character
    ASSERT_EQ(valid(s), utf8Census(s).invalid == 0) << round;
  }
}

}  // namespace
}  // namespace defen

// The soak run's checksum, computed the same way on both sides of `defen
// eval`: by the generator from the hand-written scorer's results, and by the
// checker from defen's CSV report. FNV-1a 64 over, per row in order, the id,
// the total in hundredths (or a marker for a row without a score) and the
// grade's text. The total is hashed as a number so that "87.5" and "87.50"
// are the same score; FNV-1a is order-sensitive, so a swap changes it too.
#pragma once

#include <cstdint>
#include <string_view>

namespace defen::soak {

inline constexpr std::int64_t kNoScore = INT64_MIN;  // an error row: no total, no grade

class RowDigest {
 public:
  void add(std::uint64_t id, std::int64_t hundredths, std::string_view grade) {
    word(id);
    word(static_cast<std::uint64_t>(hundredths));
    for (char c : grade) byte(static_cast<unsigned char>(c));
    byte(0);  // ends the grade, so "优" + next id cannot alias another split
  }
  std::uint64_t value() const { return h_; }

 private:
  std::uint64_t h_ = 14695981039346656037ULL;
  void byte(unsigned char b) {
    h_ ^= b;
    h_ *= 1099511628211ULL;
  }
  void word(std::uint64_t w) {
    for (int i = 0; i < 8; ++i) byte(static_cast<unsigned char>(w >> (8 * i)));
  }
};

// The expected figures the generator leaves for the checker.
struct Expected {
  std::uint64_t rows = 0;
  std::uint64_t errorRows = 0;
  std::uint64_t checksum = 0;
};

}  // namespace defen::soak

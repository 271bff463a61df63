// Sizes and seeds shared by the benchmarks and the report that describes them.
#pragma once

#include <cstddef>
#include <cstdint>

namespace defen::bench {

inline constexpr std::size_t kScoreRecords = 4096;     // per iteration of the Scorer loops
inline constexpr std::size_t kTableRecords = 20000;    // per evaluateTable call
inline constexpr std::size_t kEndToEndRecords = 50000; // per end-to-end iteration
inline constexpr std::size_t kCheckRecords = 2000;
inline constexpr std::uint64_t kSeed = 2022;
inline constexpr std::uint64_t kCheckSeed = 7;

}  // namespace defen::bench

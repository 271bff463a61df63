// The progress bar `defen eval` draws on a terminal for long batches:
// "[##########----------]  50%  已处理 120,000 行".
#pragma once

#include <cstdint>
#include <string>

namespace defen {

// `done` of `total` bytes read, `rows` scored so far; width is the bar's cells.
// A total of 0 (standard input, a pipe: size unknown) gives the count alone.
std::string progressLine(std::uint64_t done, std::uint64_t total, long rows, int width = 20);

}  // namespace defen

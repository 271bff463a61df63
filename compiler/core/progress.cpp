#include "compiler/core/progress.h"

#include <fmt/format.h>

#include <algorithm>

namespace defen {

std::string progressLine(std::uint64_t done, std::uint64_t total, long rows, int width) {
  std::string count = fmt::format("{}", rows);
  for (int i = static_cast<int>(count.size()) - 3; i > 0; i -= 3) count.insert(static_cast<size_t>(i), ",");
  if (total == 0) return fmt::format("已处理 {} 行", count);  // a pipe: no size to measure against
  int percent = static_cast<int>(std::min<std::uint64_t>(100, done * 100 / total));
  int filled = percent * width / 100;
  std::string bar = std::string(static_cast<size_t>(filled), '#') + std::string(static_cast<size_t>(width - filled), '-');
  return fmt::format("[{}] {:>3}%  已处理 {} 行", bar, percent, count);
}

}  // namespace defen

#include "compiler/core/table.h"

namespace defen {

std::optional<size_t> Table::columnIndex(const std::string& name) const {
  // Tables have tens of columns at most: a linear scan is simplest and, with a
  // duplicated header (already reported as an error), finds the first one.
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] == name) return i;
  }
  return std::nullopt;
}

}  // namespace defen

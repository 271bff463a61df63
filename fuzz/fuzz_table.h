// What the reader targets do with the Table a reader returns: check the
// invariants the rest of defen relies on, then bind every record against a
// shipped ruleset. A broken invariant traps (it is a reader bug even if
// nothing crashes today); bind errors are expected.
#pragma once

#include "compiler/core/table.h"

#include <cstddef>
#include <cstdint>

namespace defen::fuzz {

void bindTable(const Table& table);

}  // namespace defen::fuzz

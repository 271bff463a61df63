// Fuzz bytes → one data row for a shipped ruleset, bound as `defen eval`
// binds a row. Shared by the evaluator and differential targets so that an
// input found by one replays in the other.
//
// Layout (docs/reliability.md, "Fuzzing"):
//   byte 0   which ruleset (index into shippedRulesets(), modulo their count)
//   byte 1   the row to start from: 0 an empty row, n a generated row
//            (baseRows[(n - 1) % 255]), so most inputs sit near an edge
//   rest     lines, each an edit of that row:
//              KEY=VALUE   set the column to the cell text VALUE
//              KEY         remove the column
//            KEY is a column's index in ShippedRuleset::columns (decimal,
//            modulo their count) or any column name, known or not.
// The cell texts are raw bytes: the binder must report bad UTF-8, units,
// overflowing numbers and unknown labels as errors of the row.
#pragma once

#include "fuzz/fuzz_rulesets.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace defen::fuzz {

struct DecodedRow {
  const ShippedRuleset* ruleset = nullptr;  // null for an input shorter than 2 bytes
  std::vector<std::pair<std::string, std::string>> fields;
  BoundRecord record;
};

DecodedRow decodeRow(const uint8_t* data, size_t size);

// The row as a JSON object, to paste into a data file for `defen eval`.
std::string rowJson(const DecodedRow& row);

}  // namespace defen::fuzz

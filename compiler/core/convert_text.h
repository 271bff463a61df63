// Reading a cell's text in place (a CSV field in the read buffer), for the
// CSV data path that binds every row without copying it (lib/driver/).
#pragma once

#include "compiler/core/value.h"

#include <string_view>

namespace defen {

// convertCell for text seen in place: the usual forms ("3,974,522.77",
// "87.53%", "是", "3.75") are parsed straight from the bytes with no
// allocation; anything else takes convertCell, so every form and every
// message stays exactly convertCell's.
Conversion convertText(Cell::Kind kind, std::string_view text, const InputSpec& spec);

// A plain decimal ("-3,974,522.77", ".5", up to 18 integer digits) parsed
// straight into Decimal's raw integer; false for anything else, where
// Decimal::parse decides. When it returns true the value equals Decimal::parse's.
bool parsePlainDecimal(std::string_view text, Decimal& out);

}  // namespace defen

// Request bodies parsed without losing a decimal: nlohmann::json keeps a
// number with a fraction or an exponent as a double, so 12345678901234.56 元
// would reach the scorer as 12345678901234.56 ± a cent. Here such a number is
// kept as the text the client wrote (a JSON string), which the data reader
// and the binder read exactly, as they read a CSV cell.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace defen::serve {

// Parses `text` like nlohmann::ordered_json::parse, except that every number
// with a fraction or exponent becomes a string holding its exact text.
// Throws nlohmann::json::parse_error on malformed JSON, like parse().
nlohmann::ordered_json parseKeepingDecimals(const std::string& text);

}  // namespace defen::serve

// Request bodies parsed without losing a decimal: nlohmann::json keeps a
// number with a fraction or an exponent as a double, so 12345678901234.56 元
// would reach the scorer as 12345678901234.56 ± a cent. Here such a number is
// kept as the text the client wrote (a JSON string), which the data reader
// and the binder read exactly, as they read a CSV cell.
#pragma once

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>

namespace defen::serve {

// Why a body is not acceptable JSON, and where: `byte` counts from 1, as
// nlohmann's parse_error does (the offending byte, or one past the end).
struct JsonTextError : std::runtime_error {
  JsonTextError(std::size_t at, const std::string& zh, const std::string& en)
      : std::runtime_error(en), byte(at), reasonZh(zh), reasonEn(en) {}
  std::size_t byte;
  std::string reasonZh, reasonEn;
};

// Parses `text` like nlohmann::ordered_json::parse, except that every number
// with a fraction or exponent becomes a string holding its exact text.
// Throws JsonTextError on malformed JSON, on a number no double can hold
// (a 5,000-digit one) and on nesting deeper than kMaxJsonNesting.
nlohmann::ordered_json parseKeepingDecimals(const std::string& text);

}  // namespace defen::serve

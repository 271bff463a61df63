#include "fuzz/fuzz_record.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string_view>

namespace defen::fuzz {

namespace {

bool allDigits(std::string_view s) {
  return !s.empty() && s.size() <= 9 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

DecodedRow decodeRow(const uint8_t* data, size_t size) {
  DecodedRow out;
  if (size < 2) return out;
  const auto& all = shippedRulesets();
  const ShippedRuleset& rs = all[data[0] % all.size()];
  out.ruleset = &rs;
  if (data[1] != 0) out.fields = rs.baseRows[(data[1] - 1u) % rs.baseRows.size()];

  std::string_view rest(reinterpret_cast<const char*>(data) + 2, size - 2);
  while (!rest.empty()) {
    size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    size_t eq = line.find('=');
    std::string_view key = line.substr(0, eq);
    std::string name = allDigits(key) ? rs.columns[std::stoul(std::string(key)) % rs.columns.size()] : std::string(key);
    auto it = std::find_if(out.fields.begin(), out.fields.end(), [&](const auto& f) { return f.first == name; });
    if (eq == std::string_view::npos) {
      if (it != out.fields.end()) out.fields.erase(it);
    } else if (it != out.fields.end()) {
      it->second = std::string(line.substr(eq + 1));
    } else {
      out.fields.emplace_back(std::move(name), std::string(line.substr(eq + 1)));
    }
  }
  out.record = bindFields(rs.program(), out.fields, 1);
  return out;
}

std::string rowJson(const DecodedRow& row) {
  nlohmann::json o = nlohmann::json::object();
  for (const auto& [k, v] : row.fields) o[k] = v;
  // Raw bytes need not be UTF-8: replace rather than throw while reporting.
  return o.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace defen::fuzz

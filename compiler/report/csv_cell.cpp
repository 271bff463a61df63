#include "compiler/report/csv_cell.h"

namespace defen {

void appendCsvText(std::string& out, std::string_view text) {
  const bool formula = !text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos;
  bool plain = true;  // no comma, quote or line break (a loop: find_first_of scans once per character it looks for)
  for (char c : text) plain &= c != ',' && c != '"' && c != '\n' && c != '\r';
  if (plain) {
    if (formula) out += '\'';
    out += text;
    return;
  }
  out += '"';
  if (formula) out += '\'';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string csvText(const std::string& text) {
  std::string out;
  appendCsvText(out, text);
  return out;
}

}  // namespace defen

// Cells of the CSV files defen writes (score reports, data templates).
//
// A spreadsheet opening a CSV runs a cell that starts with = + - @ as a
// formula (=HYPERLINK(…), +cmd|…), and a tab or carriage return in front
// does not stop it. Text in a report comes from data (a unit's name) and
// rules (indicator names, grades, error messages quoting cells), so text
// cells starting with one of these characters get a single quote in front,
// as OWASP's "CSV Injection" page recommends. Numbers defen itself wrote
// (row numbers, scores, a net bonus of -1.5) are written as they are: they
// are numbers, never formulas, and must stay numbers in the spreadsheet.
#pragma once

#include <string>
#include <string_view>

namespace defen {

// A text cell: neutralised (see above), then quoted when it holds a comma,
// a quote or a line break.
std::string csvText(const std::string& text);
// The same appended to `out` (a report row being built), without allocating.
void appendCsvText(std::string& out, std::string_view text);

}  // namespace defen

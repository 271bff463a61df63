// Small pieces shared by the XLSX writers (the score report and the data-entry
// template): Excel's rules for sheet names, and row heights for wrapped text.
#pragma once

#include "compiler/core/decimal.h"

#include <set>
#include <string>
#include <utility>
#include <vector>

struct lxw_workbook;

namespace defen::xlsx {

// A new workbook at `path`, or null with `error` set (in Chinese). The path is
// tried first: libxlsxwriter finds an unwritable path only when closing, and
// says so on stderr in English.
lxw_workbook* newWorkbook(const std::string& path, std::string& error);

// A valid, unused sheet name from `wanted`: at most 31 characters, none of
// []:*?/\, no leading or trailing apostrophe, unique ignoring case (Excel's
// rule). Falls back to `fallback` when nothing usable is left, and appends
// （2）, （3）… to a repeated name. The result is added to `used`.
std::string sheetName(const std::string& wanted, const std::string& fallback, std::set<std::string>& used);

// Columns a text needs in Excel's width unit: a CJK character takes two.
int displayWidth(const std::string& text);

// The height in points of a row whose wrapped cells hold these texts in
// columns of these widths. Excel does not grow rows for wrapped text written
// by a library, and never for merged cells, so the writer sets it.
double rowHeight(const std::vector<std::pair<std::string, double>>& cells);

// A score as the number Excel stores. Scores are already rounded to a few
// places, so the nearest double shows the same digits.
double toDouble(Decimal v);

// "0.00" for two places, "0" for none.
std::string numberFormat(int places);

}  // namespace defen::xlsx

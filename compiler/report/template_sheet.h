// The empty data-entry sheet of a ruleset (`defen template`): one column per
// thing the data must say, each with a note saying what to write. The columns
// come from the compiler (compiler/report/data_template.h); this file only writes them.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace defen {

// What the XLSX template's cells of a column hold: text stays text (a code
// keeps its leading zeros); the rest are numbers with a format to match.
enum class TemplateCell {
  Text,    // names, reasons, 枚举, 是否, 档次
  Money,   // #,##0.00
  Ratio,   // 0.00%: Excel stores 35.74% as 0.3574, which the reader takes as the fraction
  Count,   // 0, a whole number
  Number,  // General
  Score,   // 0.00: a 评审分
};

struct TemplateColumn {
  std::string name{};                // the header, exactly as the binder matches it
  std::string kind{};                // short: 金额（元）, 是否, 评审分, 理由 …
  std::string note{};                // what to write, allowed values, range, whether it may stay empty
  std::vector<std::string> choices{};  // 枚举 and 是否 columns: the values a drop-down offers
  bool required = false;
  TemplateCell cell = TemplateCell::Text;
  // The range Excel's data validation enforces (the binder checks it again,
  // exactly). `strict`: a value outside is refused; otherwise Excel only warns
  // (a rate over 1000% is more likely 35.74 typed without its %).
  std::optional<double> low{}, high{};
  bool strict = true;
  std::string rangeText{};  // the range as people read it: 0～5分, 0%～1000%
};

struct DataTemplate {
  std::string title;  // the ruleset's name and year
  std::vector<TemplateColumn> columns;
  std::vector<std::string> remarks;  // general advice printed after the columns
};

// XLSX: sheet 数据 with the header row (a comment on each header cell holding
// its note, drop-down lists for 枚举/是否/档次 columns, a number format and a
// range check on the numeric ones), then sheet 填写说明 listing every column. False with `error` (Chinese) if it cannot be written.
bool writeTemplateXlsx(const std::string& path, const DataTemplate& tmpl, std::string& error);

// CSV: the header row only, as UTF-8 text (the caller adds the BOM for a
// file, or transcodes: compiler/report/csv_encoding.h).
void writeTemplateCsv(std::ostream& out, const DataTemplate& tmpl);

// The notes as text, one column a paragraph (for the CSV, which has no room
// for them).
void writeTemplateNotes(std::ostream& out, const DataTemplate& tmpl);

}  // namespace defen

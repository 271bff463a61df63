// Text shared by the Markdown and HTML reports and the batch summary.
#include "compiler/report/documents.h"

#include <fmt/format.h>

namespace defen {

std::string recordName(const RecordResult& rec) { return rec.id.empty() ? fmt::format("第{}行", rec.row) : rec.id; }

std::string rulesetLine(const ReportSchema& schema) {
  std::string line;
  auto part = [&](const std::string& text) { line += (line.empty() ? "" : " · ") + text; };
  if (!schema.region.empty()) part(schema.region);
  if (schema.year) part(fmt::format("{}年度", schema.year));
  if (!schema.version.empty()) part("版本 " + schema.version);
  part("总分" + scoreText(schema.total, schema.places) + "分");
  return line;
}

}  // namespace defen

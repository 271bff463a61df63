#include "cli/check_output.h"

#include "compiler/tools/format/formatter.h"

namespace defen::cli {

nlohmann::ordered_json diagnosticsJson(const Compilation& c, Lang lang, const std::string& displayPath) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& d : c.diags.all()) {
    nlohmann::ordered_json j;
    j["file"] = displayPath.empty() ? c.source->path() : displayPath;
    j["line"] = d.range.line;
    j["column"] = d.range.col;
    j["endLine"] = d.range.endLine;
    j["endColumn"] = d.range.endCol;
    j["severity"] = d.severity == Severity::Error ? "error" : "warning";
    j["code"] = d.code;
    j["message"] = d.message(lang);
    nlohmann::ordered_json notes = nlohmann::ordered_json::array();
    for (const auto& n : d.notes) notes.push_back(lang == Lang::En && !n.en.empty() ? n.en : n.zh);
    j["notes"] = notes;
    list.push_back(j);
  }
  return list;
}

std::string flatText(const Compilation& c) {
  // The splice leaves the base's indentation around the changes; the
  // formatter puts it back in the canonical layout.
  Diagnostics formatDiags;
  std::optional<std::string> formatted = formatRuleset(*c.effective, formatDiags);
  return formatted ? *formatted : c.effective->text();
}

}  // namespace defen::cli

#include "compiler/tools/diff/writers.h"

#include "compiler/tools/diff/describe.h"

#include <nlohmann/json.hpp>

namespace defen::diff {
namespace {

using Json = nlohmann::ordered_json;

Json place(const Place& p) {
  if (!p.valid()) return nullptr;
  const SourceRange& r = p.range;
  return Json{{"file", p.base.empty() ? Json(nullptr) : Json(p.base)},
              {"line", r.line}, {"column", r.col}, {"endLine", r.endLine}, {"endColumn", r.endCol}};
}

Json standard(const Standard& s) { return Json{{"file", s.file}, {"name", s.name}, {"year", s.year}, {"version", s.version}}; }

}  // namespace

void writeDiffJson(std::ostream& out, const RulesetDiff& d) {
  Json doc;
  doc["before"] = standard(d.before);
  doc["after"] = standard(d.after);
  doc["summary"] = Json{{"changes", d.changes.size()},
                        {"header", d.count(Category::Header)},
                        {"rules", d.count(Category::Rule)},
                        {"wording", d.count(Category::Wording)}};
  doc["changes"] = Json::array();
  for (const auto& c : d.changes) {
    Json j;
    j["kind"] = kindName(c.kind);
    j["category"] = categoryName(categoryOf(c));
    j["area"] = areaName(c.area);
    j["path"] = c.path;
    j["item"] = c.item;
    j["before"] = c.before.empty() ? Json(nullptr) : Json(c.before);
    j["after"] = c.after.empty() ? Json(nullptr) : Json(c.after);
    j["old"] = place(c.oldAt);
    j["new"] = place(c.newAt);
    Json excerpts = Json::array();
    for (const auto& e : c.excerpts) excerpts.push_back(Json{{"before", e.before}, {"after", e.after}});
    j["excerpts"] = excerpts;
    // The same words as the text report, in both languages, for a page to show
    // people instead of the kind code and positions.
    auto words = [&](Lang lang) {
      std::string place = placeOf(c, lang);  // "（旧第7行，新第8行）" / " (old line 7, new line 8)": brackets off
      for (std::string_view open : {"（", " ("})
        if (place.rfind(open, 0) == 0) place = place.substr(open.size(), place.size() - open.size() - (open == "（" ? 3 : 1));
      return Json{{"label", badgeOf(c, lang) + (lang == Lang::En ? " · " : "·") + partOf(c, lang)},
                  {"line", lineOf(c, lang)},
                  {"place", place}};
    };
    j["zh"] = words(Lang::Zh);
    j["en"] = words(Lang::En);
    doc["changes"].push_back(std::move(j));
  }
  out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace defen::diff

#include "compiler/tools/diff/describe.h"

#include <fmt/format.h>

#include <filesystem>

namespace defen::diff {
namespace {

struct Words {
  const char* zh;
  const char* en;
};

const char* pick(const Words& w, Lang lang) { return lang == Lang::En ? w.en : w.zh; }

// The part of the standard a change is to, as partOf names it ("分段", "band").
Words partWords(Kind kind) { return {namesOf(kind).partZh, namesOf(kind).partEn}; }

// "“…” 改为 “…”；“…” 改为 “…”": the changed stretches of a wording.
std::string excerpts(const Change& c, Lang lang) {
  std::string out;
  for (const auto& e : c.excerpts) {
    if (!out.empty()) out += lang == Lang::En ? "; " : "；";
    out += lang == Lang::En ? fmt::format("“{}” → “{}”", e.before, e.after) : fmt::format("“{}” 改为 “{}”", e.before, e.after);
  }
  return out;
}

// "<what> <before> 改为 <after>", "新增<what> <after>" or "删除<what> <before>", by which sides exist.
std::string edit(const Change& c, Words what, Lang lang) {
  std::string w = pick(what, lang);
  std::string space = w.empty() ? "" : " ";
  if (c.before.empty()) return lang == Lang::En ? fmt::format("added {}{}{}", w, space, c.after) : fmt::format("新增{}{}{}", w, space, c.after);
  if (c.after.empty()) return lang == Lang::En ? fmt::format("removed {}{}{}", w, space, c.before) : fmt::format("删除{}{}{}", w, space, c.before);
  return lang == Lang::En ? fmt::format("{}{}{} changed to {}", w, space, c.before, c.after)
                          : fmt::format("{}{}{} 改为 {}", w, space, c.before, c.after);
}

std::string wording(const Change& c, Words what, Lang lang) {
  if (c.before.empty() || c.after.empty()) return edit(c, what, lang);
  return lang == Lang::En ? fmt::format("{} wording: {}", pick(what, lang), excerpts(c, lang))
                          : fmt::format("{}措辞：{}", pick(what, lang), excerpts(c, lang));
}

std::string indicatorLine(const Change& c, Lang lang) {
  const std::string& name = c.path.empty() ? c.item : c.path.back();
  bool en = lang == Lang::En;
  std::string body;
  switch (c.kind) {
    case Kind::IndicatorAdded: case Kind::IndicatorRemoved: return edit(c, partWords(c.kind), lang);
    case Kind::IndicatorRenamed:
      return en ? fmt::format("{}: renamed to “{}”", c.before, c.after) : fmt::format("{}：改名为“{}”", c.before, c.after);
    case Kind::IndicatorMoved:
      body = en ? fmt::format("moved from “{}” to “{}”", c.before, c.after) : fmt::format("从“{}”移到“{}”", c.before, c.after);
      break;
    case Kind::WeightChanged: case Kind::DeductionCapChanged:
      body = fmt::format("{} {} → {}", pick(partWords(c.kind), lang), c.before, c.after);
      break;
    case Kind::RuleChanged: case Kind::FormulaChanged: case Kind::TiersChanged:
    case Kind::BandAdded: case Kind::BandRemoved: case Kind::BandChanged:
    case Kind::ItemAdded: case Kind::ItemRemoved: case Kind::ItemChanged:
    case Kind::DeductionAdded: case Kind::DeductionRemoved: case Kind::DeductionChanged:
      body = edit(c, partWords(c.kind), lang);
      break;
    case Kind::NaAdded: case Kind::NaRemoved: case Kind::NaChanged: body = edit(c, {"", ""}, lang); break;
    case Kind::LetAdded: case Kind::LetRemoved: case Kind::LetChanged: body = edit(c, {"", ""}, lang); break;
    case Kind::NoteChanged: body = wording(c, {"说明", "说明 (note)"}, lang); break;
    case Kind::ExplainChanged: body = wording(c, {"评分说明", "评分说明 (explanation)"}, lang); break;
    default: body = edit(c, {"", ""}, lang); break;
  }
  return name + (en ? ": " : "：") + body;
}

}  // namespace

std::string groupOf(const Change& c, Lang lang) {
  bool en = lang == Lang::En;
  switch (c.area) {
    case Area::Header: return en ? "Header" : "文件头";
    case Area::Grades: return en ? "Grades (等级)" : "等级";
    case Area::Inputs: return en ? "Inputs (输入)" : "输入";
    case Area::Lets: return en ? "Derived values (令)" : "令";
    case Area::Bonus: return en ? "Bonus and penalty (加减分)" : "加减分";
    case Area::Indicators: break;
  }
  if (c.path.empty()) return en ? "Indicators" : "指标";
  if (c.path.size() == 1) return c.path[0];  // a top-level indicator heads its own group, above its children's
  std::vector<std::string> parent(c.path.begin(), c.path.end() - 1);
  return fmt::format("{}", fmt::join(parent, " › "));
}

std::string lineOf(const Change& c, Lang lang) {
  bool en = lang == Lang::En;
  switch (c.area) {
    case Area::Header: {
      auto side = [&](const std::string& v) { return v.empty() ? std::string(en ? "(not set)" : "（未写）") : v; };
      return fmt::format("{}{}{} → {}", c.item, en ? ": " : "：", side(c.before), side(c.after));
    }
    case Area::Grades: return edit(c, {"等级", "grade"}, lang);
    case Area::Inputs: return edit(c, {"输入", "input"}, lang);
    case Area::Lets: return edit(c, {"", ""}, lang);
    case Area::Bonus:
      if (c.kind == Kind::BonusRenamed)
        return en ? fmt::format("{}: renamed to “{}”", c.before, c.after) : fmt::format("{}：改名为“{}”", c.before, c.after);
      if (c.kind == Kind::BonusAdded || c.kind == Kind::BonusRemoved) return edit(c, {"", ""}, lang);
      return c.item + (en ? ": " : "：") + edit(c, {"", ""}, lang);
    case Area::Indicators: return indicatorLine(c, lang);
  }
  return {};
}

std::string placeOf(const Change& c, Lang lang) {
  bool en = lang == Lang::En;
  // "旧第171行", "old line 171"; in a base file "旧 base.rules 第171行".
  auto side = [&](const Place& p, const char* zh, const char* enSide) {
    std::string file = p.base.empty() ? "" : std::filesystem::path(p.base).filename().string() + " ";
    return en ? fmt::format("{} {}line {}", enSide, file, p.range.line)
              : fmt::format("{}{}第{}行", zh, file.empty() ? "" : " " + file, p.range.line);
  };
  if (c.oldAt.valid() && c.newAt.valid())
    return en ? fmt::format(" ({}, {})", side(c.oldAt, "旧", "old"), side(c.newAt, "新", "new"))
              : fmt::format("（{}，{}）", side(c.oldAt, "旧", "old"), side(c.newAt, "新", "new"));
  if (c.oldAt.valid()) return en ? fmt::format(" ({})", side(c.oldAt, "旧", "old")) : fmt::format("（{}）", side(c.oldAt, "旧", "old"));
  if (c.newAt.valid()) return en ? fmt::format(" ({})", side(c.newAt, "新", "new")) : fmt::format("（{}）", side(c.newAt, "新", "new"));
  return {};
}

std::string badgeOf(const Change& c, Lang lang) {
  bool en = lang == Lang::En;
  if (c.wording()) return en ? "wording" : "措辞";
  if (c.kind == Kind::IndicatorRenamed || c.kind == Kind::BonusRenamed) return en ? "renamed" : "改名";
  if (c.kind == Kind::IndicatorMoved) return en ? "moved" : "移动";
  if (c.before.empty()) return en ? "added" : "新增";
  if (c.after.empty()) return en ? "removed" : "删除";
  return en ? "changed" : "修改";
}

std::string partOf(const Change& c, Lang lang) {
  if (c.kind == Kind::Header) return c.item;
  const KindNames& names = namesOf(c.kind);
  return lang == Lang::En ? names.partEn : names.partZh;
}

std::string subjectOf(const Change& c) {
  if (c.area == Area::Indicators && !c.path.empty()) return c.path.back();
  return c.item;
}

std::string standardTitle(const Standard& s, Lang lang) {
  std::string out = s.name;
  if (lang == Lang::En) {
    if (s.year) out += fmt::format(" ({}", s.year);
    if (!s.version.empty()) out += (s.year ? ", version " : " (version ") + s.version;
    if (s.year || !s.version.empty()) out += ")";
    return out;
  }
  if (s.year) out += fmt::format("（{}年度", s.year);
  if (!s.version.empty()) out += (s.year ? "，版本 " : "（版本 ") + s.version;
  if (s.year || !s.version.empty()) out += "）";
  return out;
}

}  // namespace defen::diff

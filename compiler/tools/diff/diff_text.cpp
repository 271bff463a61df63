#include "compiler/tools/diff/describe.h"
#include "compiler/tools/diff/writers.h"

#include <fmt/format.h>

namespace defen::diff {

void writeDiffText(std::ostream& out, const RulesetDiff& d, Lang lang) {
  bool en = lang == Lang::En;
  auto side = [&](const char* label, const Standard& s) {
    out << label << standardTitle(s, lang);
    if (!s.file.empty()) out << (en ? "  " : "　") << s.file;
    out << "\n";
  };
  side(en ? "Old: " : "旧标准：", d.before);
  side(en ? "New: " : "新标准：", d.after);
  if (d.changes.empty()) {
    out << (en ? "No differences: the two standards score alike and read alike (layout and comments aside).\n"
               : "两套标准没有差异：评分规则与措辞均相同（排版与注释不计）。\n");
    return;
  }
  int header = d.count(Category::Header), rules = d.count(Category::Rule), wording = d.count(Category::Wording);
  out << (en ? fmt::format("{} difference(s): {} in the header, {} in the rules, {} in wording.\n", d.changes.size(), header, rules, wording)
             : fmt::format("共{}处差异：文件头{}处，评分规则{}处，措辞{}处。\n", d.changes.size(), header, rules, wording));
  std::string group;
  bool first = true;
  for (const auto& c : d.changes) {
    std::string g = groupOf(c, lang);
    if (first || g != group) {
      out << "\n" << g << "\n";
      group = g;
      first = false;
    }
    out << "  " << lineOf(c, lang) << placeOf(c, lang) << "\n";
  }
}

}  // namespace defen::diff

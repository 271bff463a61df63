#include "compiler/tools/inherit/splice.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace defen::inherit {

namespace {

bool isCommentLine(std::string_view line) {
  size_t i = line.find_first_not_of(" \t\r");
  if (i == std::string_view::npos) return false;
  line.remove_prefix(i);
  return line.starts_with("#") || line.starts_with("＃") || line.starts_with("//");
}

bool isBlank(std::string_view s) { return s.find_first_not_of(" \t\r") == std::string_view::npos; }

class Planner {
 public:
  Planner(const ast::File& base, const SourceFile& baseText, const ast::File& derived, const SourceFile& derivedText,
          Diagnostics& diags)
      : base_(base), baseText_(baseText), derived_(derived), derivedText_(derivedText), diags_(diags) {
    for (const auto& ind : base.indicators) index(*ind);
    for (const auto& r : derived.removals)
      if (r.kind == ast::Removal::Kind::Indicator)
        for (const auto& [name, _] : r.names) {
          removed_.insert(name);
          if (auto it = indicators_.find(name); it != indicators_.end()) freeNamesBelow(*it->second);
        }
  }

  std::vector<Edit> plan() {
    headers();
    inputs();
    topLevelLets();
    newIndicators();
    bonuses();
    for (const auto& m : derived_.modifications) modification(m);
    for (const auto& r : derived_.removals) removal(r);
    return std::move(edits_);
  }

 private:
  const ast::File& base_;
  const SourceFile& baseText_;
  const ast::File& derived_;
  const SourceFile& derivedText_;
  Diagnostics& diags_;
  std::vector<Edit> edits_;
  std::unordered_map<std::string, const ast::Indicator*> indicators_;
  std::unordered_set<std::string> removed_;  // 删除 指标 …
  std::unordered_set<std::string> freed_;    // names below a removed indicator
  int order_ = 0;

  void index(const ast::Indicator& ind) {
    indicators_.emplace(ind.name, &ind);
    for (const auto& c : ind.children) index(*c);
  }

  size_t begin(const SourceRange& r) const { return baseText_.offset(r.line, r.col); }
  size_t end(const SourceRange& r) const { return baseText_.offset(r.endLine, r.endCol); }

  Piece slice(const SourceRange& r) const {
    return Piece{false, {}, derivedText_.offset(r.line, r.col), derivedText_.offset(r.endLine, r.endCol)};
  }
  static Piece text(std::string s) { return Piece{true, std::move(s)}; }

  void edit(size_t from, size_t to, std::vector<Piece> pieces, const SourceRange& anchor, bool structural = false) {
    edits_.push_back(Edit{from, to, std::move(pieces), anchor, structural, order_++});
  }
  void replace(const SourceRange& old, const SourceRange& with, const SourceRange& anchor, bool structural = false) {
    edit(begin(old), end(old), {slice(with)}, anchor, structural);
  }
  // On a line of its own: the splice keeps one statement per line.
  void insert(size_t at, const SourceRange& what, const SourceRange& anchor, bool structural = false) {
    edit(at, at, {text("\n"), slice(what), text("\n")}, anchor, structural);
  }

  // Removes a statement with the line it stands on and the comment lines just
  // above it, which describe it.
  void remove(const SourceRange& r, const SourceRange& anchor, bool structural = false) {
    const std::string& t = baseText_.text();
    size_t from = begin(r), to = end(r);
    size_t lineStart = from == 0 ? 0 : t.rfind('\n', from - 1);
    lineStart = lineStart == std::string::npos || from == 0 ? 0 : lineStart + 1;
    size_t lineEnd = t.find('\n', to);
    std::string_view after = std::string_view(t).substr(to, (lineEnd == std::string::npos ? t.size() : lineEnd) - to);
    if (isBlank(std::string_view(t).substr(lineStart, from - lineStart)) && (isBlank(after) || isCommentLine(after))) {
      from = lineStart;
      to = lineEnd == std::string::npos ? t.size() : lineEnd + 1;
      while (from > 0) {
        size_t prevStart = from == 1 ? 0 : t.rfind('\n', from - 2);
        prevStart = prevStart == std::string::npos || from == 1 ? 0 : prevStart + 1;
        if (!isCommentLine(std::string_view(t).substr(prevStart, from - 1 - prevStart))) break;
        from = prevStart;
      }
    }
    edit(from, to, {}, anchor, structural);
  }

  // Offset of the opening brace after `from` and of the closing brace that
  // ends `range` (both may be full-width).
  size_t openBrace(size_t from) const {
    const std::string& t = baseText_.text();
    return std::min(t.find('{', from), t.find("｛", from));
  }
  size_t afterOpenBrace(size_t from) const {
    size_t at = openBrace(from);
    if (at == std::string::npos) return baseText_.text().size();
    return at + (baseText_.text()[at] == '{' ? 1 : 3);
  }
  size_t closeBrace(const SourceRange& range) const {
    size_t at = end(range);
    const std::string& t = baseText_.text();
    return at >= 3 && t.compare(at - 3, 3, "｝") == 0 ? at - 3 : at - 1;
  }

  void headers() {
    for (const auto& h : derived_.headerItems) {
      auto it = std::find_if(base_.headerItems.begin(), base_.headerItems.end(),
                             [&](const ast::HeaderItem& b) { return b.kind == h.kind; });
      if (it != base_.headerItems.end()) replace(it->range, h.range, h.range, h.kind == ast::HeaderItem::Kind::Total);
      else insert(base_.headerItems.empty() ? 0 : end(base_.headerItems.back().range), h.range, h.range);
    }
  }

  void inputs() {
    for (const auto& d : derived_.inputs) {
      auto it = std::find_if(base_.inputs.begin(), base_.inputs.end(), [&](const ast::InputDecl& b) { return b.name == d.name; });
      if (it != base_.inputs.end()) replace(it->range_, d.range_, d.range_);
      else if (!base_.inputBlocks.empty()) insert(closeBrace(base_.inputBlocks.back()), d.range_, d.range_);
    }
    // A base without an 输入 block takes the derived blocks whole.
    if (base_.inputBlocks.empty()) {
      size_t at = base_.headerItems.empty() ? 0 : end(base_.headerItems.back().range);
      for (const auto& block : derived_.inputBlocks) insert(at, block, block);
    }
  }

  void topLevelLets() {
    for (const auto& l : derived_.lets) {
      auto it = std::find_if(base_.lets.begin(), base_.lets.end(), [&](const ast::LetDecl& b) { return b.name == l.name; });
      if (it != base_.lets.end()) replace(it->range, l.range, l.range);
      else insert(baseText_.text().size(), l.range, l.range);
    }
  }

  void newIndicators() {
    size_t at = base_.indicators.empty() ? baseText_.text().size() : end(base_.indicators.back()->range);
    for (const auto& ind : derived_.indicators) {
      // An indicator removed here may be written again elsewhere: that is how
      // one moves to another level (删除 指标 X, then 指标 X … at the top).
      if (auto it = indicators_.find(ind->name); it != indicators_.end() && !removed_.count(ind->name) &&
                                                     !freed_.count(ind->name)) {
        auto& d = diags_.error("E305", ind->nameRange, fmt::format("基础标准已有指标“{}”；要改动它，请写 修改 指标 {}", ind->name, ind->name),
                               fmt::format("the base already has indicator '{}'; change it with 修改 指标 {}", ind->name, ind->name));
        d.notes.push_back({{}, fmt::format("基础标准中的“{}”在第{}行", ind->name, it->second->nameRange.line),
                           fmt::format("the base's '{}' is on line {}", ind->name, it->second->nameRange.line)});
        continue;
      }
      insert(at, ind->range, ind->range, true);
    }
  }

  void bonuses() {
    for (const auto& b : derived_.bonuses) {
      auto it = std::find_if(base_.bonuses.begin(), base_.bonuses.end(), [&](const ast::BonusBlock& x) { return x.name == b.name; });
      if (it != base_.bonuses.end()) replace(it->range, b.range, b.range);
      else insert(baseText_.text().size(), b.range, b.range);
    }
  }

  const ast::Indicator* find(const std::string& name, const SourceRange& where) {
    auto it = indicators_.find(name);
    if (it != indicators_.end()) return it->second;
    diags_.error("E303", where, fmt::format("基础标准中没有指标“{}”", name), fmt::format("the base has no indicator '{}'", name));
    return nullptr;
  }

  void modification(const ast::Modification& m) {
    const ast::Indicator* target = find(m.name, m.nameRange);
    if (!target) return;
    if (m.weight) replace(target->weight.range, m.weight->range, m.range, true);
    if (m.parts) parts(*target, *m.parts, m.range);
  }

  // The parts a 修改 block states replace the same parts of the target.
  void parts(const ast::Indicator& target, const ast::Indicator& p, const SourceRange& anchor) {
    size_t top = afterOpenBrace(end(target.weight.range));
    if (p.note) {
      if (target.note) replace(target.noteRange, p.noteRange, anchor);
      else insert(top, p.noteRange, anchor);
    }
    if (p.explainTemplate) {
      if (target.explainTemplate) replace(target.explainTemplateRange, p.explainTemplateRange, anchor);
      else edit(top, top, {text("\n评分说明 "), slice(p.explainTemplateRange), text("\n")}, anchor);
    }
    for (const auto& l : p.lets) {
      auto it = std::find_if(target.lets.begin(), target.lets.end(), [&](const ast::LetDecl& b) { return b.name == l.name; });
      if (it != target.lets.end()) replace(it->range, l.range, anchor);
      else insert(top, l.range, anchor);
    }
    if (!p.na.empty()) {
      size_t at = target.na.empty() ? top : begin(target.na.front().range);
      for (const auto& na : target.na) edit(begin(na.range), end(na.range), {}, anchor);
      for (const auto& na : p.na) insert(at, na.range, anchor);
    }
    if (!p.rules.empty()) {
      if (target.rules.empty()) {
        for (const auto& r : p.rules) insert(closeBrace(target.range), r.range, anchor);
      } else {
        std::vector<Piece> pieces;
        for (const auto& r : p.rules) {
          if (!pieces.empty()) pieces.push_back(text("\n"));
          pieces.push_back(slice(r.range));
        }
        edit(begin(target.rules.front().range), end(target.rules.front().range), std::move(pieces), anchor);
        for (size_t i = 1; i < target.rules.size(); ++i) remove(target.rules[i].range, anchor);
      }
    }
    for (const auto& child : p.children) {
      auto it = std::find_if(target.children.begin(), target.children.end(), [&](const auto& c) { return c->name == child->name; });
      if (it != target.children.end()) replace((*it)->range, child->range, child->range, true);
      else insert(closeBrace(target.range), child->range, child->range, true);
    }
  }

  void removal(const ast::Removal& r) {
    for (const auto& [name, where] : r.names) {
      switch (r.kind) {
        case ast::Removal::Kind::Indicator:
          // Removing a parent removes its children: naming them too is no conflict.
          if (const ast::Indicator* ind = find(name, where); ind && !insideRemoved(*ind)) remove(ind->range, r.range, true);
          break;
        case ast::Removal::Kind::Input: {
          // [&name = name]: clang 14 (the fuzz build) cannot capture a structured binding.
          auto it = std::find_if(base_.inputs.begin(), base_.inputs.end(), [&name = name](const ast::InputDecl& b) { return b.name == name; });
          if (it != base_.inputs.end()) remove(it->range_, r.range);
          else diags_.error("E303", where, fmt::format("基础标准中没有输入“{}”", name), fmt::format("the base has no input '{}'", name));
          break;
        }
        case ast::Removal::Kind::Let:
          if (const ast::LetDecl* let = findLet(name)) remove(let->range, r.range);
          else diags_.error("E303", where, fmt::format("基础标准中没有令“{}”", name), fmt::format("the base has no 令 '{}'", name));
          break;
      }
    }
  }

  // Removing a parent frees the names of everything below it too.
  void freeNamesBelow(const ast::Indicator& ind) {
    for (const auto& c : ind.children) {
      freed_.insert(c->name);
      freeNamesBelow(*c);
    }
  }

  bool insideRemoved(const ast::Indicator& ind) const {
    for (const auto& name : removed_) {
      auto it = indicators_.find(name);
      if (it == indicators_.end() || it->second == &ind) continue;
      const SourceRange& outer = it->second->range;
      if (begin(outer) <= begin(ind.range) && end(ind.range) <= end(outer)) return true;
    }
    return false;
  }

  const ast::LetDecl* findLet(const std::string& name) const {
    for (const auto& l : base_.lets)
      if (l.name == name) return &l;
    for (const auto& [_, ind] : indicators_)
      for (const auto& l : ind->lets)
        if (l.name == name) return &l;
    return nullptr;
  }
};

}  // namespace

std::vector<Edit> planEdits(const ast::File& base, const SourceFile& baseText, const ast::File& derived,
                            const SourceFile& derivedText, Diagnostics& diags) {
  return Planner(base, baseText, derived, derivedText, diags).plan();
}

FlatText applyEdits(const FlatText& base, std::vector<Edit> edits, int derivedFile, const SourceFile& derivedText,
                    Diagnostics& diags, std::vector<AppliedEdit>& applied) {
  std::stable_sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.order < b.order;
  });
  FlatText out;
  size_t cursor = 0;
  const Edit* previous = nullptr;
  for (const Edit& e : edits) {
    if (previous && e.begin < previous->end) {
      auto& d = diags.error("E306", e.anchor, fmt::format("这一处修改与第{}行的修改改的是基础标准的同一处", previous->anchor.line),
                            fmt::format("this change and the one on line {} change the same part of the base", previous->anchor.line));
      d.notes.push_back({previous->anchor, "另一处修改在这里", "the other change is here"});
      continue;
    }
    out.appendFrom(base, cursor, e.begin);
    size_t flatBegin = out.text().size();
    Origin anchor{derivedFile, derivedText.offset(e.anchor.line, e.anchor.col)};
    for (const Piece& p : e.pieces) {
      if (p.synthetic) out.appendSynthetic(p.text, anchor);
      else out.appendOriginal(derivedFile, derivedText.text(), p.begin, p.end);
    }
    applied.push_back(AppliedEdit{flatBegin, out.text().size(), e.anchor, e.structural});
    cursor = std::max(cursor, e.end);
    previous = &e;
  }
  out.appendFrom(base, cursor, base.text().size());
  return out;
}

}  // namespace defen::inherit

// Diagnostics of an inherited ruleset's flat text, put back where a person
// can act on them (see flatten.h).
#include "compiler/tools/inherit/flatten.h"

#include <fmt/format.h>

namespace defen::inherit {

namespace {

class Remapper {
 public:
  Remapper(const SourceFile& flatSource, const ast::File& flatSyntax, const Chain& chain)
      : flat_(flatSource), syntax_(flatSyntax), chain_(chain) {}

  Diagnostic remap(Diagnostic d) const {
    if (!d.range.valid()) return d;
    size_t begin = flat_.offset(d.range.line, d.range.col), end = flat_.offset(d.range.endLine, d.range.endCol);
    Origin origin = chain_.flat.origin(begin);
    if (origin.file == 0) {
      d.range = inDerived(begin, end, origin);
    } else {
      d.notes.insert(d.notes.begin(), {{}, "出自基础标准 " + where(origin), "from the base standard at " + where(origin)});
      d.range = responsibleChange(begin, d.code);
    }
    for (auto& note : d.notes) {
      if (!note.range.valid()) continue;
      size_t b = flat_.offset(note.range.line, note.range.col), e = flat_.offset(note.range.endLine, note.range.endCol);
      Origin o = chain_.flat.origin(b);
      if (o.file == 0) {
        note.range = inDerived(b, e, o);
      } else {
        note.range = {};
        note.zh += "（" + where(o) + "）";
        note.en += " (" + where(o) + ")";
      }
    }
    return d;
  }

 private:
  const SourceFile& flat_;
  const ast::File& syntax_;
  const Chain& chain_;

  // The same bytes in the derived file; a range that runs past its segment
  // is cut to one character.
  SourceRange inDerived(size_t begin, size_t end, Origin origin) const {
    const SourceFile& file = *chain_.files[0];
    Origin last = chain_.flat.origin(end > begin ? end - 1 : begin);
    size_t originEnd = last.file == 0 && last.offset >= origin.offset ? last.offset + 1 : origin.offset + 1;
    return file.rangeOf(origin.offset, originEnd);
  }

  std::string where(Origin o) const {
    const SourceFile& file = *chain_.files[o.file];
    SourceRange r = file.rangeOf(o.offset, o.offset);
    return fmt::format("{}:{}:{}", file.path(), r.line, r.col);
  }

  // The innermost indicator around `offset` that a change of the derived file
  // touched. Top-level weights that no longer add up to 总分 (E131) go to the
  // first change of 分值 or structure. Anything else in text no change touched
  // is the base's own problem: the 基于 line.
  SourceRange responsibleChange(size_t offset, const std::string& code) const {
    std::vector<const ast::Indicator*> enclosing;
    const std::vector<std::unique_ptr<ast::Indicator>>* level = &syntax_.indicators;
    for (bool descended = true; descended;) {
      descended = false;
      for (const auto& ind : *level) {
        if (contains(ind->range, offset)) {
          enclosing.push_back(ind.get());
          level = &ind->children;
          descended = true;
          break;
        }
      }
    }
    // A change of 分值 or structure explains more (weights that no longer add
    // up) than a changed rule beside it, so look for one first.
    for (bool structuralOnly : {true, false}) {
      for (auto it = enclosing.rbegin(); it != enclosing.rend(); ++it) {
        size_t from = flat_.offset((*it)->range.line, (*it)->range.col);
        size_t to = flat_.offset((*it)->range.endLine, (*it)->range.endCol);
        for (const auto& e : chain_.edits)
          if (e.flatBegin >= from && e.flatBegin <= to && (e.structural || !structuralOnly)) return e.anchor;
      }
    }
    if (code == "E131")
      for (const auto& e : chain_.edits)
        if (e.structural) return e.anchor;
    return chain_.baseStatement;
  }

  bool contains(const SourceRange& r, size_t offset) const {
    return flat_.offset(r.line, r.col) <= offset && offset < flat_.offset(r.endLine, r.endCol);
  }
};

class ChainOrigins final : public SourceOrigins {
 public:
  ChainOrigins(std::shared_ptr<const SourceFile> flat, Chain chain) : flat_(std::move(flat)), chain_(std::move(chain)) {}

  SourceLocation locate(const SourceRange& range) const override {
    if (!range.valid()) return {chain_.files[0]->path(), range};
    size_t begin = flat_->offset(range.line, range.col), end = flat_->offset(range.endLine, range.endCol);
    Origin first = chain_.flat.origin(begin);
    Origin last = chain_.flat.origin(end > begin ? end - 1 : begin);
    const SourceFile& file = *chain_.files[first.file];
    size_t originEnd = last.file == first.file && last.offset >= first.offset ? last.offset + 1 : first.offset + 1;
    return {file.path(), file.rangeOf(first.offset, originEnd)};
  }

 private:
  std::shared_ptr<const SourceFile> flat_;
  Chain chain_;
};

}  // namespace

std::shared_ptr<const SourceOrigins> makeOrigins(std::shared_ptr<const SourceFile> flatSource, Chain chain) {
  return std::make_shared<ChainOrigins>(std::move(flatSource), std::move(chain));
}

Diagnostics remapDiagnostics(const Diagnostics& flatDiags, const SourceFile& flatSource, const ast::File& flatSyntax,
                             const Chain& chain) {
  Remapper remapper(flatSource, flatSyntax, chain);
  Diagnostics out;
  for (const auto& d : flatDiags.all()) out.add(remapper.remap(d));
  return out;
}

}  // namespace defen::inherit

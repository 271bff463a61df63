#include "lib/driver/outline.h"

#include "compiler/syntax/lexer.h"
#include "compiler/syntax/parser.h"

namespace defen {

namespace {

int codePoints(const std::string& text) {
  int n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

OutlineItem itemOf(const ast::Indicator& indicator) {
  OutlineItem item{OutlineItem::Kind::Indicator, indicator.name, indicator.weight.text, indicator.range, indicator.nameRange, {}};
  for (const auto& child : indicator.children) item.children.push_back(itemOf(*child));
  return item;
}

}  // namespace

std::optional<std::string> nameAt(const SourceFile& file, int line, int column) {
  for (const Token& t : lexRuleset(file)) {
    if (t.line != line || t.kind == TokenKind::Whitespace) continue;
    if (column < t.column || column >= t.column + codePoints(t.text)) continue;
    if (t.kind == TokenKind::Name) return t.text;
    // `…` is one byte either side, 「…」 three.
    if (t.kind == TokenKind::QuotedName) return t.text[0] == '`' ? t.text.substr(1, t.text.size() - 2) : t.text.substr(3, t.text.size() - 6);
    return std::nullopt;
  }
  return std::nullopt;
}

std::vector<OutlineItem> outlineOf(const SourceFile& file) {
  Diagnostics diags;  // an editor shows them from checking (compileSource)
  std::unique_ptr<ast::File> syntax = parseRuleset(file, diags);
  std::vector<OutlineItem> items;
  for (const auto& input : syntax->inputs)
    items.push_back({OutlineItem::Kind::Input, input.name, "", input.range_, input.nameRange, {}});
  for (const auto& indicator : syntax->indicators) items.push_back(itemOf(*indicator));
  for (const auto& m : syntax->modifications) items.push_back({OutlineItem::Kind::Change, m.name, "", m.range, m.nameRange, {}});
  return items;
}

}  // namespace defen

#include "compiler/syntax/unclosed_brace.h"

#include "DefenLexer.h"

#include <fmt/format.h>

#include <vector>

namespace defen {

namespace g = defen::grammar;

namespace {

struct Open {
  antlr4::Token* brace;
  size_t lineStart;   // index of the first token on the brace's line
  size_t indent;      // that token's column
  size_t sibling = 0; // first later line at this indentation or left of it; 0: none yet
};

std::string lineHead(antlr4::TokenStream& tokens, const Open& o) {
  std::string out;
  for (size_t i = o.lineStart; i < o.brace->getTokenIndex(); ++i) {
    antlr4::Token* t = tokens.get(i);
    if (t->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
    if (!out.empty()) out += ' ';
    out += t->getText();
  }
  return out;
}

}  // namespace

std::optional<DiagnosticNote> unclosedBraceNote(antlr4::TokenStream& tokens, size_t upTo) {
  std::vector<Open> open;
  // A block that a sibling line has already left stays a suspect after a
  // later ｝ pops it: that ｝ was meant for its parent.
  std::vector<Open> suspects;
  size_t line = 0, lineStart = 0, indent = 0;
  for (size_t i = 0; i < upTo && i < tokens.size(); ++i) {
    antlr4::Token* t = tokens.get(i);
    if (t->getChannel() != antlr4::Token::DEFAULT_CHANNEL || t->getType() == antlr4::Token::EOF) continue;
    size_t type = t->getType();
    if (t->getLine() != line) {  // the first token of a line
      line = t->getLine();
      lineStart = i;
      indent = t->getCharPositionInLine();
      if (type != g::DefenLexer::RBRACE)
        for (Open& o : open)
          if (!o.sibling && indent <= o.indent) o.sibling = line;
    }
    if (type == g::DefenLexer::LBRACE) open.push_back({t, lineStart, indent});
    else if (type == g::DefenLexer::RBRACE && !open.empty()) {
      if (open.back().sibling) suspects.push_back(open.back());
      open.pop_back();
    }
  }
  if (open.empty()) return std::nullopt;  // every ｛ is closed: the error is something else
  for (const Open& o : open)
    if (o.sibling) suspects.push_back(o);
  const Open* culprit = nullptr;
  for (const Open& o : suspects)  // the earliest sibling line; on a tie the innermost block
    if (!culprit || o.sibling < culprit->sibling ||
        (o.sibling == culprit->sibling && o.brace->getTokenIndex() > culprit->brace->getTokenIndex()))
      culprit = &o;
  if (!culprit) return std::nullopt;
  int braceLine = static_cast<int>(culprit->brace->getLine());
  int braceCol = static_cast<int>(culprit->brace->getCharPositionInLine()) + 1;
  std::string head = lineHead(tokens, *culprit);
  return DiagnosticNote{
      SourceRange{braceLine, braceCol, braceLine, braceCol + 1},
      fmt::format("第{}行“{}”的“｛”可能缺少对应的“｝”：第{}行与它缩进相同，却被读成了它的下级", braceLine, head, culprit->sibling),
      fmt::format("the '{{' of \"{}\" on line {} may lack its '}}': line {} is indented like it but is read as inside it", head,
                  braceLine, culprit->sibling)};
}

}  // namespace defen

#include "compiler/tools/format/spacing.h"

namespace defen::format {

namespace {

using K = TokenKind;

// Full-width punctuation (，：（｛【…) is drawn with its own margins; a space
// next to it would read as a gap. Every ASCII symbol is one byte.
bool fullWidth(const Token& t) { return !t.text.empty() && static_cast<unsigned char>(t.text[0]) >= 0x80; }

bool isBinaryOperator(const Token& t) {
  switch (t.kind) {
    case K::Arrow: case K::Compare: case K::Equals: case K::Times: case K::Divide: return true;
    case K::Plus: case K::Minus: return !t.unarySign;
    default: return false;
  }
}

bool isOpening(const Token& t) { return t.kind == K::OpenParen || t.kind == K::OpenBracket || t.kind == K::OpenBrace; }
bool isClosing(const Token& t) { return t.kind == K::CloseParen || t.kind == K::CloseBracket || t.kind == K::CloseBrace; }
bool isSeparator(const Token& t) {
  return t.kind == K::Comma || t.kind == K::ListSeparator || t.kind == K::Colon || t.kind == K::Semicolon;
}

}  // namespace

bool isArithmeticOperator(const Token& t) {
  return (t.kind == K::Plus || t.kind == K::Minus || t.kind == K::Times || t.kind == K::Divide) && !t.unarySign;
}

int spacesBetween(const Token& a, const Token& b) {
  if (a.isComment() || b.isComment()) return 1;
  if (b.joinsPrevious) return 0;
  if (a.unarySign) return 0;
  if (isBinaryOperator(a) || isBinaryOperator(b)) return 1;
  if (isSeparator(b)) return 0;
  if (isClosing(b)) {
    // { a } and {} read as in English text; ）] ｝ hug what they close.
    if (b.kind == K::CloseBrace && !fullWidth(b)) return a.kind == K::OpenBrace ? 0 : 1;
    return 0;
  }
  if (isOpening(a)) return a.kind == K::OpenBrace && !fullWidth(a) ? 1 : 0;
  if (isSeparator(a)) return fullWidth(a) ? 0 : 1;
  if (isOpening(b)) return b.attachedParen || fullWidth(b) ? 0 : 1;
  if (isClosing(a)) return fullWidth(a) ? 0 : 1;
  return 1;  // two words: they must stay apart (若 有下属单位 则 …)
}

}  // namespace defen::format

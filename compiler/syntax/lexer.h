// A token-level view of a ruleset for tools (the formatter, editors): every
// token the grammar's lexer makes, comments and whitespace included, as our own
// values, so that no tool outside compiler/syntax needs an ANTLR header.
#pragma once

#include "compiler/core/source.h"

#include <string>
#include <vector>

namespace defen {

// Categories, not grammar tokens: a tool decides layout by what a token is
// (a word, an operator, an opening bracket…), whatever its spelling. Every
// keyword, including ones added to the grammar later, is a Keyword.
enum class TokenKind {
  Keyword,       // 指标 若 最多 …  (K_* in Defen.g4)
  Name,          // 支出完成率
  QuotedName,    // 「…」 `…`
  Number,        // 4分 90% 3,974,522.77元
  String,        // "…" “…”
  Infinity,      // ∞ 无穷 inf
  Arrow,         // → -> =>
  Compare,       // ≥ ≤ ≠ ＞ ＜ and their spellings
  Equals,        // = ＝ ==
  Plus,
  Minus,
  Times,
  Divide,
  OpenParen,     // ( （
  CloseParen,
  OpenBracket,   // [ ［ 【
  CloseBracket,
  OpenBrace,     // { ｛
  CloseBrace,
  Comma,         // , ，
  ListSeparator, // 、
  Colon,         // : ：
  Semicolon,     // ; ；
  LineComment,   // # ＃ // to the end of the line
  BlockComment,  // /* … */, possibly over several lines
  Whitespace,    // spaces, tabs, line breaks, U+3000, U+00A0, a BOM
  Unknown,       // a character no token starts with
};

struct Token {
  TokenKind kind = TokenKind::Unknown;
  std::string type;  // the grammar's token name ("K_INDICATOR", "ARROW"), for tools that need the exact token
  std::string text;  // exactly as written (UTF-8)
  int line = 0;      // 1-based
  int column = 0;    // 1-based, in code points

  // Filled in only by lexRulesetWithStructure, from the parse:
  // the first token of something that stands on its own line in a layout —
  // an item of the file, or an entry of a { } block (an indicator part, an
  // input, a band, a checklist line…).
  bool startsStatement = false;
  // a + or - in front of a value (-15%, -∞) rather than between two.
  bool unarySign = false;
  // a ( that belongs to the word before it: a call's arguments 最小(…), or a
  // money type's unit 金额(元); other parentheses group or open an interval.
  bool attachedParen = false;
  // a token that must touch the one before it: the pieces of a base name
  // (基于 zhanjiang-2022-dept lexes as zhanjiang - 2022 - dept).
  bool joinsPrevious = false;

  bool isComment() const { return kind == TokenKind::LineComment || kind == TokenKind::BlockComment; }
  bool isWhitespace() const { return kind == TokenKind::Whitespace; }
};

// Every token of the text in order, hidden ones (comments, whitespace)
// included, so that concatenating the texts gives back the input (less a
// leading BOM, which ANTLR drops). Never fails: a character that starts no
// token becomes an Unknown token, and a byte that is not UTF-8 is read as
// U+FFFD.
std::vector<Token> lexRuleset(const SourceFile& source);

// lexRuleset plus the marks that need the parse (startsStatement, unarySign,
// attachedParen, joinsPrevious). Syntax errors are not reported here — parseRuleset reports
// them; on text that does not parse the marks are incomplete.
std::vector<Token> lexRulesetWithStructure(const SourceFile& source);

}  // namespace defen

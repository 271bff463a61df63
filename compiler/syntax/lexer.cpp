// Turns the generated DefenLexer's tokens (all channels) into our Token values
// and, on request, marks what only the parse tree knows: where statements
// start, which signs are unary, which parentheses belong to the word before.
#include "compiler/syntax/lexer.h"

#include "DefenLexer.h"
#include "DefenParser.h"
#include "antlr4-runtime.h"
#include "compiler/core/utf8.h"

#include <unordered_map>

namespace defen {

namespace g = defen::grammar;
using P = g::DefenParser;

namespace {

TokenKind kindOf(size_t type, const std::string& symbolicName) {
  using L = g::DefenLexer;
  static const std::unordered_map<size_t, TokenKind> kinds = {
      {L::ID, TokenKind::Name},           {L::QUOTED_ID, TokenKind::QuotedName},
      {L::QUANTITY, TokenKind::Number},   {L::STRING, TokenKind::String},
      {L::INFINITY, TokenKind::Infinity}, {L::ARROW, TokenKind::Arrow},
      {L::GE, TokenKind::Compare},        {L::LE, TokenKind::Compare},
      {L::NE, TokenKind::Compare},        {L::GT, TokenKind::Compare},
      {L::LT, TokenKind::Compare},        {L::EQ, TokenKind::Equals},
      {L::PLUS, TokenKind::Plus},         {L::MINUS, TokenKind::Minus},
      {L::MUL, TokenKind::Times},         {L::DIV, TokenKind::Divide},
      {L::LPAREN, TokenKind::OpenParen},  {L::RPAREN, TokenKind::CloseParen},
      {L::LBRACK, TokenKind::OpenBracket}, {L::RBRACK, TokenKind::CloseBracket},
      {L::LBRACE, TokenKind::OpenBrace},  {L::RBRACE, TokenKind::CloseBrace},
      {L::COMMA, TokenKind::Comma},       {L::LISTSEP, TokenKind::ListSeparator},
      {L::COLON, TokenKind::Colon},       {L::SEMI, TokenKind::Semicolon},
      {L::COMMENT, TokenKind::LineComment}, {L::BLOCK_COMMENT, TokenKind::BlockComment},
      {L::WS, TokenKind::Whitespace},
  };
  if (auto it = kinds.find(type); it != kinds.end()) return it->second;
  // Keywords by naming convention, so keywords added to the grammar need no entry here.
  if (symbolicName.rfind("K_", 0) == 0) return TokenKind::Keyword;
  return TokenKind::Unknown;
}

std::vector<Token> convert(g::DefenLexer& lexer, antlr4::CommonTokenStream& stream) {
  std::vector<Token> tokens;
  const auto& vocabulary = lexer.getVocabulary();
  for (antlr4::Token* t : stream.getTokens()) {
    if (t->getType() == antlr4::Token::EOF) break;
    Token token;
    token.type = vocabulary.getSymbolicName(t->getType());
    token.kind = kindOf(t->getType(), token.type);
    token.text = t->getText();
    token.line = static_cast<int>(t->getLine());
    token.column = static_cast<int>(t->getCharPositionInLine()) + 1;
    tokens.push_back(std::move(token));
  }
  return tokens;
}

bool hasTerminal(antlr4::ParserRuleContext* ctx, size_t type, size_t from, size_t to, size_t& at) {
  for (size_t i = from; i < to && i < ctx->children.size(); ++i) {
    auto* terminal = dynamic_cast<antlr4::tree::TerminalNode*>(ctx->children[i]);
    if (terminal && terminal->getSymbol()->getType() == type) {
      at = i;
      return true;
    }
  }
  return false;
}

// Marks the first token of every child rule of `ctx` that is an entry of its
// { } block (or, for the file, an item). Generic over the grammar: any rule
// written `… LBRACE (entry sep?)* RBRACE` gets its entries marked.
void markStatementStarts(antlr4::ParserRuleContext* ctx, std::vector<Token>& tokens) {
  size_t from = 0, to = ctx->children.size();
  if (!dynamic_cast<P::FileContext*>(ctx)) {
    size_t open = 0, close = 0;
    if (!hasTerminal(ctx, g::DefenLexer::LBRACE, 0, ctx->children.size(), open)) return;
    if (!hasTerminal(ctx, g::DefenLexer::RBRACE, open + 1, ctx->children.size(), close)) close = ctx->children.size();
    from = open + 1;
    to = close;
  }
  for (size_t i = from; i < to; ++i) {
    auto* child = dynamic_cast<antlr4::ParserRuleContext*>(ctx->children[i]);
    if (!child || !child->getStart()) continue;
    size_t index = child->getStart()->getTokenIndex();
    if (index < tokens.size() && child->getStart()->getType() != antlr4::Token::EOF) tokens[index].startsStatement = true;
  }
}

void markToken(antlr4::tree::TerminalNode* node, std::vector<Token>& tokens, bool Token::*flag) {
  if (!node) return;
  size_t index = node->getSymbol()->getTokenIndex();
  if (index < tokens.size()) tokens[index].*flag = true;
}

// Walks the tree with an explicit stack: parse trees of long formulas are deep.
void markStructure(antlr4::ParserRuleContext* root, std::vector<Token>& tokens) {
  std::vector<antlr4::ParserRuleContext*> pending{root};
  while (!pending.empty()) {
    antlr4::ParserRuleContext* ctx = pending.back();
    pending.pop_back();
    markStatementStarts(ctx, tokens);
    if (auto* neg = dynamic_cast<P::NegExprContext*>(ctx)) markToken(neg->MINUS(), tokens, &Token::unarySign);
    if (auto* bound = dynamic_cast<P::BoundContext*>(ctx)) {
      markToken(bound->MINUS(), tokens, &Token::unarySign);
      markToken(bound->PLUS(), tokens, &Token::unarySign);
    }
    if (auto* call = dynamic_cast<P::CallExprContext*>(ctx)) markToken(call->LPAREN(), tokens, &Token::attachedParen);
    if (auto* money = dynamic_cast<P::MoneyTypeContext*>(ctx)) markToken(money->LPAREN(), tokens, &Token::attachedParen);
    if (auto* agg = dynamic_cast<P::AggregateExprContext*>(ctx)) markToken(agg->LPAREN(), tokens, &Token::attachedParen);
    if (auto* done = dynamic_cast<P::AchievedTypeContext*>(ctx)) markToken(done->LPAREN(), tokens, &Token::attachedParen);
    if (auto* base = dynamic_cast<P::BaseRefContext*>(ctx))
      for (size_t i = 1; i < base->children.size(); ++i)
        markToken(dynamic_cast<antlr4::tree::TerminalNode*>(base->children[i]), tokens, &Token::joinsPrevious);
    for (auto* child : ctx->children)
      if (auto* rule = dynamic_cast<antlr4::ParserRuleContext*>(child)) pending.push_back(rule);
  }
}

// ANTLR's input stream throws on bytes that are not UTF-8; each such byte is
// read as U+FFFD instead, which then lexes as an Unknown token.
std::string readableText(const std::string& text) {
  size_t bad = firstInvalidUtf8(text);
  if (bad == std::string::npos) return text;
  std::string out = text.substr(0, bad);
  std::string_view rest(text);
  rest.remove_prefix(bad);
  while (!rest.empty()) {
    out += "\xEF\xBF\xBD";
    rest.remove_prefix(1);
    size_t next = firstInvalidUtf8(rest);
    out += rest.substr(0, next == std::string::npos ? rest.size() : next);
    rest.remove_prefix(next == std::string::npos ? rest.size() : next);
  }
  return out;
}

}  // namespace

std::vector<Token> lexRuleset(const SourceFile& source) {
  antlr4::ANTLRInputStream input(readableText(source.text()));
  g::DefenLexer lexer(&input);
  lexer.removeErrorListeners();  // unknown characters become Unknown tokens
  antlr4::CommonTokenStream stream(&lexer);
  stream.fill();
  return convert(lexer, stream);
}

std::vector<Token> lexRulesetWithStructure(const SourceFile& source) {
  antlr4::ANTLRInputStream input(readableText(source.text()));
  g::DefenLexer lexer(&input);
  lexer.removeErrorListeners();
  antlr4::CommonTokenStream stream(&lexer);
  stream.fill();
  std::vector<Token> tokens = convert(lexer, stream);
  g::DefenParser parser(&stream);
  parser.removeErrorListeners();  // parseRuleset is where syntax errors are reported
  markStructure(parser.file(), tokens);
  return tokens;
}

}  // namespace defen

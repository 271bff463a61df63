#include "compiler/syntax/syntax_errors.h"

#include "compiler/syntax/unclosed_brace.h"

#include "DefenLexer.h"

#include <fmt/format.h>

#include <unordered_map>

namespace defen {

namespace g = defen::grammar;

namespace {

// Chinese spelling of each keyword token, generated from Defen.g4 at build time.
const std::unordered_map<std::string, std::string>& keywordSpelling() {
  static const std::unordered_map<std::string, std::string> spelling = {
#include "DefenKeywords.inc"
  };
  return spelling;
}

// How a token reads in a message: the symbol or keyword a person would type.
std::string tokenDisplay(const antlr4::dfa::Vocabulary& vocabulary, ssize_t type) {
  static const std::unordered_map<std::string, std::string> shown = {
      {"ARROW", "→"}, {"SEMI", "；"}, {"COMMA", "，"}, {"COLON", "："}, {"LISTSEP", "、"}, {"LBRACE", "｛"}, {"RBRACE", "｝"},
      {"LPAREN", "（"}, {"RPAREN", "）"}, {"LBRACK", "["}, {"RBRACK", "]"}, {"EQ", "="}, {"GE", "≥"}, {"GT", "＞"},
      {"LE", "≤"}, {"LT", "＜"}, {"NE", "≠"}, {"PLUS", "+"}, {"MINUS", "-"}, {"MUL", "×"}, {"DIV", "÷"},
      {"QUANTITY", "数值"}, {"ID", "名称"}, {"QUOTED_ID", "「名称」"}, {"STRING", "\"文字\""}, {"INFINITY", "∞"}, {"EOF", "文件结尾"}};
  if (type == static_cast<ssize_t>(antlr4::Token::EOF)) return "文件结尾";
  std::string name = vocabulary.getSymbolicName(type);
  if (auto it = shown.find(name); it != shown.end()) return it->second;
  if (name.rfind("K_", 0) == 0) {
    // Keywords: the grammar lists the Chinese spelling first, e.g. '指标' | 'indicator'.
    auto it = keywordSpelling().find(name);
    if (it != keywordSpelling().end()) return it->second;
  }
  return name;
}

}  // namespace

void ErrorListener::syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t line, size_t col,
                                const std::string& msg, std::exception_ptr) {
  if (++count_ > 50) return;  // one broken brace should not flood the screen
  SourceRange range{static_cast<int>(line), static_cast<int>(col) + 1, static_cast<int>(line), static_cast<int>(col) + 2};
  if (!offending) {  // lexer: a character no token starts with
    diags_.error("E001", range, "无法识别的字符", "unrecognised character: " + msg);
    return;
  }
  std::string text = offending->getType() == antlr4::Token::EOF ? "文件结尾" : offending->getText();
  if (offending->getType() != antlr4::Token::EOF)
    range.endCol = range.col + static_cast<int>(offending->getStopIndex() - offending->getStartIndex() + 1);
  if (offending->getType() == g::DefenLexer::ERROR_CHAR) {
    diags_.error("E001", range, fmt::format("无法识别的字符“{}”", text), fmt::format("unrecognised character '{}'", text));
    return;
  }
  std::string expected;
  if (auto* parser = dynamic_cast<antlr4::Parser*>(recognizer)) {
    auto set = parser->getExpectedTokens();
    if (set.size() > 0 && set.size() <= 14) {  // an indicator body: its 13 parts (逐行 among them) and ｝
      for (ssize_t t : set.toList()) {
        std::string shown = tokenDisplay(parser->getVocabulary(), t);
        if (expected.find(shown) == std::string::npos) expected += (expected.empty() ? "" : " ") + shown;
      }
    }
  }
  auto& d = diags_.error("E002", range, fmt::format("语法错误：此处不应出现“{}”", text),
                         fmt::format("syntax error at '{}': {}", text, msg));
  if (!expected.empty()) d.notes.push_back({{}, "此处应为：" + expected, "expected: " + expected});
  // The first error only: later ones are usually echoes of it.
  if (count_ == 1)
    if (auto* parser = dynamic_cast<antlr4::Parser*>(recognizer))
      if (auto note = unclosedBraceNote(*parser->getTokenStream(), offending->getTokenIndex())) d.notes.push_back(*note);
}

}  // namespace defen

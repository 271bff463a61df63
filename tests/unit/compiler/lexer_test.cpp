// The token view tools get of a ruleset: categories, positions, hidden
// tokens, and the marks that come from the parse.
#include "compiler/syntax/lexer.h"

#include <gtest/gtest.h>

namespace defen {
namespace {

std::vector<Token> visible(const std::vector<Token>& tokens) {
  std::vector<Token> out;
  for (const Token& t : tokens)
    if (!t.isWhitespace()) out.push_back(t);
  return out;
}

TEST(Lexer, CategoriesPositionsAndComments) {
  auto tokens = visible(lexRuleset(SourceFile("t.rules", "指标 「a b」 4分 ｛ # 注\n  得分 = 最小(x，-1) /* 块 */\n｝")));
  ASSERT_EQ(tokens.size(), 16u);
  EXPECT_EQ(tokens[0].kind, TokenKind::Keyword);
  EXPECT_EQ(tokens[0].type, "K_INDICATOR");
  EXPECT_EQ(tokens[1].kind, TokenKind::QuotedName);
  EXPECT_EQ(tokens[1].text, "「a b」");
  EXPECT_EQ(tokens[1].column, 4);
  EXPECT_EQ(tokens[2].kind, TokenKind::Number);
  EXPECT_EQ(tokens[3].kind, TokenKind::OpenBrace);
  EXPECT_EQ(tokens[3].text, "｛");
  EXPECT_EQ(tokens[4].kind, TokenKind::LineComment);
  EXPECT_EQ(tokens[4].text, "# 注");
  EXPECT_EQ(tokens[4].line, 1);
  EXPECT_EQ(tokens[4].column, 15);
  EXPECT_EQ(tokens[5].kind, TokenKind::Keyword);  // 得分
  EXPECT_EQ(tokens[5].line, 2);
  EXPECT_EQ(tokens[5].column, 3);
  EXPECT_EQ(tokens[6].kind, TokenKind::Equals);
  EXPECT_EQ(tokens[7].kind, TokenKind::Name);  // 最小
  EXPECT_EQ(tokens[8].kind, TokenKind::OpenParen);
  EXPECT_EQ(tokens[10].kind, TokenKind::Comma);
  EXPECT_EQ(tokens[11].kind, TokenKind::Minus);
  EXPECT_EQ(tokens[14].kind, TokenKind::BlockComment);
  EXPECT_EQ(tokens[15].kind, TokenKind::CloseBrace);
  EXPECT_TRUE(tokens[14].isComment());
}

TEST(Lexer, ConcatenatedTextsGiveBackTheInput) {
  std::string text = "名称 \"甲\"\r\n\u3000年度 2023 ＃ 注\n/* a\n b */ 指标 a 1分 {评审}\n";
  std::string joined;
  for (const Token& t : lexRuleset(SourceFile("t.rules", text))) joined += t.text;
  EXPECT_EQ(joined, text);
}

TEST(Lexer, UnknownCharactersAndBadBytesDoNotStopIt) {
  auto tokens = visible(lexRuleset(SourceFile("t.rules", "年度 ¤ \xFF 2023")));
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[1].kind, TokenKind::Unknown);
  EXPECT_EQ(tokens[2].kind, TokenKind::Unknown);
  EXPECT_EQ(tokens[2].text, "\uFFFD");
  EXPECT_EQ(tokens[3].kind, TokenKind::Number);
}

TEST(Lexer, StructureMarksComeFromTheParse) {
  auto tokens = visible(lexRulesetWithStructure(SourceFile("t.rules",
      "等级 { 优 [90分, 100分] }\n"
      "指标 a 3分 {\n"
      "  分段 b {\n"
      "    -15% ＜ 结果 → 1分\n"
      "    否则 → 0分\n"
      "  }\n"
      "}\n"
      "令 c = 最小(1, 2) - (3)\n")));
  std::vector<std::string> starts;
  for (const Token& t : tokens)
    if (t.startsStatement) starts.push_back(t.text);
  EXPECT_EQ(starts, (std::vector<std::string>{"等级", "优", "指标", "分段", "-", "否则", "令"}));
  std::vector<std::string> unary, attached;
  for (const Token& t : tokens) {
    if (t.unarySign) unary.push_back(t.text + "@" + std::to_string(t.line));
    if (t.attachedParen) attached.push_back(t.text + "@" + std::to_string(t.line));
  }
  EXPECT_EQ(unary, (std::vector<std::string>{"-@4"}));  // the - of "- (3)" is binary
  EXPECT_EQ(attached, (std::vector<std::string>{"(@8"}));  // 最小( only, not (3)
}

}  // namespace
}  // namespace defen

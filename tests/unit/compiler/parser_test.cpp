// The syntax layer: number literals with units and separators, chained
// comparisons, the band-table line rule, and syntax errors as diagnostics.
#include "compiler/syntax/parser.h"

#include <gtest/gtest.h>

namespace defen {
namespace {

ast::Quantity quantity(const std::string& text) {
  ast::Quantity q;
  EXPECT_TRUE(parseQuantity(text, q)) << text;
  return q;
}

TEST(Quantity, UnitsAreNormalised) {
  EXPECT_EQ(toString(quantity("90%").value), "0.9");
  EXPECT_EQ(quantity("90%").unit, ast::Unit::Percent);
  EXPECT_EQ(toString(quantity("35.74%").value), "0.3574");
  EXPECT_EQ(toString(quantity("3‰").value), "0.003");
  EXPECT_EQ(toString(quantity("12万元").value), "120000");
  EXPECT_EQ(quantity("12万元").unit, ast::Unit::WanYuan);
  EXPECT_EQ(toString(quantity("3,974,522.77元").value), "3974522.77");
  EXPECT_EQ(quantity("0.5分").unit, ast::Unit::Score);
  EXPECT_EQ(quantity("5项").unit, ast::Unit::Count);
  EXPECT_EQ(quantity("2").unit, ast::Unit::None);
}

std::unique_ptr<ast::File> parse(const std::string& text, Diagnostics& diags) {
  SourceFile source("t.rules", text);
  return parseRuleset(source, diags);
}

const ast::Expr& formulaOf(const ast::File& f, size_t indicator = 0) { return *f.indicators.at(indicator)->rules.at(0).formula; }

TEST(Parser, ThousandsSeparatorsVersusListCommas) {
  Diagnostics diags;
  auto f = parse("指标 a 10分 { 得分 = 最小(3,974,522.77元, 1,000元, 90,100) }", diags);
  ASSERT_FALSE(diags.hasErrors());
  const ast::Expr& call = formulaOf(*f);
  ASSERT_EQ(call.kind, ast::Expr::Kind::Call);
  ASSERT_EQ(call.args.size(), 4u);  // 3,974,522.77元 | 1,000元 | 90 | 100
  EXPECT_EQ(toString(call.args[0]->quantity.value), "3974522.77");
  EXPECT_EQ(toString(call.args[1]->quantity.value), "1000");
  EXPECT_EQ(toString(call.args[2]->quantity.value), "90");
  EXPECT_EQ(toString(call.args[3]->quantity.value), "100");
}

TEST(Parser, CommaGroupsNeedAFractionOrMoneyUnit) {
  Diagnostics diags;
  auto f = parse("指标 a 10分 { 得分 = 最大(90,100,200) × 0分 + 四舍五入(1, 2) × 0分 + ceil(1) × 0分 }", diags);
  ASSERT_FALSE(diags.hasErrors());
  const ast::Expr& sum = formulaOf(*f);
  const ast::Expr& maxCall = *sum.args[0]->args[0]->args[0];
  ASSERT_EQ(maxCall.kind, ast::Expr::Kind::Call);
  EXPECT_EQ(maxCall.args.size(), 3u);
  EXPECT_EQ(sum.args[0]->args[1]->args[0]->name, "四舍五入");
  EXPECT_EQ(sum.args[1]->args[0]->name, "ceil");
}

TEST(Parser, ChainedComparisonIsOneChain) {
  Diagnostics diags;
  auto f = parse("指标 a 10分 { 得分 = 若 100% ＞ x ≥ 90% 则 满分 否则 0分 }", diags);
  ASSERT_FALSE(diags.hasErrors());
  const ast::Expr& cond = *formulaOf(*f).args[0];
  ASSERT_EQ(cond.kind, ast::Expr::Kind::Compare);
  ASSERT_EQ(cond.ops.size(), 2u);
  EXPECT_EQ(cond.ops[0], ast::CmpOp::Gt);
  EXPECT_EQ(cond.ops[1], ast::CmpOp::Ge);
  EXPECT_EQ(cond.args[1]->kind, ast::Expr::Kind::Result);
}

TEST(Parser, ParenthesisedComparisonIsNotAChain) {
  Diagnostics diags;
  auto f = parse("指标 a 10分 { 得分 = 若 (1 < 2) = 是 则 满分 否则 0分 }", diags);
  ASSERT_FALSE(diags.hasErrors());
  const ast::Expr& cond = *formulaOf(*f).args[0];
  ASSERT_EQ(cond.ops.size(), 1u);
  EXPECT_EQ(cond.args[0]->kind, ast::Expr::Kind::Compare);
}

TEST(Parser, BandLineStartingWithMinusStartsANewBand) {
  Diagnostics diags;
  auto f = parse(R"(指标 a 3分 {
  分段 r {
    结果 ≤ -15% → 3分
    -15% ＜ 结果 ≤ 0 → 1分
    结果 ＞ 0 → 0分
  }
})", diags);
  ASSERT_FALSE(diags.hasErrors());
  const auto& bands = f->indicators[0]->rules[0].bands->bands;
  ASSERT_EQ(bands.size(), 3u);
  EXPECT_EQ(bands[0].value->kind, ast::Expr::Kind::Number);
  EXPECT_EQ(bands[1].pattern.expr->ops.size(), 2u);
}

TEST(Parser, FormulaMayContinueOnALineStartingWithPlus) {
  Diagnostics diags;
  auto f = parse("指标 a 2分 {\n  得分 = 1分\n       + 1分\n}", diags);
  ASSERT_FALSE(diags.hasErrors());
  EXPECT_EQ(formulaOf(*f).kind, ast::Expr::Kind::Binary);
}

TEST(Parser, KeywordsHaveEnglishAliases) {
  Diagnostics diags;
  auto f = parse("name \"t\" year 2022 total 10分 indicator a 10分 { score = if true then full else 0分 }", diags);
  ASSERT_FALSE(diags.hasErrors());
  EXPECT_EQ(f->name->value, "t");
  EXPECT_EQ(formulaOf(*f).kind, ast::Expr::Kind::If);
}

TEST(Parser, QuotedNamesMayHoldAnyCharacter) {
  Diagnostics diags;
  auto f = parse("输入 { 「“三公”经费(元)」：金额（元） }", diags);
  ASSERT_FALSE(diags.hasErrors());
  EXPECT_EQ(f->inputs[0].name, "“三公”经费(元)");
}

TEST(Parser, SyntaxErrorIsADiagnosticAtLineAndColumn) {
  Diagnostics diags;
  parse("指标 a 10分 {\n  得分 = 1分 +\n}", diags);
  ASSERT_TRUE(diags.hasErrors());
  const Diagnostic& d = diags.all()[0];
  EXPECT_EQ(d.code, "E002");
  EXPECT_EQ(d.range.line, 3);
  EXPECT_EQ(d.range.col, 1);
  EXPECT_EQ(d.zh, "语法错误：此处不应出现“}”");
}

// A forgotten ｝ is found where the file stops making sense (here the 加减分
// block, which cannot sit inside an indicator); the note points back at the
// ｛ whose block a sibling line at its own indentation has already left.
TEST(Parser, UnclosedBraceIsReportedAtItsOpeningLineToo) {
  Diagnostics diags;
  parse("指标 总 10分 {\n"
        "  指标 甲 4分 {\n"
        "    得分 = 4分\n"
        "\n"
        "  指标 乙 6分 {\n"
        "    得分 = 6分\n"
        "  }\n"
        "}\n"
        "加减分 奖惩 {\n"
        "  加分 0分，最多 1分\n"
        "}\n",
        diags);
  ASSERT_TRUE(diags.hasErrors());
  const Diagnostic& d = diags.all()[0];
  EXPECT_EQ(d.code, "E002");
  EXPECT_EQ(d.range.line, 9);
  ASSERT_EQ(d.notes.size(), 2u);
  EXPECT_EQ(d.notes[1].range.line, 2);
  EXPECT_EQ(d.notes[1].range.col, 11);  // code points: two spaces, 指标 甲 4分, then ｛
  EXPECT_EQ(d.notes[1].zh, "第2行“指标 甲 4分”的“｛”可能缺少对应的“｝”：第5行与它缩进相同，却被读成了它的下级");
}

TEST(Parser, WellIndentedSyntaxErrorHasNoBraceNote) {
  Diagnostics diags;
  parse("指标 a 10分 {\n  得分 = 1分 +\n}", diags);
  ASSERT_TRUE(diags.hasErrors());
  for (const auto& note : diags.all()[0].notes) EXPECT_EQ(note.zh.find("缺少对应"), std::string::npos) << note.zh;
}

TEST(Parser, UnknownCharacterIsReported) {
  Diagnostics diags;
  parse("指标 a 10分 { 得分 = 1分 @ 2分 }", diags);
  ASSERT_TRUE(diags.hasErrors());
  EXPECT_EQ(diags.all()[0].code, "E001");
  EXPECT_EQ(diags.all()[0].range.col, 20);
}

TEST(Parser, DeepNestingIsRefusedNotACrash) {
  Diagnostics diags;
  std::string deep = "指标 a 10分 { 得分 = " + std::string(5000, '(') + "1" + std::string(5000, ')') + " }";
  parse(deep, diags);
  ASSERT_TRUE(diags.hasErrors());
  EXPECT_EQ(diags.all()[0].code, "E007");
}

}  // namespace
}  // namespace defen

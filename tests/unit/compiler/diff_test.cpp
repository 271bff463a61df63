// defen diff on small pairs of standards: each kind of change is found, shown
// as the file writes it, and placed at its lines; layout and comments are no
// change; a rename is not a removal plus an addition.
#include "compiler/tools/diff/diff.h"
#include "compiler/tools/diff/wording.h"
#include "compiler/tools/diff/writers.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <sstream>

namespace defen::testing {
namespace {

// Line numbers below refer to this text (line 1 is 名称).
const char* const kBase = R"(名称 "测试标准"
年度 2022
总分 10分
舍入 四舍五入 2位
等级 { 好 [6分, 10分]；差 [0分, 6分) }
输入 {
  支出：金额（元）
  预算：金额（元），范围 (0元, +∞)
  问责次数：数量
  有制度：是否
  差错数：数量
}
令 执行率 = 支出 ÷ 预算
指标 执行 6分 {
  指标 执行率指标 3分 {
    说明 "执行率=实际支出/预算×100%。执行率≥90%的得3分，80%（含）至90%的得2分，低于80%的不得分。"
    分段 执行率 {
      结果 ≥ 90% → 3分
      80% ≤ 结果 ＜ 90% → 2分
      结果 ＜ 80% → 0分
    }
  }
  指标 制度 1分 { 逐项 { 有制度 → 1分 } }
  指标 差错 2分 { 扣分 { 差错数 每 1项 扣 0.5分 } }
}
指标 管理 4分 {
  指标 评审项 2分 { 评审 }
  指标 公式项 2分 { 得分 = 分值 × 最小(1, 执行率) }
}
加减分 加减 { 减分 问责次数 × 1分，最多 2分 }
)";

// kBase with each `from` replaced by its `to` (each must occur exactly once).
std::string edited(std::vector<std::pair<std::string, std::string>> edits, std::string text = kBase) {
  for (const auto& [from, to] : edits) {
    size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    EXPECT_EQ(text.find(from, at + 1), std::string::npos) << "not unique: " << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
  }
  return text;
}

struct Diffed {
  Compilation before, after;
  diff::RulesetDiff result;
};

std::unique_ptr<Diffed> diffOf(const std::string& before, const std::string& after) {
  auto d = std::make_unique<Diffed>(Diffed{compileOk(before), compileOk(after), {}});
  if (d->before.program && d->after.program) d->result = diff::diffPrograms(*d->before.program, *d->after.program);
  return d;
}

std::vector<std::string> kinds(const diff::RulesetDiff& d) {
  std::vector<std::string> out;
  for (const auto& c : d.changes) out.push_back(diff::kindName(c.kind));
  return out;
}

std::string text(const diff::RulesetDiff& d, Lang lang = Lang::Zh) {
  std::ostringstream out;
  diff::writeDiffText(out, d, lang);
  return out.str();
}

using Strings = std::vector<std::string>;

TEST(RulesetDiff, SameStandardHasNoDifferences) {
  auto d = diffOf(kBase, kBase);
  EXPECT_TRUE(d->result.changes.empty());
  EXPECT_NE(text(d->result).find("两套标准没有差异"), std::string::npos);
}

TEST(RulesetDiff, LayoutCommentsAndEquivalentNotationAreNoChange) {
  std::string relaid = edited({
      // siblings in another order score the same
      {"  指标 评审项 2分 { 评审 }\n  指标 公式项 2分", "  指标 公式项 2分"},
      {"最小(1, 执行率) }\n}", "最小(1, 执行率) }\n  指标 评审项 2分 { 评审 }\n}"},
      {"令 执行率 = 支出 ÷ 预算", "# 执行率：原表的口径\n令 执行率 = 支出 / 预算  // 同上"},
      {"    分段 执行率 {\n      结果 ≥ 90% → 3分\n      80% ≤ 结果 ＜ 90% → 2分\n      结果 ＜ 80% → 0分\n    }",
       "    分段 执行率 { 结果 >= 0.9 -> 3分；[80%, 0.9) → 2分；结果 < 0.8 → 0分 }"},
      {"得分 = 分值 × 最小(1, 执行率)", "得分 = 满分\n      × 最小(1, 执行率)   /* 满分为止 */"},
      {"等级 { 好 [6分, 10分]；差 [0分, 6分) }", "等级 {\n  好 [6, 10]\n  差 [0, 6)\n}"},
      {"指标 制度 1分 { 逐项 { 有制度 → 1分 } }", "indicator 制度 1分 { checklist { 有制度 -> 1 } }"},
  });
  auto d = diffOf(kBase, relaid);
  EXPECT_TRUE(d->result.changes.empty()) << text(d->result);
}

// How data is read is part of the standard: a ratio that now reads 95 as 95%,
// or an amount that gains a usual range, is a changed input.
TEST(RulesetDiff, HowAnInputReadsItsDataIsAChange) {
  std::string base = edited({{"  有制度：是否\n", "  有制度：是否\n  完成率：比率\n"},
                             {"得分 = 分值 × 最小(1, 执行率)", "得分 = 分值 × 最小(1, 执行率, 完成率)"}});
  auto read = diffOf(base, edited({{"完成率：比率\n", "完成率：比率（百分数）\n"}}, base));
  EXPECT_EQ(kinds(read->result), Strings{kindName(diff::Kind::InputChanged)}) << text(read->result);
  auto usual = diffOf(base, edited({{"  支出：金额（元）\n", "  支出：金额（元），通常 [0元, 100万元]\n"}}, base));
  EXPECT_EQ(kinds(usual->result), Strings{kindName(diff::Kind::InputChanged)}) << text(usual->result);
}

TEST(RulesetDiff, WeightChangeIsReportedOnceNotAgainInTheFormulaUsingIt) {
  auto d = diffOf(kBase, edited({{"指标 评审项 2分", "指标 评审项 1分"}, {"指标 公式项 2分", "指标 公式项 3分"}}));
  ASSERT_EQ(kinds(d->result), (Strings{"weight-changed", "weight-changed"}));
  const auto& c = d->result.changes[1];
  EXPECT_EQ(c.path, (Strings{"管理", "公式项"}));
  EXPECT_EQ(c.before, "2分");
  EXPECT_EQ(c.after, "3分");
  EXPECT_EQ(c.oldAt.range.line, 28);
  EXPECT_EQ(c.oldAt.range.col, 10);
  EXPECT_EQ(c.newAt.range.line, 28);
  EXPECT_NE(text(d->result).find("\n管理\n  评审项：分值 2分 → 1分（旧第27行，新第27行）\n  公式项：分值 2分 → 3分（旧第28行，新第28行）\n"),
            std::string::npos)
      << text(d->result);
}

TEST(RulesetDiff, BandEdgesChangedAreShownAsTheTableWritesThem) {
  auto d = diffOf(kBase, edited({{"结果 ≥ 90% → 3分", "结果 ≥ 95% → 3分"}, {"80% ≤ 结果 ＜ 90% → 2分", "80% ≤ 结果 ＜ 95% → 2分"}}));
  ASSERT_EQ(kinds(d->result), (Strings{"band-changed", "band-changed"}));
  const auto& first = d->result.changes[0];
  EXPECT_EQ(first.path, (Strings{"执行", "执行率指标"}));
  EXPECT_EQ(first.before, "结果 ≥ 90% → 3分");
  EXPECT_EQ(first.after, "结果 ≥ 95% → 3分");
  EXPECT_EQ(first.oldAt.range.line, 18);
  EXPECT_EQ(first.oldAt.range.col, 7);
  EXPECT_NE(text(d->result).find("  执行率指标：分段 80% ≤ 结果 ＜ 90% → 2分 改为 80% ≤ 结果 ＜ 95% → 2分（旧第19行，新第19行）"),
            std::string::npos)
      << text(d->result);
}

TEST(RulesetDiff, BandScoreChangedAndBandAddedKeepTheOtherBandsAligned) {
  auto d = diffOf(kBase, edited({{"      结果 ＜ 80% → 0分", "      70% ≤ 结果 ＜ 80% → 1分\n      结果 ＜ 70% → 0分"},
                                 {"80% ≤ 结果 ＜ 90% → 2分", "80% ≤ 结果 ＜ 90% → 2.5分"}}));
  ASSERT_EQ(kinds(d->result), (Strings{"band-changed", "band-changed", "band-added"}));
  EXPECT_EQ(d->result.changes[0].after, "80% ≤ 结果 ＜ 90% → 2.5分");
  EXPECT_EQ(d->result.changes[1].before, "结果 ＜ 80% → 0分");
  EXPECT_EQ(d->result.changes[1].after, "70% ≤ 结果 ＜ 80% → 1分");
  EXPECT_EQ(d->result.changes[2].after, "结果 ＜ 70% → 0分");
  EXPECT_FALSE(d->result.changes[2].oldAt.valid());
  EXPECT_EQ(d->result.changes[2].newAt.range.line, 21);
}

TEST(RulesetDiff, FormulaChangeShowsBothFormulas) {
  auto d = diffOf(kBase, edited({{"最小(1, 执行率)", "最小(1, 执行率 ÷ 90%)"}}));
  ASSERT_EQ(kinds(d->result), (Strings{"formula-changed"}));
  EXPECT_EQ(d->result.changes[0].before, "得分 = 分值 × 最小(1, 执行率)");
  EXPECT_EQ(d->result.changes[0].after, "得分 = 分值 × 最小(1, 执行率 ÷ 90%)");
}

TEST(RulesetDiff, RuleKindChangeIsOneChange) {
  auto d = diffOf(kBase, edited({{"{ 评审 }", "{ 得分 = 若 有制度 则 满分 否则 0分 }"}}));
  ASSERT_EQ(kinds(d->result), (Strings{"rule-changed"}));
  EXPECT_EQ(d->result.changes[0].before, "评审");
  EXPECT_EQ(d->result.changes[0].after, "得分 = 若 有制度 则 满分 否则 0分");
}

TEST(RulesetDiff, SameRuleUnderANewNameIsARename) {
  auto d = diffOf(kBase, edited({{"指标 制度 1分", "指标 制度建设 1分"}}));
  ASSERT_EQ(kinds(d->result), (Strings{"indicator-renamed"}));
  EXPECT_EQ(d->result.changes[0].before, "制度");
  EXPECT_EQ(d->result.changes[0].after, "制度建设");
  EXPECT_EQ(d->result.changes[0].path, (Strings{"执行", "制度建设"}));
  EXPECT_NE(text(d->result).find("  制度：改名为“制度建设”（旧第23行，新第23行）"), std::string::npos) << text(d->result);
}

TEST(RulesetDiff, RenamedParentIsFoundThroughItsChildren) {
  auto d = diffOf(kBase, edited({{"指标 管理 4分", "指标 管理情况 4分"}}));
  ASSERT_EQ(kinds(d->result), (Strings{"indicator-renamed"}));
  EXPECT_EQ(d->result.changes[0].before, "管理");
}

TEST(RulesetDiff, NewNameAndNewRuleIsARemovalAndAnAddition) {
  auto d = diffOf(kBase, edited({{"指标 制度 1分 { 逐项 { 有制度 → 1分 } }", "指标 制度执行 1分 { 评审 }"}}));
  ASSERT_EQ(kinds(d->result), (Strings{"indicator-removed", "indicator-added"}));
  EXPECT_EQ(d->result.changes[0].before, "制度 1分：逐项 { 有制度 → 1分 }");
  EXPECT_EQ(d->result.changes[1].after, "制度执行 1分：评审");
  EXPECT_EQ(d->result.changes[1].path, (Strings{"执行", "制度执行"}));
}

TEST(RulesetDiff, MoveToAnotherParent) {
  std::string moved = edited({{"  指标 制度 1分 { 逐项 { 有制度 → 1分 } }\n", ""},
                              {"指标 执行 6分", "指标 执行 5分"},
                              {"指标 管理 4分 {", "指标 管理 5分 {\n  指标 制度 1分 { 逐项 { 有制度 → 1分 } }"}});
  auto d = diffOf(kBase, moved);
  ASSERT_EQ(kinds(d->result), (Strings{"weight-changed", "weight-changed", "indicator-moved"}));
  const auto& m = d->result.changes[2];
  EXPECT_EQ(m.path, (Strings{"管理", "制度"}));
  EXPECT_EQ(m.before, "执行");
  EXPECT_EQ(m.after, "管理");
  EXPECT_NE(text(d->result).find("  制度：从“执行”移到“管理”"), std::string::npos) << text(d->result);
}

TEST(RulesetDiff, GradesAndRounding) {
  auto d = diffOf(kBase, edited({{"好 [6分, 10分]；差 [0分, 6分)", "好 [7分, 10分]；差 [0分, 7分)"}, {"2位", "1位"}}));
  ASSERT_EQ(kinds(d->result), (Strings{"header", "grade-changed", "grade-changed"}));
  EXPECT_EQ(d->result.changes[0].item, "舍入");
  EXPECT_EQ(d->result.changes[0].before, "四舍五入 2位");
  EXPECT_EQ(d->result.changes[0].after, "四舍五入 1位");
  EXPECT_EQ(d->result.changes[1].before, "好 [6分, 10分]");
  EXPECT_EQ(d->result.changes[1].after, "好 [7分, 10分]");
  EXPECT_EQ(d->result.changes[1].oldAt.range.line, 5);
}

TEST(RulesetDiff, InputsAddedRemovedAndChanged) {
  auto d = diffOf(kBase, edited({{"有制度：是否", "有制度：是否，缺失时 报错"}, {"  差错数：数量\n", "  差错数：数量\n  整改数：数量\n"}}));
  ASSERT_EQ(kinds(d->result), (Strings{"input-changed", "input-added"}));
  EXPECT_EQ(d->result.changes[0].before, "有制度：是否");
  EXPECT_EQ(d->result.changes[0].after, "有制度：是否，缺失时 报错");
  EXPECT_EQ(d->result.changes[1].after, "整改数：数量");
  EXPECT_EQ(d->result.changes[1].newAt.range.line, 12);
  auto back = diffOf(d->after.source->text(), kBase);
  EXPECT_EQ(kinds(back->result), (Strings{"input-changed", "input-removed"}));
}

TEST(RulesetDiff, LetChangedIsReportedAtTheLet) {
  auto d = diffOf(kBase, edited({{"令 执行率 = 支出 ÷ 预算", "令 执行率 = 支出 ÷ 预算 × 100%"}}));
  ASSERT_EQ(kinds(d->result), (Strings{"let-changed"}));
  EXPECT_EQ(d->result.changes[0].area, diff::Area::Lets);
  EXPECT_EQ(d->result.changes[0].after, "令 执行率 = 支出 ÷ 预算 × 100%");
}

TEST(RulesetDiff, DeductionStepAndCap) {
  auto d = diffOf(kBase, edited({{"扣分 { 差错数 每 1项 扣 0.5分 }", "扣分 { 差错数 每 1项 扣 1分 } 最多 2分"}}));
  ASSERT_EQ(kinds(d->result), (Strings{"deduction-changed", "deduction-cap-changed"}));
  EXPECT_EQ(d->result.changes[0].before, "差错数 每 1项 扣 0.5分");
  EXPECT_EQ(d->result.changes[0].after, "差错数 每 1项 扣 1分");
  EXPECT_EQ(d->result.changes[1].before, "不设上限");
  EXPECT_EQ(d->result.changes[1].after, "最多 2分");
}

TEST(RulesetDiff, ChecklistItemAndNotApplicableClause) {
  auto d = diffOf(kBase, edited({{"逐项 { 有制度 → 1分 }", "不考核 当 差错数 = 0 → 满分\n    逐项 { 有制度 → 0.5分；差错数 = 0 → 0.5分 }"}}));
  ASSERT_EQ(kinds(d->result), (Strings{"item-changed", "item-added", "not-applicable-added"}));
  EXPECT_EQ(d->result.changes[0].before, "有制度 → 1分");
  EXPECT_EQ(d->result.changes[0].after, "有制度 → 0.5分");
  EXPECT_EQ(d->result.changes[1].after, "差错数 = 0 → 0.5分");
  EXPECT_EQ(d->result.changes[2].after, "不考核 当 差错数 = 0 → 满分");
}

TEST(RulesetDiff, NotApplicablePolicyAndTarget) {
  std::string before = edited({{"逐项 { 有制度 → 1分 }", "不考核 当 差错数 = 0 → 满分\n    逐项 { 有制度 → 1分 }"}});
  auto d = diffOf(before, edited({{"差错数 = 0 → 满分", "差错数 = 0 → 转入 差错"}}, before));
  ASSERT_EQ(kinds(d->result), (Strings{"not-applicable-changed"}));
  EXPECT_EQ(d->result.changes[0].before, "不考核 当 差错数 = 0 → 满分");
  EXPECT_EQ(d->result.changes[0].after, "不考核 当 差错数 = 0 → 转入 差错");
  EXPECT_EQ(d->result.changes[0].path, (Strings{"执行", "制度"}));
}

TEST(RulesetDiff, ExplanationTemplateWordingIsWordingNotARule) {
  std::string before = edited({{"    分段 执行率 {", "    评分说明 \"执行率{执行率}，得{得分}。\"\n    分段 执行率 {"}});
  auto d = diffOf(before, edited({{"执行率{执行率}，得{得分}。", "预算执行率为{执行率}，本项得{得分}。"}}, before));
  ASSERT_EQ(kinds(d->result), (Strings{"explain-changed"}));
  EXPECT_EQ(diff::categoryOf(d->result.changes[0]), diff::Category::Wording);
  EXPECT_EQ(d->result.changes[0].before, "执行率{执行率}，得{得分}。");
  ASSERT_EQ(d->result.changes[0].excerpts.size(), 1u);
  EXPECT_EQ(d->result.changes[0].excerpts[0].after, "预算执行率为{执行率}，本项得{得分}。");
}

TEST(RulesetDiff, BonusLine) {
  auto d = diffOf(kBase, edited({{"问责次数 × 1分，最多 2分", "问责次数 × 1分，最多 3分"}}));
  ASSERT_EQ(kinds(d->result), (Strings{"bonus-line-changed"}));
  EXPECT_EQ(d->result.changes[0].item, "加减");
  EXPECT_NE(text(d->result).find("加减分\n  加减：减分 问责次数 × 1分，最多 2分 改为 减分 问责次数 × 1分，最多 3分（旧第30行，新第30行）"),
            std::string::npos)
      << text(d->result);
}

TEST(RulesetDiff, NoteWordingShowsOnlyTheChangedStretch) {
  auto d = diffOf(kBase, edited({{"执行率≥90%的得3分", "执行率≥95%的得3分"}}));
  ASSERT_EQ(kinds(d->result), (Strings{"note-changed"}));
  EXPECT_EQ(d->result.count(diff::Category::Rule), 0);
  EXPECT_EQ(d->result.count(diff::Category::Wording), 1);
  ASSERT_EQ(d->result.changes[0].excerpts.size(), 1u);
  EXPECT_EQ(d->result.changes[0].excerpts[0].before, "…100%。执行率≥90%的得3分，80%…");
  EXPECT_EQ(d->result.changes[0].excerpts[0].after, "…100%。执行率≥95%的得3分，80%…");
  EXPECT_EQ(d->result.changes[0].oldAt.range.line, 16);
}

TEST(RulesetDiff, EnglishText) {
  auto d = diffOf(kBase, edited({{"指标 公式项 2分", "指标 公式项 3分"}, {"指标 评审项 2分", "指标 评审项 1分"}}));
  EXPECT_NE(text(d->result, Lang::En).find("  公式项: weight 2分 → 3分 (old line 28, new line 28)\n"), std::string::npos)
      << text(d->result, Lang::En);
  EXPECT_NE(text(d->result, Lang::En).find("2 difference(s): 0 in the header, 2 in the rules, 0 in wording."), std::string::npos);
}

TEST(DiffWording, ExcerptsKeepNumbersWholeAndJoinNearbyChanges) {
  auto e = diff::wordingExcerpts("使用率高于95%（含）的得3分，90%（含）—95%的得1分，低于90%的得0分。",
                                 "使用率高于95%（含）的得3分，90%（含）—95%的得2分，低于90%的得0分。");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].before, "…含）—95%的得1分，低于90%的…");
  EXPECT_EQ(e[0].after, "…含）—95%的得2分，低于90%的…");

  auto whole = diff::wordingExcerpts("得100%", "得95%");
  ASSERT_EQ(whole.size(), 1u);
  EXPECT_EQ(whole[0].before, "得100%");
  EXPECT_EQ(whole[0].after, "得95%");

  auto two = diff::wordingExcerpts("甲得1分。这一段很长很长很长很长很长很长很长很长。乙得2分。", "甲得3分。这一段很长很长很长很长很长很长很长很长。乙得4分。");
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[0].before, "甲得1分。这一段很长很…");
  EXPECT_EQ(two[1].after, "…长很长很长。乙得4分。");
  EXPECT_TRUE(diff::wordingExcerpts("同一句话", "同一句话").empty());
}

}  // namespace
}  // namespace defen::testing

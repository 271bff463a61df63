// How an engineer validates a published standard in their own CI: load the
// ruleset, score a department whose result is known, assert it.
#include <defen/defen.hpp>
#include <gtest/gtest.h>

TEST(Zhanjiang2022, SocialSciencesFederationScores86_5) {
  defen::LoadResult loaded = defen::Ruleset::load("rulesets/zhanjiang-2022-dept.rules");
  ASSERT_TRUE(loaded.ok()) << loaded.errorText();
  defen::BatchResult batch = loaded.ruleset->evaluateFile("examples/zhanjiang-2022/data.json");
  ASSERT_EQ(batch.scorecards.size(), 1u);
  EXPECT_EQ(batch.scorecards[0].total, "86.5");
  EXPECT_EQ(batch.scorecards[0].grade, "良");
}

// The next year's standard (基于 the 2022 one) from the registry, and one
// indicator's score and explanation.
TEST(Zhanjiang2023, FromTheRegistryTheSameDepartmentScores85) {
  defen::Registry registry("rulesets");
  std::string error;
  std::optional<defen::Ruleset> rules = registry.find("zhanjiang-dept@2023", &error);
  ASSERT_TRUE(rules) << error;
  defen::Scorecard card = rules->evaluateFile("examples/zhanjiang-2022/data.json").scorecards.at(0);
  EXPECT_EQ(card.total, "85");
  const defen::IndicatorScore* rate = card.indicator("财政拨款收入预决算差异率");
  ASSERT_NE(rate, nullptr);
  EXPECT_EQ(rate->score, "2");  // 差异率 3.02%: two 3% steps in 2023
  EXPECT_NE(rate->explanation.find("每增加3%"), std::string::npos) << rate->explanation;
}

// "是否指…？" hints for a misspelt name: close slips are suggested, other
// words are not.
#include "compiler/core/suggest_name.h"

#include <gtest/gtest.h>

namespace defen {
namespace {

const std::vector<std::string> kNames{"年度实际支出", "财政下达预算数", "支出完成率", "信访件数", "a"};

TEST(ClosestName, OneCharacterWrongIsASlip) {
  EXPECT_EQ(closestName("年度实际之出", kNames), "年度实际支出");
  EXPECT_EQ(closestName("财政下达预算", kNames), "财政下达预算数");  // one character left out
}

TEST(ClosestName, SwappedNeighboursCountOnce) { EXPECT_EQ(closestName("支完出成率", kNames), "支出完成率"); }

TEST(ClosestName, ShortNamesAllowOneEdit) {
  EXPECT_EQ(closestName("信访件", kNames), "信访件数");
  EXPECT_EQ(closestName("b", kNames), "a");
  EXPECT_EQ(closestName("bc", kNames), std::nullopt);
}

TEST(ClosestName, AnotherWordIsNotSuggested) {
  EXPECT_EQ(closestName("满意度", kNames), std::nullopt);
  EXPECT_EQ(closestName("年度预算收入合计", kNames), std::nullopt);
}

TEST(ClosestName, TheNameItselfIsNoSuggestion) { EXPECT_EQ(closestName("a", {"a"}), std::nullopt); }

}  // namespace
}  // namespace defen

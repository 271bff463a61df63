// The plan (compiler/ir/plan/plan.h): the whole scorecard as steps, in the order
// both engines run them — which indicators apply in document order (a parent
// before its children, so 不考核 is inherited), then the scores in evaluation
// order (children and 转入 targets before the node that uses them), then the
// row; and every jump lands inside its node's group.
#include "test_support.h"

#include "compiler/ir/plan/plan.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace defen::testing {
namespace {

const char* const kRules = R"(名称 "计划"
年度 2024
总分 10分
舍入 四舍五入 2位
等级 { 合格 [6分, 10分]；不合格 [0分, 6分) }
输入 {
  完成数：数值，缺失时 满分
  计划数：数值，范围 (0, +∞)
  有下属：是否
  表彰次数：数量
}
指标 产出 6分 {
  指标 下属 3分 {
    不考核 当 非 有下属 → 转入 完成
    得分 = 若 有下属 则 分值 否则 0分
  }
  指标 完成 3分 {
    得分 = 分值 × 限定(完成数 ÷ 计划数, 0, 1)
  }
}
指标 评价 4分 {
  评审
}
加减分 表现 {
  加分 表彰次数 × 1分，最多 2分
}
)";

TEST(Plan, StepsFollowTheScorecardsOrder) {
  Compilation c = compileSource("plan", kRules);
  ASSERT_TRUE(c.program);
  const ir::Program& p = *c.program;
  plan::Plan plan = plan::lowerPlan(p);
  const int outputs = p.findNode("产出"), sub = p.findNode("下属"), done = p.findNode("完成"), review = p.findNode("评价");
  EXPECT_EQ(plan::dump(plan),
            fmt::format("   0 applies node={0} end=1\n"
                        "   1 applies node={1} end=3\n"
                        "   2 na-when node={1} index=0 expr={5} end=3\n"
                        "   3 applies node={2} end=4\n"
                        "   4 applies node={3} end=5\n"
                        // 完成 is the 转入 target of 下属: scored first.
                        "   5 enter node={2} settle=8 end=9\n"
                        "   6 formula node={2} expr={6} settle=8 end=9\n"
                        "   7 check node={2} settle=8 end=9\n"
                        "   8 override node={2} settle=8 end=9\n"
                        "   9 enter node={1} settle=13 end=14\n"
                        "  10 settled node={1} settle=13 end=14\n"
                        "  11 formula node={1} expr={7} settle=13 end=14\n"
                        "  12 check node={1} settle=13 end=14\n"
                        "  13 override node={1} settle=13 end=14\n"
                        "  14 enter node={0} settle=16 end=17\n"
                        "  15 sum node={0} settle=16 end=17\n"
                        "  16 override node={0} settle=16 end=17\n"
                        "  17 enter node={3} settle=20 end=21\n"
                        "  18 review node={3} settle=20 end=21\n"
                        "  19 check node={3} settle=20 end=21\n"
                        "  20 override node={3} settle=20 end=21\n"
                        "  21 roots\n"
                        "  22 bonus-line index=0 bonus=0 line=0 expr={4}\n"
                        "  23 total\n"
                        "  24 grade\n",
                        outputs, sub, done, review, p.bonuses[0].lines[0].points->id, p.nodes[sub].na[0].when->id,
                        p.nodes[done].formula->id, p.nodes[sub].formula->id));
  EXPECT_EQ(plan.bonusLineCount, 1);
  // Only 下属 can be 不考核 (its own clause); nothing inherits it.
  EXPECT_EQ(std::vector<char>(plan.mayBeNotApplicable.begin(), plan.mayBeNotApplicable.end()),
            (std::vector<char>{0, 1, 0, 0}));
}

}  // namespace
}  // namespace defen::testing

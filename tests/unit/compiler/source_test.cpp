// Rule text quoted to readers leaves the ruleset's comments out.
#include "lib/driver/driver.h"
#include "compiler/core/source.h"

#include <gtest/gtest.h>

namespace defen {
namespace {

TEST(WithoutComments, RemovesEveryCommentFormTheLexerSkips) {
  EXPECT_EQ(withoutComments("a # x\nb ＃ y\nc // z\nd /* w */ e"), "a \nb \nc \nd   e");
  EXPECT_EQ(withoutComments("结果 ≥ 90% → 3分"), "结果 ≥ 90% → 3分");
  EXPECT_EQ(withoutComments("a /* unclosed"), "a  ");
}

TEST(WithoutComments, ARuleQuotedInAnExplanationCarriesNoComment) {
  Compilation c = compileSource("c.rules", R"(名称 "c"
年度 2024
总分 2分
等级 { 合格 [0分, 2分] }
输入 { 有制度：是否 }
指标 制度 2分 {
  得分 = 若 有制度   # 原表：有制度得满分
         则 满分 否则 0分
}
)");
  ASSERT_TRUE(c.program);
  const std::string& text = c.program->nodes[0].ruleText;
  EXPECT_EQ(text.find("原表"), std::string::npos) << text;
  EXPECT_NE(text.find("则 满分 否则 0分"), std::string::npos) << text;
}

}  // namespace
}  // namespace defen

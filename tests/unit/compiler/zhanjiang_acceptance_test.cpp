// Seed 001 (湛江市社科联 2022): the ruleset scores the bundled example exactly
// as the seed's 附件1 table does, indicator by indicator, with total 86.5 and 良.
#include "test_support.h"

#include "compiler/io/readers.h"

#include <gtest/gtest.h>

namespace defen::testing {
namespace {

struct Expected {
  const char* indicator;
  const char* score;
  const char* status;
};

// The 得分 column of the seed's table (and its 表2-1 level-2 subtotals).
const Expected kSeedScores[] = {
    {"预算编制情况", "15.5", "scored"},
    {"预算编制", "11.5", "scored"},
    {"预算编制合理性", "3", "scored"},
    {"预算编制规范性", "4", "scored"},
    {"预算编制准确性", "4.5", "scored"},
    {"财政拨款收入预决算差异率", "2.5", "scored"},  // -3.02% costs one 5% step
    {"项目预算编制准确性", "2", "scored"},
    {"目标设置", "4", "scored"},
    {"目标完整性", "3", "reviewed"},
    {"目标科学性", "1", "reviewed"},
    {"预算执行情况", "38", "scored"},
    {"保障措施", "2", "scored"},
    {"制度措施健全性", "2", "reviewed"},
    {"支出管理", "21", "scored"},
    {"支出完成率", "4", "scored"},
    {"结转结余率", "3", "scored"},
    {"国库集中支付结转结余存量资金效率性", "3", "scored"},
    {"资金下达合法性", "3", "scored"},
    {"转移支付部分", "2", "not_applicable"},  // weight moved to 支出完成率
    {"部门预算部分", "1", "not_applicable"},
    {"政府采购执行率", "2", "overridden"},     // rule gives 0; the seed accepts the reason
    {"财务合规性", "6", "reviewed"},
    {"项目管理", "8", "scored"},
    {"项目实施程序", "5", "reviewed"},
    {"项目监管", "3", "reviewed"},
    {"资产管理", "7", "scored"},
    {"资产管理情况规范性", "4", "reviewed"},
    {"固定资产利用率", "3", "scored"},
    {"预算监督情况", "10", "scored"},
    {"信息公开", "7", "scored"},
    {"预决算", "3", "reviewed"},
    {"绩效目标", "2", "reviewed"},
    {"自评材料", "2", "reviewed"},
    {"绩效自评", "3", "scored"},
    {"组织建立情况", "1", "reviewed"},
    {"自评材料报送及时性", "1", "reviewed"},
    {"自评材料报送质量", "1", "reviewed"},
    {"预算执行效益", "23", "scored"},
    {"经济性", "4", "scored"},
    {"公用经费控制率", "4", "scored"},
    {"效率性", "10", "scored"},
    {"重点工作完成效率", "5", "missing"},      // 未能提供对应评分，作不扣分处理
    {"绩效目标完成效率", "3.5", "overridden"},
    {"项目完成及时性", "1.5", "overridden"},
    {"效果性", "5", "scored"},
    {"社会经济环境效益", "5", "scored"},
    {"公平性", "4", "scored"},
    {"群众信访办理情况", "2", "scored"},
    {"公众或服务对象满意度", "2", "reviewed"},
};

TEST(ZhanjiangAcceptance, ReproducesSeedScoreCard) {
  Compilation c = compileFile((sourceDir() / "rulesets" / "zhanjiang-2022-dept.rules").string());
  ASSERT_TRUE(c.program);
  EXPECT_EQ(c.diags.all().size(), 0u) << "the shipped ruleset checks without warnings";
  Table table = readDataFile((sourceDir() / "examples" / "zhanjiang-2022" / "data.json").string());
  Evaluation ev = evaluateTable(*c.program, table);
  ASSERT_EQ(ev.results.size(), 1u);
  const RecordResult& r = ev.results[0];
  ASSERT_TRUE(r.ok) << (r.errors.empty() ? "" : r.errors[0]);
  EXPECT_EQ(r.id, "湛江市社会科学界联合会");
  EXPECT_EQ(toFixed(r.total, 2), "86.50");
  EXPECT_EQ(r.grade, "良");
  EXPECT_TRUE(ev.warnings.empty()) << ev.warnings.front();
  for (const auto& e : kSeedScores) {
    int id = c.program->findNode(e.indicator);
    ASSERT_GE(id, 0) << e.indicator;
    EXPECT_EQ(toString(r.nodes[id].score), e.score) << e.indicator << ": " << r.nodes[id].explanation;
    EXPECT_STREQ(statusName(r.nodes[id].status), e.status) << e.indicator;
  }
  // The trace keeps what the rule computed beside the final score.
  int procurement = c.program->findNode("政府采购执行率");
  EXPECT_EQ(toString(r.nodes[procurement].computed), "0");
  // Each generated 评分说明 names the numbers the seed's own 评分说明 uses
  // (scores to the ruleset's declared 2 places, as in the 得分 column).
  auto explains = [&](const char* indicator, std::vector<std::string> numbers) {
    int id = c.program->findNode(indicator);
    ASSERT_GE(id, 0) << indicator;
    for (const auto& n : numbers)
      EXPECT_NE(r.nodes[id].explanation.find(n), std::string::npos) << indicator << " lacks " << n << ": " << r.nodes[id].explanation;
  };
  explains("财政拨款收入预决算差异率", {"收入预算数2,928,000.00元", "收入决算数3,974,522.77元", "35.74%", "收入预算调整额1,134,811.64元",
                                "-3.02%", "扣0.50分", "得2.50分"});
  explains("支出完成率", {"年度实际支出3,974,522.77元÷财政下达预算数3,974,522.77元×100%=100.00%", "得4.00分"});
  explains("固定资产利用率", {"885,792.00元", "100.00%", "得3.00分"});
  explains("政府采购执行率", {"13,400.00元", "核定为2.00分", "人员变动原因"});
  explains("转移支付部分", {"本项不考核", "转入“支出完成率”"});
  explains("目标完整性", {"评审得分3.00分", "绩效目标不够明确"});
}

// 重点工作完成效率 with both supervision scores given: the seed's own worked
// example (0.95+0.9)/2*5 = 4.625 → 4.63.
TEST(ZhanjiangAcceptance, KeyWorkAverageRoundsHalfAwayFromZero) {
  Compilation c = compileFile((sourceDir() / "rulesets" / "zhanjiang-2022-dept.rules").string());
  ASSERT_TRUE(c.program);
  Table table = readDataFile((sourceDir() / "examples" / "zhanjiang-2022" / "data.json").string());
  int col = static_cast<int>(table.columns.size());
  table.columns.push_back("市委督查得分");
  table.columns.push_back("政府督查得分");
  table.records[0].cells.resize(col + 2);
  table.records[0].cells[col] = Cell{Cell::Kind::Number, "95"};
  table.records[0].cells[col + 1] = Cell{Cell::Kind::Number, "90"};
  Evaluation ev = evaluateTable(*c.program, table);
  ASSERT_TRUE(ev.results[0].ok);
  int id = c.program->findNode("重点工作完成效率");
  EXPECT_EQ(toString(ev.results[0].nodes[id].score), "4.63");
  EXPECT_EQ(toFixed(ev.results[0].total, 2), "86.13");  // 86.5 - 5 + 4.63
}

}  // namespace
}  // namespace defen::testing

// One fault, one indicator (issue 17): a score outside [0, 分值], a bad cell,
// a bad 核定分 fail the indicators they belong to; the others are scored, the
// sums above and the total are taken over what is known and marked
// incomplete, with no grade. Every case runs through both engines.
//
// The data is seed 001 (examples/zhanjiang-2022/data.json) with a transfer
// to pass on: 按时下达 above 应下达 by one cent up to 10%, as happens when a
// transfer is rounded up. With the shipped ruleset (capped by 最小(…, 分值)
// as its 说明 means) every record gets a total; with the formula left
// uncapped, 转移支付部分 alone faults.
#include "test_support.h"

#include "compiler/eval/bind/binder.h"
#include "compiler/eval/scorer.h"
#include "compiler/interp/interpreter.h"
#include "compiler/jit/jit.h"
#include "compiler/tools/ruletest/score_comparison.h"
#include "compiler/io/readers.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>

namespace defen::testing {
namespace {

// The `defen test` machinery under test (compiler/tools/ruletest/).
using namespace ::defen::ruletest;

const std::string kCapped = "最小(分值 × (按时下达转移支付金额 ÷ 应下达转移支付金额), 分值)";
const std::string kUncapped = "分值 × (按时下达转移支付金额 ÷ 应下达转移支付金额)";

std::string shippedRules() { return readText(sourceDir() / "rulesets" / "zhanjiang-2022-dept.rules"); }

// The shipped ruleset with 转移支付部分 as it was before the fix.
std::string uncappedRules() {
  std::string text = shippedRules();
  size_t at = text.find(kCapped);
  EXPECT_NE(at, std::string::npos) << "rulesets/zhanjiang-2022-dept.rules no longer caps 转移支付部分 as expected";
  if (at != std::string::npos) text.replace(at, kCapped.size(), kUncapped);
  return text;
}

Table seed001() {
  Table t = readDataFile((sourceDir() / "examples" / "zhanjiang-2022" / "data.json").string());
  EXPECT_TRUE(t.errors.empty());
  EXPECT_EQ(t.records.size(), 1u);
  return t;
}

void setCell(Table& t, Record& r, const std::string& column, const std::string& text) {
  auto at = t.columnIndex(column);
  if (!at) {
    t.columns.push_back(column);
    for (auto& other : t.records) other.cells.resize(t.columns.size());
    at = t.columns.size() - 1;
  }
  r.cells.resize(t.columns.size());  // a copy made before a column was added
  r.cells[*at] = Cell{Cell::Kind::Text, text};
}

std::string yuan(int64_t cents) { return fmt::format("{}.{:02d}", cents / 100, cents % 100); }

// 400 departments like seed 001 that pass on transfers: 应下达 varies, and
// 按时下达 exceeds it by 1 cent (record 1) up to 10% (record 400).
Table overpaidTransfers() {
  Table t = seed001();
  Record base = t.records.front();
  t.records.clear();
  for (int i = 0; i < 400; ++i) {
    Record r = base;
    r.row = i + 1;
    const int64_t due = 100'000'000 + 123'457 * static_cast<int64_t>(i);  // cents: 1,000,000.00元 and up
    const int64_t over = std::max<int64_t>(1, due / 10 * i / 399);      // 1 cent … 10%
    t.records.push_back(r);
    Record& added = t.records.back();
    setCell(t, added, "有主管转移支付", "是");
    setCell(t, added, "一般性转移支付提前下达比例", "95%");
    setCell(t, added, "专项转移支付提前下达比例", "80%");
    setCell(t, added, "应下达转移支付金额", yuan(due));
    setCell(t, added, "按时下达转移支付金额", yuan(due + over));
  }
  return t;
}

struct Engines {
  Compilation c;
  std::unique_ptr<Engine> interp, jit;
};

Engines engines(const std::string& text) {
  Engines e{compileOk(text), nullptr, nullptr};
  if (!e.c.program) return e;
  std::string error;
  e.interp = makeEngine(EngineKind::Interpreter, *e.c.program, error, false);
  e.jit = makeEngine(EngineKind::Jit, *e.c.program, error, false);
  EXPECT_TRUE(e.jit) << error;
  return e;
}

// Both engines on the same table must give the same report, field for field.
void expectSameResults(const ir::Program& p, const Evaluation& a, const Evaluation& b) {
  ASSERT_EQ(a.results.size(), b.results.size());
  for (size_t i = 0; i < a.results.size(); ++i) {
    const RecordResult &x = a.results[i], &y = b.results[i];
    EXPECT_EQ(x.ok, y.ok) << i;
    EXPECT_EQ(x.incomplete, y.incomplete) << i;
    EXPECT_EQ(x.incompleteReasons, y.incompleteReasons) << i;
    EXPECT_EQ(x.errors, y.errors) << i;
    EXPECT_EQ(toString(x.total), toString(y.total)) << i;
    EXPECT_EQ(x.grade, y.grade) << i;
    for (size_t n = 0; n < p.nodes.size(); ++n) {
      EXPECT_EQ(toString(x.nodes[n].score), toString(y.nodes[n].score)) << i << " " << p.nodes[n].name;
      EXPECT_EQ(x.nodes[n].status, y.nodes[n].status) << i << " " << p.nodes[n].name;
      EXPECT_EQ(x.nodes[n].errors, y.nodes[n].errors) << i << " " << p.nodes[n].name;
      EXPECT_EQ(x.nodes[n].explanation, y.nodes[n].explanation) << i << " " << p.nodes[n].name;
    }
  }
}

// (a) The shipped ruleset caps 转移支付部分 at 分值: every one of the 400
// records gets a final total and grade, and it is the total of a department
// that passed on exactly what was due.
TEST(IndicatorFault, FourHundredOverpaidTransfersAllGetTotals) {
  Engines e = engines(shippedRules());
  ASSERT_TRUE(e.c.program && e.jit);
  const ir::Program& p = *e.c.program;
  const int part = p.findNode("转移支付部分");
  ASSERT_GE(part, 0);

  Table exact = overpaidTransfers();
  exact.records.resize(1);
  Record& r = exact.records.front();
  r.cells[*exact.columnIndex("按时下达转移支付金额")] = r.cells[*exact.columnIndex("应下达转移支付金额")];
  Evaluation baseline = evaluateTable(p, exact, *e.interp, EvalOptions{});
  ASSERT_TRUE(baseline.results[0].ok) << ruletest::showErrors(baseline.results[0].errors);

  Table table = overpaidTransfers();
  for (Engine* engine : {e.interp.get(), e.jit.get()}) {
    Evaluation ev = evaluateTable(p, table, *engine, EvalOptions{});
    ASSERT_EQ(ev.results.size(), 400u);
    for (const RecordResult& res : ev.results) {
      ASSERT_TRUE(res.ok) << "row " << res.row << ": " << ruletest::showErrors(res.errors);
      EXPECT_FALSE(res.incomplete);
      EXPECT_EQ(toString(res.nodes[part].score), "2") << res.row;
      EXPECT_EQ(res.nodes[part].status, NodeStatus::Scored) << res.row;
      EXPECT_EQ(toString(res.total), toString(baseline.results[0].total)) << res.row;
      EXPECT_EQ(res.grade, baseline.results[0].grade) << res.row;
    }
  }
  expectSameResults(p, evaluateTable(p, table, *e.interp, EvalOptions{}), evaluateTable(p, table, *e.jit, EvalOptions{}));
}

// The seed itself is unchanged by the cap: 86.5, 良.
TEST(IndicatorFault, SeedOneStillScoresEightySixPointFive) {
  Engines e = engines(shippedRules());
  ASSERT_TRUE(e.c.program && e.jit);
  for (Engine* engine : {e.interp.get(), e.jit.get()}) {
    Evaluation ev = evaluateTable(*e.c.program, seed001(), *engine, EvalOptions{});
    ASSERT_EQ(ev.results.size(), 1u);
    EXPECT_TRUE(ev.results[0].ok);
    EXPECT_EQ(toString(ev.results[0].total), "86.5");
    EXPECT_EQ(ev.results[0].grade, "良");
  }
}

// (b) Uncapped, 转移支付部分 alone faults with its message; every other
// indicator keeps the score it has with the cap; 资金下达合法性 and the total
// lack its 2 points and say so; there is no grade.
TEST(IndicatorFault, ScoreAboveWeightFaultsOnlyThatIndicator) {
  Engines capped = engines(shippedRules()), uncapped = engines(uncappedRules());
  ASSERT_TRUE(capped.c.program && capped.jit && uncapped.c.program && uncapped.jit);
  const ir::Program& p = *uncapped.c.program;
  const int part = p.findNode("转移支付部分"), parent = p.findNode("资金下达合法性");
  ASSERT_GE(part, 0);
  ASSERT_GE(parent, 0);
  Table table = overpaidTransfers();
  table.records.resize(40);  // the first 40 of the 400: 1 cent to 1% over
  Evaluation reference = evaluateTable(*capped.c.program, table, *capped.interp, EvalOptions{});
  Evaluation byInterp = evaluateTable(p, table, *uncapped.interp, EvalOptions{});
  Evaluation byJit = evaluateTable(p, table, *uncapped.jit, EvalOptions{});
  expectSameResults(p, byInterp, byJit);
  for (const Evaluation* ev : {&byInterp, &byJit}) {
    for (size_t i = 0; i < table.records.size(); ++i) {
      const RecordResult &r = ev->results[i], &ok = reference.results[i];
      ASSERT_TRUE(ok.ok);
      EXPECT_FALSE(r.ok);
      ASSERT_TRUE(r.incomplete) << r.row;
      EXPECT_TRUE(r.hasTotal());
      EXPECT_EQ(r.grade, "") << "an incomplete total has no grade";
      // The faulted indicator: status, its own message, and the row's message.
      const NodeResult& n = r.nodes[part];
      EXPECT_EQ(n.status, NodeStatus::Failed);
      ASSERT_EQ(n.errors.size(), 1u);
      EXPECT_EQ(n.errors[0].rfind("得分2.0", 0), 0u) << n.errors[0];
      EXPECT_NE(n.errors[0].find("超出[0, 2]"), std::string::npos) << n.errors[0];
      ASSERT_EQ(r.errors.size(), 1u);
      EXPECT_EQ(r.errors[0], fmt::format("第{}行，指标“转移支付部分”：{}", r.row, n.errors[0]));
      EXPECT_EQ(n.explanation, "未能计分：" + n.errors[0] + "。");
      ASSERT_EQ(r.incompleteReasons.size(), 1u);
      EXPECT_EQ(r.incompleteReasons[0], fmt::format("指标“转移支付部分”未能计分（{}）", n.errors[0]));
      // Everyone else: the score they have when nothing faults.
      for (size_t k = 0; k < p.nodes.size(); ++k) {
        if (static_cast<int>(k) == part) continue;
        bool above = false;  // an ancestor of 转移支付部分
        for (int a = p.nodes[part].parent; a >= 0; a = p.nodes[a].parent) above |= a == static_cast<int>(k);
        Decimal expected = ok.nodes[k].score;
        if (above) checkedSub(expected, Decimal::fromInt(2), expected);
        EXPECT_EQ(toString(r.nodes[k].score), toString(expected)) << r.row << " " << p.nodes[k].name;
        EXPECT_EQ(r.nodes[k].incomplete, above) << r.row << " " << p.nodes[k].name;
        EXPECT_NE(r.nodes[k].status, NodeStatus::Failed) << p.nodes[k].name;
      }
      EXPECT_NE(r.nodes[parent].explanation.find("（不完整：未计入出错的“转移支付部分”）"), std::string::npos) << r.nodes[parent].explanation;
      Decimal lacking;
      checkedSub(ok.total, Decimal::fromInt(2), lacking);
      EXPECT_EQ(toString(r.total), toString(lacking)) << r.row;
    }
  }
  // One cent over is 2.000000000…: the message keeps every digit, nothing is capped silently.
  EXPECT_NE(byInterp.results[0].nodes[part].errors[0].find("超出"), std::string::npos);
}

// A ruleset of three indicators and a bonus, to fault one piece at a time.
const char* const kSmall = R"(名称 "小"
年度 2024
总分 10分
舍入 四舍五入 2位
等级 { 好 [6分, 10分]; 差 [0分, 6分) }
输入 {
  执行率：比率，范围 [0, +∞)
  问题个数：数量
  共用金额：金额（元）
  表彰次数：数量
  评分：评审分
}
指标 甲 4分 {
  指标 执行 2分 { 得分 = 分值 × 最小(1, 执行率) }
  指标 规范 2分 { 扣分 { 问题个数 每 1个 扣 0.5分 } }
}
指标 乙 3分 { 得分 = 若 共用金额 ＞ 0 则 分值 否则 0分 }
指标 丙 3分 {
  不考核 当 共用金额 = 0 → 满分
  得分 = 最小(分值, 评分)
}
加减分 表现 {
  加分 表彰次数 × 0.5分，最多 1分
}
)";

using Fields = std::vector<std::pair<std::string, std::string>>;

Fields goodFields() {
  return {{"执行率", "90%"}, {"问题个数", "1"}, {"共用金额", "100"}, {"表彰次数", "1"}, {"评分", "2.4"}, {"评分.说明", "抽查合格"}};
}

Fields with(Fields f, const std::string& name, const std::string& text) {
  for (auto& [k, v] : f)
    if (k == name) {
      v = text;
      return f;
    }
  f.emplace_back(name, text);
  return f;
}

// Scores one row through both engines, checks they agree, returns the interpreter's.
RecordResult scoreBoth(const Engines& e, const Fields& fields) {
  const ir::Program& p = *e.c.program;
  BoundRecord bound = bindFields(p, fields);
  eval::Scorer a(p, e.interp->kernels()), b(p, e.jit->kernels());
  const eval::Scored& x = a.score(bound);
  const eval::Scored& y = b.score(bound);
  Comparison compare(p, false);
  for (const Difference& d : compare(x, a.scratch(), y, b.scratch()))
    ADD_FAILURE() << "engines disagree on " << d.field << ": " << d.interp << " / " << d.jit;
  return eval::materialize(p, bound, x, a.scratch());
}

TEST(IndicatorFault, SmallRulesetScoresCleanly) {
  Engines e = engines(kSmall);
  ASSERT_TRUE(e.c.program && e.jit);
  RecordResult r = scoreBoth(e, goodFields());
  ASSERT_TRUE(r.ok) << showErrors(r.errors);
  // 1.8 + 1.5 + 3 + 2.4 + 0.5 = 9.2
  EXPECT_EQ(toString(r.total), "9.2");
  EXPECT_EQ(r.grade, "好");
}

// (c) A cell that cannot be read faults the indicators that read it, and only
// those; the message names the column once, whatever number of readers.
TEST(IndicatorFault, BadCellFaultsOnlyItsReaders) {
  Engines e = engines(kSmall);
  ASSERT_TRUE(e.c.program && e.jit);
  const ir::Program& p = *e.c.program;
  RecordResult r = scoreBoth(e, with(goodFields(), "共用金额", "一百元"));
  EXPECT_FALSE(r.ok);
  ASSERT_TRUE(r.incomplete);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].rfind("第1行，列“共用金额”：", 0), 0u) << r.errors[0];
  EXPECT_NE(r.errors[0].find("实际为“一百元”"), std::string::npos) << r.errors[0];
  // 乙 reads it in its rule, 丙 in its 不考核 condition.
  for (const char* name : {"乙", "丙"}) {
    const NodeResult& n = r.nodes[p.findNode(name)];
    EXPECT_EQ(n.status, NodeStatus::Failed) << name;
    ASSERT_EQ(n.errors.size(), 1u) << name;
    EXPECT_EQ("第1行，" + n.errors[0], r.errors[0]) << name;
  }
  EXPECT_EQ(toString(r.nodes[p.findNode("执行")].score), "1.8");
  EXPECT_EQ(toString(r.nodes[p.findNode("规范")].score), "1.5");
  EXPECT_EQ(toString(r.nodes[p.findNode("甲")].score), "3.3");
  EXPECT_FALSE(r.nodes[p.findNode("甲")].incomplete);
  EXPECT_EQ(toString(r.total), "3.8");  // 3.3 + 0.5, without 乙 and 丙
  EXPECT_EQ(r.grade, "");
  EXPECT_EQ(r.incompleteReasons.size(), 2u);

  // A value outside its 范围 faults the same way: 执行 only, and 甲 is incomplete.
  r = scoreBoth(e, with(goodFields(), "执行率", "-5%"));
  ASSERT_TRUE(r.incomplete);
  EXPECT_EQ(r.nodes[p.findNode("执行")].status, NodeStatus::Failed);
  EXPECT_NE(r.errors.at(0).find("超出规定范围"), std::string::npos) << r.errors[0];
  EXPECT_TRUE(r.nodes[p.findNode("甲")].incomplete);
  EXPECT_EQ(toString(r.nodes[p.findNode("甲")].score), "1.5");
  EXPECT_EQ(toString(r.total), "7.4");  // 1.5 + 3 + 2.4 + 0.5

  // A 评审分 without its reason faults the indicator that reads it.
  Fields noReason = goodFields();
  noReason.pop_back();
  r = scoreBoth(e, noReason);
  ASSERT_TRUE(r.incomplete);
  EXPECT_EQ(r.nodes[p.findNode("丙")].status, NodeStatus::Failed);
  EXPECT_EQ(r.errors.at(0), "第1行，评审分“评分”须在“评分.说明”列写明理由");

  // A bad cell read only by 加减分: every indicator is scored, the bonus is left out.
  r = scoreBoth(e, with(goodFields(), "表彰次数", "很多"));
  ASSERT_TRUE(r.incomplete);
  for (const auto& n : r.nodes) EXPECT_NE(n.status, NodeStatus::Failed);
  EXPECT_EQ(toString(r.total), "8.7");
  ASSERT_EQ(r.incompleteReasons.size(), 1u);
  EXPECT_EQ(r.incompleteReasons[0].rfind("表现“", 0), 0u) << r.incompleteReasons[0];
  EXPECT_NE(r.incompleteReasons[0].find("未能计分（列“表彰次数”："), std::string::npos) << r.incompleteReasons[0];
}

// A bad 核定分 faults the indicator it overrides, nothing else.
TEST(IndicatorFault, BadOverrideFaultsOnlyThatIndicator) {
  Engines e = engines(kSmall);
  ASSERT_TRUE(e.c.program && e.jit);
  const ir::Program& p = *e.c.program;
  RecordResult r = scoreBoth(e, with(with(goodFields(), "乙.核定分", "5"), "乙.说明", "复核"));
  ASSERT_TRUE(r.incomplete);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0], "第1行，列“乙.核定分”：核定分 5 超出 [0, 3分]");
  EXPECT_EQ(r.nodes[p.findNode("乙")].status, NodeStatus::Failed);
  EXPECT_EQ(toString(r.total), "6.2");
  r = scoreBoth(e, with(goodFields(), "乙.核定分", "1"));
  ASSERT_TRUE(r.incomplete);
  EXPECT_EQ(r.errors.at(0), "第1行，指标“乙”的核定分须在“乙.说明”列写明理由");
  // A good one still applies.
  r = scoreBoth(e, with(with(goodFields(), "乙.核定分", "1"), "乙.说明", "复核"));
  ASSERT_TRUE(r.ok) << showErrors(r.errors);
  EXPECT_EQ(toString(r.total), "7.2");
}

// The scorer's own faults stay with their indicator: a reviewer's score above
// 分值, a negative deduction, a score outside [0, 分值], and a 转入 whose
// target failed (which fails the mover too, and nothing else).
TEST(IndicatorFault, ScorerFaultsStayWithTheirIndicator) {
  Engines e = engines(R"(名称 "评审与转入"
年度 2024
总分 10分
输入 {
  有业务：是否
  调减：数值
  率：比率
}
指标 评 3分 { 评审 }
指标 规范 3分 { 扣分 { 扣 调减 × 1分 } }
指标 目标 2分 { 得分 = 分值 × 率 }
指标 移 2分 {
  不考核 当 非 有业务 → 转入 目标
  得分 = 满分
}
)");
  ASSERT_TRUE(e.c.program && e.jit);
  const ir::Program& p = *e.c.program;
  const Fields good = {{"评", "2"}, {"评.说明", "好"}, {"有业务", "是"}, {"调减", "1"}, {"率", "50%"}};
  RecordResult r = scoreBoth(e, good);
  ASSERT_TRUE(r.ok) << showErrors(r.errors);
  EXPECT_EQ(toString(r.total), "7");  // 2 + 2 + 1 + 2

  struct Case {
    Fields fields;
    std::vector<std::string> failed, errors;
    const char* total;
  };
  const Case cases[] = {
      {with(good, "评", "4"), {"评"}, {"第1行，指标“评”：评审分4超过分值3分"}, "5"},
      {with(good, "调减", "-1"), {"规范"}, {"第1行，指标“规范”：扣分为负数 -1（“扣 调减 × 1分”）"}, "5"},
      {with(good, "率", "150%"), {"目标"}, {"第1行，指标“目标”：得分3超出[0, 2]"}, "6"},
      {with(with(good, "率", "150%"), "有业务", "否"),
       {"目标", "移"},
       {"第1行，指标“目标”：得分3超出[0, 2]", "第1行，指标“移”：分值转入的指标“目标”未能计分"},
       "4"},
  };
  for (const Case& c : cases) {
    r = scoreBoth(e, c.fields);
    SCOPED_TRACE(c.errors.front());
    EXPECT_TRUE(r.incomplete);
    EXPECT_EQ(r.errors, c.errors);
    EXPECT_EQ(toString(r.total), c.total);
    EXPECT_EQ(r.grade, "");
    for (const auto& node : p.nodes) {
      bool faulted = std::find(c.failed.begin(), c.failed.end(), node.name) != c.failed.end();
      EXPECT_EQ(r.nodes[node.id].status == NodeStatus::Failed, faulted) << node.name;
      EXPECT_EQ(r.nodes[node.id].errors.size(), faulted ? 1u : 0u) << node.name;
    }
    EXPECT_EQ(r.incompleteReasons.size(), c.failed.size());
  }
}

// Faults that are the row's own still leave it without a total: every
// indicator 不考核 is not a fault of any one of them.
TEST(IndicatorFault, EveryIndicatorNotApplicableIsStillRowLevel) {
  Engines e = engines(R"(名称 "全不考核"
年度 2024
总分 10分
输入 { 有业务：是否 }
指标 甲 10分 { 不考核 当 非 有业务 → 折算; 得分 = 分值 }
)");
  ASSERT_TRUE(e.c.program && e.jit);
  RecordResult r = scoreBoth(e, {{"有业务", "否"}});
  EXPECT_FALSE(r.ok);
  EXPECT_FALSE(r.incomplete);
  EXPECT_FALSE(r.hasTotal());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0], "第1行：所有指标均不考核，无法计算总分");
}

// (d) A reason column nothing reads is not dropped silently: `X.说明`
// without `X.核定分` on an indicator that is not reviewed, and `Y.说明` on an
// input that is not a 评审分, each warn naming the column.
TEST(IndicatorFault, UnreadReasonColumnsWarn) {
  Compilation c = compileOk(kSmall);
  ASSERT_TRUE(c.program);
  Table t;
  t.columns = {"执行率", "执行.说明", "执行率.说明", "乙.核定分", "乙.说明", "评分", "评分.说明", "丙.说明"};
  std::vector<std::string> warnings;
  ColumnMap m = mapColumns(*c.program, t, warnings);
  ASSERT_EQ(warnings.size(), 3u);
  EXPECT_EQ(warnings[0], "数据列“执行率.说明”已忽略：“执行率”不是评审分输入，不读理由列");
  EXPECT_EQ(warnings[1], "数据列“执行.说明”已忽略：指标“执行”不是评审指标，也没有“执行.核定分”列");
  EXPECT_EQ(warnings[2], "数据列“丙.说明”已忽略：指标“丙”不是评审指标，也没有“丙.核定分”列");
  EXPECT_EQ(m.reason[c.program->findNode("乙")], 4);  // beside its 核定分: read
  for (size_t i = 0; i < c.program->inputs.size(); ++i)
    if (c.program->inputs[i].spec.name == "评分") {
      EXPECT_EQ(m.inputReason[i], 6);  // a 评审分: read
    }
}

}  // namespace
}  // namespace defen::testing

// The 评分说明 in plain Chinese: no explanation defen writes may carry the
// ruleset language's own syntax (braces, arrows, 分段, 若/则/否则, 非, quoted
// formulas, interval brackets, a yes/no printed as 0.000000000000000001).
// Scanned: every golden explanations.txt and every bundled example evaluated
// afresh; and one sentence per rule kind, word for word.
#include "test_support.h"

#include "compiler/io/readers.h"

#include <gtest/gtest.h>

#include <regex>

namespace defen::testing {
namespace {

// What the language writes and a person reading a 评分表 should never see.
struct CodeMark {
  const char* what;
  std::regex pattern;
};

const std::vector<CodeMark>& codeMarks() {
  static const std::vector<CodeMark> marks = [] {
    auto re = [](const char* s) { return std::regex(s, std::regex::ECMAScript); };
    return std::vector<CodeMark>{
        {"brace", re("[{}]")},
        {"arrow", re("→|->")},
        {"分段", re("分段")},
        {"若 … 则 … 否则", re("若 | 则 |否则 ")},
        {"非 X", re("(^|[^是])非 ")},
        {"quoted formula", re("按“得分")},
        {"扣 written as a rule", re(" 扣 |^扣 |“扣 | 每 ")},
        {"band pattern on 结果", re("结果 ?(≥|≤|＞|＜|>|<|=)|(≥|≤|＞|＜|>|<) ?结果")},
        {"comparison sign", re("≥|≤|＞|＜")},
        {"interval bracket", re("[\\[\\]]|∞")},
        {"function call", re("(最小|最大|计数|平均|限定|向上取整|向下取整|四舍五入|绝对值)[(（]")},
        {"raw yes/no", re("0\\.00000000000000000")},
        {"HTML entity", re("&(lt|gt|amp);")},
    };
  }();
  return marks;
}

// The marks of code in `text`, for a failure message ("分段; arrow").
std::string codeIn(const std::string& text) {
  std::string found;
  for (const auto& m : codeMarks())
    if (std::regex_search(text, m.pattern)) found += (found.empty() ? "" : "; ") + std::string(m.what);
  return found;
}

TEST(ExplanationScan, FindsCodeInTodaysKindOfText) {
  // The scanner itself: each of these is what the generator used to write.
  EXPECT_NE(codeIn("按“得分 = 若 项目库按要求储备 则 满分 否则 0分”计算，得1分。"), "");
  EXPECT_NE(codeIn("按“扣 分段 非统一政策调整事项数 { 结果 < 3 → 0分 }”扣0分"), "");
  EXPECT_NE(codeIn("非 有主管转移支付，本项不考核"), "");
  EXPECT_NE(codeIn("甲小于乙=0.000000000000000001"), "");
  EXPECT_NE(codeIn("符合“[80%, 90%)”，得4分"), "");
  EXPECT_NE(codeIn("得分=分值4分×最小(1,预算执行率100.00%)"), "");
  EXPECT_NE(codeIn("按“问题个数 每 1个 扣 0.5分”计0档"), "");
  EXPECT_EQ(codeIn("项目库按要求储备的，得满分；否则得0分。完成率不低于90%且低于100%，得3.00分。"), "");
  EXPECT_EQ(codeIn("是非曲直"), "");
}

// "  路径 [status] 3分：说明" → 说明; "  加减分：说明" → 说明.
std::string explanationOf(const std::string& line) {
  const std::string bonus = "  加减分：";
  if (line.rfind(bonus, 0) == 0) return line.substr(bonus.size());
  auto close = line.find("] ");
  if (close == std::string::npos) return {};
  auto colon = line.find("：", close);
  return colon == std::string::npos ? std::string() : line.substr(colon + std::string("：").size());
}

TEST(ExplanationScan, GoldenExplanationsCarryNoCode) {
  int scanned = 0;
  for (const auto& name : goldenCases("eval")) {
    auto path = sourceDir() / "tests" / "golden" / "eval" / name / "explanations.txt";
    std::istringstream in(readText(path));
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind("  ", 0) != 0) continue;
      std::string text = explanationOf(line);
      ++scanned;
      EXPECT_EQ(codeIn(text), "") << name << ": " << line;
    }
  }
  EXPECT_GT(scanned, 500);
}

struct Example {
  const char* rules;
  const char* data;
};

TEST(ExplanationScan, BundledExamplesCarryNoCode) {
  const Example examples[] = {
      {"rulesets/zhanjiang-2022-dept.rules", "examples/zhanjiang-2022/data.json"},
      {"rulesets/zhanjiang-2022-dept.rules", "examples/zhanjiang-departments/data.json"},
      {"rulesets/zhanjiang-2023-dept.rules", "examples/zhanjiang-departments/data.json"},
      {"rulesets/panzhihua-2024-self.rules", "examples/panzhihua-2024/data.json"},
      {"rulesets/ezhou-2023-projects.rules", "examples/ezhou-2023-projects/data.csv"},
      {"rulesets/project-common-2020.rules", "examples/project-common-2020/data.json"},
      {"rulesets/project-self-2020.rules", "examples/project-self-2020/data.json"},
  };
  for (const auto& ex : examples) {
    auto previous = std::filesystem::current_path();
    std::filesystem::current_path(sourceDir() / "rulesets");  // 基于 resolves beside the ruleset
    Compilation c = compileFile((sourceDir() / ex.rules).string());
    std::filesystem::current_path(previous);
    ASSERT_TRUE(c.program) << ex.rules;
    Table table = readDataFile((sourceDir() / ex.data).string());
    std::string error;
    auto engine = makeEngine(EngineKind::Interpreter, *c.program, error);
    ASSERT_TRUE(engine) << error;
    Evaluation ev = evaluateTable(*c.program, table, *engine, EvalOptions{1, true});
    int scanned = 0;
    for (const auto& r : ev.results) {
      EXPECT_EQ(codeIn(r.bonusExplanation), "") << ex.rules << " row " << r.row << " 加减分: " << r.bonusExplanation;
      for (size_t i = 0; i < r.nodes.size(); ++i) {
        if (r.nodes[i].explanation.empty()) continue;
        ++scanned;
        EXPECT_EQ(codeIn(r.nodes[i].explanation), "") << ex.rules << " " << ex.data << " row " << r.row << " " << c.program->nodes[i].name
                                                      << ": " << r.nodes[i].explanation;
      }
    }
    EXPECT_GT(scanned, 0) << ex.rules << " " << ex.data;
  }
}

// One golden case's row, evaluated by the interpreter: the 评分说明 of `node`.
std::string explanation(const std::string& goldenCase, int row, const std::string& node) {
  auto dir = sourceDir() / "tests" / "golden" / "eval" / goldenCase;
  Compilation c = compileCase(dir);
  if (!c.program) return "（不能编译）";
  auto dataPath = std::filesystem::exists(dir / "data.json") ? dir / "data.json" : dir / "data.csv";
  Table table = readDataFile(dataPath.string());
  std::string error;
  auto engine = makeEngine(EngineKind::Interpreter, *c.program, error);
  if (!engine) return error;
  Evaluation ev = evaluateTable(*c.program, table, *engine, EvalOptions{1, true});
  int id = c.program->findNode(node);
  for (const auto& r : ev.results)
    if (r.row == row && id >= 0) return r.nodes[id].explanation;
  return "（没有这一行）";
}

// One sentence per rule kind, in the register of the seed tables.
TEST(ExplanationWording, ArithmeticFormula) {
  EXPECT_EQ(explanation("idiom-01-proportional-capped", 2, "资金到位率"),
            "得分=分值4分×（实际到位资金2,928,000.00元÷计划到位资金3,904,000.00元，超过100%的按100%计），得3.00分。");
}

TEST(ExplanationWording, ConditionalFormulaSaysTheRuleInWords) {
  EXPECT_EQ(explanation("idiom-20-yes-no", 1, "绩效目标匹配性"), "绩效目标与职责匹配=是，按“绩效目标与职责匹配的，得满分；否则得0分”，得2.00分。");
  // A computed case says which case applied and shows its arithmetic.
  EXPECT_EQ(explanation("idiom-29-na-move-weight", 1, "转移支付部分"),
            "有主管转移支付=是，应下达转移支付金额不为0，得分=分值2分×按时下达转移支付金额800,000.00元÷应下达转移支付金额1,000,000.00元，"
            "得1.60分。");
}

TEST(ExplanationWording, BandNamesTheFigureAndTheBandInWords) {
  EXPECT_EQ(explanation("idiom-29-na-move-weight", 1, "支出完成率"),
            "完成率=年度实际支出950,000.00元÷财政下达预算数1,000,000.00元×100%=95.00%，完成率不低于90%且低于100%，得3.00分。");
  EXPECT_EQ(explanation("idiom-29-na-move-weight", 1, "部门预算部分"), "有下属单位=是，下属单位预算批复为“超时”，得0.50分。");
}

TEST(ExplanationWording, RoundingNeverCrossesTheBandThatFired) {
  // 899,999.99 ÷ 1,000,000 = 89.999999%: "90.00%" would contradict the 80%–90% band.
  EXPECT_EQ(explanation("idiom-29-na-move-weight", 11, "支出完成率"),
            "完成率=年度实际支出899,999.99元÷财政下达预算数1,000,000.00元×100%=89.999999%，完成率不低于80%且低于90%，得2.00分。");
}

TEST(ExplanationWording, Checklist) {
  EXPECT_EQ(explanation("idiom-15-checklist", 1, "制度健全性"), "符合：已制定管理制度（1分）、制度合法合规完整（1分）、制度有效执行（1分），得3.00分。");
}

TEST(ExplanationWording, Deductions) {
  EXPECT_EQ(explanation("bad-rows", 6, "财务规范"),
            "问题个数=2，有整改=否，问题个数每1个扣0.5分，计2档，扣1.00分，按“有整改的，扣0分；否则扣0.5分”，扣0.50分，得0.50分。");
}

TEST(ExplanationWording, NotApplicableFullMarks) {
  EXPECT_EQ(explanation("idiom-27-na-full-marks", 1, "楼堂馆所控制"), "没有楼堂馆所项目，本项不考核，按满分计3.00分。");
}

TEST(ExplanationWording, NotApplicableMovesItsWeight) {
  EXPECT_EQ(explanation("idiom-29-na-move-weight", 2, "转移支付部分"),
            "没有主管转移支付，本项不考核，分值2分转入“支出完成率”（得分率75.00%），按其得分率计1.50分。");
}

TEST(ExplanationWording, NotApplicableRescales) {
  EXPECT_EQ(explanation("idiom-28-na-rescale", 2, "政府采购执行"), "政府采购计划金额为0，本项不考核，不计入得分，总分按适用指标折算。");
}

TEST(ExplanationWording, MissingData) {
  EXPECT_EQ(explanation("idiom-33-missing-full-marks", 2, "重点工作完成效率"), "未提供“市委督查得分”，作不扣分处理，得5.00分。");
}

TEST(ExplanationWording, OverrideKeepsWhatTheRuleGave) {
  EXPECT_EQ(explanation("idiom-32-override", 1, "政府采购执行率"),
            "政府采购计划金额=0.00元，政府采购实际金额=13,400.00元，按“政府采购实际金额高于政府采购计划金额的，得0分；"
            "政府采购计划金额为0的，得满分；否则按分值×政府采购实际金额÷政府采购计划金额计”，得0.00分。核定为2.00分：系人员变动等客观原因");
}

TEST(ExplanationWording, Review) {
  EXPECT_EQ(explanation("idiom-05-qualitative-tiers", 1, "可持续影响"), "评审得分3.20分（达成）：长效机制已建立，个别环节待完善");
}

TEST(ExplanationWording, WanYuanStaysWanYuan) {
  // 实际、计划 are declared 金额（万元）: 325万元, not 3,250,000.00元.
  EXPECT_EQ(explanation("rounding-after-division", 1, "执行"), "得分=分值3分×实际325.00万元÷计划600.00万元，得1.63分。");
}

TEST(ExplanationWording, BonusLinesWithTheirFiguresAndCaps) {
  auto dir = sourceDir() / "tests" / "golden" / "eval" / "idiom-35-bonus-penalty-caps";
  Compilation c = compileCase(dir);
  ASSERT_TRUE(c.program);
  Table table = readDataFile((dir / "data.json").string());
  std::string error;
  auto engine = makeEngine(EngineKind::Interpreter, *c.program, error);
  ASSERT_TRUE(engine) << error;
  Evaluation ev = evaluateTable(*c.program, table, *engine, EvalOptions{1, true});
  ASSERT_GE(ev.results.size(), 1u);
  std::string all;
  for (const auto& r : ev.results) all += r.bonusExplanation + "\n";
  EXPECT_NE(all.find("（最多加"), std::string::npos) << all;
  EXPECT_NE(all.find("加分后总分以100分为限。"), std::string::npos) << all;
}

// A ruleset given as text, one record given as JSON: the 评分说明 of `node`.
std::string explainInline(const std::string& rules, const std::string& json, const std::string& node) {
  Compilation c = compileOk(rules);
  if (!c.program) return "（不能编译）";
  Table table = readJson(json);
  std::string error;
  auto engine = makeEngine(EngineKind::Interpreter, *c.program, error);
  if (!engine) return error;
  Evaluation ev = evaluateTable(*c.program, table, *engine, EvalOptions{1, true});
  int id = c.program->findNode(node);
  if (ev.results.empty() || id < 0) return "（没有结果）";
  return ev.results[0].nodes[id].explanation;
}

TEST(ExplanationWording, YesNoLetReadsYesOrNo) {
  const std::string rules = R"(名称 "是否令"
年度 2024
总分 2分
输入 {
  甲：数值
  乙：数值
}
指标 比较 2分 {
  令 甲小于乙 = 甲 ＜ 乙
  得分 = 若 甲小于乙 则 满分 否则 0分
}
)";
  EXPECT_EQ(explainInline(rules, R"([{"名称":"一","甲":1,"乙":2}])", "比较"), "甲=1，乙=2，甲小于乙=是，按“甲小于乙的，得满分；否则得0分”，得2.00分。");
  EXPECT_EQ(explainInline(rules, R"([{"名称":"二","甲":3,"乙":2}])", "比较"), "甲=3，乙=2，甲小于乙=否，按“甲小于乙的，得满分；否则得0分”，得0.00分。");
}

TEST(ExplanationWording, BandEdgeNotCrossedByRounding) {
  // 397.45万元 against 3,974,522.77元 is 99.99943%: "100.00%" would contradict the band that fired.
  const std::string rules = R"(名称 "支出"
年度 2024
总分 4分
输入 {
  年度实际支出：金额（万元）
  财政下达预算数：金额（元），范围 (0, +∞)
}
指标 支出完成率 4分 {
  令 完成率 = 年度实际支出 ÷ 财政下达预算数
  分段 完成率 {
    结果 ≥ 100% → 4分
    100% ＞ 结果 ≥ 90% → 3分
    结果 ＜ 90% → 0分
  }
}
)";
  EXPECT_EQ(explainInline(rules, R"([{"名称":"一","年度实际支出":397.45,"财政下达预算数":3974522.77}])", "支出完成率"),
            "完成率=年度实际支出397.45万元÷财政下达预算数3,974,522.77元×100%=99.999%，完成率不低于90%且低于100%，得3.00分。");
}

}  // namespace
}  // namespace defen::testing

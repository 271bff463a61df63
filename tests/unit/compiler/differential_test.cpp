// Differential test: the interpreter and the JIT must score every record
// identically — not only totals and scores but statuses, flags, error messages
// to the character, and the trace the explanations are built from (bands
// fired, checklist items met, deductions and steps, 令 values computed).
//
// Both engines run the whole scorecard (the plan, compiler/ir/plan/plan.h):
// 不考核 and its policies, missing-data policies, reviewer scores, overrides,
// 折算, 转入, caps, rounding, the total and the grade, so all of that is
// compared too. DifferentialScorecard below holds one ruleset written to use
// every such rule, adds refused cells to the generated records, and checks
// that each rule and each kind of fault was actually reached.
//
// Records come from compiler/tools/ruletest/record_generator.h: concentrated on and
// next to every edge of the ruleset, with missing data, overflow-sized
// amounts, reviewer scores and overrides. Every ruleset in rulesets/ gets
// 100,000 records and every tests/golden/eval case 5,000; so does one inline
// ruleset written for where two engines drift apart (evaluation order,
// short-circuits, lazy 令, chained comparisons), which the others touch little.
//
// Environment:
//   DEFEN_DIFF_RECORDS=n  records per ruleset instead (e.g. 1000000 for a soak run)
//   DEFEN_DIFF_SEED=s     another stream of records (the default is fixed per ruleset)
//   DEFEN_DIFF_ALL=1      do not stop at the first difference: count the records
//                         differing in each field and show the first of each
// A failure names the ruleset, the record's index and seed, the field and both
// values, and prints the record as a data.json row for `defen eval --engine …`.
#include "test_support.h"

#include "compiler/eval/bind/bind_messages.h"
#include "compiler/eval/scorer.h"
#include "compiler/interp/interpreter.h"
#include "compiler/jit/jit.h"
#include "compiler/tools/ruletest/record_generator.h"
#include "compiler/tools/ruletest/score_comparison.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <functional>
#include <map>
#include <optional>

namespace defen::testing {
namespace {

// The `defen test` machinery under test (compiler/tools/ruletest/).
using namespace ::defen::ruletest;

constexpr size_t kRulesetRecords = 100'000;
constexpr size_t kGoldenRecords = 5'000;

struct Ruleset {
  std::string name;  // "rulesets/zhanjiang-2022-dept.rules", "golden/idiom-07-bands-lower-better"
  std::filesystem::path path;
  size_t records = 0;
  std::string text;  // an inline ruleset instead of a file
};

// Hazards for a second engine: which operand is read first when both are
// missing or one faults (an optional input on the left of a required one
// turns a data error into full marks), what 且/或/若 and a chained comparison
// leave unevaluated, when a 令 is computed (the trace keeps it), a 令 shared
// by a 不考核 condition, a rule and a bonus line.
const char* const kHazards = R"(名称 "引擎分歧点"
年度 2024
总分 20分
舍入 四舍五入 2位
等级 { 合格 [12分, 20分]; 不合格 [0分, 12分) }
输入 {
  完成数：数值，缺失时 满分
  计划数：数值，范围 (0, +∞)
  补充数：数值，缺失时 0分
  可选率：比率，缺失时 不考核
  实际金额：金额（元）
  预算金额：金额（元）
  有项目：是否
  口径：枚举｛按金额、按数量｝
  表彰次数：数量，缺失时 0分
}
令 完成比 = 完成数 ÷ 计划数
令 执行率 = 若 预算金额 = 0 则 0% 否则 实际金额 ÷ 预算金额
指标 左缺右错 4分 {
  # 左边可缺（满分），右边必填：先读哪一边决定是满分还是报错
  得分 = 分值 × 限定(完成数 ÷ 计划数, 0, 1)
}
指标 短路 4分 {
  # 且/或/若 只求值需要的一边：补充数缺失时，若 有项目 为否则不应读它
  得分 = 若 有项目 且 补充数 ＞ 0 则 分值 × 最小(1, 补充数 ÷ 计划数) 否则 (若 有项目 或 补充数 ＞ 1 则 1分 否则 0分)
}
指标 连比 4分 {
  # 连续比较：前一段不成立时后面的操作数不再求值
  逐项 {
    补充数 ≤ 完成数 ≤ 计划数 → 2分
    0 ≤ 执行率 ≤ 100% → 2分
  }
}
指标 令的求值 4分 {
  不考核 当 执行率 ＞ 200% → 满分
  分段 口径 {
    按金额 → 分段 执行率 { ≥ 90% → 满分；[50%, 90%) → 分值 × 执行率；＜ 50% → 0分 }
    按数量 → 分值 × 限定(完成比, 0, 1)
  }
}
指标 可选不考核 4分 {
  不考核 当 计划数 ＞ 1000000 → 折算
  扣分 {
    可选率 - 完成比 每 10% 扣 1分，不足 进一
    扣 若 补充数 ＞ 计划数 则 1分 否则 0分
  }，最多 4分
}
加减分 表现 {
  加分 表彰次数 × 0.5分，最多 2分
  减分 若 执行率 ＞ 150% 则 1分 否则 0分，最多 1分
}
)";

// Every rule of the scorecard: 不考核 with 满分, 折算 and 转入 (and a parent
// whose children are all dropped), the three missing-data policies, reviewer
// scores with and without tiers, a checklist, capped deductions, an
// indicator that can leave [0, 分值], capped 加分 and 减分.
const char* const kScorecard = R"(名称 "计分规则全览"
年度 2024
总分 30分
舍入 四舍五入 2位
等级 { 优 [27分, 30分]；良 [21分, 27分)；中 [15分, 21分)；差 [0分, 15分) }
输入 {
  完成数：数值，缺失时 满分
  计划数：数值，范围 (0, +∞)
  补充数：数值，缺失时 0分
  可选率：比率，缺失时 不考核
  有项目：是否
  有下属：是否
  违规次数：数量
  表彰次数：数量，缺失时 0分
  问责次数：数量
}
指标 产出 12分 {
  指标 完成 4分 {
    得分 = 分值 × 完成数 ÷ 计划数
  }
  指标 项目 4分 {
    不考核 当 非 有项目 → 折算
    得分 = 分值 × 限定(补充数 ÷ 计划数, 0, 1)
  }
  指标 下属 4分 {
    不考核 当 非 有下属 → 转入 完成
    逐项 {
      可选率 ≥ 50% → 2分
      违规次数 = 0 → 2分
    }
  }
}
指标 管理 10分 {
  指标 合规 5分 {
    不考核 当 可选率 ＞ 90% → 满分
    扣分 {
      扣 违规次数 × 1分
      可选率 每 10% 扣 0.5分，不足 进一
    }，最多 4分
  }
  指标 评价 5分 {
    评审 { 达成 [80%, 100%]；部分达成 [60%, 80%)；未达成 [0, 60%) }
  }
}
指标 可选部分 4分 {
  不考核 当 违规次数 ＞ 3 → 满分
  指标 甲 2分 {
    不考核 当 非 有项目 → 折算
    得分 = 分值 × 限定(补充数 ÷ 计划数, 0, 1)
  }
  指标 乙 2分 {
    不考核 当 非 有项目 → 折算
    得分 = 若 有下属 则 分值 否则 1分
  }
}
指标 满意度 4分 {
  不考核 当 非 有项目 且 非 有下属 → 折算
  评审
}
加减分 表现 {
  加分 表彰次数 × 1分，最多 3分
  减分 问责次数 × 2分，最多 4分
}
)";

void PrintTo(const Ruleset& r, std::ostream* os) { *os << r.name; }

std::optional<uint64_t> envNumber(const char* name) {
  const char* text = std::getenv(name);
  if (!text || !*text) return std::nullopt;
  char* end = nullptr;
  unsigned long long v = std::strtoull(text, &end, 10);
  if (*end != '\0') return std::nullopt;
  return static_cast<uint64_t>(v);
}

std::vector<Ruleset> allRulesets() {
  std::vector<Ruleset> out;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(sourceDir() / "rulesets"))
    if (entry.path().extension() == ".rules") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) out.push_back({"rulesets/" + f.filename().string(), f, kRulesetRecords, {}});
  for (const auto& name : goldenCases("eval"))
    out.push_back({"golden/" + name, sourceDir() / "tests" / "golden" / "eval" / name / "case.rules", kGoldenRecords, {}});
  out.push_back({"inline/engine-hazards", {}, kGoldenRecords, kHazards});
  out.push_back({"inline/scorecard", {}, kGoldenRecords, kScorecard});
  if (auto n = envNumber("DEFEN_DIFF_RECORDS"))
    for (auto& r : out) r.records = static_cast<size_t>(*n);
  return out;
}

// A fixed seed per ruleset (FNV-1a of its name), so adding a ruleset does not
// change the records of the others.
uint64_t seedFor(const Ruleset& r) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : r.name) h = (h ^ c) * 1099511628211ull;
  if (auto s = envNumber("DEFEN_DIFF_SEED")) h ^= *s * 0x9E3779B97F4A7C15ull;
  return h;
}

Compilation compileRuleset(const Ruleset& r, std::string& rendered) {
  Compilation c = r.text.empty() ? compileFile(r.path.string()) : compileSource(r.name, r.text);
  for (const auto& d : c.diags.all()) rendered += renderDiagnostic(d, *c.source, Lang::Zh);
  return c;
}

// ---------------------------------------------------------------------------

struct Coverage {
  size_t ok = 0;
  size_t incomplete = 0;  // records with a faulted indicator and the others scored
  std::vector<std::vector<size_t>> fired;  // per table, per case: records in which it fired

  explicit Coverage(const ir::Program& p) {
    for (const auto& t : p.tables) fired.emplace_back(t.cases.size(), 0);
  }
  void add(const eval::Scored& s, const eval::Scratch& t) {
    ok += s.ok;
    incomplete += s.incomplete;
    for (size_t i = 0; i < fired.size(); ++i)
      if (t.fired[i] >= 0) ++fired[i][static_cast<size_t>(t.fired[i])];
  }
  std::string summary() const {
    size_t cases = 0, hit = 0;
    for (const auto& t : fired)
      for (size_t n : t) cases += 1, hit += n > 0;
    return fmt::format("band cases fired {}/{}", hit, cases);
  }
};

using Clock = std::chrono::steady_clock;
double millisSince(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

class Differential : public ::testing::TestWithParam<Ruleset> {};

TEST_P(Differential, InterpreterAndJitAgree) {
  const Ruleset& rs = GetParam();
  std::string diagnostics;
  Compilation c = compileRuleset(rs, diagnostics);
  ASSERT_TRUE(c.program) << rs.name << "\n" << diagnostics;
  const ir::Program& p = *c.program;

  InterpreterKernels interp(p);
  // Compiled fresh, not from the cache: the point is to test today's code generator.
  JitOptions options;
  options.useCache = false;
  std::string error;
  Clock::time_point start = Clock::now();
  std::unique_ptr<JitProgram> jit = JitProgram::compile(p, c.source->text(), options, error);
  ASSERT_TRUE(jit) << rs.name << ": JIT compilation failed: " << error;
  double compileMs = millisSince(start);

  eval::Scorer byInterp(p, interp), byJit(p, jit->kernels());
  const uint64_t seed = seedFor(rs);
  const bool all = envNumber("DEFEN_DIFF_ALL").value_or(0) != 0;
  RecordGenerator gen(p, seed);
  Comparison compare(p, all);
  Coverage coverage(p);
  // DEFEN_DIFF_ALL: per field, the records that differ in it and the first one.
  std::map<std::string, std::pair<size_t, std::string>> byField;
  double interpMs = 0, jitMs = 0;
  for (size_t i = 0; i < rs.records; ++i) {
    BoundRecord record = gen.next();
    Clock::time_point t0 = Clock::now();
    const eval::Scored& a = byInterp.score(record);
    Clock::time_point t1 = Clock::now();
    const eval::Scored& b = byJit.score(record);
    jitMs += millisSince(t1);
    interpMs += std::chrono::duration<double, std::milli>(t1 - t0).count();
    coverage.add(a, byInterp.scratch());
    const std::vector<Difference>& diffs = compare(a, byInterp.scratch(), b, byJit.scratch());
    for (const Difference& d : diffs) {
      auto& [count, example] = byField[d.field];
      if (count++ > 0) continue;
      example = fmt::format("interpreter and JIT disagree\n"
                            "  ruleset: {}\n"
                            "  record:  #{} (row {}) of seed {} — ruletest::generateRecords(program, {}, {}).back()\n"
                            "  field:   {}\n"
                            "    interpreter: {}\n"
                            "    jit:         {}\n"
                            "  interpreter errors: {}\n"
                            "  jit errors:         {}\n"
                            "  inputs:\n{}",
                            rs.name, i, record.row, seed, i + 1, seed, d.field, d.interp, d.jit, showErrors(a.errors), showErrors(b.errors),
                            describeRecord(p, record));
      if (!all) FAIL() << example;
    }
  }
  std::string summary = fmt::format("{}: {} records ({} scored ok, {} incomplete), {}, {} objectives; jit compile {:.0f} ms, interp {:.0f} ms, jit {:.0f} ms",
                                    rs.name, rs.records, coverage.ok, coverage.incomplete, coverage.summary(), gen.objectiveCount(), compileMs, interpMs, jitMs);
  RecordProperty("summary", summary);
  std::printf("[  diff    ] %s\n", summary.c_str());
  if (!byField.empty()) {
    std::string report = fmt::format("{}: differences in {} field(s) over {} records\n", rs.name, byField.size(), rs.records);
    for (const auto& [field, entry] : byField) report += fmt::format("  {:>7} × {}\n", entry.first, field);
    size_t shown = 0;
    for (const auto& [field, entry] : byField)
      if (shown++ < 8) report += "\n" + entry.second;
    ADD_FAILURE() << report;
  }
}

INSTANTIATE_TEST_SUITE_P(Differential, Differential, ::testing::ValuesIn(allRulesets()),
                         [](const auto& info) { return testName(info.param.name); });

// One fault, one indicator (issue 17): with 转移支付部分 left uncapped, the
// records whose transfer ratio is above 100% fault that indicator alone; both
// engines must fail the same indicator with the same message and give the
// same incomplete sums and total. The generator puts the ratio on and beside
// the edge where the score leaves [0, 分值], so such records are common.
TEST(DifferentialFaults, FaultedIndicatorAgreesInBothEngines) {
  std::string text = readText(sourceDir() / "rulesets" / "zhanjiang-2022-dept.rules");
  const std::string capped = "最小(分值 × (按时下达转移支付金额 ÷ 应下达转移支付金额), 分值)";
  const size_t at = text.find(capped);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, capped.size(), "分值 × (按时下达转移支付金额 ÷ 应下达转移支付金额)");
  Ruleset rs{"inline/zhanjiang-uncapped", {}, kGoldenRecords, text};
  std::string diagnostics;
  Compilation c = compileRuleset(rs, diagnostics);
  ASSERT_TRUE(c.program) << diagnostics;
  const ir::Program& p = *c.program;
  const int part = p.findNode("转移支付部分");
  ASSERT_GE(part, 0);
  InterpreterKernels interp(p);
  std::string error;
  std::unique_ptr<JitProgram> jit = JitProgram::compile(p, c.source->text(), JitOptions{false, ""}, error);
  ASSERT_TRUE(jit) << error;
  eval::Scorer byInterp(p, interp), byJit(p, jit->kernels());
  RecordGenerator gen(p, seedFor(rs));
  Comparison compare(p, false);
  size_t faulted = 0, othersScored = 0;
  for (size_t i = 0; i < rs.records; ++i) {
    BoundRecord record = gen.next();
    const eval::Scored& a = byInterp.score(record);
    const eval::Scored& b = byJit.score(record);
    for (const Difference& d : compare(a, byInterp.scratch(), b, byJit.scratch()))
      FAIL() << "record #" << i << ": " << d.field << ": " << d.interp << " / " << d.jit << "\n" << describeRecord(p, record);
    if (!a.nodes[part].failed || a.nodeErrors[part].empty() || a.nodeErrors[part][0].find("超出[0, 2]") == std::string::npos) continue;
    ++faulted;
    // The row still has a total when nothing but the transfer share faulted.
    size_t failedNodes = 0;
    for (const auto& n : a.nodes) failedNodes += n.failed;
    if (failedNodes == 1 && a.incomplete) ++othersScored;
  }
  EXPECT_GT(faulted, 0u) << "no generated record took 转移支付部分 above 2";
  EXPECT_GT(othersScored, 0u) << "no record with only 转移支付部分 faulted kept its other scores";
  std::printf("[  diff    ] %s: %zu records with 转移支付部分 above 分值, %zu with every other indicator scored\n", rs.name.c_str(), faulted,
              othersScored);
}

// Refused cells, as the binder reports them: the generator's records bind
// cleanly, so about one record in five gets a refused input cell and one in
// eight a refused 核定分 — each fails the indicators that read it (or the one
// it overrides) and the 加减分 block that reads it.
BindFault refusedCell(int slot, std::string message) {
  BindFault f;
  f.code = BindFault::Code::Reader;  // a message given whole, as a reader's
  f.slot = slot;
  f.text = std::move(message);
  return f;
}

void refuseCells(const ir::Program& p, BoundRecord& rec, uint64_t& state) {
  auto below = [&](uint64_t n) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return (state >> 33) % n;
  };
  if (!p.inputs.empty() && below(5) == 0) {
    size_t slot = below(p.inputs.size());
    rec.inputs[slot] = Value::missing();
    rec.inputFaults.resize(p.inputs.size());
    rec.inputFaults[slot] = refusedCell(static_cast<int>(slot), fmt::format("列“{}”：无法识别的数值“x”", p.inputs[slot].spec.name));
  }
  if (below(8) == 0) {
    size_t id = below(p.nodes.size());
    rec.nodes[id].override.reset();
    rec.nodes[id].fault = refusedCell(static_cast<int>(id), fmt::format("列“{}.核定分”：无法识别的数值“y”", p.nodes[id].name));
  }
}

// What a run reached: each rule of the scorecard and each kind of fault.
struct Reached {
  std::map<std::string, size_t> count;
  void add(const ir::Program& p, const eval::Scored& s, const eval::Scratch& t) {
    count["ok"] += s.ok;
    count["incomplete"] += s.incomplete;
    count["row fault"] += s.evaluated && !s.ok && !s.incomplete;
    count["grade"] += s.grade >= 0;
    for (size_t i = 0; i < p.nodes.size(); ++i) {
      const eval::NodeState& n = s.nodes[i];
      if (n.status == NodeStatus::NotApplicable && n.naRule >= 0) {
        const auto policy = p.nodes[i].na[static_cast<size_t>(n.naRule)].policy;
        count[policy == ir::NaRule::Policy::Full ? "不考核 满分" : policy == ir::NaRule::Policy::Rescale ? "不考核 折算" : "不考核 转入"] += 1;
      }
      count["不考核 inherited"] += n.inheritedNa;
      count["不考核 all children dropped"] += n.status == NodeStatus::NotApplicable && n.naRule < 0 && !n.inheritedNa;
      if (n.status == NodeStatus::Missing) count[fmt::format("missing policy {}", static_cast<int>(p.inputs[n.missingInput].missing))] += 1;
      count["overridden"] += n.status == NodeStatus::Overridden;
      count["reviewed"] += n.status == NodeStatus::Reviewed;
      count["deductions capped"] += n.capped;
      count["sum incomplete"] += n.incomplete;
      if (n.failed) count[fmt::format("fault {}", t.nodes[i].fault)] += 1;  // 0: refused at binding
    }
    for (size_t g = 0; g < s.bonusLines.size(); ++g) {
      count["bonus line faulted"] += t.bonusLines[g].fault != eval::kNoFault;
      count["bonus line points"] += s.bonusLines[g] > Decimal();
    }
  }
};

TEST(DifferentialScorecard, EveryRuleAgreesInBothEnginesAndIsReached) {
  Ruleset rs{"inline/scorecard", {}, 20'000, kScorecard};
  if (auto n = envNumber("DEFEN_DIFF_RECORDS")) rs.records = static_cast<size_t>(*n);
  std::string diagnostics;
  Compilation c = compileRuleset(rs, diagnostics);
  ASSERT_TRUE(c.program) << diagnostics;
  const ir::Program& p = *c.program;
  InterpreterKernels interp(p);
  std::string error;
  std::unique_ptr<JitProgram> jit = JitProgram::compile(p, c.source->text(), JitOptions{false, ""}, error);
  ASSERT_TRUE(jit) << error;
  eval::Scorer byInterp(p, interp), byJit(p, jit->kernels());
  RecordGenerator gen(p, seedFor(rs));
  Comparison compare(p, false);
  Reached reached;
  uint64_t state = seedFor(rs);
  for (size_t i = 0; i < rs.records; ++i) {
    BoundRecord record = gen.next();
    refuseCells(p, record, state);
    const eval::Scored& a = byInterp.score(record);
    const eval::Scored& b = byJit.score(record);
    for (const Difference& d : compare(a, byInterp.scratch(), b, byJit.scratch()))
      FAIL() << "record #" << i << ": " << d.field << ": " << d.interp << " / " << d.jit << "\n"
             << showErrors(a.errors) << "\n" << describeRecord(p, record);
    // The frame's own fault codes agree too, not only the messages made from them.
    for (size_t n = 0; n < p.nodes.size(); ++n)
      ASSERT_EQ(byInterp.scratch().nodes[n].fault, byJit.scratch().nodes[n].fault) << "record #" << i << " node " << p.nodes[n].name;
    reached.add(p, a, byInterp.scratch());
  }
  std::string summary;
  for (const auto& [what, n] : reached.count) summary += fmt::format("  {:>6} × {}\n", n, what);
  std::printf("[  diff    ] %s: %zu records\n%s", rs.name.c_str(), rs.records, summary.c_str());
  auto at = [&](const std::string& what) { return reached.count.count(what) ? reached.count.at(what) : 0; };
  for (const char* what : {"ok", "incomplete", "grade", "不考核 满分", "不考核 折算", "不考核 转入", "不考核 inherited",
                           "不考核 all children dropped", "overridden", "reviewed", "deductions capped", "sum incomplete",
                           "bonus line faulted", "bonus line points"})
    EXPECT_GT(at(what), 0u) << what << " never reached\n" << summary;
  // Missing-data policies 满分 (1), 0分 (2), 不考核 (3).
  for (int policy : {1, 2, 3}) EXPECT_GT(at(fmt::format("missing policy {}", policy)), 0u) << "policy " << policy << "\n" << summary;
  // Faults: refused at binding (0), a required input absent, outside [0, 分值],
  // 核定分 on a dropped indicator, reviewer's score without reason / above 分值 /
  // without tier / unknown tier / outside its tier.
  for (int code : {0, int(eval::kFaultMissingInput), int(eval::kFaultOutOfRange), int(eval::kFaultOverrideOfDropped),
                   int(eval::kFaultReviewNoReason), int(eval::kFaultReviewAboveWeight), int(eval::kFaultReviewNoTier),
                   int(eval::kFaultReviewUnknownTier), int(eval::kFaultReviewOutsideTier)})
    EXPECT_GT(at(fmt::format("fault {}", code)), 0u) << "fault code " << code << " never reached\n" << summary;
}

// ---------------------------------------------------------------------------
// The generator itself.

// Every record is one the binder produces from its data row: the values are
// admissible (kinds, 范围, overrides in [0, 分值] with a reason), and the
// reproducer printed on failure binds back to the very same record.
TEST(DifferentialGenerator, RecordsBindBackFromTheirDataRows) {
  for (const Ruleset& rs : allRulesets()) {
    std::string diagnostics;
    Compilation c = compileRuleset(rs, diagnostics);
    ASSERT_TRUE(c.program) << rs.name << "\n" << diagnostics;
    const ir::Program& p = *c.program;
    RecordGenerator gen(p, seedFor(rs));
    for (size_t i = 0; i < 300; ++i) {
      BoundRecord rec = gen.next();
      BoundRecord back = bindFields(p, recordFields(p, rec), rec.row);
      std::string where = fmt::format("{} record #{}\n{}", rs.name, i, describeRecord(p, rec));
      ASSERT_TRUE(back.errors.empty()) << where << showErrors(back.errors);
      for (const auto& fault : back.inputFaults) ASSERT_FALSE(fault.refused()) << where << bindFaultText(p, fault);
      for (const auto& node : back.nodes) ASSERT_FALSE(node.fault.refused()) << where << bindFaultText(p, node.fault);
      ASSERT_EQ(back.inputs.size(), rec.inputs.size());
      for (size_t k = 0; k < rec.inputs.size(); ++k) {
        const Value &x = rec.inputs[k], &y = back.inputs[k];
        bool same = x.kind == y.kind && (x.kind != Value::Kind::Number || x.number == y.number) &&
                    (x.kind != Value::Kind::Bool || x.boolean == y.boolean) && (x.kind != Value::Kind::Enum || x.enumIndex == y.enumIndex);
        ASSERT_TRUE(same) << where << "input " << p.inputs[k].spec.name;
      }
      for (size_t n = 0; n < rec.nodes.size(); ++n) {
        ASSERT_EQ(rec.nodes[n].override, back.nodes[n].override) << where << p.nodes[n].name;
        ASSERT_EQ(rec.nodes[n].reason, back.nodes[n].reason) << where << p.nodes[n].name;
        ASSERT_EQ(rec.nodes[n].tier, back.nodes[n].tier) << where << p.nodes[n].name;
      }
    }
  }
}

// Row sets reach both engines in every shape a form can take: the list absent
// or empty, one row, many (up to 15), and rows lacking cells.
TEST(DifferentialGenerator, RowSetsComeAbsentEmptySingleAndMany) {
  Compilation c = compileFile((sourceDir() / "rulesets" / "project-self-2020.rules").string());
  ASSERT_TRUE(c.program);
  const ir::Program& p = *c.program;
  int set = p.findInput("绩效指标");
  ASSERT_GE(set, 0);
  size_t absent = 0, empty = 0, single = 0, many = 0, lacking = 0, most = 0;
  for (const BoundRecord& rec : generateRecords(p, 2000, 7)) {
    const BoundRowSet& rows = rec.rowSets.at(static_cast<size_t>(set));
    if (!rows.present) { ++absent; continue; }
    if (rows.rows.empty()) ++empty;
    else if (rows.rows.size() == 1) ++single;
    else ++many;
    most = std::max(most, rows.rows.size());
    for (const BoundRow& row : rows.rows)
      if (!row.value(p.inputs[static_cast<size_t>(set)].columns.front())) ++lacking;
  }
  EXPECT_GT(absent, 20u);
  EXPECT_GT(empty, 50u);
  EXPECT_GT(single, 200u);
  EXPECT_GT(many, 1000u);
  EXPECT_EQ(most, 15u);
  EXPECT_GT(lacking, 100u);
}

// What the engines are compared on reaches every outcome of a row: scored by
// the rule, reviewed in its tier, the unit's 得分 standing beside the rule's
// and in place of a rule that could not check the row, and faulted.
TEST(DifferentialGenerator, RowSetsReachEveryOutcomeOfARow) {
  Compilation c = compileFile((sourceDir() / "rulesets" / "project-self-2020.rules").string());
  ASSERT_TRUE(c.program);
  const ir::Program& p = *c.program;
  InterpreterKernels interp(p);
  eval::Scorer scorer(p, interp);
  std::map<std::string, size_t> seen;
  for (const BoundRecord& rec : generateRecords(p, 2000, 7)) {
    const eval::Scored& s = scorer.score(rec);
    for (const auto& lines : s.rows)
      for (const RowLine& line : lines) {
        if (!line.ruleFault.empty()) ++seen["self stands, rule unchecked"];
        else ++seen[statusName(line.status)];
      }
    seen["computed incomplete"] += s.computedIncomplete;
  }
  for (const char* outcome : {"scored", "reviewed", "overridden", "failed", "self stands, rule unchecked", "computed incomplete"})
    EXPECT_GT(seen[outcome], 20u) << outcome;
}

TEST(DifferentialGenerator, IsDeterministic) {
  Compilation c = compileFile((sourceDir() / "rulesets" / "zhanjiang-2022-dept.rules").string());
  ASSERT_TRUE(c.program);
  auto a = generateRecords(*c.program, 200, 42), b = generateRecords(*c.program, 200, 42);
  RecordGenerator stream(*c.program, 42);
  for (size_t i = 0; i < a.size(); ++i) {
    BoundRecord s = stream.next();
    EXPECT_EQ(describeRecord(*c.program, a[i]), describeRecord(*c.program, b[i])) << i;
    EXPECT_EQ(describeRecord(*c.program, a[i]), describeRecord(*c.program, s)) << i;
  }
}

// The point of the generator: band subjects land exactly on every finite
// bound, and just beside it. Checked where the subject is an input or a 令
// (whose value the trace keeps).
TEST(DifferentialGenerator, BandSubjectsLandOnEveryEdge) {
  for (const Ruleset& rs : allRulesets()) {
    std::string diagnostics;
    Compilation c = compileRuleset(rs, diagnostics);
    ASSERT_TRUE(c.program) << rs.name << "\n" << diagnostics;
    const ir::Program& p = *c.program;
    InterpreterKernels interp(p);
    eval::Scorer scorer(p, interp);
    RecordGenerator gen(p, seedFor(rs));
    // Per table: each finite bound → whether some record hit it exactly.
    std::vector<std::vector<std::pair<Decimal, bool>>> edges(p.tables.size());
    for (size_t t = 0; t < p.tables.size(); ++t)
      for (const auto& cs : p.tables[t].cases)
        if (cs.kind == ir::BandCase::Kind::Range)
          for (const ir::Bound* b : {&cs.interval.lower, &cs.interval.upper})
            if (!b->infinite) edges[t].emplace_back(b->value, false);
    for (size_t i = 0; i < 3000; ++i) {
      BoundRecord rec = gen.next();
      scorer.score(rec);
      const eval::Scratch& s = scorer.scratch();
      for (size_t t = 0; t < p.tables.size(); ++t) {
        const ir::Expr* subject = p.tables[t].subject;
        std::optional<Decimal> v;
        if (subject->op == ir::Op::Input && rec.inputs[subject->slot].kind == Value::Kind::Number) v = rec.inputs[subject->slot].number;
        if (subject->op == ir::Op::Let && s.letDone[subject->slot]) v = Decimal::fromRaw(s.lets[subject->slot]);
        if (!v) continue;
        for (auto& [edge, hit] : edges[t]) hit = hit || *v == edge;
      }
    }
    for (size_t t = 0; t < p.tables.size(); ++t) {
      const ir::Expr* subject = p.tables[t].subject;
      if (subject->op != ir::Op::Input && subject->op != ir::Op::Let) continue;
      for (const auto& [edge, hit] : edges[t])
        EXPECT_TRUE(hit) << rs.name << ": band table on line " << p.tables[t].range.line << " never has its subject exactly at " << toString(edge);
    }
  }
}

}  // namespace
}  // namespace defen::testing

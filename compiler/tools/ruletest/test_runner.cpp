#include "compiler/tools/ruletest/test_runner.h"

#include "compiler/eval/bind/binder.h"
#include "compiler/eval/scorer.h"
#include "compiler/report/explain/explain.h"
#include "compiler/core/number_text.h"
#include "compiler/interp/interpreter.h"

#include <fmt/format.h>

#include <algorithm>

namespace defen::ruletest {

namespace {


// A node's score as a failure report shows it: dropped nodes have none.
std::string nodeScore(const RecordResult& r, int node) {
  const NodeResult& n = r.nodes[static_cast<size_t>(node)];
  if (n.status == NodeStatus::Failed) return "（无得分：" + joined(n.errors, "；") + "）";
  if (!r.hasScores()) return "（无得分：本行有错误）";
  if (!n.counted) return "（不计入得分）";
  return writtenScore(n.score);
}

std::string errorsText(const RecordResult& r) { return joined(r.errors, "\n"); }

void check(const ir::Program& p, const Expectation& e, const RecordResult& r, std::vector<Mismatch>& out) {
  Mismatch m;
  m.range = e.range;
  bool holds = true;
  using K = Expectation::Kind;
  switch (e.kind) {
    case K::Score: {
      const NodeResult& n = r.nodes[static_cast<size_t>(e.node)];
      m.subject = p.nodes[static_cast<size_t>(e.node)].name;
      m.expected = writtenScore(e.score);
      m.actual = nodeScore(r, e.node);
      holds = n.counted && n.status != NodeStatus::Failed && n.score == e.score;
      m.explanation = n.explanation;
      break;
    }
    case K::Status: {
      const NodeResult& n = r.nodes[static_cast<size_t>(e.node)];
      m.subject = p.nodes[static_cast<size_t>(e.node)].name;
      m.expected = statusWord(e.status);
      m.actual = statusWord(n.status);
      holds = n.status == e.status;
      m.explanation = n.explanation;
      break;
    }
    case K::Total:
      m.subject = "总分";
      m.expected = writtenScore(e.score);
      m.actual = r.ok ? writtenScore(r.total) : "（无总分：本行有错误）";
      holds = r.ok && r.total == e.score;
      break;
    case K::Grade:
      m.subject = "等级";
      m.expected = e.text;
      m.actual = r.ok ? r.grade : "（无等级：本行有错误）";
      holds = r.ok && r.grade == e.text;
      break;
    case K::Bonus:
    case K::Penalty: {
      m.subject = e.kind == K::Bonus ? "加分" : "减分";
      m.expected = writtenScore(e.score);
      Decimal actual = e.kind == K::Bonus ? r.bonus : r.penalty;
      m.actual = r.ok ? writtenScore(actual) : "（无：本行有错误）";
      holds = r.ok && actual == e.score;
      break;
    }
    case K::Error:
      m.subject = "错误";
      m.expected = e.text;
      m.actual = r.errors.empty() ? "（没有错误）" : errorsText(r);
      holds = std::any_of(r.errors.begin(), r.errors.end(), [&](const std::string& s) { return s.find(e.text) != std::string::npos; });
      break;
  }
  if (!holds) out.push_back(std::move(m));
}

// What the two engines disagree on, one line each (empty: they agree).
std::vector<std::string> differences(const ir::Program& p, const RecordResult& a, const RecordResult& b) {
  std::vector<std::string> out;
  auto differ = [&](const std::string& what, const std::string& x, const std::string& y) {
    if (x != y) out.push_back(fmt::format("{}：解释器 {}，JIT {}", what, x, y));
  };
  differ("总分", a.hasTotal() ? toString(a.total) : "—", b.hasTotal() ? toString(b.total) : "—");
  differ("等级", a.grade, b.grade);
  differ("加分", toString(a.bonus), toString(b.bonus));
  differ("减分", toString(a.penalty), toString(b.penalty));
  differ("错误", joined(a.errors, "；"), joined(b.errors, "；"));
  for (size_t i = 0; i < p.nodes.size() && i < a.nodes.size() && i < b.nodes.size(); ++i) {
    const NodeResult &x = a.nodes[i], &y = b.nodes[i];
    differ(p.nodes[i].name, fmt::format("{} {}", toString(x.score), statusName(x.status)),
           fmt::format("{} {}", toString(y.score), statusName(y.status)));
    differ(p.nodes[i].name + " 评分说明", x.explanation, y.explanation);
  }
  return out;
}

}  // namespace

int FileOutcome::failed() const {
  return static_cast<int>(std::count_if(cases.begin(), cases.end(), [](const CaseOutcome& c) { return !c.passed(); }));
}

RecordResult scoreCase(const ir::Program& p, const TestCase& test, Engine* engine) {
  Table table = caseTable(test);
  std::vector<std::string> warnings;
  ColumnMap map = mapColumns(p, table, warnings);
  BoundRecord bound = bindRecord(p, map, table, table.records.front());
  bound.id = test.name;
  InterpreterKernels interpreter(p);
  eval::Scorer scorer(p, engine ? engine->kernels() : static_cast<eval::Kernels&>(interpreter));
  const eval::Scored& scored = scorer.score(bound);
  return eval::materialize(p, bound, scored, scorer.scratch(), /*explain=*/true);
}

FileOutcome runTests(const ir::Program& p, const TestFile& file, const RunOptions& options) {
  FileOutcome out(p);
  std::unique_ptr<Engine> jit;
  if (options.jit) {
    std::string error;
    jit = makeEngine(EngineKind::Jit, p, error);
    if (!jit) out.engineError = error.empty() ? "JIT 编译失败" : error;
  }
  for (const auto& test : file.cases) {
    CaseOutcome c;
    c.test = &test;
    std::optional<RecordResult> byInterp, byJit;
    if (options.interpreter || !jit) byInterp = scoreCase(p, test, nullptr);
    if (jit) byJit = scoreCase(p, test, jit.get());
    c.result = byInterp ? *byInterp : *byJit;
    if (byInterp && byJit) {
      std::vector<std::string> diff = differences(p, *byInterp, *byJit);
      if (!diff.empty())
        c.mismatches.push_back(Mismatch{Mismatch::Kind::Engines, test.range, "解释器与JIT", "一致", joined(diff, "\n"), ""});
    }
    for (const auto& e : test.expectations) check(p, e, c.result, c.mismatches);
    bool errorExpected = std::any_of(test.expectations.begin(), test.expectations.end(),
                                     [](const Expectation& e) { return e.kind == Expectation::Kind::Error; });
    if (!c.result.errors.empty() && !errorExpected)
      c.mismatches.push_back(Mismatch{Mismatch::Kind::Error, test.range, "错误", "（没有错误）", errorsText(c.result), ""});
    out.coverage.add(c.result);
    out.cases.push_back(std::move(c));
  }
  return out;
}

}  // namespace defen::ruletest

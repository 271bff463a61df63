// Every case under tests/golden/eval/ runs through every engine: the ruleset
// must check cleanly, and each expected row's scores, statuses, total, grade
// and errors must match exactly (decimal comparison, not text).
#include "test_support.h"

#include "compiler/io/readers.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <set>

namespace defen::testing {
namespace {

// Every evaluation case runs through both engines.
using Engine = EngineKind;
const char* engineName(Engine e) { return e == Engine::Interpreter ? "interp" : "jit"; }

Evaluation evaluateWith(Engine kind, const ir::Program& program, const Table& table) {
  std::string error;
  auto engine = makeEngine(kind, program, error);
  EXPECT_TRUE(engine) << error;
  if (!engine) return {};
  return evaluateTable(program, table, *engine, EvalOptions{1, true});
}

std::string joinErrors(const RecordResult& r) {
  std::string out;
  for (const auto& e : r.errors) out += e + "\n";
  return out;
}

void expectDecimal(const std::string& expected, Decimal actual, const std::string& what) {
  auto want = Decimal::parse(expected);
  ASSERT_TRUE(want.has_value()) << what << ": bad expected value " << expected;
  EXPECT_EQ(toString(*want), toString(actual)) << what;
}

std::string valueText(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

// "第1行 …\n  预算编制/项目库储备 [scored] 1分：项目库按要求储备=是，…"
std::string explanationsText(const ir::Program& p, const std::vector<RecordResult>& results) {
  std::string out;
  for (const auto& r : results) {
    out += "第" + std::to_string(r.row) + "行" + (r.id.empty() ? "" : " " + r.id);
    if (!r.ok) {
      out += "：有错误，无得分\n";  // incomplete rows too: explanations.txt stays about clean rows
      continue;
    }
    out += "：" + toString(r.total) + "分 " + r.grade + "\n";
    for (size_t i = 0; i < p.nodes.size(); ++i) {
      std::string path;
      for (const auto& part : p.nodes[i].path) path += (path.empty() ? "" : "/") + part;
      out += "  " + path + " [" + statusName(r.nodes[i].status) + "] " + toString(r.nodes[i].score) + "分：" + r.nodes[i].explanation + "\n";
      for (const auto& line : r.nodes[i].rows)  // 逐行: each row of the form
        out += "    第" + std::to_string(line.row) + "行 " + line.name + " [" + statusName(line.status) + "] " + toString(line.score) +
               "分：" + line.explanation + "\n";
    }
    if (!r.bonusExplanation.empty()) out += "  加减分：" + r.bonusExplanation + "\n";
  }
  return out;
}

class GoldenEval : public ::testing::TestWithParam<std::tuple<std::string, Engine>> {};

TEST_P(GoldenEval, MatchesExpected) {
  auto [name, engine] = GetParam();
  auto dir = sourceDir() / "tests" / "golden" / "eval" / name;
  Compilation c = compileFile((dir / "case.rules").string());
  std::string rendered;
  for (const auto& d : c.diags.all()) rendered += renderDiagnostic(d, *c.source, Lang::Zh);
  ASSERT_TRUE(c.program) << rendered;
  auto dataPath = std::filesystem::exists(dir / "data.json") ? dir / "data.json" : dir / "data.csv";
  Table table = readDataFile(dataPath.string());
  Evaluation ev = evaluateWith(engine, *c.program, table);
  ASSERT_TRUE(ev.fileErrors.empty()) << ev.fileErrors.front();
  auto expected = nlohmann::json::parse(readText(dir / "expected.json"));
  for (const auto& want : expected.at("results")) {
    int row = want.at("row").get<int>();
    auto it = std::find_if(ev.results.begin(), ev.results.end(), [&](const RecordResult& r) { return r.row == row; });
    ASSERT_NE(it, ev.results.end()) << "no result for row " << row;
    const RecordResult& got = *it;
    SCOPED_TRACE("row " + std::to_string(row) + " (" + engineName(engine) + ")");
    if (want.contains("errors") && !want.at("errors").empty()) {
      EXPECT_FALSE(got.ok) << "expected errors";
      std::string all = joinErrors(got);
      for (const auto& e : want.at("errors")) EXPECT_NE(all.find(e.get<std::string>()), std::string::npos) << "missing error: " << e << "\nactual:\n" << all;
      // "incomplete": true — the faulted indicators aside, the row is scored (issue 17): check the rest below.
      // "incomplete": false — a row-level error: no partial total. Absent: only the errors are checked.
      if (!want.value("incomplete", false)) {
        if (want.contains("incomplete")) {
          EXPECT_FALSE(got.incomplete) << "a row-level error keeps no partial total";
        }
        continue;
      }
      EXPECT_TRUE(got.incomplete) << joinErrors(got);
      EXPECT_EQ(got.grade, "") << "an incomplete total has no grade";
    } else {
      ASSERT_TRUE(got.ok) << joinErrors(got);
    }
    if (want.contains("total")) expectDecimal(valueText(want.at("total")), got.total, "total");
    if (want.contains("grade")) {
      EXPECT_EQ(want.at("grade").get<std::string>(), got.grade);
    }
    if (want.contains("scores")) {
      for (const auto& [node, score] : want.at("scores").items()) {
        int id = c.program->findNode(node);
        ASSERT_GE(id, 0) << "no indicator " << node;
        if (score.is_null()) {
          EXPECT_TRUE(!got.nodes[id].counted || got.nodes[id].status == NodeStatus::Failed) << node << " should have no score";
          continue;
        }
        expectDecimal(valueText(score), got.nodes[id].score, node + " — " + got.nodes[id].explanation);
      }
    }
    if (want.contains("computed")) expectDecimal(valueText(want.at("computed")), got.computed, "computed");
    if (want.contains("computedIncomplete")) {
      EXPECT_EQ(want.at("computedIncomplete").get<bool>(), got.computedIncomplete);
    }
    // "warnings": each expected text is found among the row's warnings, and there are no others.
    if (want.contains("warnings")) {
      std::string all;
      for (const auto& w : got.warnings) all += w + "\n";
      for (const auto& w : want.at("warnings")) EXPECT_NE(all.find(w.get<std::string>()), std::string::npos) << "missing warning: " << w << "\nactual:\n" << all;
      EXPECT_EQ(want.at("warnings").size(), got.warnings.size()) << all;
    }
    // "rows": {"indicator": [{"name", "score", "computed", "status", "ruleFault", "error"}, …]}: the lines of a 逐行 rule, in order.
    if (want.contains("rows")) {
      for (const auto& [node, lines] : want.at("rows").items()) {
        int id = c.program->findNode(node);
        ASSERT_GE(id, 0) << "no indicator " << node;
        const auto& have = got.nodes[id].rows;
        ASSERT_EQ(lines.size(), have.size()) << node;
        for (size_t k = 0; k < have.size(); ++k) {
          const auto& w = lines[k];
          SCOPED_TRACE(node + " row " + std::to_string(k + 1) + " — " + have[k].explanation);
          if (w.contains("name")) {
            EXPECT_EQ(w.at("name").get<std::string>(), have[k].name);
          }
          if (w.contains("status")) {
            EXPECT_EQ(w.at("status").get<std::string>(), statusName(have[k].status));
          }
          if (w.contains("score")) expectDecimal(valueText(w.at("score")), have[k].score, "row score");
          if (w.contains("computed")) expectDecimal(valueText(w.at("computed")), have[k].computed, "row computed");
          // "ruleFault": the unit's 得分 stands where the rule could not check the row, and why.
          if (w.contains("ruleFault")) {
            EXPECT_EQ(w.at("ruleFault").get<std::string>(), have[k].ruleFault);
          } else {
            EXPECT_EQ("", have[k].ruleFault);
          }
          if (w.contains("error")) {
            ASSERT_FALSE(have[k].errors.empty());
            EXPECT_NE(have[k].errors.front().find(w.at("error").get<std::string>()), std::string::npos) << have[k].errors.front();
          }
        }
      }
    }
    if (want.contains("status")) {
      for (const auto& [node, status] : want.at("status").items()) {
        int id = c.program->findNode(node);
        ASSERT_GE(id, 0) << "no indicator " << node;
        EXPECT_EQ(status.get<std::string>(), statusName(got.nodes[id].status)) << node << " — " << got.nodes[id].explanation;
      }
    }
  }
  // Exactly one result per data row.
  std::set<int> rows;
  for (const auto& r : ev.results) EXPECT_TRUE(rows.insert(r.row).second) << "row " << r.row << " reported twice";

  // The 评分说明 of every indicator of every row, word for word, from both
  // engines (DEFEN_UPDATE_GOLDEN=1 rewrites explanations.txt).
  std::string explanations = explanationsText(*c.program, ev.results);
  auto path = dir / "explanations.txt";
  if (std::getenv("DEFEN_UPDATE_GOLDEN") && engine == Engine::Interpreter) {
    std::ofstream(path, std::ios::binary) << explanations;
  } else {
    ASSERT_TRUE(std::filesystem::exists(path)) << "missing " << path << " (DEFEN_UPDATE_GOLDEN=1 writes it)";
    EXPECT_EQ(readText(path), explanations) << "golden file " << path;
  }
}

std::vector<std::tuple<std::string, Engine>> allCases() {
  std::vector<std::tuple<std::string, Engine>> out;
  for (const auto& name : goldenCases("eval"))
    for (Engine e : {Engine::Interpreter, Engine::Jit}) out.emplace_back(name, e);
  return out;
}

INSTANTIATE_TEST_SUITE_P(Cases, GoldenEval, ::testing::ValuesIn(allCases()), [](const auto& info) {
  return testName(std::get<0>(info.param)) + "_" + engineName(std::get<1>(info.param));
});
// A golden suite whose folder went missing or empty would pass with nothing
// run; this fails instead (and gtest itself reports an uninstantiated suite).
TEST(GoldenEvalCaseList, IsNotEmpty) {
  EXPECT_FALSE(goldenCases("eval").empty()) << "no golden cases under tests/golden/eval/";
}

}  // namespace
}  // namespace defen::testing

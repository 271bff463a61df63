// A ruleset with row sets reads a long CSV whole and groups it, one record
// per project; the grouped table is then handed to the pipeline in slices
// (lib/driver/table_slices.h) so every worker scores. Scoring the
// slices one after another must give exactly what scoring the grouped table
// at once gives: every project, in order, with its scores, errors and
// warnings — including the errors the grouping puts on rows.
#include "lib/driver/table_slices.h"

#include "lib/driver/driver.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace defen {
namespace {

using testing::readText;
using testing::sourceDir;

// A published form's lines (examples/project-self-2020/forms), repeated as
// `count` projects with numbered names; project 600's lines come again after
// project 1100's (a project whose lines are not together: both parts are
// errors), and project 700's 实际完成值 on one line is no number.
std::string manyForms(int count) {
  const std::string form = readText(sourceDir() / "examples" / "project-self-2020" / "forms" / "yongde-nutrition-2022.csv");
  const size_t headerEnd = form.find('\n') + 1;
  const std::string header = form.substr(0, headerEnd), lines = form.substr(headerEnd);
  const std::string name = "义务教育营养改善计划专项资金";
  auto project = [&](int i) {
    std::string out = lines;
    for (size_t at = out.find(name); at != std::string::npos; at = out.find(name, at + 1))
      out.replace(at, name.size(), "项目" + std::to_string(i));
    if (i == 700) out.replace(out.find(",735,"), 5, ",七百,");
    return out;
  };
  std::string csv = header;
  for (int i = 1; i <= count; ++i) {
    csv += project(i);
    if (i == 1100) csv += project(600);
  }
  return csv;
}

std::string describe(const RecordResult& r) {
  std::string s = std::to_string(r.row) + ":" + std::to_string(r.line) + " " + r.id + " " + toString(r.total) + " " + toString(r.computed) +
                  (r.ok ? " ok" : "") + (r.incomplete ? " incomplete" : "") + (r.evaluated ? " evaluated" : "");
  for (const auto& n : r.nodes) s += " " + toString(n.score);
  for (const auto& e : r.errors) s += " | " + e;
  for (const auto& w : r.warnings) s += " ~ " + w;
  return s;
}

TEST(TableSlices, ScoringTheSlicesGivesWhatScoringTheGroupedTableGives) {
  Compilation c = compileFile((sourceDir() / "rulesets" / "project-self-2020.rules").string());
  ASSERT_TRUE(c.program);
  std::string error;
  auto engine = makeEngine(EngineKind::Interpreter, *c.program, error);
  ASSERT_TRUE(engine) << error;
  const Table grouped = groupRowSetLines(*c.program, readCsv(manyForms(1300)));
  const Evaluation whole = evaluateTable(*c.program, grouped, *engine, EvalOptions{1, false});
  ASSERT_EQ(whole.results.size(), 1301u);  // project 600 in two parts

  auto slices = tableSlices(grouped, 512);
  std::vector<std::string> sliced, fileErrors, warnings;
  Table chunk;
  int count = 0;
  while (slices->next(chunk)) {
    ++count;
    Evaluation ev = evaluateTable(*c.program, chunk, *engine, EvalOptions{1, false});
    for (const auto& r : ev.results) sliced.push_back(describe(r));
    if (count == 1) {
      fileErrors = ev.fileErrors;
      warnings.assign(ev.warnings.begin(), ev.warnings.begin() + static_cast<std::ptrdiff_t>(ev.columnWarnings));
    }
    EXPECT_EQ(ev.fileErrors, fileErrors) << "every slice repeats the file's errors";
    for (size_t w = ev.columnWarnings; w < ev.warnings.size(); ++w) warnings.push_back(ev.warnings[w]);
  }
  EXPECT_EQ(count, 3);
  ASSERT_EQ(sliced.size(), whole.results.size());
  for (size_t i = 0; i < sliced.size(); ++i) ASSERT_EQ(sliced[i], describe(whole.results[i])) << "project " << i + 1;
  EXPECT_EQ(fileErrors, whole.fileErrors);
  EXPECT_EQ(warnings, whole.warnings);
  // Real values: the separated project is an error in both parts (slices 2 and 3), the bad cell fails its row.
  EXPECT_NE(sliced[599].find("的行不相连"), std::string::npos) << sliced[599];
  EXPECT_NE(sliced[1100].find("的行不相连"), std::string::npos) << sliced[1100];
  EXPECT_NE(sliced[699].find("七百"), std::string::npos) << sliced[699];
  EXPECT_EQ(sliced[0].rfind("1:2 项目1 ", 0), 0u) << sliced[0];
}

TEST(TableSlices, ATableOfNoRecordsIsOneSliceWithItsErrors) {
  Table t;
  t.columns = {"项目名称"};
  t.errors.push_back({0, 1, "", "表头有误"});
  t.errors.push_back({3, 4, "", "第3行读不出"});
  auto slices = tableSlices(t, 512);
  Table chunk;
  ASSERT_TRUE(slices->next(chunk));
  EXPECT_TRUE(chunk.records.empty());
  ASSERT_EQ(chunk.errors.size(), 2u);
  EXPECT_EQ(chunk.errors[0].message, "表头有误");
  EXPECT_EQ(chunk.errors[1].row, 3);
  EXPECT_FALSE(slices->next(chunk));
}

}  // namespace
}  // namespace defen

// Every case under tests/golden/diff/ names two rulesets (pair.txt: the old
// and the new path, relative to the source tree) and holds the exact output
// of `defen diff` for them: expected.txt (Chinese text), expected.en.txt
// (English text, when present) and expected.json. DEFEN_UPDATE_GOLDEN=1
// rewrites the expected files from the current output.
//
// The Zhanjiang case also pins the done-criterion of issue 5 in plain
// assertions: the 2022→2023 diff is exactly the five changes the 2023 file's
// header lists, the year and version, and the matching wording.
#include "compiler/tools/diff/diff.h"
#include "compiler/tools/diff/writers.h"
#include "test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

namespace defen::testing {
namespace {

struct Pair {
  Compilation before, after;
  diff::RulesetDiff result;
};

// Compiles both files by their full path (so a standard based on another
// finds it) and reports them by the relative path, so outputs do not depend
// on where the tree is checked out.
Pair diffPair(const std::string& oldPath, const std::string& newPath) {
  Pair p{compileFile((sourceDir() / oldPath).string()), compileFile((sourceDir() / newPath).string()), {}};
  EXPECT_TRUE(p.before.program && p.after.program) << oldPath << " / " << newPath << " do not check";
  if (!p.before.program || !p.after.program) return p;
  p.result = diff::diffPrograms(*p.before.program, *p.after.program);
  p.result.before.file = oldPath;
  p.result.after.file = newPath;
  return p;
}

class GoldenDiff : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenDiff, OutputsMatch) {
  auto dir = sourceDir() / "tests" / "golden" / "diff" / GetParam();
  std::istringstream pair(readText(dir / "pair.txt"));
  std::string oldPath, newPath;
  std::getline(pair, oldPath);
  std::getline(pair, newPath);
  Pair p = diffPair(oldPath, newPath);
  struct Output {
    const char* file;
    std::string text;
    bool always;  // written by DEFEN_UPDATE_GOLDEN even when absent
  };
  std::ostringstream zh, en, json;
  diff::writeDiffText(zh, p.result, Lang::Zh);
  diff::writeDiffText(en, p.result, Lang::En);
  diff::writeDiffJson(json, p.result);
  for (const Output& o : {Output{"expected.txt", zh.str(), true}, Output{"expected.en.txt", en.str(), false},
                          Output{"expected.json", json.str(), true}}) {
    auto path = dir / o.file;
    if (std::getenv("DEFEN_UPDATE_GOLDEN") && (o.always || std::filesystem::exists(path))) {
      std::ofstream(path, std::ios::binary) << o.text;
      continue;
    }
    if (!std::filesystem::exists(path)) continue;
    EXPECT_EQ(readText(path), o.text) << "golden file " << path;
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, GoldenDiff, ::testing::ValuesIn(goldenCases("diff")),
                         [](const auto& info) { return testName(info.param); });
// A golden suite whose folder went missing or empty would pass with nothing
// run; this fails instead (and gtest itself reports an uninstantiated suite).
TEST(GoldenDiffCaseList, IsNotEmpty) {
  EXPECT_FALSE(goldenCases("diff").empty()) << "no golden cases under tests/golden/diff/";
}

TEST(ZhanjiangDiff, ExactlyTheListedRevisionsYearVersionAndWording) {
  Pair p = diffPair("rulesets/zhanjiang-2022-dept.rules", "rulesets/zhanjiang-2023-dept.rules");
  std::ostringstream out;
  diff::writeDiffJson(out, p.result);
  auto doc = nlohmann::json::parse(out.str());
  // (kind, last path element or item, before, after) of every change, in order.
  std::vector<std::vector<std::string>> actual;
  for (const auto& c : doc["changes"]) {
    std::string where = c["path"].empty() ? c["item"].get<std::string>() : c["path"].back().get<std::string>();
    std::string before = c["category"] == "wording" ? "" : c["before"].get<std::string>();
    std::string after = c["category"] == "wording" ? "" : c["after"].get<std::string>();
    actual.push_back({c["kind"], where, before, after});
  }
  std::vector<std::vector<std::string>> expected = {
      {"header", "年度", "2022", "2023"},
      {"header", "版本", "\"2022.1\"", "\"2023.1\""},
      // 1. 每增加5%扣0.5分 → 每增加3%扣0.5分
      {"deduction-changed", "财政拨款收入预决算差异率", "差异率 每 5% 扣 0.5分，不足 进一", "差异率 每 3% 扣 0.5分，不足 进一"},
      {"note-changed", "财政拨款收入预决算差异率", "", ""},
      {"explain-changed", "财政拨款收入预决算差异率", "", ""},
      // 2. 支出完成率: every band below 100% moves up by 5 points
      {"band-changed", "支出完成率", "100% ＞ 结果 ≥ 90% → 3分", "100% ＞ 结果 ≥ 95% → 3分"},
      {"band-changed", "支出完成率", "90% ＞ 结果 ≥ 80% → 2分", "95% ＞ 结果 ≥ 85% → 2分"},
      {"band-changed", "支出完成率", "80% ＞ 结果 ≥ 70% → 1分", "85% ＞ 结果 ≥ 75% → 1分"},
      {"band-changed", "支出完成率", "结果 ＜ 70% → 0分", "结果 ＜ 75% → 0分"},
      {"note-changed", "支出完成率", "", ""},
      // 3. 结转结余率 3分 → 2分 (its bands scaled), 政府采购执行率 2分 → 3分
      {"weight-changed", "结转结余率", "3分", "2分"},
      {"band-changed", "结转结余率", "结果 ≤ 10% → 3分", "结果 ≤ 10% → 2分"},
      {"band-changed", "结转结余率", "10% ＜ 结果 ≤ 20% → 2分", "10% ＜ 结果 ≤ 20% → 1.5分"},
      {"note-changed", "结转结余率", "", ""},
      {"weight-changed", "政府采购执行率", "2分", "3分"},
      // 4. 固定资产利用率 90%～95%: 1分 → 2分
      {"band-changed", "固定资产利用率", "90% ≤ 结果 ＜ 95% → 1分", "90% ≤ 结果 ＜ 95% → 2分"},
      {"note-changed", "固定资产利用率", "", ""},
      // 5. 问责一次扣3分（原2分）
      {"bonus-line-changed", "工作表现加减分指标", "减分 问责次数 × 2分，最多 6分", "减分 问责次数 × 3分，最多 6分"},
  };
  EXPECT_EQ(actual, expected);
  EXPECT_EQ(doc["summary"]["header"], 2);
  EXPECT_EQ(doc["summary"]["rules"], 11);
  EXPECT_EQ(doc["summary"]["wording"], 5);

  const auto& deduction = doc["changes"][2];
  EXPECT_EQ(deduction["path"], nlohmann::json({"预算编制情况", "预算编制", "预算编制准确性", "财政拨款收入预决算差异率"}));
  EXPECT_EQ(deduction["category"], "rule");
  const auto& note = doc["changes"][3];
  ASSERT_EQ(note["excerpts"].size(), 1u);
  EXPECT_EQ(note["excerpts"][0]["before"], "…满分3分；每增加5%（含）扣减0.5…");
  EXPECT_EQ(note["excerpts"][0]["after"], "…满分3分；每增加3%（含）扣减0.5…");
}

}  // namespace
}  // namespace defen::testing

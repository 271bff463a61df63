// A rulesets directory as a registry (include/defen/registry.hpp): picking a
// standard by NAME@YEAR, and reloads where a good edit takes effect and a
// broken one is rejected while the old standard keeps serving.
#include "defen/defen.hpp"
#include "tests/unit/lib/lib_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <thread>

namespace {

namespace fs = std::filesystem;
using defen::libtest::readText;
using defen::libtest::src;
using defen::libtest::TempDir;
using defen::libtest::writeText;

defen::LoadOptions interpreter() {
  defen::LoadOptions o;
  o.engine = defen::EngineType::Interpreter;
  return o;
}

// A registry holding copies of the two Zhanjiang standards (2023 is based on 2022).
struct ZhanjiangRegistry {
  TempDir dir;
  fs::path y2022, y2023;
  explicit ZhanjiangRegistry(const std::string& name) : dir(name) {
    y2022 = dir.path() / "zhanjiang-2022-dept.rules";
    y2023 = dir.path() / "zhanjiang-2023-dept.rules";
    fs::copy_file(src("rulesets/zhanjiang-2022-dept.rules"), y2022);
    fs::copy_file(src("rulesets/zhanjiang-2023-dept.rules"), y2023);
  }
};

std::string totalOf(const defen::Ruleset& r) {
  return r.evaluateFile(src("examples/zhanjiang-2022/data.json")).scorecards.at(0).total.text;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(Registry, ListsEveryFileWithItsHeader) {
  ZhanjiangRegistry z("list");
  defen::Registry registry(z.dir.path().string(), interpreter());
  auto entries = registry.entries();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].stem, "zhanjiang-2022-dept");
  EXPECT_EQ(entries[0].name, "湛江市市级部门整体支出绩效评价");
  EXPECT_EQ(entries[0].region, "湛江市");
  EXPECT_EQ(entries[0].year, 2022);
  EXPECT_EQ(entries[0].version, "2022.1");
  EXPECT_TRUE(entries[0].clean);
  EXPECT_TRUE(entries[0].serving);
  EXPECT_EQ(entries[0].errors, 0);
  EXPECT_EQ(entries[1].year, 2023);  // inherited 名称, its own 年度
  EXPECT_EQ(entries[1].name, "湛江市市级部门整体支出绩效评价");
}

TEST(Registry, FindsAStandardByNameAndYear) {
  ZhanjiangRegistry z("find");
  defen::Registry registry(z.dir.path().string(), interpreter());
  for (std::string selector : {"zhanjiang-dept@2022", "zhanjiang-2022-dept@2022", "湛江市市级部门整体支出绩效评价@2022"}) {
    std::string error;
    auto r = registry.find(selector, &error);
    ASSERT_TRUE(r) << selector << ": " << error;
    EXPECT_EQ(r->year(), 2022);
    EXPECT_EQ(totalOf(*r), "86.5");
  }
  auto y2023 = registry.find("zhanjiang-dept@2023");
  ASSERT_TRUE(y2023);
  EXPECT_EQ(totalOf(*y2023), "85");

  std::string error;
  EXPECT_FALSE(registry.find("zhanjiang-dept@2021", &error));
  EXPECT_NE(error.find("没有 zhanjiang-dept@2021"), std::string::npos) << error;
  EXPECT_NE(error.find("zhanjiang-dept@2022"), std::string::npos) << error;  // what there is
  EXPECT_FALSE(registry.find("zhanjiang-dept", &error));
  EXPECT_NE(error.find("名称@年度"), std::string::npos) << error;
}

TEST(Registry, TwoFilesForOneNameAndYearAreAnAmbiguityNotAGuess) {
  ZhanjiangRegistry z("ambiguous");
  fs::copy_file(z.y2022, z.dir.path() / "zhanjiang-dept-2022-copy.rules");
  defen::Registry registry(z.dir.path().string(), interpreter());
  std::string error;
  EXPECT_FALSE(registry.find("湛江市市级部门整体支出绩效评价@2022", &error));
  EXPECT_NE(error.find("对应多个文件"), std::string::npos) << error;
  EXPECT_NE(error.find("zhanjiang-dept-2022-copy.rules"), std::string::npos) << error;
  // The file stem still picks one.
  EXPECT_TRUE(registry.find("zhanjiang-2022-dept@2022"));
}

TEST(Registry, AGoodUpdateTakesEffectOnReload) {
  ZhanjiangRegistry z("good-update");
  defen::Registry registry(z.dir.path().string(), interpreter());
  auto before = registry.find("zhanjiang-dept@2022");
  ASSERT_TRUE(before);
  EXPECT_TRUE(registry.reload().updated.empty());  // nothing changed yet

  // 2022.2: the 差异率 rule deducts per 3% (3.02% is now two steps, not one).
  std::string text = replaced(readText(z.y2022.string()), "版本 \"2022.1\"", "版本 \"2022.2\"");
  writeText(z.y2022, replaced(text, "差异率 每 5% 扣 0.5分", "差异率 每 3% 扣 0.5分"));
  defen::ReloadReport report = registry.reload();
  ASSERT_FALSE(report.updated.empty());
  EXPECT_EQ(report.updated[0], z.y2022.string());
  EXPECT_TRUE(report.rejected.empty());
  auto after = registry.find("zhanjiang-dept@2022");
  ASSERT_TRUE(after);
  EXPECT_EQ(after->version(), "2022.2");
  EXPECT_EQ(totalOf(*after), "86");
  // A ruleset handed out before the reload is unchanged.
  EXPECT_EQ(before->version(), "2022.1");
  EXPECT_EQ(totalOf(*before), "86.5");
}

TEST(Registry, ABrokenUpdateIsRejectedAndTheOldStandardKeepsServing) {
  ZhanjiangRegistry z("broken-update");
  defen::Registry registry(z.dir.path().string(), interpreter());
  const std::string good = readText(z.y2022.string());
  writeText(z.y2022, replaced(good, "总分 100分", "总分 90分"));  // weights no longer add up
  defen::ReloadReport report = registry.reload();
  EXPECT_TRUE(report.updated.empty());
  ASSERT_EQ(report.rejected.size(), 2u);  // 2022 itself, and 2023 which is based on it
  const auto& rejected = report.rejected[0];
  EXPECT_EQ(rejected.file, z.y2022.string());
  EXPECT_TRUE(rejected.stillServing);
  ASSERT_FALSE(rejected.messages.empty());
  EXPECT_TRUE(std::any_of(rejected.messages.begin(), rejected.messages.end(), [](const defen::Message& m) { return m.error; }));

  auto serving = registry.find("zhanjiang-dept@2022");
  ASSERT_TRUE(serving);
  EXPECT_EQ(totalOf(*serving), "86.5");
  auto entries = registry.entries();
  EXPECT_FALSE(entries[0].clean);
  EXPECT_TRUE(entries[0].serving);
  EXPECT_GT(entries[0].errors, 0);

  // Reloading the same broken text again reports nothing new.
  EXPECT_TRUE(registry.reload().rejected.empty());

  // Fixed back: clean again, nothing to swap (the text is what is served).
  writeText(z.y2022, good);
  defen::ReloadReport fixed = registry.reload();
  EXPECT_TRUE(fixed.rejected.empty());
  EXPECT_TRUE(registry.entries()[0].clean);
  EXPECT_EQ(totalOf(*registry.find("zhanjiang-dept@2022")), "86.5");
}

TEST(Registry, NewAndRemovedFilesAndAFileThatNeverChecked) {
  ZhanjiangRegistry z("add-remove");
  defen::Registry registry(z.dir.path().string(), interpreter());
  writeText(z.dir.path() / "county-2024.rules", "名称 \"某县\"\n年度 2024\n指标 一 100分 { 得分 = 乙 }\n");
  fs::remove(z.y2023);
  defen::ReloadReport report = registry.reload();
  EXPECT_EQ(report.removed, std::vector<std::string>{z.y2023.string()});
  ASSERT_EQ(report.rejected.size(), 1u);
  EXPECT_FALSE(report.rejected[0].stillServing);
  auto entries = registry.entries();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].name, "某县");  // listed under its header even with errors
  EXPECT_EQ(entries[0].year, 2024);
  EXPECT_FALSE(entries[0].serving);
  std::string error;
  EXPECT_FALSE(registry.find("county@2024", &error));
  EXPECT_NE(error.find("有错误"), std::string::npos) << error;
  EXPECT_FALSE(registry.find("zhanjiang-dept@2023", &error));

  writeText(z.dir.path() / "county-2024.rules", "名称 \"某县\"\n年度 2024\n输入 { 乙：数值 }\n指标 一 100分 { 得分 = 乙 × 1分 }\n");
  defen::ReloadReport fixed = registry.reload();
  EXPECT_EQ(fixed.updated.size(), 1u);
  auto county = registry.find("某县@2024");
  ASSERT_TRUE(county);
  EXPECT_EQ(county->evaluate(defen::Inputs().number("乙", "42.5")).total, "42.5");
}

TEST(Registry, LookupsRunWhileAnotherThreadReloads) {
  ZhanjiangRegistry z("threads");
  defen::Registry registry(z.dir.path().string(), interpreter());
  const std::string good = readText(z.y2022.string());
  std::atomic<bool> done{false};
  std::atomic<int> wrong{0};
  std::thread reader([&] {
    while (!done) {
      auto r = registry.find("zhanjiang-dept@2022");
      if (!r || totalOf(*r) != "86.5") ++wrong;
    }
  });
  for (int i = 0; i < 10; ++i) {
    writeText(z.y2022, i % 2 ? good : replaced(good, "总分 100分", "总分 90分"));
    registry.reload();
  }
  done = true;
  reader.join();
  EXPECT_EQ(wrong.load(), 0);
}

}  // namespace

// `defen rulesets [DIR]` and `defen eval --ruleset NAME@YEAR`: a rulesets
// directory used as a registry of published standards.
#include "tests/cli/cli_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

namespace {

using namespace defen::clitest;
namespace fs = std::filesystem;

TEST(Rulesets, ListsTheShippedStandardsAndThatTheyCheckClean) {
  CliRun r = runStdout("rulesets " + src("rulesets"));
  ASSERT_EQ(r.exit, 0) << r.out;
  // Other standards may join rulesets/: look for these two, not for a count.
  EXPECT_NE(r.out.find("套评分标准"), std::string::npos) << r.out;
  // Columns widen with the widest entry, so compare each row's words.
  auto words = [&](const std::string& selector) {
    size_t at = r.out.find(selector + " ");
    if (at == std::string::npos) return std::vector<std::string>{};
    std::istringstream line(r.out.substr(at, r.out.find('\n', at) - at));
    std::vector<std::string> out;
    for (std::string w; line >> w;) out.push_back(w);
    return out;
  };
  std::vector<std::string> y2022 = words("zhanjiang-dept@2022");
  ASSERT_EQ(y2022.size(), 7u) << r.out;
  EXPECT_EQ(y2022[1], "湛江市市级部门整体支出绩效评价");
  EXPECT_EQ(y2022[2], "湛江市");
  EXPECT_EQ(y2022[3], "2022");
  EXPECT_EQ(y2022[4], "2022.1");
  EXPECT_TRUE(y2022[5].ends_with("zhanjiang-2022-dept.rules")) << y2022[5];
  EXPECT_EQ(y2022[6], "通过");
  std::vector<std::string> row2023 = words("zhanjiang-dept@2023");
  ASSERT_EQ(row2023.size(), 7u) << r.out;
  EXPECT_TRUE(row2023[5].ends_with("zhanjiang-2023-dept.rules")) << row2023[5];
  EXPECT_EQ(row2023[6], "通过");

  CliRun j = runStdout("rulesets --format json " + src("rulesets"));
  ASSERT_EQ(j.exit, 0) << j.out;
  nlohmann::json y2023;
  for (const auto& entry : nlohmann::json::parse(j.out))
    if (entry["selector"] == "zhanjiang-dept@2023") y2023 = entry;
  ASSERT_TRUE(y2023.is_object()) << j.out;
  EXPECT_EQ(y2023["year"], 2023);
  EXPECT_EQ(y2023["version"], "2023.1");
  EXPECT_EQ(y2023["name"], "湛江市市级部门整体支出绩效评价");
  EXPECT_EQ(y2023["clean"], true);
  EXPECT_EQ(y2023["errors"], 0);
}

TEST(Rulesets, AFileWithErrorsIsListedWithItsErrorCountAndFailsTheRun) {
  fs::path dir = fs::temp_directory_path() / ("defen_cli_registry_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "county-2024.rules") << "名称 \"某县\"\n年度 2024\n指标 一 100分 { 得分 = 乙 }\n";
  CliRun r = runStdout("rulesets " + dir.string());
  EXPECT_EQ(r.exit, 1) << r.out;
  EXPECT_NE(r.out.find("county@2024  某县"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1个错误"), std::string::npos) << r.out;
  CliRun missing = run("rulesets " + (dir / "nope").string());
  EXPECT_EQ(missing.exit, 1);
  EXPECT_NE(missing.out.find("不是目录"), std::string::npos) << missing.out;
  fs::remove_all(dir);
}

TEST(EvalRuleset, PicksTheStandardByNameAndYear) {
  std::string data = src("examples/zhanjiang-2022/data.json");
  CliRun r = runStdout("eval --engine interp --format json --rulesets " + src("rulesets") + " --ruleset zhanjiang-dept@2022 " + data);
  ASSERT_EQ(r.exit, 0) << r.out;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["ruleset"]["year"], 2022);
  EXPECT_EQ(j["results"][0]["total"].dump(), "86.5");

  CliRun y2023 = runStdout("eval --engine interp --format json --rulesets " + src("rulesets") +
                           " --ruleset 湛江市市级部门整体支出绩效评价@2023 " + data);
  ASSERT_EQ(y2023.exit, 0) << y2023.out;
  EXPECT_EQ(nlohmann::json::parse(y2023.out)["results"][0]["total"].dump(), "85");
}

TEST(EvalRuleset, UnknownSelectorsAndMisuseAreClearErrors) {
  std::string data = src("examples/zhanjiang-2022/data.json");
  CliRun absent = run("eval --rulesets " + src("rulesets") + " --ruleset zhanjiang-dept@2030 " + data);
  EXPECT_EQ(absent.exit, 1);
  EXPECT_NE(absent.out.find("没有 zhanjiang-dept@2030 的评分标准"), std::string::npos) << absent.out;
  EXPECT_NE(absent.out.find("zhanjiang-dept@2022"), std::string::npos) << absent.out;

  CliRun malformed = run("eval --rulesets " + src("rulesets") + " --ruleset zhanjiang " + data);
  EXPECT_EQ(malformed.exit, 1);
  EXPECT_NE(malformed.out.find("名称@年度"), std::string::npos) << malformed.out;

  CliRun both = run("eval --ruleset zhanjiang-dept@2022 " + src("rulesets/zhanjiang-2022-dept.rules") + " " + data);
  EXPECT_EQ(both.exit, 2);
  EXPECT_NE(both.out.find("只写数据文件"), std::string::npos) << both.out;

  CliRun neither = run("eval " + data);
  EXPECT_EQ(neither.exit, 2);
  EXPECT_NE(neither.out.find("--ruleset"), std::string::npos) << neither.out;
}

}  // namespace

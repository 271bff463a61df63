// 基于: a ruleset that states only its changes from another. The golden cases
// (tests/golden/check/inherit-*, tests/golden/eval/inherit-chain) cover the
// checker's findings and scores; these tests pin the splice itself.
#include "compiler/tools/inherit/flat_text.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <fmt/format.h>
#include <unistd.h>

namespace defen::testing {
namespace {

namespace fs = std::filesystem;

// A directory of ruleset files for one test.
class Files {
 public:
  Files() : dir_(fs::temp_directory_path() / ("defen-inherit-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++))) {
    fs::create_directories(dir_);
  }
  ~Files() { fs::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream((dir_ / name), std::ios::binary) << text;
    return (dir_ / name).string();
  }

 private:
  static inline int counter_ = 0;
  fs::path dir_;
};

constexpr const char* kBase = R"(名称 "底稿"
年度 2022
总分 10分
等级 { 合格 [6分, 10分]；不合格 [0分, 6分) }
输入 {
  完成：是否
  数量A：数量
}
令 系数 = 1
指标 甲 6分 {
  得分 = 若 完成 则 满分 否则 0分
}
# 乙的说明：这一行注释随乙一起删除。
指标 乙 4分 {
  得分 = 分值 × 最小(1, 数量A ÷ 10) × 系数
}
)";

std::string codes(const Compilation& c) {
  std::string out;
  for (const auto& d : c.diags.all()) out += fmt::format("{}@{}:{} ", d.code, d.range.line, d.range.col);
  return out;
}

std::string rendered(const Compilation& c) {
  std::string out;
  for (const auto& d : c.diags.all()) out += renderDiagnostic(d, *c.source, Lang::Zh);
  return out;
}

TEST(FlatText, OriginsSurviveCopyingFromAnotherFlatText) {
  inherit::FlatText base;
  base.appendOriginal(1, "abcdef", 0, 6);
  inherit::FlatText derived;
  derived.appendFrom(base, 0, 2);                   // "ab" from file 1 @0
  derived.appendSynthetic("\n", {0, 7});            // traced to file 0 @7
  derived.appendOriginal(0, "0123456789", 3, 5);    // "34" from file 0 @3
  derived.appendFrom(base, 4, 6);                   // "ef" from file 1 @4
  EXPECT_EQ(derived.text(), "ab\n34ef");
  auto at = [&](size_t i) { auto o = derived.origin(i); return std::pair(o.file, o.offset); };
  EXPECT_EQ(at(1), std::pair(1, size_t{1}));
  EXPECT_EQ(at(2), std::pair(0, size_t{7}));
  EXPECT_EQ(at(4), std::pair(0, size_t{4}));
  EXPECT_EQ(at(6), std::pair(1, size_t{5}));
}

TEST(Inherit, RemovingAnIndicatorTakesItsCommentLinesAndRebalancingChecksClean) {
  Files files;
  files.write("base.rules", kBase);
  std::string path = files.write("next.rules", "基于 base\n删除 指标 乙\n修改 指标 甲 10分\n");
  Compilation c = compileFile(path);
  ASSERT_TRUE(c.program) << rendered(c);
  const std::string& flat = c.effective->text();
  EXPECT_EQ(flat.find("乙"), std::string::npos) << flat;
  EXPECT_NE(flat.find("指标 甲 10分"), std::string::npos) << flat;
  // The input and the 令 only 乙 read are now unused: reported at the 基于
  // line, naming the base's line.
  ASSERT_EQ(codes(c), "W270@1:4 W271@1:4 ");
  EXPECT_NE(rendered(c).find("base.rules:7:3"), std::string::npos) << rendered(c);
}

TEST(Inherit, AnIndicatorMovesToAnotherLevelByRemovingAndWritingItAgain) {
  Files files;
  files.write("base.rules", R"(名称 "底稿"
年度 2022
总分 10分
输入 { 完成：是否 }
指标 过程 6分 {
  指标 执行 4分 { 得分 = 若 完成 则 满分 否则 0分 }
  指标 管理 2分 { 得分 = 若 完成 则 满分 否则 0分 }
}
指标 产出 4分 { 得分 = 若 完成 则 满分 否则 0分 }
)");
  // 过程 goes, and with it 管理; naming 管理 as well is no conflict. 执行 comes back at the top.
  std::string path = files.write("next.rules", R"(基于 base
删除 指标 过程、管理
指标 执行 6分 { 得分 = 若 完成 则 满分 否则 0分 }
)");
  Compilation c = compileFile(path);
  ASSERT_TRUE(c.program) << rendered(c);
  ASSERT_EQ(c.program->roots.size(), 2u);
  EXPECT_EQ(c.program->nodes[c.program->roots[0]].name, "产出");
  EXPECT_EQ(c.program->nodes[c.program->roots[1]].name, "执行");
  EXPECT_EQ(c.program->findNode("管理"), -1);
}

TEST(Inherit, HeaderItemsReplaceOrJoinTheBase) {
  Files files;
  files.write("base.rules", kBase);
  std::string path = files.write("next.rules", "基于 base\n年度 2023\n版本 \"2023.1\"\n等级 { 合格 [5分, 10分]；不合格 [0分, 5分) }\n");
  Compilation c = compileFile(path);
  ASSERT_TRUE(c.program) << rendered(c);
  EXPECT_EQ(c.program->year, 2023);
  EXPECT_EQ(c.program->version, "2023.1");
  ASSERT_EQ(c.program->grades.size(), 2u);
  EXPECT_TRUE(c.program->grades[0].range.contains(Decimal::fromInt(5)));
  EXPECT_FALSE(c.program->grades[1].range.contains(Decimal::fromInt(5)));
}

TEST(Inherit, LetsAndInputsAreReplacedByNameAndNewOnesAdded) {
  Files files;
  files.write("base.rules", kBase);
  std::string path = files.write("next.rules", R"(based_on base
inputs { 数量A：数量，范围 [0, 100]；数量B：数量 }
let 系数 = 0.5
modify indicator 乙 { 得分 = 分值 × 最小(1, (数量A + 数量B) ÷ 10) × 系数 }
)");
  Compilation c = compileFile(path);
  ASSERT_TRUE(c.program) << rendered(c);
  const std::string& flat = c.effective->text();
  EXPECT_NE(flat.find("数量A：数量，范围 [0, 100]"), std::string::npos) << flat;
  EXPECT_NE(flat.find("数量B：数量"), std::string::npos) << flat;
  EXPECT_NE(flat.find("let 系数 = 0.5"), std::string::npos) << flat;
  EXPECT_EQ(flat.find("令 系数 = 1"), std::string::npos) << flat;
}

TEST(Inherit, RemovingAnInputStillUsedIsReportedWhereItIsUsed) {
  Files files;
  files.write("base.rules", kBase);
  std::string path = files.write("next.rules", "基于 base\n删除 输入 数量A\n");
  Compilation c = compileFile(path);
  EXPECT_FALSE(c.program);
  // 乙 reads 数量A in text no change touched: the base's formula now names
  // nothing, reported at 基于 with the base's line.
  EXPECT_EQ(codes(c), "E201@1:4 ");
  EXPECT_NE(rendered(c).find("base.rules:15:"), std::string::npos) << rendered(c);
}

TEST(Inherit, CyclesAndMissingBasesAreErrorsAtTheBaseName) {
  Files files;
  std::string self = files.write("self.rules", "基于 self\n");
  EXPECT_EQ(codes(compileFile(self)), "E302@1:4 ");
  std::string missing = files.write("lonely.rules", "# 没有底稿\n基于 nowhere-2022\n");
  Compilation c = compileFile(missing);
  EXPECT_EQ(codes(c), "E301@2:4 ");
  EXPECT_NE(c.diags.all()[0].zh.find("nowhere-2022.rules"), std::string::npos);
}

TEST(Inherit, ABaseNameWithSpacesIsASyntaxError) {
  Files files;
  files.write("base.rules", kBase);
  Compilation c = compileFile(files.write("next.rules", "基于 zhanjiang -2022\n"));
  EXPECT_EQ(codes(c), "E002@1:14 ");  // at the "-" after the space
}

TEST(Inherit, ABaseWithSyntaxErrorsIsOneErrorListingThem) {
  Files files;
  files.write("base.rules", "名称 \"坏\"\n指标 甲 {\n");
  Compilation c = compileFile(files.write("next.rules", "基于 base\n"));
  ASSERT_EQ(codes(c), "E308@1:4 ");
  ASSERT_FALSE(c.diags.all()[0].notes.empty());
  EXPECT_NE(c.diags.all()[0].notes[0].zh.find("base.rules:2:"), std::string::npos) << rendered(c);
}

TEST(Inherit, ZhanjiangTwentyTwentyThreeIsTheTwentyTwentyTwoStandardWithItsFiveChanges) {
  Compilation old = compileFile((sourceDir() / "rulesets" / "zhanjiang-2022-dept.rules").string());
  Compilation next = compileFile((sourceDir() / "rulesets" / "zhanjiang-2023-dept.rules").string());
  ASSERT_TRUE(old.program && next.program) << rendered(next);
  EXPECT_NE(next.effective->text(), next.source->text());
  EXPECT_EQ(next.program->year, 2023);
  ASSERT_EQ(old.program->nodes.size(), next.program->nodes.size());
  std::vector<std::string> changedWeights;
  for (size_t i = 0; i < old.program->nodes.size(); ++i) {
    EXPECT_EQ(old.program->nodes[i].name, next.program->nodes[i].name);
    if (old.program->nodes[i].weight != next.program->nodes[i].weight) changedWeights.push_back(next.program->nodes[i].name);
  }
  EXPECT_EQ(changedWeights, (std::vector<std::string>{"结转结余率", "政府采购执行率"}));
}

TEST(Inherit, RangesOfTheEffectiveRulesetAreLocatedInTheFileThatWroteThem) {
  Compilation c = compileFile((sourceDir() / "rulesets" / "zhanjiang-2023-dept.rules").string());
  ASSERT_TRUE(c.program) << rendered(c);
  const ir::Program& p = *c.program;
  SourceFile base((sourceDir() / "rulesets" / "zhanjiang-2022-dept.rules").string(),
                  readText(sourceDir() / "rulesets" / "zhanjiang-2022-dept.rules"));
  auto lineOf = [](const SourceFile& file, const std::string& text) {
    size_t at = file.text().find(text);
    return at == std::string::npos ? -1 : file.rangeOf(at, at).line;
  };
  // 支出完成率's band table was rewritten by the 2023 file; its 不考核 clause is the base's.
  const ir::Node& rate = p.nodes[p.findNode("支出完成率")];
  ASSERT_TRUE(rate.formula);
  SourceLocation bands = p.locate(rate.formula->range);
  EXPECT_EQ(bands.path, c.source->path());
  EXPECT_EQ(bands.range.line, lineOf(*c.source, "分段 支出完成率"));
  EXPECT_EQ(p.ruleLine(rate.formula->range), fmt::format("规则第{}行", lineOf(*c.source, "分段 支出完成率")));
  SourceLocation na = p.locate(rate.na.front().range);
  EXPECT_EQ(na.path, base.path());
  EXPECT_EQ(na.range.line, lineOf(base, "不考核 当 财政下达预算数 = 0"));
  // An indicator the 2023 file never touched is the base's, line for line.
  const ir::Node& untouched = p.nodes[p.findNode("项目库储备")];
  EXPECT_EQ(p.ruleLine(untouched.range), fmt::format("规则 zhanjiang-2022-dept.rules 第{}行", lineOf(base, "指标 项目库储备")));
}

}  // namespace
}  // namespace defen::testing

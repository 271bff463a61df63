// The XLSX report's formulas (compiler/report/xlsx_formulas.h) for the scorer's rules:
// a plain sum, 折算 when a child is dropped, a 核定 parent kept as a number with
// a note, the 加减分 caps, and the grade bands with their open and closed ends.
#include "compiler/report/xlsx_formulas.h"

#include <gtest/gtest.h>

namespace defen::xlsx {
namespace {

Decimal dec(const char* s) { return *Decimal::parse(s); }

// 甲 20分 { 甲1 10分, 甲2 5分, 甲3 5分 }, 乙 30分 { 乙1 30分 }, 丙 50分 (a leaf).
ReportSchema schema() {
  ReportSchema s;
  s.places = 2;
  s.total = dec("100");
  s.nodes = {{{"甲"}, dec("20"), false, ""},       {{"甲", "甲1"}, dec("10"), true, ""}, {{"甲", "甲2"}, dec("5"), true, ""},
             {{"甲", "甲3"}, dec("5"), true, ""}, {{"乙"}, dec("30"), false, ""},       {{"乙", "乙1"}, dec("30"), true, ""},
             {{"丙"}, dec("50"), true, ""}};
  s.grades = {{"优", dec("90"), dec("100"), true, true, true, true},
              {"良", dec("80"), dec("90"), true, false, true, true},
              {"差", Decimal(), dec("80"), false, false, false, true}};
  s.bonusName = "加减分";
  return s;
}

RecordResult result() {
  RecordResult r;
  r.ok = true;
  r.nodes.resize(7);
  const char* scores[] = {"18", "9", "4.5", "4.5", "30", "30", "40"};
  for (size_t i = 0; i < 7; ++i) r.nodes[i].score = dec(scores[i]);
  return r;
}

// Every node in its own cell of row 1, column by index: A1 … G1.
ScoreCells ownCells() {
  ScoreCells c;
  c.cell = [](int node) { return cellName(0, node); };
  return c;
}

TEST(XlsxFormulas, TreeFromPaths) {
  const ScoreTree t = scoreTree(schema());
  EXPECT_EQ(t.roots, (std::vector<int>{0, 4, 6}));
  EXPECT_EQ(t.children[0], (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(t.parent[5], 4);
  EXPECT_EQ(cellName(2, 27), "AB3");
}

TEST(XlsxFormulas, PlainSumAndRange) {
  const ReportSchema s = schema();
  const RecordResult r = result();
  const ScoreTree t = scoreTree(s);
  EXPECT_EQ(nodeFormula(s, t, r, ownCells(), 0).text, "SUM(B1,C1,D1)");
  // A department sheet: leaves in column H from row 3, parents without a cell of their own.
  ScoreCells sheet;
  sheet.cell = [&](int node) { return s.nodes[static_cast<size_t>(node)].leaf ? cellName(node + 2, 7) : std::string(); };
  sheet.range = [](int node) { return node == 0 ? std::string("H3:H5") : std::string(); };
  EXPECT_EQ(nodeFormula(s, t, r, sheet, 0).text, "SUM(H3:H5)");
  EXPECT_EQ(totalFormula(s, t, r, sheet, "H10").text, "ROUND(MAX(0,MIN(100,SUM(SUM(H3:H5),SUM(H8),H9)+H10)),2)");
}

TEST(XlsxFormulas, DroppedChildRescales) {
  const ReportSchema s = schema();
  RecordResult r = result();
  r.nodes[3].counted = false;  // 甲3 不考核 → 折算: 甲 = 20 × (9 + 4.5) ÷ 15 = 18
  r.nodes[3].status = NodeStatus::NotApplicable;
  const ScoreTree t = scoreTree(s);
  const Formula f = nodeFormula(s, t, r, ownCells(), 0);
  EXPECT_EQ(f.text, "ROUND(20*SUM(B1,C1)/15,2)");
  EXPECT_FALSE(f.literal);
  // A dropped 一级 indicator rescales the total, unrounded before the 加减分.
  r.nodes[4].counted = false;
  r.nodes[5].counted = false;
  EXPECT_EQ(totalFormula(s, t, r, ownCells(), "H1").text, "ROUND(MAX(0,MIN(100,100*SUM(A1,G1)/70+H1)),2)");
}

// 转入: 甲3 不考核, its 5分 split over 甲1 and 甲2 at their score rates
// (9/10 and 4.5/5: 5 × (0.9 + 0.9) ÷ 2 = 4.5); the leaf's own cell is this formula.
TEST(XlsxFormulas, MovedWeightFollowsItsTargets) {
  ReportSchema s = schema();
  s.nodes[3].moveTargets = {{1, 2}};
  RecordResult r = result();
  r.nodes[3].status = NodeStatus::NotApplicable;
  r.nodes[3].naRule = 0;
  const ScoreTree t = scoreTree(s);
  EXPECT_EQ(movedFormula(s, t, r, ownCells(), 3).text, "ROUND(5*SUM(B1/10,C1/5)/2,2)");
  EXPECT_EQ(nodeFormula(s, t, r, ownCells(), 0).text, "SUM(B1,C1,D1)");  // the parent sums the leaf's cell
  // A target without a cell of its own (a parent on a department sheet) is expanded.
  s.nodes[3].moveTargets = {{4}};
  ScoreCells sheet;
  sheet.cell = [&](int node) { return s.nodes[static_cast<size_t>(node)].leaf ? cellName(node + 2, 7) : std::string(); };
  EXPECT_EQ(movedFormula(s, t, r, sheet, 3).text, "ROUND(5*SUM(SUM(H8)/30)/1,2)");
  // A clause that does not move (满分 or 折算) gives no formula.
  s.nodes[3].moveTargets = {{}};
  EXPECT_EQ(movedFormula(s, t, r, ownCells(), 3).text, "");
}

TEST(XlsxFormulas, OverriddenParentIsANumberWithANote) {
  const ReportSchema s = schema();
  RecordResult r = result();
  r.nodes[0].status = NodeStatus::Overridden;
  r.nodes[0].score = dec("16.5");
  const ScoreTree t = scoreTree(s);
  const Formula f = nodeFormula(s, t, r, ownCells(), 0);
  EXPECT_TRUE(f.literal);
  EXPECT_EQ(f.text, "16.5");
  EXPECT_EQ(f.note, "“甲”为核定分16.50分，不随下级指标的得分变化。");
  // Expanded into the total on a sheet where parents have no cell, the note follows.
  ScoreCells sheet;
  sheet.cell = [&](int node) { return s.nodes[static_cast<size_t>(node)].leaf ? cellName(node + 2, 7) : std::string(); };
  const Formula total = totalFormula(s, t, r, sheet, "");
  EXPECT_EQ(total.text, "ROUND(MAX(0,MIN(100,SUM(16.5,SUM(H8),H9))),2)");
  EXPECT_EQ(total.note, f.note);
}

TEST(XlsxFormulas, BonusAndPenaltyCaps) {
  const ReportSchema s = schema();
  const ScoreTree t = scoreTree(s);
  RecordResult r = result();
  r.bonus = dec("2");  // only a bonus: the net cell, capped at 总分 with it
  EXPECT_EQ(totalFormula(s, t, r, ownCells(), "H1").text, "ROUND(MAX(0,MIN(100,SUM(A1,E1,G1)+H1)),2)");
  r.bonus = Decimal();
  r.penalty = dec("3");  // only a penalty: after the cap
  EXPECT_EQ(totalFormula(s, t, r, ownCells(), "H1").text, "ROUND(MAX(0,MIN(100,SUM(A1,E1,G1))+H1),2)");
  r.bonus = dec("2");  // both: the two amounts, bonus capped first
  const Formula both = totalFormula(s, t, r, ownCells(), "H1");
  EXPECT_EQ(both.text, "ROUND(MAX(0,MIN(100,SUM(A1,E1,G1)+2)-3),2)");
  EXPECT_EQ(both.note, "加分2.00分、减分3.00分分别写在公式中（加分后不超过100.00分，再减分），不随加减分单元格变化。");
}

TEST(XlsxFormulas, GradeBandsKeepTheirEnds) {
  EXPECT_EQ(gradeFormula(schema(), "C4"),
            "IF(AND(C4>=90,C4<=100),\"优\",IF(AND(C4>=80,C4<90),\"良\",IF(C4<80,\"差\",\"\")))");
  EXPECT_EQ(gradeFormula(schema(), "H9", "等级：").rfind("IF(AND(H9>=90,H9<=100),\"等级：优\",IF(", 0), 0u);
  EXPECT_EQ(quoted("say \"hi\""), "\"say \"\"hi\"\"\"");
}

}  // namespace
}  // namespace defen::xlsx

// The long CSV form of 项目支出绩效自评表 (one line per indicator row) grouped
// into one record per project, in the shape the JSON and XLSX forms give.
#include "compiler/io/long_form.h"
#include "compiler/report/project_form_template.h"
#include "compiler/io/readers.h"

#include <gtest/gtest.h>

#include <string>

namespace defen {
namespace {

using Kind = Cell::Kind;

std::string text(const Table& t, size_t record, const std::string& name) {
  const auto i = t.columnIndex(name);
  EXPECT_TRUE(i.has_value()) << "no column " << name;
  if (!i || record >= t.records.size()) return "<无此行>";
  const Cell& c = t.records[record].cells[*i];
  return c.kind == Kind::Missing ? "<缺>" : c.text;
}

const Table& list(const Table& t, size_t record, const std::string& name) {
  static const Table empty;
  const auto i = t.columnIndex(name);
  if (!i || record >= t.records.size() || t.records[record].cells[*i].kind != Kind::Rows) {
    ADD_FAILURE() << name << " of record " << record << " is not a list";
    return empty;
  }
  return *t.records[record].cells[*i].rows;
}

// Two projects in the shapes the issue gives: 委托业务项目 (产出 8+8), and the
// 60/30 wage project without 满意度 whose 年度资金总额 is 0/0/0 beside
// 本年财政拨款 90/89.974/89.974. 一级指标 is written once per block, the
// project's fields on its first line only for the second project.
const char* const kTwoProjects =
    "项目名称,主管部门,年度资金总额.全年预算数,年度资金总额.全年执行数,本年财政拨款.全年预算数,本年财政拨款.全年执行数,"
    "一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,偏差原因分析及改进措施,总分\n"
    "委托业务项目,市住建局,89.974,89.974,89.974,89.974,产出指标,数量指标,基建工程委托业务项目数量,≥50个,50,8,,,\n"
    "委托业务项目,市住建局,89.974,89.974,89.974,89.974,,质量指标,经费支出合规性,严格执行相关制度规定,达成预期指标,8,8,,\n"
    "在职人员工资项目,市档案馆,0,0,89.974,89.974,产出指标,数量指标,保障人数,≥120人,120,30,30,,88\n"
    ",,,,,,,时效指标,工资按时发放率,＝100%,100%,30,30,,\n"
    ",,,,,,效益指标,社会效益指标,职工队伍稳定,稳定,达成预期指标,30,28,,\n";

TEST(LongForm, ConsecutiveLinesOfAProjectAreOneRecord) {
  const Table lines = readCsv(kTwoProjects);
  ASSERT_TRUE(isLongForm(lines, nationalLongForm()));
  const Table t = groupLongForm(lines);
  ASSERT_TRUE(t.errors.empty()) << t.errors[0].message;
  EXPECT_EQ(t.columns, (std::vector<std::string>{"项目名称", "主管部门", "总分", "项目资金", "绩效指标"}));
  ASSERT_EQ(t.records.size(), 2u);
  EXPECT_EQ(t.records[0].row, 1);
  EXPECT_EQ(t.records[0].line, 2);
  EXPECT_EQ(t.records[1].row, 2);
  EXPECT_EQ(t.records[1].line, 4);
  EXPECT_EQ(text(t, 0, "项目名称"), "委托业务项目");
  EXPECT_EQ(text(t, 0, "总分"), "<缺>");
  EXPECT_EQ(text(t, 1, "主管部门"), "市档案馆");  // written on the first line only
  EXPECT_EQ(text(t, 1, "总分"), "88");

  const Table& rows = list(t, 0, "绩效指标");
  EXPECT_EQ(rows.columns, (std::vector<std::string>{"一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                                                    "偏差原因分析及改进措施"}));
  ASSERT_EQ(rows.records.size(), 2u);
  EXPECT_EQ(rows.records[1].row, 2);
  EXPECT_EQ(rows.records[1].line, 3);
  EXPECT_EQ(text(rows, 1, "一级指标"), "产出指标");  // carried down
  EXPECT_EQ(text(rows, 0, "得分"), "<缺>");
  EXPECT_EQ(text(rows, 1, "得分"), "8");

  const Table& wage = list(t, 1, "绩效指标");
  ASSERT_EQ(wage.records.size(), 3u);
  EXPECT_EQ(text(wage, 1, "一级指标"), "产出指标");
  EXPECT_EQ(text(wage, 1, "二级指标"), "时效指标");
  EXPECT_EQ(text(wage, 2, "一级指标"), "效益指标");
  EXPECT_EQ(wage.records[2].line, 6);

  const Table& funds = list(t, 1, "项目资金");
  EXPECT_EQ(funds.columns, (std::vector<std::string>{"资金来源", "全年预算数", "全年执行数"}));
  ASSERT_EQ(funds.records.size(), 2u);
  EXPECT_EQ(text(funds, 0, "资金来源"), "年度资金总额");
  EXPECT_EQ(text(funds, 0, "全年预算数"), "0");
  EXPECT_EQ(text(funds, 1, "资金来源"), "本年财政拨款");
  EXPECT_EQ(text(funds, 1, "全年执行数"), "89.974");
}

TEST(LongForm, FieldsThatDisagreeBetweenLinesNameBothLines) {
  const Table t = groupLongForm(readCsv(
      "项目名称,主管部门,年度资金总额.全年预算数,三级指标,分值\n"
      "委托业务项目,市住建局,90,数量,8\n"
      "委托业务项目,市住建局,89.974,质量,8\n"
      "委托业务项目,市财政局,,时效,8\n"));
  ASSERT_EQ(t.errors.size(), 2u);
  EXPECT_EQ(t.errors[0].row, 1);
  EXPECT_EQ(t.errors[0].line, 2);
  EXPECT_EQ(t.errors[0].column, "项目资金");
  EXPECT_EQ(t.errors[0].message, "项目名称“委托业务项目”的“年度资金总额.全年预算数”前后不一致：第2行为“90”，第3行为“89.974”");
  EXPECT_EQ(t.errors[1].column, "主管部门");
  EXPECT_EQ(t.errors[1].message, "项目名称“委托业务项目”的“主管部门”前后不一致：第2行为“市住建局”，第4行为“市财政局”");
  ASSERT_EQ(t.records.size(), 1u);
  EXPECT_EQ(text(t, 0, "主管部门"), "<缺>");  // not guessed
  EXPECT_EQ(list(t, 0, "绩效指标").records.size(), 3u);
}

TEST(LongForm, AProjectWhoseLinesAreApartIsAnErrorForBothParts) {
  const Table t = groupLongForm(readCsv(
      "项目名称,三级指标,分值\n"
      "甲,数量,8\n"
      "甲,质量,8\n"
      "乙,数量,10\n"
      "甲,时效,8\n"));
  ASSERT_EQ(t.records.size(), 3u);
  ASSERT_EQ(t.errors.size(), 2u);
  const std::string message = "项目名称“甲”的行不相连：第2～3行，又见于第5行；同一项目的各行应连续排列";
  EXPECT_EQ(t.errors[0].row, 1);
  EXPECT_EQ(t.errors[0].message, message);
  EXPECT_EQ(t.errors[1].row, 3);
  EXPECT_EQ(t.errors[1].line, 5);
  EXPECT_EQ(t.errors[1].message, message);
}

TEST(LongForm, DeclaredRowSetColumnsChooseTheList) {
  const char* csv =
      "项目名称,三级指标,分值,得分计算方法,备注\n"
      "甲,数量,8,定量,一\n"
      "甲,质量,8,定性,一\n";
  // Found from the national headings: 得分计算方法 is not one of them, so it
  // is read as the project's field (and disagrees between the lines).
  const Table found = groupLongForm(readCsv(csv));
  EXPECT_EQ(found.columns, (std::vector<std::string>{"项目名称", "得分计算方法", "备注", "绩效指标"}));
  ASSERT_EQ(found.errors.size(), 1u);
  EXPECT_EQ(found.errors[0].column, "得分计算方法");
  // Declared by the ruleset's row set: the list has it.
  LongFormLayout layout = nationalLongForm();
  layout.listColumns = {"三级指标", "分值", "得分计算方法"};
  const Table declared = groupLongForm(readCsv(csv), layout);
  ASSERT_TRUE(declared.errors.empty()) << declared.errors[0].message;
  EXPECT_EQ(declared.columns, (std::vector<std::string>{"项目名称", "备注", "绩效指标"}));
  const Table& rows = list(declared, 0, "绩效指标");
  EXPECT_EQ(rows.columns, (std::vector<std::string>{"三级指标", "分值", "得分计算方法"}));
  EXPECT_EQ(text(rows, 1, "得分计算方法"), "定性");
  EXPECT_EQ(text(declared, 0, "备注"), "一");
}

TEST(LongForm, AnEmptyNameContinuesTheProjectAboveAndCannotStartTheFile) {
  const Table t = groupLongForm(readCsv(
      "项目名称,三级指标,分值\n"
      ",孤行,1\n"
      "甲,数量,8\n"
      ",质量,8\n"));
  ASSERT_EQ(t.records.size(), 1u);
  EXPECT_EQ(list(t, 0, "绩效指标").records.size(), 2u);
  ASSERT_EQ(t.errors.size(), 1u);
  EXPECT_EQ(t.errors[0].row, 0);
  EXPECT_EQ(t.errors[0].line, 2);
  EXPECT_EQ(t.errors[0].message, "第2行没有项目名称，也不接在某个项目之后，未读取");
}

TEST(LongForm, ALineTheReaderRefusedFailsItsProject) {
  const Table t = groupLongForm(readCsv(
      "项目名称,三级指标,分值\n"
      "甲,数量,8\n"
      "甲,质量,8,多余\n"
      "乙,数量,8\n"));
  ASSERT_EQ(t.records.size(), 2u);
  ASSERT_EQ(t.errors.size(), 1u);
  EXPECT_EQ(t.errors[0].row, 1);  // 甲, the project around the line
  EXPECT_EQ(t.errors[0].line, 3);
  EXPECT_EQ(t.errors[0].message.rfind("第3行：", 0), 0u) << t.errors[0].message;
}

TEST(LongForm, TablesNotInTheLongFormAreLeftAsTheyAre) {
  const Table json = readJson(R"([{"项目名称": "甲", "绩效指标": [{"三级指标": "数量", "分值": "8"}]}])");
  EXPECT_FALSE(isLongForm(json, nationalLongForm()));
  const Table same = groupLongForm(json);
  EXPECT_EQ(same.columns, json.columns);
  ASSERT_EQ(same.records.size(), 1u);
  EXPECT_EQ(same.records[0].cells[1].kind, Kind::Rows);
  const Table departments = readCsv("名称,年度实际支出\n社科联,100\n");
  EXPECT_FALSE(isLongForm(departments, nationalLongForm()));
  EXPECT_TRUE(groupLongForm(departments).errors.empty());
  const Table noKey = groupLongForm(readCsv("三级指标,分值\n数量,8\n"));
  ASSERT_EQ(noKey.errors.size(), 1u);
  EXPECT_EQ(noKey.errors[0].message, "每行一个指标的长表须有“项目名称”列，用来把同一项目的各行合为一条记录");
}

TEST(LongForm, TheTemplatesHeaderGroupsToTheContractShape) {
  std::string csv;
  for (const std::string& h : longFormHeader()) csv += (csv.empty() ? "" : ",") + h;
  csv += "\n委托业务项目,市住建局,市检测站,2022,90,89.974,89.974,90,89.974,89.974,完成50个,完成,产出指标,数量指标,数量,≥50个,50,8,8,,\n";
  const Table t = groupLongForm(readCsv(csv));
  ASSERT_TRUE(t.errors.empty()) << t.errors[0].message;
  EXPECT_EQ(t.columns, (std::vector<std::string>{"项目名称", "主管部门", "实施单位", "年度", "年度总体目标", "实际完成情况", "总分",
                                                 "项目资金", "绩效指标"}));
  const Table& funds = list(t, 0, "项目资金");
  EXPECT_EQ(funds.columns, (std::vector<std::string>{"资金来源", "年初预算数", "全年预算数", "全年执行数"}));
  ASSERT_EQ(funds.records.size(), 2u);
  EXPECT_EQ(text(funds, 1, "资金来源"), "当年财政拨款");
  EXPECT_EQ(text(list(t, 0, "绩效指标"), 0, "年度指标值"), "≥50个");
}

}  // namespace
}  // namespace defen

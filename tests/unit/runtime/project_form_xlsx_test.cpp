// The national 项目支出绩效自评表 read from Excel: workbooks written with
// libxlsxwriter the way units fill the form in (merged 一级 cells, blank rows,
// an extra 得分计算方法 column, provinces' wordings), the form template written
// by `defen template --form` and filled in cell by cell, and the messages for
// sheets that are no form or a form without its table.
#include "compiler/io/project_form.h"
#include "compiler/report/project_form_template.h"
#include "compiler/io/readers.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <string>

namespace defen {
namespace {

using Kind = Cell::Kind;

class ProjectFormXlsxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("defen_form_" + std::to_string(::getpid()) + "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  std::filesystem::path dir_;
};

// The text of column `name` of a record of `t` (a list's row or a project).
const Cell& at(const Table& t, size_t record, const std::string& name) {
  const auto i = t.columnIndex(name);
  EXPECT_TRUE(i.has_value()) << "no column " << name;
  static const Cell missing;
  if (!i || record >= t.records.size()) return missing;
  return t.records[record].cells[*i];
}

std::string text(const Table& t, size_t record, const std::string& name) {
  const Cell& c = at(t, record, name);
  return c.kind == Kind::Missing ? "<缺>" : c.text;
}

const Table& list(const Table& t, size_t record, const std::string& name) {
  const Cell& c = at(t, record, name);
  EXPECT_EQ(c.kind, Kind::Rows) << name;
  static const Table empty;
  return c.rows ? *c.rows : empty;
}

// 委托业务项目 as a unit fills the national form: 产出指标 merged over four
// rows with a blank row among them, the headings with their (A)/(B), an extra
// 得分计算方法 column, 执行率 as a percentage, notes under 总分.
void writeCommissionForm(lxw_workbook* wb, lxw_worksheet* ws) {
  lxw_format* merged = workbook_add_format(wb);
  format_set_align(merged, LXW_ALIGN_VERTICAL_CENTER);
  lxw_format* percent = workbook_add_format(wb);
  format_set_num_format(percent, "0%");
  worksheet_merge_range(ws, 0, 0, 0, 9, "项目支出绩效自评表", merged);
  worksheet_merge_range(ws, 1, 0, 1, 9, "（2022年度）", merged);
  worksheet_write_string(ws, 2, 0, "项目名称", nullptr);
  worksheet_merge_range(ws, 2, 1, 2, 9, "委托业务项目", merged);
  worksheet_write_string(ws, 3, 0, "主管部门", nullptr);
  worksheet_merge_range(ws, 3, 1, 3, 3, "市住房和城乡建设局", merged);
  worksheet_write_string(ws, 3, 4, "实施单位", nullptr);
  worksheet_merge_range(ws, 3, 5, 3, 9, "市建设工程质量检测站", merged);
  worksheet_merge_range(ws, 4, 0, 8, 0, "项目资金\n（万元）", merged);
  const char* fundHeads[] = {"年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分"};
  for (int i = 0; i < 6; ++i) worksheet_write_string(ws, 4, static_cast<lxw_col_t>(3 + i), fundHeads[i], nullptr);
  worksheet_merge_range(ws, 5, 1, 5, 2, "年度资金总额", merged);
  worksheet_write_number(ws, 5, 3, 90, nullptr);
  worksheet_write_number(ws, 5, 4, 89.974, nullptr);
  worksheet_write_number(ws, 5, 5, 89.974, nullptr);
  worksheet_write_number(ws, 5, 6, 10, nullptr);
  worksheet_write_number(ws, 5, 7, 1, percent);
  worksheet_write_number(ws, 5, 8, 10, nullptr);
  const char* sources[] = {"其中：当年财政拨款", "上年结转资金", "其他资金"};
  for (int s = 0; s < 3; ++s) {
    const auto r = static_cast<lxw_row_t>(6 + s);
    worksheet_merge_range(ws, r, 1, r, 2, sources[s], merged);
    for (lxw_col_t c = 6; c <= 8; ++c) worksheet_write_string(ws, r, c, "—", nullptr);
  }
  worksheet_write_number(ws, 6, 3, 90, nullptr);
  worksheet_write_number(ws, 6, 4, 89.974, nullptr);
  worksheet_write_number(ws, 6, 5, 89.974, nullptr);
  worksheet_merge_range(ws, 9, 0, 10, 0, "年度\n总体\n目标", merged);
  worksheet_merge_range(ws, 9, 1, 9, 4, "预期目标", merged);
  worksheet_merge_range(ws, 9, 5, 9, 9, "实际完成情况", merged);
  worksheet_merge_range(ws, 10, 1, 10, 4, "完成基建工程委托业务50个", merged);
  worksheet_merge_range(ws, 10, 5, 10, 9, "完成基建工程委托业务50个，经费支出合规", merged);
  worksheet_merge_range(ws, 11, 0, 16, 0, "绩\n效\n指\n标", merged);
  const char* heads[] = {"一级指标", "二级指标", "三级指标", "年度指标值（A）", "实际完成值（B）", "分值", "得分", "得分计算方法",
                         "偏差原因分析及改进措施"};
  for (int i = 0; i < 9; ++i) worksheet_write_string(ws, 11, static_cast<lxw_col_t>(1 + i), heads[i], nullptr);
  worksheet_merge_range(ws, 12, 1, 15, 1, "产出指标", merged);
  worksheet_write_string(ws, 12, 2, "数量指标", nullptr);
  worksheet_write_string(ws, 12, 3, "基建工程委托业务项目数量", nullptr);
  worksheet_write_string(ws, 12, 4, "≥50个", nullptr);
  worksheet_write_number(ws, 12, 5, 50, nullptr);
  worksheet_write_number(ws, 12, 6, 8, nullptr);
  worksheet_write_string(ws, 13, 2, "质量指标", nullptr);
  worksheet_write_string(ws, 13, 3, "经费支出合规性", nullptr);
  worksheet_write_string(ws, 13, 4, "严格执行相关制度规定", nullptr);
  worksheet_write_string(ws, 13, 5, "达成预期指标", nullptr);
  worksheet_write_number(ws, 13, 6, 8, nullptr);
  worksheet_write_number(ws, 13, 7, 8, nullptr);
  worksheet_write_string(ws, 13, 8, "定性", nullptr);
  // Row 15 (index 14) left blank inside the merged 产出指标.
  worksheet_write_string(ws, 15, 2, "时效指标", nullptr);
  worksheet_write_string(ws, 15, 3, "按时完成率", nullptr);
  worksheet_write_string(ws, 15, 4, "＝100%", nullptr);
  worksheet_write_string(ws, 15, 5, "100%", nullptr);
  worksheet_write_number(ws, 15, 6, 12.5, nullptr);
  worksheet_write_number(ws, 15, 7, 12.5, nullptr);
  worksheet_write_string(ws, 16, 1, "效益指标", nullptr);
  worksheet_write_string(ws, 16, 2, "社会效益指标", nullptr);
  worksheet_write_string(ws, 16, 3, "工程质量提升", nullptr);
  worksheet_write_string(ws, 16, 4, "效果明显", nullptr);
  worksheet_write_string(ws, 16, 5, "达成预期指标", nullptr);
  worksheet_write_number(ws, 16, 6, 22.5, nullptr);
  worksheet_write_number(ws, 16, 7, 20, nullptr);
  worksheet_write_string(ws, 16, 9, "个别项目进度滞后，下年加强调度", nullptr);
  worksheet_merge_range(ws, 17, 0, 17, 5, "总分", merged);
  worksheet_write_number(ws, 17, 6, 61, nullptr);
  worksheet_write_number(ws, 17, 7, 58.5, nullptr);
  worksheet_merge_range(ws, 18, 0, 18, 9, "说明：定量指标按完成值与指标值的比例计分。", merged);
}

// A 60/30 wage project on another province's layout: 一级 in column A with
// 绩效指标 as a caption above, 本年财政拨款, 年度资金总额 0/0/0 beside
// 本年财政拨款 90/89.974/89.974, 年度总体目标 with its text beside it, no 总分
// row, the signature line right under the table.
void writeWageForm(lxw_worksheet* ws) {
  worksheet_write_string(ws, 0, 0, "项目支出绩效自评表", nullptr);
  worksheet_write_string(ws, 1, 0, "（ 2022 年度）", nullptr);
  worksheet_write_string(ws, 2, 0, "项目名称", nullptr);
  worksheet_write_string(ws, 2, 1, "在职人员工资项目", nullptr);
  worksheet_write_string(ws, 3, 0, "主管部门", nullptr);
  worksheet_write_string(ws, 3, 2, "实施单位", nullptr);
  worksheet_write_string(ws, 3, 3, "市档案馆", nullptr);
  worksheet_write_string(ws, 4, 0, "项目资金（万元）", nullptr);
  const char* fundHeads[] = {"年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"};
  for (int i = 0; i < 6; ++i) worksheet_write_string(ws, 4, static_cast<lxw_col_t>(2 + i), fundHeads[i], nullptr);
  worksheet_write_string(ws, 5, 1, "年度资金总额", nullptr);
  for (lxw_col_t c = 2; c <= 4; ++c) worksheet_write_number(ws, 5, c, 0, nullptr);
  worksheet_write_number(ws, 5, 5, 10, nullptr);
  worksheet_write_number(ws, 5, 7, 10, nullptr);
  worksheet_write_string(ws, 6, 1, "其中：本年财政拨款", nullptr);
  worksheet_write_number(ws, 6, 2, 90, nullptr);
  worksheet_write_number(ws, 6, 3, 89.974, nullptr);
  worksheet_write_number(ws, 6, 4, 89.974, nullptr);
  worksheet_write_string(ws, 7, 0, "年度总体目标", nullptr);
  worksheet_write_string(ws, 7, 1, "保障在职人员工资按时足额发放", nullptr);
  worksheet_write_string(ws, 8, 0, "绩效指标", nullptr);
  const char* heads[] = {"一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"};
  for (int i = 0; i < 8; ++i) worksheet_write_string(ws, 9, static_cast<lxw_col_t>(i), heads[i], nullptr);
  worksheet_write_string(ws, 10, 0, "产出指标", nullptr);
  worksheet_write_string(ws, 10, 1, "数量指标", nullptr);
  worksheet_write_string(ws, 10, 2, "保障人数", nullptr);
  worksheet_write_string(ws, 10, 3, "≥120人", nullptr);
  worksheet_write_number(ws, 10, 4, 120, nullptr);
  worksheet_write_number(ws, 10, 5, 30, nullptr);
  worksheet_write_number(ws, 10, 6, 30, nullptr);
  worksheet_write_string(ws, 11, 1, "时效指标", nullptr);
  worksheet_write_string(ws, 11, 2, "工资按时发放率", nullptr);
  worksheet_write_string(ws, 11, 3, "＝100%", nullptr);
  worksheet_write_string(ws, 11, 4, "100%", nullptr);
  worksheet_write_number(ws, 11, 5, 30, nullptr);
  worksheet_write_number(ws, 11, 6, 30, nullptr);
  worksheet_write_string(ws, 12, 0, "效益指标", nullptr);
  worksheet_write_string(ws, 12, 1, "社会效益指标", nullptr);
  worksheet_write_string(ws, 12, 2, "职工队伍稳定", nullptr);
  worksheet_write_string(ws, 12, 3, "稳定", nullptr);
  worksheet_write_string(ws, 12, 4, "达成预期指标", nullptr);
  worksheet_write_number(ws, 12, 5, 30, nullptr);
  worksheet_write_number(ws, 12, 6, 28, nullptr);
  worksheet_write_string(ws, 13, 0, "填表人：张三", nullptr);
}

std::string writeWorkbook(const std::string& file) {
  lxw_workbook* wb = workbook_new(file.c_str());
  writeCommissionForm(wb, workbook_add_worksheet(wb, "委托业务"));
  writeWageForm(workbook_add_worksheet(wb, "工资"));
  lxw_worksheet* notes = workbook_add_worksheet(wb, "填写说明");
  worksheet_write_string(notes, 0, 0, "每个项目一张表，按全国自评表填写。", nullptr);
  lxw_worksheet* broken = workbook_add_worksheet(wb, "残表");
  worksheet_write_string(broken, 0, 0, "项目名称", nullptr);
  worksheet_write_string(broken, 0, 1, "残缺的项目", nullptr);
  worksheet_write_string(broken, 1, 0, "绩效指标", nullptr);
  EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
  return file;
}

TEST_F(ProjectFormXlsxTest, NationalFormIsOneProjectInTheContractShape) {
  const Table t = readDataFile(writeWorkbook(path("自评表.xlsx")));
  EXPECT_EQ(t.columns, projectform::recordColumns());
  ASSERT_EQ(t.records.size(), 2u);
  const Record& r = t.records[0];
  EXPECT_EQ(r.row, 1);   // the first tab
  EXPECT_EQ(r.line, 3);  // 项目名称's row
  EXPECT_EQ(text(t, 0, "项目名称"), "委托业务项目");
  EXPECT_EQ(text(t, 0, "主管部门"), "市住房和城乡建设局");
  EXPECT_EQ(text(t, 0, "实施单位"), "市建设工程质量检测站");
  EXPECT_EQ(text(t, 0, "年度"), "2022");
  EXPECT_EQ(text(t, 0, "年度总体目标"), "完成基建工程委托业务50个");
  EXPECT_EQ(text(t, 0, "实际完成情况"), "完成基建工程委托业务50个，经费支出合规");
  EXPECT_EQ(text(t, 0, "总分"), "58.5");  // the 得分 column, not the 分值 total

  const Table& funds = list(t, 0, "项目资金");
  EXPECT_EQ(funds.columns, (std::vector<std::string>{"资金来源", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"}));
  ASSERT_EQ(funds.records.size(), 2u);  // 上年结转资金 and 其他资金 have no figure
  EXPECT_EQ(text(funds, 0, "资金来源"), "年度资金总额");
  EXPECT_EQ(text(funds, 0, "全年预算数"), "89.974");
  EXPECT_EQ(at(funds, 0, "全年预算数").kind, Kind::Number);
  EXPECT_EQ(text(funds, 0, "执行率"), "100%");
  EXPECT_EQ(text(funds, 0, "得分"), "10");
  EXPECT_EQ(funds.records[0].line, 6);
  EXPECT_EQ(text(funds, 1, "资金来源"), "当年财政拨款");  // without its 其中：
  EXPECT_EQ(text(funds, 1, "全年执行数"), "89.974");
  EXPECT_EQ(text(funds, 1, "分值"), "<缺>");  // the printed — is no value

  const Table& rows = list(t, 0, "绩效指标");
  EXPECT_EQ(rows.columns, (std::vector<std::string>{"一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                                                    "得分计算方法", "偏差原因分析及改进措施"}));
  ASSERT_EQ(rows.records.size(), 4u);  // the blank row is skipped
  EXPECT_EQ(rows.records[0].row, 1);
  EXPECT_EQ(rows.records[0].line, 13);
  EXPECT_EQ(text(rows, 0, "三级指标"), "基建工程委托业务项目数量");
  EXPECT_EQ(text(rows, 0, "年度指标值"), "≥50个");
  EXPECT_EQ(text(rows, 0, "实际完成值"), "50");
  EXPECT_EQ(text(rows, 0, "得分"), "<缺>");  // not filled in by the unit
  EXPECT_EQ(text(rows, 1, "一级指标"), "产出指标");  // carried down the merged cell
  EXPECT_EQ(text(rows, 1, "得分计算方法"), "定性");
  EXPECT_EQ(rows.records[2].line, 16);
  EXPECT_EQ(text(rows, 2, "一级指标"), "产出指标");
  EXPECT_EQ(text(rows, 2, "二级指标"), "时效指标");
  EXPECT_EQ(text(rows, 2, "分值"), "12.5");
  EXPECT_EQ(text(rows, 3, "一级指标"), "效益指标");
  EXPECT_EQ(text(rows, 3, "分值"), "22.5");
  EXPECT_EQ(text(rows, 3, "偏差原因分析及改进措施"), "个别项目进度滞后，下年加强调度");
}

TEST_F(ProjectFormXlsxTest, AnotherProvincesLayoutReadsToTheSameShape) {
  const Table t = readDataFile(writeWorkbook(path("自评表.xlsx")));
  ASSERT_EQ(t.records.size(), 2u);
  EXPECT_EQ(t.records[1].row, 2);
  EXPECT_EQ(text(t, 1, "项目名称"), "在职人员工资项目");
  EXPECT_EQ(text(t, 1, "主管部门"), "<缺>");  // left empty: 实施单位 beside it is a label, not its value
  EXPECT_EQ(text(t, 1, "实施单位"), "市档案馆");
  EXPECT_EQ(text(t, 1, "年度"), "2022");
  EXPECT_EQ(text(t, 1, "年度总体目标"), "保障在职人员工资按时足额发放");
  EXPECT_EQ(text(t, 1, "实际完成情况"), "<缺>");
  EXPECT_EQ(text(t, 1, "总分"), "<缺>");
  const Table& funds = list(t, 1, "项目资金");
  ASSERT_EQ(funds.records.size(), 2u);
  EXPECT_EQ(text(funds, 0, "全年预算数"), "0");  // the contradiction is kept for the ruleset to name
  EXPECT_EQ(text(funds, 0, "执行率"), "<缺>");
  EXPECT_EQ(text(funds, 1, "资金来源"), "本年财政拨款");
  EXPECT_EQ(text(funds, 1, "全年预算数"), "89.974");
  const Table& rows = list(t, 1, "绩效指标");
  ASSERT_EQ(rows.records.size(), 3u);  // 填表人 ends the table
  EXPECT_EQ(text(rows, 1, "一级指标"), "产出指标");
  EXPECT_EQ(text(rows, 2, "一级指标"), "效益指标");
  EXPECT_EQ(text(rows, 2, "得分"), "28");
  EXPECT_EQ(rows.records[2].line, 13);
}

TEST_F(ProjectFormXlsxTest, ASheetThatIsNoFormIsSkippedAndAFormWithoutItsTableIsAnError) {
  const Table t = readDataFile(writeWorkbook(path("自评表.xlsx")));
  ASSERT_EQ(t.warnings.size(), 1u);
  EXPECT_EQ(t.warnings[0], "工作表“填写说明”不是项目支出绩效自评表（没有“项目名称”“绩效指标”），未读取");
  ASSERT_EQ(t.errors.size(), 1u);
  EXPECT_EQ(t.errors[0].row, 4);  // the fourth tab
  EXPECT_EQ(t.errors[0].line, 1);
  EXPECT_EQ(t.errors[0].message,
            "工作表“残表”：找不到绩效指标表（应有一行写着“一级指标”“二级指标”“三级指标”“年度指标值”“实际完成值”“分值”“得分”等表头）");
}

TEST_F(ProjectFormXlsxTest, OneNamedSheetIsReadAlone) {
  const Table t = readXlsx(writeWorkbook(path("自评表.xlsx")), "工资");
  ASSERT_EQ(t.records.size(), 1u);
  EXPECT_EQ(t.records[0].row, 2);
  EXPECT_EQ(text(t, 0, "项目名称"), "在职人员工资项目");
  EXPECT_TRUE(t.warnings.empty());
  EXPECT_TRUE(t.errors.empty());
}

TEST_F(ProjectFormXlsxTest, TwoValuesUnderOneHeadingAndAValuePastTheTableAreNamed) {
  const std::string file = path("歧义.xlsx");
  lxw_workbook* wb = workbook_new(file.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "项目");
  worksheet_write_string(ws, 0, 0, "项目名称", nullptr);
  worksheet_write_string(ws, 0, 1, "甲", nullptr);
  worksheet_write_string(ws, 1, 0, "绩效指标", nullptr);
  worksheet_write_string(ws, 1, 1, "一级指标", nullptr);
  worksheet_write_string(ws, 1, 2, "二级指标", nullptr);
  worksheet_write_string(ws, 1, 3, "三级指标", nullptr);
  worksheet_write_string(ws, 1, 4, "分值", nullptr);  // 分值 heading merged over E:F
  worksheet_write_string(ws, 2, 3, "数量", nullptr);
  worksheet_write_number(ws, 2, 4, 8, nullptr);
  worksheet_write_number(ws, 2, 5, 9, nullptr);
  worksheet_write_string(ws, 3, 3, "质量", nullptr);
  worksheet_write_string(ws, 3, 10, "旁注", nullptr);
  EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
  const Table t = readDataFile(file);
  ASSERT_EQ(t.errors.size(), 2u);
  EXPECT_EQ(t.errors[0].column, "绩效指标");
  EXPECT_EQ(t.errors[0].message, "工作表“项目”：绩效指标：单元格 E3 和 F3 都在“分值”之下，无法确定用哪一个");
  EXPECT_EQ(t.errors[1].message, "工作表“项目”：绩效指标：单元格 K4 有值，但不在绩效指标表的任何一列之下");
  ASSERT_EQ(t.records.size(), 1u);
  const Table& rows = list(t, 0, "绩效指标");
  ASSERT_EQ(rows.records.size(), 2u);
  EXPECT_EQ(text(rows, 0, "分值"), "<缺>");  // which one was meant is not guessed
}

TEST_F(ProjectFormXlsxTest, PrintedPlaceholdersAreNoIndicatorsAndASecondFormOnASheetIsAnError) {
  const std::string file = path("两张.xlsx");
  lxw_workbook* wb = workbook_new(file.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "培训");
  worksheet_write_string(ws, 0, 0, "项目名称", nullptr);
  worksheet_write_string(ws, 0, 1, "干部培训项目", nullptr);
  worksheet_write_string(ws, 1, 0, "绩效指标", nullptr);
  const char* heads[] = {"一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"};
  for (int i = 0; i < 7; ++i) worksheet_write_string(ws, 1, static_cast<lxw_col_t>(1 + i), heads[i], nullptr);
  worksheet_write_string(ws, 2, 1, "产出指标", nullptr);
  worksheet_write_string(ws, 2, 2, "数量指标", nullptr);
  worksheet_write_string(ws, 2, 3, "指标1：培训人数", nullptr);
  worksheet_write_string(ws, 2, 4, "≥50人", nullptr);
  worksheet_write_number(ws, 2, 5, 50, nullptr);
  worksheet_write_number(ws, 2, 6, 10, nullptr);
  worksheet_write_string(ws, 3, 3, "指标2：", nullptr);  // left as printed
  worksheet_write_string(ws, 4, 2, "质量指标", nullptr);
  worksheet_write_string(ws, 4, 3, "指标 １", nullptr);
  worksheet_write_string(ws, 5, 0, "总分", nullptr);
  worksheet_write_number(ws, 5, 7, 90, nullptr);
  worksheet_write_string(ws, 8, 0, "项目名称", nullptr);
  worksheet_write_string(ws, 8, 1, "会议项目", nullptr);
  EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
  const Table t = readDataFile(file);
  ASSERT_EQ(t.records.size(), 1u);
  const Table& rows = list(t, 0, "绩效指标");
  ASSERT_EQ(rows.records.size(), 1u);
  EXPECT_EQ(text(rows, 0, "三级指标"), "指标1：培训人数");  // as the unit wrote it
  EXPECT_EQ(text(t, 0, "总分"), "90");
  ASSERT_EQ(t.errors.size(), 1u);
  EXPECT_EQ(t.errors[0].row, 1);
  EXPECT_EQ(t.errors[0].line, 9);
  EXPECT_EQ(t.errors[0].message, "工作表“培训”：第9行又有一张自评表；每个工作表只填一个项目，请把它移到另一个工作表");
}

TEST_F(ProjectFormXlsxTest, AFormCaptionedOtherwiseIsFoundByItsHeadings) {
  const std::string file = path("年度绩效指标.xlsx");
  lxw_workbook* wb = workbook_new(file.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "项目");
  worksheet_write_string(ws, 0, 0, "项目名称", nullptr);
  worksheet_write_string(ws, 0, 1, "乙", nullptr);
  worksheet_write_string(ws, 1, 0, "年度绩效指标", nullptr);
  worksheet_write_string(ws, 1, 1, "一级指标", nullptr);
  worksheet_write_string(ws, 1, 2, "二级指标", nullptr);
  worksheet_write_string(ws, 1, 3, "三级指标", nullptr);
  worksheet_write_string(ws, 1, 4, "分值", nullptr);
  worksheet_write_string(ws, 2, 1, "满意度指标", nullptr);
  worksheet_write_string(ws, 2, 3, "群众满意度", nullptr);
  worksheet_write_number(ws, 2, 4, 10, nullptr);
  EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
  const Table t = readDataFile(file);
  ASSERT_TRUE(t.errors.empty()) << t.errors[0].message;
  ASSERT_EQ(t.records.size(), 1u);
  EXPECT_EQ(text(t, 0, "项目名称"), "乙");
  const Table& rows = list(t, 0, "绩效指标");
  ASSERT_EQ(rows.records.size(), 1u);
  EXPECT_EQ(text(rows, 0, "一级指标"), "满意度指标");
  EXPECT_EQ(text(rows, 0, "分值"), "10");
  // A plain data sheet with such headings but no 项目名称 stays a table.
  const std::string plain = path("指标清单.xlsx");
  wb = workbook_new(plain.c_str());
  ws = workbook_add_worksheet(wb, "清单");
  worksheet_write_string(ws, 0, 0, "一级指标", nullptr);
  worksheet_write_string(ws, 0, 1, "三级指标", nullptr);
  worksheet_write_string(ws, 1, 0, "产出指标", nullptr);
  worksheet_write_string(ws, 1, 1, "数量", nullptr);
  EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
  const Table flat = readDataFile(plain);
  EXPECT_EQ(flat.columns, (std::vector<std::string>{"一级指标", "三级指标"}));
  ASSERT_EQ(flat.records.size(), 1u);
  // Nor does the long form saved as a sheet: 项目名称 beside the headings.
  const std::string longSheet = path("长表.xlsx");
  wb = workbook_new(longSheet.c_str());
  ws = workbook_add_worksheet(wb, "长表");
  const char* header[] = {"项目名称", "一级指标", "三级指标"};
  for (int c = 0; c < 3; ++c) worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), header[c], nullptr);
  for (lxw_row_t r = 1; r <= 2; ++r) {
    worksheet_write_string(ws, r, 0, "甲", nullptr);
    worksheet_write_string(ws, r, 1, "产出指标", nullptr);
    worksheet_write_string(ws, r, 2, r == 1 ? "数量" : "质量", nullptr);
  }
  EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
  const Table lines = readDataFile(longSheet);
  EXPECT_EQ(lines.columns, (std::vector<std::string>{"项目名称", "一级指标", "三级指标"}));
  EXPECT_EQ(lines.records.size(), 2u);
}

// A part of a zip archive replaced, as Excel rewrites a sheet when saving.
void replacePart(const std::string& file, const std::string& part, const std::string& text) {
  int err = 0;
  zip_t* z = zip_open(file.c_str(), 0, &err);
  ASSERT_NE(z, nullptr);
  const zip_int64_t index = zip_name_locate(z, part.c_str(), 0);
  ASSERT_GE(index, 0);
  zip_source_t* src = zip_source_buffer(z, text.data(), text.size(), 0);
  ASSERT_EQ(zip_file_replace(z, static_cast<zip_uint64_t>(index), src, 0), 0);
  ASSERT_EQ(zip_close(z), 0);
}

std::string readPart(const std::string& file, const std::string& part) {
  int err = 0;
  zip_t* z = zip_open(file.c_str(), ZIP_RDONLY, &err);
  EXPECT_NE(z, nullptr);
  zip_stat_t st;
  EXPECT_EQ(zip_stat(z, part.c_str(), 0, &st), 0);
  std::string out(st.size, '\0');
  zip_file_t* f = zip_fopen(z, part.c_str(), 0);
  EXPECT_EQ(zip_fread(f, out.data(), st.size), static_cast<zip_int64_t>(st.size));
  zip_fclose(f);
  zip_close(z);
  return out;
}

// What a person types into a blank cell of the template: text as an inline
// string, a number as a number; the cell keeps its style.
void fill(std::string& sheet, const std::string& ref, const std::string& value, bool number) {
  const std::regex blank("<c r=\"" + ref + "\"( s=\"[0-9]+\")?/>");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(sheet, m, blank)) << ref << " is not a blank cell of the template";
  const std::string style = m[1].str();
  const std::string cell = number ? "<c r=\"" + ref + "\"" + style + "><v>" + value + "</v></c>"
                                  : "<c r=\"" + ref + "\"" + style + " t=\"inlineStr\"><is><t>" + value + "</t></is></c>";
  sheet = m.prefix().str() + cell + m.suffix().str();
}

// Replaces what a formula cell holds with its result, as Excel saves it.
void calculated(std::string& sheet, const std::string& ref, const std::string& value) {
  const std::regex formula("<c r=\"" + ref + "\"( s=\"[0-9]+\")?( t=\"str\")?><f>([^<]*)</f><v>[^<]*</v></c>");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(sheet, m, formula)) << ref << " is not a formula cell of the template";
  sheet = m.prefix().str() + "<c r=\"" + ref + "\"" + m[1].str() + "><f>" + m[3].str() + "</f><v>" + value + "</v></c>" +
          m.suffix().str();
}

TEST_F(ProjectFormXlsxTest, TheTemplateUntouchedReadsAsAnEmptyForm) {
  const std::string file = path("form.xlsx");
  std::string error;
  ProjectFormTemplate form;
  form.ruleset = "项目支出绩效自评（单位自评）";
  ASSERT_TRUE(writeProjectFormXlsx(file, form, error)) << error;
  const Table t = readDataFile(file);
  ASSERT_TRUE(t.errors.empty()) << t.errors[0].message;
  EXPECT_TRUE(t.warnings.empty());
  ASSERT_EQ(t.records.size(), 1u);
  EXPECT_EQ(text(t, 0, "项目名称"), "<缺>");
  EXPECT_EQ(text(t, 0, "年度"), "<缺>");  // "（    年度）" for the unit to fill
  EXPECT_EQ(text(t, 0, "总分"), "<缺>");  // the formula's result is empty until figures are there
  EXPECT_TRUE(list(t, 0, "绩效指标").records.empty());  // 一级 written alone is no indicator
  const Table& funds = list(t, 0, "项目资金");
  ASSERT_EQ(funds.records.size(), 1u);  // 年度资金总额 with its printed 分值 10
  EXPECT_EQ(text(funds, 0, "分值"), "10");
  EXPECT_EQ(text(funds, 0, "执行率"), "<缺>");
}

TEST_F(ProjectFormXlsxTest, TheTemplateFilledInReadsBackToTheContractShape) {
  const std::string file = path("form.xlsx");
  std::string error;
  ProjectFormTemplate form;
  form.year = 2022;
  ASSERT_TRUE(writeProjectFormXlsx(file, form, error)) << error;
  const ProjectFormCells cells = projectFormCells(form);
  EXPECT_EQ(cells.totalRow, 27);  // 15 indicator rows from row 13

  std::string sheet = readPart(file, "xl/worksheets/sheet1.xml");
  fill(sheet, "B3", "委托业务项目", false);
  fill(sheet, "B4", "市住房和城乡建设局", false);
  fill(sheet, "D6", "90", true);
  fill(sheet, "E6", "89.974", true);
  fill(sheet, "F6", "89.974", true);
  fill(sheet, "I6", "10", true);
  calculated(sheet, "H6", "1");
  fill(sheet, "D7", "90", true);
  fill(sheet, "E7", "89.974", true);
  fill(sheet, "F7", "89.974", true);
  fill(sheet, "B11", "完成基建工程委托业务50个", false);
  // Row 13: 产出指标 is written; the unit picks 数量指标 and fills the row.
  fill(sheet, "C13", "数量指标", false);
  fill(sheet, "D13", "基建工程委托业务项目数量", false);
  fill(sheet, "E13", "≥50个", false);
  fill(sheet, "F13", "50", false);
  fill(sheet, "G13", "8", true);
  fill(sheet, "H13", "8", true);
  fill(sheet, "C14", "质量指标", false);
  fill(sheet, "D14", "经费支出合规性", false);
  fill(sheet, "E14", "严格执行相关制度规定", false);
  fill(sheet, "F14", "达成预期指标", false);
  fill(sheet, "G14", "8", true);
  fill(sheet, "H14", "8", true);
  // Row 21 is the first 效益指标 row (8 产出 rows), row 26 the first 满意度.
  fill(sheet, "C21", "社会效益指标", false);
  fill(sheet, "D21", "工程质量提升", false);
  fill(sheet, "E21", "效果明显", false);
  fill(sheet, "F21", "部分达成", false);
  fill(sheet, "G21", "30", true);
  fill(sheet, "H21", "20", true);
  fill(sheet, "I21", "个别项目进度滞后", false);
  fill(sheet, "C26", "服务对象满意度指标", false);
  fill(sheet, "D26", "委托单位满意度", false);
  fill(sheet, "E26", "≥95%", false);
  fill(sheet, "F26", "96%", false);
  fill(sheet, "G26", "10", true);
  fill(sheet, "H26", "10", true);
  calculated(sheet, "H28", "56");
  replacePart(file, "xl/worksheets/sheet1.xml", sheet);

  const Table t = readDataFile(file);
  ASSERT_TRUE(t.errors.empty()) << t.errors[0].message;
  ASSERT_EQ(t.records.size(), 1u);
  EXPECT_EQ(text(t, 0, "项目名称"), "委托业务项目");
  EXPECT_EQ(text(t, 0, "主管部门"), "市住房和城乡建设局");
  EXPECT_EQ(text(t, 0, "实施单位"), "<缺>");
  EXPECT_EQ(text(t, 0, "年度"), "2022");
  EXPECT_EQ(text(t, 0, "年度总体目标"), "完成基建工程委托业务50个");
  EXPECT_EQ(text(t, 0, "总分"), "56");
  const Table& funds = list(t, 0, "项目资金");
  ASSERT_EQ(funds.records.size(), 2u);
  EXPECT_EQ(text(funds, 0, "资金来源"), "年度资金总额");
  EXPECT_EQ(text(funds, 0, "全年执行数"), "89.974");
  EXPECT_EQ(text(funds, 0, "执行率"), "100%");  // the template shows it as 0.00%
  EXPECT_EQ(text(funds, 1, "资金来源"), "当年财政拨款");
  EXPECT_EQ(text(funds, 1, "年初预算数"), "90");
  const Table& rows = list(t, 0, "绩效指标");
  EXPECT_EQ(rows.columns, projectform::indicatorColumns());
  ASSERT_EQ(rows.records.size(), 4u);
  EXPECT_EQ(rows.records[0].line, 13);
  EXPECT_EQ(text(rows, 0, "一级指标"), "产出指标");
  EXPECT_EQ(text(rows, 0, "实际完成值"), "50");
  EXPECT_EQ(at(rows, 0, "实际完成值").kind, Kind::Text);
  EXPECT_EQ(text(rows, 1, "二级指标"), "质量指标");
  EXPECT_EQ(rows.records[2].line, 21);
  EXPECT_EQ(text(rows, 2, "一级指标"), "效益指标");
  EXPECT_EQ(text(rows, 2, "偏差原因分析及改进措施"), "个别项目进度滞后");
  EXPECT_EQ(text(rows, 3, "一级指标"), "满意度指标");
  EXPECT_EQ(text(rows, 3, "实际完成值"), "96%");
  EXPECT_EQ(text(rows, 3, "得分"), "10");
}

TEST(ProjectFormWords, HeadingsAsProvincesWordThem) {
  using projectform::canonicalHeading;
  EXPECT_EQ(canonicalHeading("年度指标值（A）"), "年度指标值");
  EXPECT_EQ(canonicalHeading("全年指标值"), "年度指标值");
  EXPECT_EQ(canonicalHeading("实际完成值(B)"), "实际完成值");
  EXPECT_EQ(canonicalHeading("全年执行数\n（B）"), "全年执行数");
  EXPECT_EQ(canonicalHeading("执行率（B/A）"), "执行率");
  EXPECT_EQ(canonicalHeading("偏差原因分析和改进措施"), "偏差原因分析及改进措施");
  EXPECT_EQ(canonicalHeading("得分计算方法"), "得分计算方法");
  EXPECT_EQ(projectform::labelText("绩\n效\n指\n标"), "绩效指标");
  EXPECT_EQ(projectform::labelText("项目名称："), "项目名称");
  EXPECT_EQ(projectform::fundSourceName("其中：当年财政拨款"), "当年财政拨款");
  EXPECT_EQ(projectform::fundSourceName("  其中:本年财政拨款"), "本年财政拨款");
  EXPECT_TRUE(projectform::isPlaceholder("—"));
  EXPECT_TRUE(projectform::isPlaceholder(" ／ "));
  EXPECT_FALSE(projectform::isPlaceholder("-5"));
  EXPECT_FALSE(projectform::isPlaceholder(""));
}

}  // namespace
}  // namespace defen

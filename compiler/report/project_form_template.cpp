#include "compiler/report/project_form_template.h"

#include "compiler/io/project_form.h"
#include "compiler/io/xlsx_common.h"
#include "compiler/io/xlsx_package.h"

#include <xlsxwriter.h>

#include <algorithm>

namespace defen {
namespace {

using namespace projectform;

constexpr lxw_col_t kLastCol = 8;  // A … I

// The scoring rule as the form's notes print it (财预〔2020〕10号 附件2).
const char* const kNotes[] = {
    "填表说明：",
    "1. 一个工作表填一个项目；多个项目请复制本工作表（可用项目名称作工作表名），放在同一个文件中。",
    "2. 预算执行率（10分）= 全年执行数 ÷ 全年预算数 × 10，最高10分；金额单位为万元。",
    "3. 一级指标分值一般为：产出指标50分、效益指标30分、满意度指标10分，连同预算执行率合计100分。",
    "4. 年度指标值写明方向和单位，如“≥95%”“≤90万元”“＝100%”“≥50个”；实际完成值与之同单位时可只写数字。",
    "5. 定量指标：达到年度指标值的得满分；未达到的，正向指标（≥、＝）按 实际完成值 ÷ 年度指标值 × 分值，"
    "反向指标（≤）按 年度指标值 ÷ 实际完成值 × 分值 计分。",
    "6. 定性指标按达成情况在分值的 100%～80%（含）、80%～60%（含）、60%～0% 区间内自评计分。",
    "7. 得分由单位自评填写；未达到年度指标值的，请在“偏差原因分析及改进措施”中说明。",
};

struct Formats {
  lxw_format* title;
  lxw_format* subtitle;
  lxw_format* label;    // bold, centred, bordered
  lxw_format* heading;  // as label, shaded
  lxw_format* input;    // bordered text, wrapped
  lxw_format* number;   // bordered number
  lxw_format* percent;  // bordered 0.00%
  lxw_format* fixed;    // bordered, centred, printed by the form (10, —)
  lxw_format* note;     // wrapped, no border
};

Formats makeFormats(lxw_workbook* wb) {
  auto bordered = [&](bool bold, bool centred) {
    lxw_format* f = workbook_add_format(wb);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_text_wrap(f);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    if (centred) format_set_align(f, LXW_ALIGN_CENTER);
    if (bold) format_set_bold(f);
    return f;
  };
  Formats f{};
  f.title = workbook_add_format(wb);
  format_set_bold(f.title);
  format_set_font_size(f.title, 16);
  format_set_align(f.title, LXW_ALIGN_CENTER);
  format_set_align(f.title, LXW_ALIGN_VERTICAL_CENTER);
  f.subtitle = workbook_add_format(wb);
  format_set_align(f.subtitle, LXW_ALIGN_CENTER);
  f.label = bordered(true, true);
  f.heading = bordered(true, true);
  format_set_bg_color(f.heading, 0xDDEBF7);
  // Text cells stay text: "95%" typed under 实际完成值 is kept as written,
  // "≥50个" is text anyway.
  f.input = bordered(false, false);
  format_set_num_format(f.input, "@");
  f.number = bordered(false, false);
  f.percent = bordered(false, true);
  format_set_num_format(f.percent, "0.00%");
  f.fixed = bordered(false, true);
  f.note = workbook_add_format(wb);
  format_set_text_wrap(f.note);
  format_set_align(f.note, LXW_ALIGN_VERTICAL_TOP);
  return f;
}

void list(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const std::vector<std::string>& values, const char* title) {
  std::vector<char*> items;
  for (const auto& v : values) items.push_back(const_cast<char*>(v.c_str()));
  items.push_back(nullptr);
  lxw_data_validation dv{};
  dv.validate = LXW_VALIDATION_TYPE_LIST;
  dv.value_list = items.data();
  // A warning, not a refusal: provinces add their own 二级指标.
  dv.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;
  dv.error_title = const_cast<char*>(title);
  dv.error_message = const_cast<char*>("不是表中列出的指标类别；仍要使用请点“是”。");
  worksheet_data_validation_cell(ws, row, col, &dv);
}

// 分值 and 得分: a number from 0 to 100; 得分 no more than its row's 分值.
void scoreRange(lxw_worksheet* ws, lxw_row_t first, lxw_row_t last, lxw_col_t col, const std::string& maxFormula,
                const char* message) {
  lxw_data_validation dv{};
  dv.validate = maxFormula.empty() ? LXW_VALIDATION_TYPE_DECIMAL : LXW_VALIDATION_TYPE_DECIMAL_FORMULA;
  dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
  dv.minimum_number = 0;
  dv.maximum_number = 100;
  const std::string zero = "=0";
  if (!maxFormula.empty()) {
    dv.minimum_formula = const_cast<char*>(zero.c_str());
    dv.maximum_formula = const_cast<char*>(maxFormula.c_str());
  }
  dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
  dv.error_title = const_cast<char*>("超出取值范围");
  dv.error_message = const_cast<char*>(message);
  worksheet_data_validation_range(ws, first, col, last, col, &dv);
}

std::string cellRef(lxw_row_t row, lxw_col_t col) { return xlsx::columnLetters(col) + std::to_string(row + 1); }

}  // namespace

ProjectFormCells projectFormCells(const ProjectFormTemplate& form) {
  ProjectFormCells cells;
  cells.totalRow = cells.indicatorFirstRow + std::max(1, form.indicatorRows);
  return cells;
}

bool writeProjectFormXlsx(const std::string& path, const ProjectFormTemplate& form, std::string& error) {
  lxw_workbook* wb = xlsx::newWorkbook(path, error);
  if (!wb) return false;
  const Formats f = makeFormats(wb);
  const ProjectFormCells at = projectFormCells(form);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "项目支出绩效自评表");

  const double widths[] = {11, 13, 15, 26, 16, 14, 8, 9, 26};
  for (lxw_col_t c = 0; c <= kLastCol; ++c) worksheet_set_column(ws, c, c, widths[c], nullptr);

  worksheet_merge_range(ws, 0, 0, 0, kLastCol, "项目支出绩效自评表", f.title);
  worksheet_set_row(ws, 0, 30, nullptr);
  const std::string year = form.year > 0 ? "（" + std::to_string(form.year) + "年度）" : "（    年度）";
  worksheet_merge_range(ws, 1, 0, 1, kLastCol, year.c_str(), f.subtitle);

  worksheet_write_string(ws, at.projectNameRow, 0, kProjectName, f.label);
  worksheet_merge_range(ws, at.projectNameRow, 1, at.projectNameRow, kLastCol, "", f.input);
  worksheet_write_string(ws, at.departmentRow, 0, kDepartment, f.label);
  worksheet_merge_range(ws, at.departmentRow, 1, at.departmentRow, 3, "", f.input);
  worksheet_write_string(ws, at.departmentRow, 4, kUnit, f.label);
  worksheet_merge_range(ws, at.departmentRow, 5, at.departmentRow, kLastCol, "", f.input);

  // 项目资金（万元）: headings, then 年度资金总额 and its sources.
  const auto& sources = fundSources();
  const lxw_row_t fundsLast = static_cast<lxw_row_t>(at.fundsFirstRow + sources.size() - 1);
  worksheet_merge_range(ws, at.fundsHeaderRow, 0, fundsLast, 0, "项目资金\n（万元）", f.label);
  worksheet_merge_range(ws, at.fundsHeaderRow, 1, at.fundsHeaderRow, 2, "", f.heading);
  const auto& funds = fundsColumns();  // 资金来源, 年初预算数 … 得分
  for (size_t i = 1; i < funds.size(); ++i)
    worksheet_write_string(ws, at.fundsHeaderRow, static_cast<lxw_col_t>(2 + i), funds[i].c_str(), f.heading);
  for (size_t s = 0; s < sources.size(); ++s) {
    const auto r = static_cast<lxw_row_t>(at.fundsFirstRow + s);
    const std::string label = s == 1 ? "其中：" + sources[s] : sources[s];
    worksheet_merge_range(ws, r, 1, r, 2, label.c_str(), f.label);
    for (lxw_col_t c = 3; c <= 5; ++c) worksheet_write_blank(ws, r, c, f.number);
    if (s == 0) {
      worksheet_write_number(ws, r, 6, 10, f.fixed);
      // Shown while filling in; an empty text until the figures are there,
      // so an untouched form reads as no value.
      const std::string rate = "=IF(N(" + cellRef(r, 4) + ")=0,\"\"," + cellRef(r, 5) + "/" + cellRef(r, 4) + ")";
      worksheet_write_formula_str(ws, r, 7, rate.c_str(), f.percent, "");
      worksheet_write_blank(ws, r, 8, f.number);
    } else {
      for (lxw_col_t c = 6; c <= kLastCol; ++c) worksheet_write_string(ws, r, c, "—", f.fixed);
    }
  }
  lxw_data_validation money{};
  money.validate = LXW_VALIDATION_TYPE_DECIMAL;
  money.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
  money.value_number = 0;
  money.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
  money.error_title = const_cast<char*>("金额有误");
  money.error_message = const_cast<char*>("请填写不小于0的金额（万元）。");
  worksheet_data_validation_range(ws, at.fundsFirstRow, 3, fundsLast, 5, &money);
  scoreRange(ws, at.fundsFirstRow, at.fundsFirstRow, 8, "=G" + std::to_string(at.fundsFirstRow + 1), "得分应在0到分值之间。");

  // 年度总体目标: 预期目标 | 实际完成情况, the texts below.
  const lxw_row_t goalHead = static_cast<lxw_row_t>(at.goalTextRow - 1);
  worksheet_merge_range(ws, goalHead, 0, at.goalTextRow, 0, kGoal, f.label);
  worksheet_merge_range(ws, goalHead, 1, goalHead, 4, "预期目标", f.heading);
  worksheet_merge_range(ws, goalHead, 5, goalHead, kLastCol, kAchieved, f.heading);
  worksheet_merge_range(ws, at.goalTextRow, 1, at.goalTextRow, 4, "", f.input);
  worksheet_merge_range(ws, at.goalTextRow, 5, at.goalTextRow, kLastCol, "", f.input);
  worksheet_set_row(ws, at.goalTextRow, 60, nullptr);

  // 绩效指标: headings, then the blank rows with 一级 written and 二级 offered.
  const auto& headings = indicatorColumns();
  const auto first = static_cast<lxw_row_t>(at.indicatorFirstRow);
  const auto last = static_cast<lxw_row_t>(at.totalRow - 1);
  worksheet_merge_range(ws, at.indicatorHeaderRow, 0, last, 0, kIndicators, f.label);
  for (size_t i = 0; i < headings.size(); ++i)
    worksheet_write_string(ws, at.indicatorHeaderRow, static_cast<lxw_col_t>(1 + i), headings[i].c_str(), f.heading);
  worksheet_set_row(ws, at.indicatorHeaderRow, 30, nullptr);
  const int n = static_cast<int>(last - first + 1);
  const int satisfaction = n >= 3 ? std::max(1, n * 2 / 15) : 0;
  const int output = std::max(1, (n * 8 + 14) / 15);
  const auto& levels = nationalLevels();
  std::vector<std::string> level1Names;
  for (const auto& l : levels) level1Names.push_back(l.name);
  for (int i = 0; i < n; ++i) {
    const auto r = static_cast<lxw_row_t>(first + i);
    const size_t level = i < output ? 0 : i < n - satisfaction ? 1 : 2;
    worksheet_write_string(ws, r, 1, levels[level].name.c_str(), f.input);
    list(ws, r, 1, level1Names, "一级指标");
    worksheet_write_blank(ws, r, 2, f.input);
    list(ws, r, 2, levels[level].level2, "二级指标");
    for (lxw_col_t c : {3, 4, 5, 8}) worksheet_write_blank(ws, r, c, f.input);
    worksheet_write_blank(ws, r, 6, f.number);
    worksheet_write_blank(ws, r, 7, f.number);
    worksheet_set_row(ws, r, 20, nullptr);
  }
  scoreRange(ws, first, last, 6, "", "分值应在0到100之间。");
  scoreRange(ws, first, last, 7, "=G" + std::to_string(first + 1), "得分应在0到本行分值之间。");

  // 总分: the 分值 total (100 when the weights are right) and the self-score.
  const auto total = static_cast<lxw_row_t>(at.totalRow);
  worksheet_merge_range(ws, total, 0, total, 5, kTotal, f.label);
  const std::string weights = "=G" + std::to_string(at.fundsFirstRow + 1) + "+SUM(" + cellRef(first, 6) + ":" + cellRef(last, 6) + ")";
  const std::string scores = "=IF(COUNT(" + cellRef(first, 7) + ":" + cellRef(last, 7) + ")+COUNT(I" +
                             std::to_string(at.fundsFirstRow + 1) + ")=0,\"\",I" + std::to_string(at.fundsFirstRow + 1) +
                             "+SUM(" + cellRef(first, 7) + ":" + cellRef(last, 7) + "))";
  worksheet_write_formula_str(ws, total, 6, weights.c_str(), f.fixed, "");
  worksheet_write_formula_str(ws, total, 7, scores.c_str(), f.fixed, "");
  worksheet_write_blank(ws, total, 8, f.fixed);

  lxw_row_t r = total + 2;
  for (const char* note : kNotes) {
    worksheet_merge_range(ws, r, 0, r, kLastCol, note, f.note);
    worksheet_set_row(ws, r, xlsx::rowHeight({{note, 140}}), nullptr);
    ++r;
  }
  if (!form.ruleset.empty()) {
    const std::string by = "计分规则：" + form.ruleset + "（defen）";
    worksheet_merge_range(ws, r, 0, r, kLastCol, by.c_str(), f.note);
    ++r;
  }

  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);  // A4
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_center_horizontally(ws);
  worksheet_set_margins(ws, 0.5, 0.5, 0.6, 0.6);
  worksheet_print_area(ws, 0, 0, r - 1, kLastCol);
  worksheet_set_footer(ws, "&C第 &P 页，共 &N 页");

  const lxw_error status = workbook_close(wb);
  if (status != LXW_NO_ERROR) {
    error = "无法写入 Excel 文件 " + path + "（" + lxw_strerror(status) + "）";
    return false;
  }
  return true;
}

std::vector<TemplateColumn> longFormColumns() {
  auto column = [](std::string name, const char* kind, const char* note, bool required = false) {
    TemplateColumn c;
    c.name = std::move(name);
    c.kind = kind;
    c.note = note;
    c.required = required;
    return c;
  };
  std::vector<TemplateColumn> out{
      column(kProjectName, "文字", "同一项目的各行连续排列；只写在第一行时，其余行留空即接续该项目。", true),
      column(kDepartment, "文字", "每行重复，或只写在该项目的第一行。"),
      column(kUnit, "文字", "每行重复，或只写在该项目的第一行。"),
      column(kYear, "年份", "如 2024。"),
  };
  for (size_t s = 0; s < 2; ++s)  // 年度资金总额, 当年财政拨款: the rows the scoring reads
    for (const char* figure : {"年初预算数", "全年预算数", "全年执行数"})
      out.push_back(column(fundSources()[s] + "." + figure, "金额（万元）",
                           "项目资金：来源.栏目；其他来源照此加列，如“上年结转资金.全年执行数”。"));
  out.push_back(column(kGoal, "文字", "年度总体目标（预期目标）。"));
  out.push_back(column(kAchieved, "文字", "年度总体目标的实际完成情况。"));
  out.push_back(column(kLevel1, "文字", "产出指标、效益指标、满意度指标；只写在该类的第一行时向下沿用。"));
  out.push_back(column(kLevel2, "文字", "如数量指标、质量指标、时效指标、成本指标、社会效益指标、服务对象满意度指标；只写一次时向下沿用。"));
  out.push_back(column(kLevel3, "文字", "项目自己的指标名称。", true));
  out.push_back(column(kTarget, "指标值", "写明方向和单位：≥95%、≤90万元、＝100%、≥50个；定性指标写文字。", true));
  out.push_back(column(kActual, "指标值", "与年度指标值同单位时可只写数字（“≥95%”下的 95 即 95%）；定性指标写达成情况。"));
  out.push_back(column(kWeight, "分值", "本行的分值；连同预算执行率10分合计100分。", true));
  out.push_back(column(kScore, "分值", "单位自评得分，可空。"));
  out.push_back(column(kReason, "文字", "未达到年度指标值的，说明原因和改进措施。"));
  out.push_back(column(kTotal, "分值", "单位自评总分，可空。"));
  return out;
}

std::vector<std::string> longFormHeader() {
  std::vector<std::string> names;
  for (const TemplateColumn& c : longFormColumns()) names.push_back(c.name);
  return names;
}

}  // namespace defen

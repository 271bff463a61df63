// What the national 项目支出绩效自评表 (财预〔2020〕10号) shows for one scored
// record, worked out once for the HTML, XLSX and Word writers, which only draw
// it: the header block (项目名称, 主管部门, 实施单位), the 项目资金 table with
// the 预算执行率's 分值, 执行率 and 得分 on the 年度资金总额 line, 年度总体目标 /
// 实际完成情况, the 绩效指标 table (一级 | 二级 | 三级指标 | 年度指标值 | 实际完成值
// | 分值 | 得分 | 偏差原因分析及改进措施, with the rule's score beside a unit's
// that differs), the 总分 line with the grade, and the record's errors and
// 提示 for a list under the table, then each line's 评分说明. docs/reports.md
// shows the layout.
#pragma once

#include "compiler/report/report.h"
#include "compiler/core/result.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace defen {

// The form's grid: one column of labels (项目名称, 项目资金, 绩效指标 …), then
// 一级 二级 三级指标 年度指标值 实际完成值 分值 得分 规则得分 偏差原因. The other
// blocks lie on the same columns (项目资金: 资金来源 over 一级+二级, 年初预算数
// under 三级指标, 全年预算数, 全年执行数, then 分值, 执行率 under 得分, 得分 under 规则得分).
inline constexpr int kFormColumns = 10;
// Widths of those columns, summing to `total` (any unit).
std::vector<int> projectFormColumnWidths(int total);

struct FormFundsRow {
  std::string source, initial, budget, spent;  // as written
  bool scored = false;                         // the 年度资金总额 line: 分值, 执行率 and 得分 are its
  Decimal weight, score;                       // 分值 and 得分 of the 预算执行率
  std::optional<Decimal> rate;                 // 全年执行数 ÷ 全年预算数, when both are plain numbers and the budget is not 0
};

struct FormIndicatorRow {
  std::string level1, level2;  // shown on the first row of a run of equal groups
  int span1 = 1, span2 = 1;    // rows the group cell covers from here; 0 when a row above covers it
  std::string name, target, achieved, note;
  Decimal weight, score, computed;
  bool failed = false;        // no score: `note` holds the error
  bool showComputed = false;  // the rule's score differs from what stands (the unit's 得分)
  bool self = false;          // the 得分 is the unit's
};

struct ProjectFormView {
  std::string project, department, unit, year;  // year: "2022年度" when the data says which
  std::vector<FormFundsRow> funds;
  std::string goal, achieved;
  std::vector<FormIndicatorRow> indicators;
  bool scored = false;  // the record has scores (else only its header and errors are shown)
  Decimal maxTotal, total, computed;
  bool showComputed = false;  // the rule-only total differs from the total, or lacks rows the rule could not check
  // "（不完整：…）" when the rule-only total lacks such rows, else empty.
  std::string computedNote;
  std::string gradeLine;      // "等级：优", "不完整，等级待定" (some line faulted), or empty
  std::vector<std::string> errors, warnings;
  // The 评分说明 of each line, in the form's order (the 预算执行率 first): the
  // form has no column for them, so the writers list them under it.
  std::vector<std::pair<std::string, std::string>> explanations;  // (三级指标 or 预算执行率, text)
};

// Whether a record is printed as the national form (its data was one).
inline bool isProjectForm(const RecordResult& rec) { return rec.form != nullptr; }

// The form of one record (isProjectForm). Leaves that are not 逐行 and not
// the 预算执行率 of the 项目资金 table are listed as lines of the 绩效指标 table
// under their own names, so every score of the record is on the form.
ProjectFormView projectFormView(const ReportSchema& schema, const RecordResult& rec);

// "项目支出绩效自评表": the title every writer prints above a form.
inline constexpr const char* kProjectFormTitle = "项目支出绩效自评表";

}  // namespace defen

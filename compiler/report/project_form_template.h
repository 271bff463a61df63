// The national 项目支出绩效自评表 as an empty Excel form (`defen template
// --form`): the layout units already fill in by hand, so the file they fill
// is the file `defen eval` reads back (compiler/io/project_form_xlsx.h).
#pragma once

#include "compiler/report/template_sheet.h"

#include <string>
#include <vector>

namespace defen {

struct ProjectFormTemplate {
  std::string ruleset;      // the ruleset's name, named in the notes below the form
  int year = 0;             // 0: "（    年度）", for the unit to write the year in
  int indicatorRows = 15;   // blank indicator rows (一级 written, 二级 a drop-down)
};

// Where things are on the written form (0-based rows and columns), for the
// round-trip test and for anyone filling the form by program.
struct ProjectFormCells {
  int projectNameRow = 2;            // value in column B
  int departmentRow = 3;             // 主管部门 in B, 实施单位 in F
  int fundsHeaderRow = 4;            // 年初预算数 in D … 得分 in I
  int fundsFirstRow = 5;             // 年度资金总额, 当年财政拨款, 上年结转资金, 其他资金
  int goalTextRow = 10;              // 预期目标 in B, 实际完成情况 in F
  int indicatorHeaderRow = 11;       // 一级指标 in B … 偏差原因分析及改进措施 in I
  int indicatorFirstRow = 12;
  int totalRow = 0;                  // 总分: 分值 total in G, 得分 total in H
};
ProjectFormCells projectFormCells(const ProjectFormTemplate& form);

// One sheet, 项目支出绩效自评表: title and （年度）, 项目名称, 主管部门 and
// 实施单位, the funds block with its sources, 年度总体目标, the indicator
// table with drop-downs for 一级/二级 and a range check on 分值 and 得分, 总分
// (a formula), and the form's scoring notes below it; A4 landscape on one
// page wide. False with `error` (Chinese) when it cannot be written.
bool writeProjectFormXlsx(const std::string& path, const ProjectFormTemplate& form, std::string& error);

// The columns of the long CSV form (compiler/io/long_form.h), with what to
// write in each: the project's fields, 项目资金 as `来源.列`, then the
// indicator row's columns.
std::vector<TemplateColumn> longFormColumns();
std::vector<std::string> longFormHeader();  // their names

}  // namespace defen

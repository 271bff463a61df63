// Reading the national 项目支出绩效自评表 from Excel, one sheet per project,
// as units fill it in: each block is found by its label, never by a fixed
// cell address, because every province moves, merges and rewords them.
//
//   项目名称 / 主管部门 / 实施单位   the first cell right of the label
//   年度                            "（2022年度）" in the title rows, or a label 年度
//   项目资金                         the row of headings (年初预算数, 全年预算数, 全年执行数, 分值, 执行率,
//                                   得分) and below it one row per source (年度资金总额, 其中：当年财政拨款…);
//                                   a source with no figure is left out, "—" is no value
//   年度总体目标                     the text under 预期目标 and under 实际完成情况
//   绩效指标                         the row with 一级指标 and 三级指标, then one row per indicator until
//                                   总分 or a row with something left of the table (notes, signatures);
//                                   一级/二级 written once for several rows (merged cells) are carried down,
//                                   blank rows skipped, an extra column kept under its own heading
//   总分                             the 得分 column of the 总分 row
// Cells are the text Excel shows (compiler/io/xlsx_package.h). The record shape is
// compiler/io/project_form.h.
#pragma once

#include "compiler/core/table.h"
#include "compiler/io/xlsx_package.h"

#include <string>

namespace defen {

// The rows of a sheet looked at to decide whether it is a form.
inline constexpr std::size_t kFormPeekRows = 200;

// A sheet holds a form when one of its cells is the label 绩效指标, or when
// a row of indicator headings (三级指标 beside 一级指标 or 二级指标) comes below
// the label 项目名称 (a table captioned "年度绩效指标").
bool hasProjectFormLabel(const xlsx::Grid& grid);

// Whether a workbook holds forms: a look at the top of every sheet (or only
// at `sheet` when one is named). False with `error` set when a sheet cannot
// be read.
bool isProjectFormWorkbook(const xlsx::Workbook& book, const std::string& sheet, bool& forms, std::string& error);

// One record per form: every sheet of the workbook, or only `sheet`.
// Record::row is the sheet's position among the tabs (1 for the first) and
// Record::line the Excel row of 项目名称; a list's rows have the Excel row as
// their line. A sheet that is no form (no 项目名称, 绩效指标 or 自评表 title)
// is skipped with a warning (a hidden one silently: it holds lists for the
// drop-downs); a form whose indicator table cannot be found is an error for
// its row naming the sheet.
Table readProjectForms(const xlsx::Workbook& book, const std::string& sheet);

// One sheet already read; `row` is the record's number. Adds the record to
// `out` (or a warning or an error).
void readProjectFormSheet(const xlsx::Grid& grid, int row, bool hidden, Table& out);

}  // namespace defen

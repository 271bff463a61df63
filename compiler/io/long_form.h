// The long form of a table of projects: one line per indicator row, the
// project's own fields repeated on its lines, as a CSV (or a plain sheet)
// exported from a database or typed by hand:
//
//   项目名称,主管部门,年度资金总额.全年预算数,年度资金总额.全年执行数,一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分
//   委托业务项目,市住建局,89.974,89.974,产出指标,数量指标,基建工程委托业务项目数量,≥50个,50,8,
//   委托业务项目,市住建局,89.974,89.974,,质量指标,经费支出合规性,严格执行相关制度规定,达成预期指标,8,8
//
// groupLongForm turns consecutive lines of one 项目名称 into one record of the
// shape the JSON and XLSX forms give (compiler/io/project_form.h): the list's
// columns become the rows of one Cell::Kind::Rows cell, `来源.列` columns the
// rows of another (项目资金: a row 年度资金总额 with its 全年预算数 and 全年执行数).
#pragma once

#include "compiler/core/table.h"

#include <string>
#include <vector>

namespace defen {

// A list written across the columns of a line as `行名.列`: each 行名 is one
// row, with `labelColumn` holding 行名 (项目资金: 年度资金总额.全年预算数 →
// the row 资金来源 = 年度资金总额, 全年预算数 = …).
struct SpreadList {
  std::string name;
  std::string labelColumn;
  std::vector<std::string> columns;  // the columns after the label
};

struct LongFormLayout {
  std::string key = "项目名称";
  // The list whose rows are the file's lines, and its columns (a declared
  // row set's columns). Empty: the national form's headings found in the
  // header (一级指标 … 偏差原因分析及改进措施, as project_form.h words them).
  std::string list = "绩效指标";
  std::vector<std::string> listColumns;
  std::vector<SpreadList> spread;
};

// The national 项目支出绩效自评表: key 项目名称, list 绩效指标 with its headings
// found in the header, 项目资金 spread as `来源.年初预算数` … `来源.得分`.
LongFormLayout nationalLongForm();

// Whether `lines` is written in the long form: the key column is there, the
// list is not a column of its own (a JSON file or an XLSX form already gives
// it as a list) and at least one of the list's columns is.
bool isLongForm(const Table& lines, const LongFormLayout& layout);

// One record per project: consecutive lines with the same key, a line with
// an empty key continuing the project above it. Record::row numbers the
// projects, Record::line is the project's first line; each list row keeps
// its line. On a project's lines a field is written on every line or on some
// of them; two different values are an error naming both lines and the cell
// is left Missing. 一级指标 and 二级指标 left empty under a filled one (merged
// cells exported) are carried down within the project. A project whose lines
// are not together is an error for each part. A table that is not in the long
// form is returned as it is.
Table groupLongForm(const Table& lines, const LongFormLayout& layout = nationalLongForm());

}  // namespace defen

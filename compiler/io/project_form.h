// The national 项目支出绩效自评表 (财预〔2020〕10号 附件2) as data: the
// record every reader makes of one project, and the form's headings as
// provinces word them.
//
// One record is one project, in the shape a JSON file gives it as is:
//   项目名称 主管部门 实施单位 年度
//   项目资金   a list (Cell::Kind::Rows): 资金来源 年初预算数 全年预算数 全年执行数 分值 执行率 得分
//   年度总体目标 实际完成情况
//   绩效指标   a list: 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施 (and any
//             extra column the form has, such as 得分计算方法, under its own heading)
//   总分
// The XLSX form (project_form_xlsx.h), the long CSV (long_form.h) and the
// template (project_form_template.h) all use these names, so a ruleset
// written against one format reads the others.
#pragma once

#include "compiler/core/result.h"
#include "compiler/core/table.h"

#include <string>
#include <string_view>
#include <vector>

namespace defen::projectform {

inline constexpr const char* kProjectName = "项目名称";
inline constexpr const char* kDepartment = "主管部门";
inline constexpr const char* kUnit = "实施单位";
inline constexpr const char* kYear = "年度";
inline constexpr const char* kFunds = "项目资金";
inline constexpr const char* kGoal = "年度总体目标";
inline constexpr const char* kAchieved = "实际完成情况";
inline constexpr const char* kIndicators = "绩效指标";
inline constexpr const char* kTotal = "总分";

inline constexpr const char* kSource = "资金来源";
inline constexpr const char* kFundsTotal = "年度资金总额";

inline constexpr const char* kLevel1 = "一级指标";
inline constexpr const char* kLevel2 = "二级指标";
inline constexpr const char* kLevel3 = "三级指标";
inline constexpr const char* kTarget = "年度指标值";
inline constexpr const char* kActual = "实际完成值";
inline constexpr const char* kWeight = "分值";
inline constexpr const char* kScore = "得分";
inline constexpr const char* kReason = "偏差原因分析及改进措施";

// The record's columns, in this order.
const std::vector<std::string>& recordColumns();
// The columns of a 项目资金 row: 资金来源 then the figures.
const std::vector<std::string>& fundsColumns();
// The columns of a 绩效指标 row on the national form.
const std::vector<std::string>& indicatorColumns();

// The sources of funds the form prints, in order: 年度资金总额, 当年财政拨款,
// 上年结转资金, 其他资金.
const std::vector<std::string>& fundSources();

// 二级指标 under each 一级指标 (the form's notes): 产出指标 → 数量指标 质量指标
// 时效指标 成本指标; 效益指标 → 经济效益指标 社会效益指标 生态效益指标
// 可持续影响指标; 满意度指标 → 服务对象满意度指标.
struct Level1 {
  std::string name;
  std::vector<std::string> level2;
};
const std::vector<Level1>& nationalLevels();

// A label as written on a form, reduced to what identifies it: every space
// and line break dropped (labels in narrow merged cells are often written
// "绩\n效\n指\n标"), a bracketed note dropped ("项目资金（万元）" → 项目资金,
// "年度指标值（A）" → 年度指标值) and a trailing colon.
std::string labelText(std::string_view text);

// A heading of the funds block or the indicator table under the name the
// record uses: labelText, then the wordings provinces use for the same
// column ("指标值" and "全年指标值" → 年度指标值, "全年实际值" → 实际完成值,
// "自评得分" → 得分, "偏差原因分析和改进措施" → 偏差原因分析及改进措施). Any
// other heading is returned as labelText gives it.
std::string canonicalHeading(std::string_view text);

// A 资金来源 as written, without its "其中：" ("其中：当年财政拨款" →
// 当年财政拨款). The wording is kept: some forms say 本年财政拨款.
std::string fundSourceName(std::string_view text);

// A cell the form prints as a placeholder ("—", "－", "/"): no value.
bool isPlaceholder(std::string_view text);

// A record's data holds a national form when it has the list 绩效指标.
bool holdsProjectForm(const Table& table);
// The form's own text around its indicator rows (FormFields, compiler/core/result.h)
// of one record of such a table, for the documents to print the form; a field
// the data lacks is empty.
FormFields formFields(const Table& table, const Record& record);

}  // namespace defen::projectform

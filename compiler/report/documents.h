// Reports written once every record is scored (unlike the streaming JSON/CSV/
// table writers of report.h): the 附件1 table as Markdown and as one
// self-contained HTML page, and the batch summary across departments.
// docs/reports.md describes what each contains and the summary's JSON shape.
#pragma once

#include "compiler/report/report.h"
#include "compiler/core/result.h"

#include <ostream>
#include <string>
#include <vector>

namespace defen {

// Per department: a heading with its total and grade, the 附件1 table
// (一级/二级/三级…指标, 分值, 评分标准, 评分说明, 得分), the 加减分 row when the
// standard has one, the 合计 row, and the record's errors.
void writeMarkdownReport(std::ostream& out, const ReportSchema& schema, const std::vector<RecordResult>& results);
// The same as one HTML page: a table of contents when there are several
// departments, then per department the total and grade, a bar chart of the
// score rate of each 一级 indicator, the header form (被评价单位, 评价年度, 标准
// 名称), the 附件1 table with merged level cells, and the signature block.
// It prints on A4 landscape, the table's header rows on every page.
void writeHtmlReport(std::ostream& out, const ReportSchema& schema, const std::vector<RecordResult>& results);

// Word (.docx) files written to `path` (false with `error` set when it cannot
// be written). The report: per department, on A4 landscape, a header (被评价
// 单位, 评价年度, 标准名称), the 附件1 table (merged level cells, header rows
// repeated on every page) and a signature block (评价机构, 评价人, 日期, 盖章处).
bool writeDocxReport(const std::string& path, const ReportSchema& schema, const std::vector<RecordResult>& results, std::string& error);
// The 评价报告 draft: with several departments first the batch summary
// (ranking, grades, histogram, indicator rates), then per department 基本情况,
// 评价结论 (总分, 等级), 各指标得分情况 with a bar chart of the 一级 rates,
// and 主要失分点及原因 from the 评分说明 (A4 portrait), then its 评分表 as
// 附件1 in a landscape section.
bool writeDocxSummary(const std::string& path, const ReportSchema& schema, const std::vector<RecordResult>& results, std::string& error);

// The batch summary (batch_summary.h) in three forms.
void writeSummaryJson(std::ostream& out, const ReportSchema& schema, const std::vector<RecordResult>& results);
void writeSummaryMarkdown(std::ostream& out, const ReportSchema& schema, const std::vector<RecordResult>& results);
void writeSummaryHtml(std::ostream& out, const ReportSchema& schema, const std::vector<RecordResult>& results);

// Text shared by the writers above.
// The department's name, else "第N行".
std::string recordName(const RecordResult& rec);
// "湛江市 · 2022年度 · 版本 2022.1 · 总分100分": the parts of the header that are set.
std::string rulesetLine(const ReportSchema& schema);

}  // namespace defen

// The XLSX report (libxlsxwriter): a sheet 汇总 with one row per department,
// then one sheet per department in the seed's 附件1 layout (一级指标 | 二级指标
// | 三级指标 | 分值 | 评分标准 | 评分说明 | 得分) with merged level cells, the
// 加减分 line, and the total with its grade. Scores are numbers, not text, so
// the bureau can sum and sort them.
#pragma once

#include "compiler/report/report.h"

#include <string>
#include <vector>

namespace defen {

// Writes the workbook to `path`. False with `error` (Chinese) when the file
// cannot be written.
bool writeXlsxReport(const std::string& path, const ReportSchema& schema, const std::vector<RecordResult>& results,
                     std::string& error);

}  // namespace defen

// The layout of the seed tables' 附件1 (一级指标 | 二级指标 | 三级指标 | 分值 |
// 评分标准 | 评分说明 | 得分): one row per leaf indicator, its ancestors in the
// level columns, a parent's cell spanning the rows of all its leaves. The HTML
// and XLSX reports both draw this grid, so it is computed once, here.
#pragma once

#include "compiler/report/report.h"

#include <string>
#include <vector>

namespace defen {

struct LayoutRow {
  int leaf = -1;            // schema.nodes index of the leaf on this row
  std::vector<int> levels;  // per level column: the node shown there, -1 below a shallow leaf
  std::vector<int> spans;   // per level column: rows the cell spans from this row; 0 when a row above covers it
};

struct AttachmentLayout {
  int depth = 3;  // level columns: the deepest path, at least 3 as in the seed tables
  std::vector<LayoutRow> rows;
};

AttachmentLayout attachmentLayout(const ReportSchema& schema);

// Widths of the 附件1 grid's columns, summing to `total` (any unit): per level
// its 名称 and 分值, then 评分标准, 评分说明 and 得分. The level columns stay
// narrow (about 45% of the width at most, however deep the tree) so the two
// text columns get the rest and wrap at twenty-odd characters, not three.
std::vector<int> attachmentColumnWidths(int depth, int total);

// "一级指标", "二级指标", … for the level columns.
std::string levelHeader(int level);  // level counts from 0

}  // namespace defen

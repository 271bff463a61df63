#include "compiler/report/attachment_layout.h"

#include <algorithm>

namespace defen {

std::string levelHeader(int level) {
  static const char* const kDigits[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
  std::string n = level < 10 ? kDigits[level] : std::to_string(level + 1);
  return n + "级指标";
}

std::vector<int> attachmentColumnWidths(int depth, int total) {
  // In thousandths: each level 9.5% (7% name, 2.5% 分值) up to 40% in all,
  // 得分 6% (room for a status badge), the two text columns the rest.
  const int levels = std::min(400, depth * 95), name = levels * 70 / 95 / std::max(depth, 1), points = levels * 25 / 95 / std::max(depth, 1);
  const int score = 60, text = (1000 - depth * (name + points) - score) / 2;
  std::vector<int> widths;
  for (int l = 0; l < depth; ++l) widths.insert(widths.end(), {name, points});
  widths.insert(widths.end(), {text, text, score});
  int used = 0;
  for (int& w : widths) used += (w = static_cast<int>(static_cast<long long>(w) * total / 1000));
  widths[widths.size() - 3] += total - used;  // rounding: 评分标准 absorbs it
  return widths;
}

AttachmentLayout attachmentLayout(const ReportSchema& schema) {
  AttachmentLayout layout;
  for (const auto& n : schema.nodes) layout.depth = std::max(layout.depth, static_cast<int>(n.path.size()));

  // Nodes come in document order with each parent before its children, so a
  // stack of the open ancestors gives every leaf its column of ancestors.
  std::vector<int> open;
  for (int i = 0; i < static_cast<int>(schema.nodes.size()); ++i) {
    const auto& node = schema.nodes[i];
    open.resize(node.path.size() - 1);
    open.push_back(i);
    if (!node.leaf) continue;
    LayoutRow row;
    row.leaf = i;
    row.levels.assign(layout.depth, -1);
    for (size_t l = 0; l < open.size(); ++l) row.levels[l] = open[l];
    row.spans.assign(layout.depth, 1);
    layout.rows.push_back(std::move(row));
  }

  // A cell spans down while the rows below show the same node in its column.
  for (int l = 0; l < layout.depth; ++l) {
    for (size_t r = 0; r < layout.rows.size();) {
      size_t end = r + 1;
      int node = layout.rows[r].levels[l];
      while (node >= 0 && end < layout.rows.size() && layout.rows[end].levels[l] == node) ++end;
      layout.rows[r].spans[l] = static_cast<int>(end - r);
      for (size_t k = r + 1; k < end; ++k) layout.rows[k].spans[l] = 0;
      r = end;
    }
  }
  return layout;
}

}  // namespace defen

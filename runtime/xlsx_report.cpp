#include "runtime/xlsx_report.h"

#include "runtime/attachment_layout.h"
#include "runtime/batch_summary.h"
#include "runtime/xlsx_common.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <fstream>
#include <set>

namespace defen {
namespace {

using xlsx::toDouble;

struct Formats {
  lxw_format* title = nullptr;
  lxw_format* header = nullptr;
  lxw_format* text = nullptr;    // wrapped, top-left
  lxw_format* level = nullptr;   // wrapped, centred: the merged indicator cells
  lxw_format* score = nullptr;   // a number with the ruleset's places
  lxw_format* strong = nullptr;  // the 合计 row's text
  lxw_format* strongScore = nullptr;
  lxw_format* error = nullptr;
};

Formats makeFormats(lxw_workbook* wb, int places) {
  const std::string number = xlsx::numberFormat(places);
  auto base = [&](bool wrap) {
    lxw_format* f = workbook_add_format(wb);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    if (wrap) format_set_text_wrap(f);
    return f;
  };
  Formats f;
  f.title = workbook_add_format(wb);
  format_set_bold(f.title);
  format_set_font_size(f.title, 14);
  format_set_align(f.title, LXW_ALIGN_CENTER);
  format_set_align(f.title, LXW_ALIGN_VERTICAL_CENTER);
  format_set_text_wrap(f.title);
  f.header = base(true);
  format_set_bold(f.header);
  format_set_align(f.header, LXW_ALIGN_CENTER);
  format_set_bg_color(f.header, 0xDDEBF7);
  f.text = base(true);
  f.level = base(true);
  format_set_align(f.level, LXW_ALIGN_CENTER);
  f.score = base(false);
  format_set_align(f.score, LXW_ALIGN_CENTER);
  format_set_num_format(f.score, number.c_str());
  f.strong = base(true);
  format_set_bold(f.strong);
  format_set_align(f.strong, LXW_ALIGN_CENTER);
  f.strongScore = base(false);
  format_set_bold(f.strongScore);
  format_set_align(f.strongScore, LXW_ALIGN_CENTER);
  format_set_num_format(f.strongScore, number.c_str());
  f.error = workbook_add_format(wb);
  format_set_text_wrap(f.error);
  format_set_font_color(f.error, 0xC00000);
  return f;
}

// A text cell, merged over the range when it covers more than one cell
// (libxlsxwriter refuses a one-cell merge).
void writeText(lxw_worksheet* ws, int r1, int c1, int r2, int c2, const std::string& text, lxw_format* f) {
  if (r1 == r2 && c1 == c2) worksheet_write_string(ws, static_cast<lxw_row_t>(r1), static_cast<lxw_col_t>(c1), text.c_str(), f);
  else worksheet_merge_range(ws, static_cast<lxw_row_t>(r1), static_cast<lxw_col_t>(c1), static_cast<lxw_row_t>(r2),
                             static_cast<lxw_col_t>(c2), text.c_str(), f);
}

void writeScore(lxw_worksheet* ws, int row, int col, Decimal v, lxw_format* f) {
  worksheet_write_number(ws, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), toDouble(v), f);
}

Decimal net(const RecordResult& r) {
  Decimal d;
  checkedSub(r.bonus, r.penalty, d);
  return d;
}

std::string title(const ReportSchema& schema) {
  return schema.name + (schema.year ? "（" + std::to_string(schema.year) + "年度）" : "");
}

std::string recordLabel(const RecordResult& r) { return r.id.empty() ? "第" + std::to_string(r.row) + "行" : r.id; }

// ---------------------------------------------------------------------------
// 汇总: one row per department; a second header row holds each column's 分值.

void writeSummary(lxw_worksheet* ws, const Formats& f, const ReportSchema& schema, const std::vector<RecordResult>& results) {
  std::vector<std::string> headers{"行", "名称", "总分", "等级"};
  for (const auto& n : schema.nodes) {
    std::string path;
    for (const auto& p : n.path) path += (path.empty() ? "" : "／") + p;
    headers.push_back(path);
  }
  if (!schema.bonusName.empty()) headers.push_back(schema.bonusName);
  headers.push_back("错误");
  const int nodeCol = 4, bonusCol = nodeCol + static_cast<int>(schema.nodes.size());
  const int errorCol = static_cast<int>(headers.size()) - 1;
  for (int c = 0; c < static_cast<int>(headers.size()); ++c) writeText(ws, 0, c, 0, c, headers[static_cast<size_t>(c)], f.header);
  writeText(ws, 1, 0, 1, 1, "分值", f.header);
  writeScore(ws, 1, 2, schema.total, f.strongScore);
  writeText(ws, 1, 3, 1, 3, "", f.header);
  for (size_t i = 0; i < schema.nodes.size(); ++i) writeScore(ws, 1, nodeCol + static_cast<int>(i), schema.nodes[i].max, f.strongScore);
  for (int c = bonusCol; c <= errorCol; ++c) writeText(ws, 1, c, 1, c, "", f.header);

  int row = 2;
  for (const auto& r : results) {
    worksheet_write_number(ws, static_cast<lxw_row_t>(row), 0, r.row, f.level);
    writeText(ws, row, 1, row, 1, r.id, f.text);
    if (r.ok) {
      writeScore(ws, row, 2, r.total, f.strongScore);
      writeText(ws, row, 3, row, 3, r.grade, f.level);
      for (size_t i = 0; i < schema.nodes.size() && i < r.nodes.size(); ++i) {
        // An indicator dropped by 折算 has no score: the cell stays empty, as in the CSV.
        if (r.nodes[i].counted) writeScore(ws, row, nodeCol + static_cast<int>(i), r.nodes[i].score, f.score);
        else worksheet_write_blank(ws, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(nodeCol + static_cast<int>(i)), f.score);
      }
      if (!schema.bonusName.empty()) writeScore(ws, row, bonusCol, net(r), f.score);
    }
    std::string errors;
    for (const auto& e : r.errors) errors += (errors.empty() ? "" : "\n") + e;
    writeText(ws, row, errorCol, row, errorCol, errors, f.text);
    ++row;
  }
  worksheet_set_column(ws, 0, 0, 6, nullptr);
  worksheet_set_column(ws, 1, 1, 24, nullptr);
  worksheet_set_column(ws, 2, 3, 8, nullptr);
  if (errorCol > nodeCol) worksheet_set_column(ws, static_cast<lxw_col_t>(nodeCol), static_cast<lxw_col_t>(errorCol - 1), 12, nullptr);
  worksheet_set_column(ws, static_cast<lxw_col_t>(errorCol), static_cast<lxw_col_t>(errorCol), 50, nullptr);
  worksheet_set_row(ws, 0, 60, nullptr);  // indicator paths wrap over a few lines
  worksheet_freeze_panes(ws, 2, 4);
}

// ---------------------------------------------------------------------------
// 排名: the departments by total, then the grade counts, the histogram and
// each indicator's average score rate (batch_summary.h), one block below the other.

void writeRanking(lxw_worksheet* ws, const Formats& f, const ReportSchema& schema, const BatchSummary& s) {
  const int p = schema.places;
  int row = 0;
  auto header = [&](std::vector<std::string> names) {
    for (size_t c = 0; c < names.size(); ++c) writeText(ws, row, static_cast<int>(c), row, static_cast<int>(c), names[c], f.header);
    ++row;
  };
  header({"名次", "单位", "总分", "等级", "失分最多的三个指标"});
  for (const auto& r : s.ranking) {
    worksheet_write_number(ws, static_cast<lxw_row_t>(row), 0, r.rank, f.level);
    writeText(ws, row, 1, row, 1, r.id.empty() ? "第" + std::to_string(r.row) + "行" : r.id, f.text);
    writeScore(ws, row, 2, r.total, f.strongScore);
    writeText(ws, row, 3, row, 3, r.grade, f.level);
    writeText(ws, row, 4, row, 4, lossesText(schema, r), f.text);
    ++row;
  }
  ++row;
  header({"等级", "区间（分）", "部门数"});
  for (size_t g = 0; g < s.grades.size(); ++g) {
    writeText(ws, row, 0, row, 0, s.grades[g].grade, f.level);
    writeText(ws, row, 1, row, 1, scoreText(schema.grades[g].low, p) + "～" + scoreText(schema.grades[g].high, p), f.level);
    worksheet_write_number(ws, static_cast<lxw_row_t>(row), 2, s.grades[g].count, f.level);
    ++row;
  }
  ++row;
  header({"总分区间（分）", "部门数"});
  for (const auto& b : s.histogram) {
    writeText(ws, row, 0, row, 0, bucketLabel(b, p), f.level);
    worksheet_write_number(ws, static_cast<lxw_row_t>(row), 1, b.count, f.level);
    ++row;
  }
  ++row;
  header({"指标", "分值", "平均得分", "平均得分率", "计入部门数"});
  for (const auto& st : s.indicators) {
    const ReportNode& n = schema.nodes[static_cast<size_t>(st.node)];
    std::string path;
    for (const auto& part : n.path) path += (path.empty() ? "" : "／") + part;
    writeText(ws, row, 0, row, 0, path, f.text);
    writeScore(ws, row, 1, n.max, f.score);
    if (st.averageScore) writeScore(ws, row, 2, *st.averageScore, f.score);
    else writeText(ws, row, 2, row, 2, "—", f.level);
    writeText(ws, row, 3, row, 3, st.averageRate ? percentText(*st.averageRate) : "—", f.level);
    worksheet_write_number(ws, static_cast<lxw_row_t>(row), 4, st.applicable, f.level);
    ++row;
  }
  worksheet_set_column(ws, 0, 0, 28, nullptr);
  worksheet_set_column(ws, 1, 1, 26, nullptr);
  worksheet_set_column(ws, 2, 3, 10, nullptr);
  worksheet_set_column(ws, 4, 4, 60, nullptr);
}

// ---------------------------------------------------------------------------
// One department in the 附件1 layout.

// The merged level cell of a parent carries its subtotal, since only leaves
// have a row of their own: "预算编制（12分，得11.5分）".
std::string levelText(const ReportSchema& schema, const RecordResult& r, int node) {
  const ReportNode& n = schema.nodes[static_cast<size_t>(node)];
  if (n.leaf) return n.path.back();
  const std::string max = scoreText(n.max, schema.places) + "分";
  const NodeResult& nr = r.nodes[static_cast<size_t>(node)];
  if (!nr.counted) return n.path.back() + "\n（" + max + "，不考核）";
  return n.path.back() + "\n（" + max + "，得" + scoreText(nr.score, schema.places) + "分）";
}

void writeRecord(lxw_worksheet* ws, const Formats& f, const ReportSchema& schema, const AttachmentLayout& layout,
                 const RecordResult& r) {
  const int depth = layout.depth;
  const int maxCol = depth, criteriaCol = depth + 1, explainCol = depth + 2, scoreCol = depth + 3;
  const double levelWidth = 14, criteriaWidth = 42, explainWidth = 60;
  worksheet_set_column(ws, 0, static_cast<lxw_col_t>(depth - 1), levelWidth, nullptr);
  worksheet_set_column(ws, static_cast<lxw_col_t>(maxCol), static_cast<lxw_col_t>(maxCol), 7, nullptr);
  worksheet_set_column(ws, static_cast<lxw_col_t>(criteriaCol), static_cast<lxw_col_t>(criteriaCol), criteriaWidth, nullptr);
  worksheet_set_column(ws, static_cast<lxw_col_t>(explainCol), static_cast<lxw_col_t>(explainCol), explainWidth, nullptr);
  worksheet_set_column(ws, static_cast<lxw_col_t>(scoreCol), static_cast<lxw_col_t>(scoreCol), 8, nullptr);
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);  // A4
  worksheet_fit_to_pages(ws, 1, 0);

  writeText(ws, 0, 0, 0, scoreCol, title(schema) + "\n" + recordLabel(r), f.title);
  worksheet_set_row(ws, 0, 42, nullptr);
  if (!r.ok || r.nodes.size() < schema.nodes.size()) {
    writeText(ws, 1, 0, 1, scoreCol, "该单位的数据有错误，未计分：", f.error);
    int row = 2;
    for (const auto& e : r.errors) {
      writeText(ws, row, 0, row, scoreCol, e, f.error);
      worksheet_set_row(ws, static_cast<lxw_row_t>(row), xlsx::rowHeight({{e, levelWidth * depth + 7 + criteriaWidth + explainWidth + 8}}), nullptr);
      ++row;
    }
    return;
  }

  for (int l = 0; l < depth; ++l) writeText(ws, 1, l, 1, l, levelHeader(l), f.header);
  writeText(ws, 1, maxCol, 1, maxCol, "分值", f.header);
  writeText(ws, 1, criteriaCol, 1, criteriaCol, "评分标准", f.header);
  writeText(ws, 1, explainCol, 1, explainCol, "评分说明", f.header);
  writeText(ws, 1, scoreCol, 1, scoreCol, "得分", f.header);
  worksheet_repeat_rows(ws, 1, 1);
  worksheet_freeze_panes(ws, 2, 0);

  int row = 2;
  for (const LayoutRow& lr : layout.rows) {
    const ReportNode& leaf = schema.nodes[static_cast<size_t>(lr.leaf)];
    const NodeResult& nr = r.nodes[static_cast<size_t>(lr.leaf)];
    std::vector<std::pair<std::string, double>> wrapped{{leaf.criteria, criteriaWidth}, {nr.explanation, explainWidth}};
    for (int l = 0; l < depth; ++l) {
      const int node = lr.levels[static_cast<size_t>(l)], span = lr.spans[static_cast<size_t>(l)];
      if (span == 0 || node < 0) continue;  // covered by a cell above, or right of a shallow leaf
      // A shallow leaf's cell also takes the empty level columns to its right.
      int last = l;
      while (node == lr.leaf && last + 1 < depth && lr.levels[static_cast<size_t>(last + 1)] < 0) ++last;
      const std::string text = levelText(schema, r, node);
      writeText(ws, row, l, row + span - 1, last, text, f.level);
      if (span == 1) wrapped.emplace_back(text, levelWidth * (last - l + 1));
    }
    writeScore(ws, row, maxCol, leaf.max, f.score);
    writeText(ws, row, criteriaCol, row, criteriaCol, leaf.criteria, f.text);
    writeText(ws, row, explainCol, row, explainCol, nr.explanation, f.text);
    if (nr.counted) writeScore(ws, row, scoreCol, nr.score, f.score);
    else writeText(ws, row, scoreCol, row, scoreCol, "不考核", f.level);
    worksheet_set_row(ws, static_cast<lxw_row_t>(row), xlsx::rowHeight(wrapped), nullptr);
    ++row;
  }
  if (!schema.bonusName.empty()) {
    const std::string how = bonusText(r, schema.places);
    writeText(ws, row, 0, row, depth - 1, schema.bonusName, f.level);
    writeText(ws, row, maxCol, row, maxCol, "", f.text);
    writeText(ws, row, criteriaCol, row, criteriaCol,
              "加分后总分不超过" + scoreText(schema.total, schema.places) + "分，减分后总分不低于0分", f.text);
    writeText(ws, row, explainCol, row, explainCol, how, f.text);
    writeScore(ws, row, scoreCol, net(r), f.score);
    worksheet_set_row(ws, static_cast<lxw_row_t>(row), 33, nullptr);
    ++row;
  }
  writeText(ws, row, 0, row, depth - 1, "合计", f.strong);
  writeScore(ws, row, maxCol, schema.total, f.strongScore);
  writeText(ws, row, criteriaCol, row, explainCol, r.grade.empty() ? "" : "等级：" + r.grade, f.strong);
  writeScore(ws, row, scoreCol, r.total, f.strongScore);
  worksheet_set_row(ws, static_cast<lxw_row_t>(row), 22, nullptr);
  // The signature line, as under the HTML and Word 评分表: filled in by hand, the seal beside it.
  row += 2;
  writeText(ws, row, 0, row, maxCol, "评价机构（盖章）：", f.text);
  writeText(ws, row, criteriaCol, row, criteriaCol, "评价人（签字）：", f.text);
  writeText(ws, row, explainCol, row, scoreCol, "日期：　　年　　月　　日", f.text);
  worksheet_set_row(ws, static_cast<lxw_row_t>(row), 48, nullptr);
}

}  // namespace

bool writeXlsxReport(const std::string& path, const ReportSchema& schema, const std::vector<RecordResult>& results,
                     std::string& error) {
  lxw_workbook* wb = xlsx::newWorkbook(path, error);
  if (!wb) return false;
  const Formats f = makeFormats(wb, schema.places);
  std::set<std::string> used{"汇总", "排名"};
  writeSummary(workbook_add_worksheet(wb, "汇总"), f, schema, results);
  writeRanking(workbook_add_worksheet(wb, "排名"), f, schema, summarizeBatch(schema, results));
  const AttachmentLayout layout = attachmentLayout(schema);
  for (const auto& r : results) {
    const std::string fallback = "第" + std::to_string(r.row) + "行";
    const std::string name = xlsx::sheetName(r.id, fallback, used);
    writeRecord(workbook_add_worksheet(wb, name.c_str()), f, schema, layout, r);
  }
  const lxw_error status = workbook_close(wb);
  if (status != LXW_NO_ERROR) {
    error = "无法写入 Excel 文件 " + path + "（" + lxw_strerror(status) + "）";
    return false;
  }
  return true;
}

}  // namespace defen

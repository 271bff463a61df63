#include "compiler/report/xlsx_report.h"

#include "compiler/report/attachment_layout.h"
#include "compiler/report/batch_summary.h"
#include "compiler/report/project_form_report.h"
#include "compiler/io/xlsx_common.h"
#include "compiler/report/xlsx_formulas.h"

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
  lxw_format* percent = nullptr;  // a rate: 0.00%
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
  f.percent = base(false);
  format_set_align(f.percent, LXW_ALIGN_CENTER);
  format_set_num_format(f.percent, (xlsx::numberFormat(kRatePlaces) + "%").c_str());
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
// Page setup shared by the sheets: A4 landscape, one page wide unless said
// otherwise, the page number in the footer. `title` goes in the page header.

std::string headerText(const std::string& text) {
  std::string out;
  for (char c : text) {
    out += c;
    if (c == '&') out += '&';  // a literal & in a header is written &&
  }
  return out;
}

void pageSetup(lxw_worksheet* ws, const std::string& title, bool oneWide = true) {
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);  // A4
  if (oneWide) worksheet_fit_to_pages(ws, 1, 0);
  if (!title.empty()) worksheet_set_header(ws, ("&C" + headerText(title)).c_str());
  worksheet_set_footer(ws, "&C第 &P 页，共 &N 页");
}

void writeComment(lxw_worksheet* ws, int row, int col, const std::string& text) {
  if (text.empty()) return;
  lxw_comment_options opt{};
  opt.width = 300;
  opt.height = static_cast<uint16_t>(std::min(300.0, xlsx::rowHeight({{text, 36}}) * 1.35 + 10));
  worksheet_write_comment_opt(ws, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), text.c_str(), &opt);
}

void writeFormula(lxw_worksheet* ws, int row, int col, const std::string& formula, Decimal cached, lxw_format* f) {
  worksheet_write_formula_num(ws, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), ("=" + formula).c_str(), f,
                              toDouble(cached));
}

void writeTextFormula(lxw_worksheet* ws, int row, int col, const std::string& formula, const std::string& cached, lxw_format* f) {
  worksheet_write_formula_str(ws, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), ("=" + formula).c_str(), f,
                              cached.c_str());
}

std::string rounded(const std::string& expr, int places) { return "ROUND(" + expr + "," + std::to_string(places) + ")"; }

// ---------------------------------------------------------------------------
// 汇总: one row per department. Two header rows (the 一级 indicator merged
// over its columns, then each column's short name; a parent's column is its
// 小计) and a third with each column's 分值. A parent's score, 总分 and 等级
// are formulas over the cells to their right, so a score changed in the
// sheet carries through.

constexpr int kSummaryHeaderRows = 3;

void writeSummary(lxw_worksheet* ws, const Formats& f, const ReportSchema& schema, const xlsx::ScoreTree& tree,
                  const std::vector<RecordResult>& results) {
  const int nodeCol = 4, bonusCol = nodeCol + static_cast<int>(schema.nodes.size());
  const int errorCol = bonusCol + (schema.bonusName.empty() ? 0 : 1);
  const char* fixed[] = {"行", "名称", "总分", "等级"};
  for (int c = 0; c < 4; ++c) writeText(ws, 0, c, 1, c, fixed[c], f.header);
  for (size_t i = 0; i < schema.nodes.size(); ++i) {
    const ReportNode& n = schema.nodes[i];
    const int col = nodeCol + static_cast<int>(i);
    if (tree.parent[i] < 0) {
      // A 一级 indicator heads its own column and those of its whole subtree (they follow it).
      size_t last = i;
      while (last + 1 < schema.nodes.size() && schema.nodes[last + 1].path.size() > 1) ++last;
      if (n.leaf) {
        writeText(ws, 0, col, 1, col, n.path[0], f.header);
        continue;
      }
      writeText(ws, 0, col, 0, nodeCol + static_cast<int>(last), n.path[0], f.header);
      writeText(ws, 1, col, 1, col, "小计", f.header);
    } else {
      writeText(ws, 1, col, 1, col, n.leaf ? n.path.back() : n.path.back() + "小计", f.header);
    }
    std::string path;
    for (const auto& p : n.path) path += (path.empty() ? "" : "／") + p;
    if (n.path.size() > 2) writeComment(ws, 1, col, path);  // the short name alone may repeat under another parent
  }
  if (!schema.bonusName.empty()) writeText(ws, 0, bonusCol, 1, bonusCol, schema.bonusName, f.header);
  writeText(ws, 0, errorCol, 1, errorCol, "错误", f.header);
  writeText(ws, 2, 0, 2, 1, "分值", f.header);
  writeScore(ws, 2, 2, schema.total, f.strongScore);
  writeText(ws, 2, 3, 2, 3, "", f.header);
  for (size_t i = 0; i < schema.nodes.size(); ++i) writeScore(ws, 2, nodeCol + static_cast<int>(i), schema.nodes[i].max, f.strongScore);
  for (int c = bonusCol; c <= errorCol; ++c) writeText(ws, 2, c, 2, c, "", f.header);

  int row = kSummaryHeaderRows;
  for (const auto& r : results) {
    worksheet_write_number(ws, static_cast<lxw_row_t>(row), 0, r.row, f.level);
    writeText(ws, row, 1, row, 1, r.id, f.text);
    if (r.ok && r.nodes.size() >= schema.nodes.size()) {
      xlsx::ScoreCells cells;
      cells.cell = [&](int node) { return xlsx::cellName(row, nodeCol + node); };
      const std::string bonusCell = schema.bonusName.empty() ? "" : xlsx::cellName(row, bonusCol);
      // Children come after their parent, so the cells are written from the last one back.
      for (size_t k = schema.nodes.size(); k-- > 0;) {
        const int col = nodeCol + static_cast<int>(k);
        const NodeResult& nr = r.nodes[k];
        if (!nr.counted) {  // dropped by 折算: no score, the cell stays empty, as in the CSV
          worksheet_write_blank(ws, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), f.score);
          continue;
        }
        const xlsx::Formula moved = xlsx::movedFormula(schema, tree, r, cells, static_cast<int>(k));
        const xlsx::Formula formula = moved.text.empty() ? xlsx::nodeFormula(schema, tree, r, cells, static_cast<int>(k)) : moved;
        if (!moved.text.empty()) writeFormula(ws, row, col, moved.text, nr.score, f.score);  // 转入: follows its targets
        else if (schema.nodes[k].leaf || formula.literal) writeScore(ws, row, col, nr.score, f.score);
        else writeFormula(ws, row, col, rounded(formula.text, schema.places), nr.score, f.score);
        if (formula.literal) writeComment(ws, row, col, formula.note);
      }
      if (!bonusCell.empty()) writeScore(ws, row, bonusCol, net(r), f.score);
      const xlsx::Formula total = xlsx::totalFormula(schema, tree, r, cells, bonusCell);
      writeFormula(ws, row, 2, total.text, r.total, f.strongScore);
      writeComment(ws, row, 2, total.note);
      writeTextFormula(ws, row, 3, xlsx::gradeFormula(schema, xlsx::cellName(row, 2)), r.grade, f.level);
    } else if (r.hasTotal()) {
      // Some indicators faulted: the provisional total and the scores as numbers, no formulas (a
      // formula would give the incomplete total a grade).
      writeScore(ws, row, 2, r.total, f.strongScore);
      writeText(ws, row, 3, row, 3, "不完整，待定", f.level);
      for (size_t i = 0; i < schema.nodes.size() && i < r.nodes.size(); ++i) {
        const int col = nodeCol + static_cast<int>(i);
        if (r.nodes[i].status == NodeStatus::Failed) writeText(ws, row, col, row, col, "出错", f.error);
        else if (r.nodes[i].counted) writeScore(ws, row, col, r.nodes[i].score, f.score);
        else worksheet_write_blank(ws, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), f.score);
      }
      if (!schema.bonusName.empty()) writeScore(ws, row, bonusCol, net(r), f.score);
    }
    std::string errors;
    for (const auto& e : r.errors) errors += (errors.empty() ? "" : "\n") + e;
    writeText(ws, row, errorCol, row, errorCol, errors, f.text);
    ++row;
  }
  constexpr double fixedWidths[] = {6, 24, 8, 8}, nodeWidth = 8, errorWidth = 50;
  for (lxw_col_t c = 0; c < 4; ++c) worksheet_set_column(ws, c, c, fixedWidths[c], nullptr);
  if (errorCol > nodeCol) worksheet_set_column(ws, static_cast<lxw_col_t>(nodeCol), static_cast<lxw_col_t>(errorCol - 1), nodeWidth, nullptr);
  worksheet_set_column(ws, static_cast<lxw_col_t>(errorCol), static_cast<lxw_col_t>(errorCol), errorWidth, nullptr);
  worksheet_set_row(ws, 0, 30, nullptr);
  worksheet_set_row(ws, 1, 60, nullptr);  // short names wrap over three or four lines
  worksheet_freeze_panes(ws, kSummaryHeaderRows, 4);

  // Printed, sixty-odd score columns fitted to one page wide would be a fifth
  // of their size. Instead each 一级 indicator starts a page, with 行, 名称,
  // 总分, 等级 and the header rows repeated, scaled so the widest fits.
  pageSetup(ws, title(schema) + " 汇总", /*oneWide=*/false);
  worksheet_repeat_rows(ws, 0, kSummaryHeaderRows - 1);
  worksheet_repeat_columns(ws, 0, 3);
  std::vector<lxw_col_t> breaks;
  size_t widest = 0, start = 0;
  for (size_t k = 0; k <= tree.roots.size(); ++k) {
    const size_t begin = k < tree.roots.size() ? static_cast<size_t>(tree.roots[k]) : schema.nodes.size();
    if (k > 0) widest = std::max(widest, begin - start);
    if (k > 0 && k < tree.roots.size()) breaks.push_back(static_cast<lxw_col_t>(nodeCol + static_cast<int>(begin)));
    start = begin;
  }
  breaks.push_back(static_cast<lxw_col_t>(bonusCol));  // 加减分 and 错误 on a page of their own
  breaks.push_back(0);
  worksheet_set_v_pagebreaks(ws, breaks.data());
  // Excel's column of width w is 7w+5 pixels at 96 dpi; A4 landscape less the
  // default margins (0.7 inch a side) leaves 1008 pixels. LibreOffice, with
  // another font in place of Calibri, draws the columns about a third wider;
  // the margin keeps a group on one page in both (checked by printing to PDF).
  double pixels = 0;
  for (double w : fixedWidths) pixels += 7 * w + 5;
  pixels += static_cast<double>(std::max(widest, size_t{6})) * (7 * nodeWidth + 5);
  worksheet_set_print_scale(ws, static_cast<uint16_t>(std::clamp(1008.0 / pixels * 72.0, 10.0, 100.0)));
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
    // The rate as a number (0.7667 shown as 76.67%), rounded as percentText rounds it.
    Decimal rate;
    if (st.averageRate && roundSnapped(*st.averageRate, kRatePlaces + 2, rate) == DecimalStatus::Ok) writeScore(ws, row, 3, rate, f.percent);
    else writeText(ws, row, 3, row, 3, "—", f.level);
    worksheet_write_number(ws, static_cast<lxw_row_t>(row), 4, st.applicable, f.level);
    ++row;
  }
  worksheet_set_column(ws, 0, 0, 28, nullptr);
  worksheet_set_column(ws, 1, 1, 26, nullptr);
  worksheet_set_column(ws, 2, 3, 10, nullptr);
  worksheet_set_column(ws, 4, 4, 60, nullptr);
  pageSetup(ws, title(schema) + " 排名");
}

// ---------------------------------------------------------------------------
// One department in the 附件1 layout, with a 状态 column after 得分. The 合计,
// its grade and each parent's subtotal (in its merged level cell) are
// formulas over the 得分 cells, so a reviewer who changes a 评审 score in the
// sheet sees them follow.

std::string maxText(const ReportSchema& schema, int node) {
  return scoreText(schema.nodes[static_cast<size_t>(node)].max, schema.places) + "分";
}

// The merged level cell of a parent carries its subtotal, since only leaves
// have a row of their own: "预算编制（12.00分，得11.50分）".
std::string levelText(const ReportSchema& schema, const RecordResult& r, int node) {
  const ReportNode& n = schema.nodes[static_cast<size_t>(node)];
  if (n.leaf) return n.path.back();
  const NodeResult& nr = r.nodes[static_cast<size_t>(node)];
  if (!nr.counted) return n.path.back() + "\n（" + maxText(schema, node) + "，不考核）";
  if (nr.status == NodeStatus::Failed) return n.path.back() + "\n（" + maxText(schema, node) + "，出错）";
  if (nr.incomplete) return n.path.back() + "\n（" + maxText(schema, node) + "，得" + scoreText(nr.score, schema.places) + "分，不完整）";
  return n.path.back() + "\n（" + maxText(schema, node) + "，得" + scoreText(nr.score, schema.places) + "分）";
}

// The same text as a formula when the subtotal follows from the 得分 cells.
// A number joined to text would show in Excel's General format (15.5);
// FIXED(x, places, TRUE) writes it as scoreText does, 15.50, without a
// thousands separator.
std::string levelFormula(const ReportSchema& schema, int node, const xlsx::Formula& score) {
  const ReportNode& n = schema.nodes[static_cast<size_t>(node)];
  return xlsx::quoted(n.path.back()) + "&CHAR(10)&" + xlsx::quoted("（" + maxText(schema, node) + "，得") + "&FIXED(" + score.text + "," +
         std::to_string(schema.places) + ",TRUE)&" + xlsx::quoted("分）");
}

// 计分 for an ordinary score; 评审, 不考核, 缺数据, 核定… as the other reports say.
std::string statusText(const NodeResult& nr) {
  const std::string label = statusLabel(nr.status);
  return label.empty() ? "计分" : label;
}

void writeRecord(lxw_worksheet* ws, const Formats& f, const ReportSchema& schema, const xlsx::ScoreTree& tree,
                 const AttachmentLayout& layout, const RecordResult& r) {
  const int depth = layout.depth;
  const int maxCol = depth, criteriaCol = depth + 1, explainCol = depth + 2, scoreCol = depth + 3, statusCol = depth + 4;
  const double levelWidth = 14, criteriaWidth = 42, explainWidth = 60;
  worksheet_set_column(ws, 0, static_cast<lxw_col_t>(depth - 1), levelWidth, nullptr);
  worksheet_set_column(ws, static_cast<lxw_col_t>(maxCol), static_cast<lxw_col_t>(maxCol), 7, nullptr);
  worksheet_set_column(ws, static_cast<lxw_col_t>(criteriaCol), static_cast<lxw_col_t>(criteriaCol), criteriaWidth, nullptr);
  worksheet_set_column(ws, static_cast<lxw_col_t>(explainCol), static_cast<lxw_col_t>(explainCol), explainWidth, nullptr);
  worksheet_set_column(ws, static_cast<lxw_col_t>(scoreCol), static_cast<lxw_col_t>(statusCol), 8, nullptr);
  pageSetup(ws, "");

  writeText(ws, 0, 0, 0, statusCol, title(schema) + "\n" + recordLabel(r), f.title);
  worksheet_set_row(ws, 0, 42, nullptr);
  if (!r.hasTotal() || r.nodes.size() < schema.nodes.size()) {
    writeText(ws, 1, 0, 1, statusCol, "该单位的数据有错误，未计分：", f.error);
    int row = 2;
    for (const auto& e : r.errors) {
      writeText(ws, row, 0, row, statusCol, e, f.error);
      worksheet_set_row(ws, static_cast<lxw_row_t>(row), xlsx::rowHeight({{e, levelWidth * depth + 7 + criteriaWidth + explainWidth + 16}}), nullptr);
      ++row;
    }
    return;
  }

  for (int l = 0; l < depth; ++l) writeText(ws, 1, l, 1, l, levelHeader(l), f.header);
  writeText(ws, 1, maxCol, 1, maxCol, "分值", f.header);
  writeText(ws, 1, criteriaCol, 1, criteriaCol, "评分标准", f.header);
  writeText(ws, 1, explainCol, 1, explainCol, "评分说明", f.header);
  writeText(ws, 1, scoreCol, 1, scoreCol, "得分", f.header);
  writeText(ws, 1, statusCol, 1, statusCol, "状态", f.header);
  worksheet_repeat_rows(ws, 1, 1);
  worksheet_freeze_panes(ws, 2, 0);

  // A complete row's sums, total and grade are formulas over the 得分 cells; a row with a
  // faulted indicator (its total provisional, no grade) keeps plain numbers.
  const bool live = r.ok;
  // Where each leaf's 得分 is, and the rows each subtree covers (a subtree's
  // leaves are consecutive rows), for the formulas.
  constexpr int firstRow = 2;
  std::vector<int> first(schema.nodes.size(), -1), last(schema.nodes.size(), -1);
  for (size_t k = 0; k < layout.rows.size(); ++k) {
    for (int node = layout.rows[k].leaf; node >= 0; node = tree.parent[static_cast<size_t>(node)]) {
      if (first[static_cast<size_t>(node)] < 0) first[static_cast<size_t>(node)] = firstRow + static_cast<int>(k);
      last[static_cast<size_t>(node)] = firstRow + static_cast<int>(k);
    }
  }
  xlsx::ScoreCells cells;
  cells.cell = [&](int node) {
    return schema.nodes[static_cast<size_t>(node)].leaf ? xlsx::cellName(first[static_cast<size_t>(node)], scoreCol) : std::string();
  };
  cells.range = [&](int node) {
    return xlsx::cellName(first[static_cast<size_t>(node)], scoreCol) + ":" + xlsx::cellName(last[static_cast<size_t>(node)], scoreCol);
  };

  int row = firstRow;
  for (const LayoutRow& lr : layout.rows) {
    const ReportNode& leaf = schema.nodes[static_cast<size_t>(lr.leaf)];
    const NodeResult& nr = r.nodes[static_cast<size_t>(lr.leaf)];
    std::vector<std::pair<std::string, double>> wrapped{{leaf.criteria, criteriaWidth}, {nr.explanation, explainWidth}};
    for (int l = 0; l < depth; ++l) {
      const int node = lr.levels[static_cast<size_t>(l)], span = lr.spans[static_cast<size_t>(l)];
      if (span == 0 || node < 0) continue;  // covered by a cell above, or right of a shallow leaf
      // A shallow leaf's cell also takes the empty level columns to its right.
      int lastCol = l;
      while (node == lr.leaf && lastCol + 1 < depth && lr.levels[static_cast<size_t>(lastCol + 1)] < 0) ++lastCol;
      const std::string text = levelText(schema, r, node);
      writeText(ws, row, l, row + span - 1, lastCol, text, f.level);
      // A merged range's value is its first cell's: the formula replaces the text written there.
      if (live && !schema.nodes[static_cast<size_t>(node)].leaf && r.nodes[static_cast<size_t>(node)].counted) {
        const xlsx::Formula score = xlsx::nodeFormula(schema, tree, r, cells, node);
        if (score.literal) writeComment(ws, row, l, score.note);
        else writeTextFormula(ws, row, l, levelFormula(schema, node, score), text, f.level);
      }
      if (span == 1) wrapped.emplace_back(text, levelWidth * (lastCol - l + 1));
    }
    writeScore(ws, row, maxCol, leaf.max, f.score);
    writeText(ws, row, criteriaCol, row, criteriaCol, leaf.criteria, f.text);
    writeText(ws, row, explainCol, row, explainCol, nr.explanation, f.text);
    const xlsx::Formula moved = live ? xlsx::movedFormula(schema, tree, r, cells, lr.leaf) : xlsx::Formula{};
    if (nr.status == NodeStatus::Failed) writeText(ws, row, scoreCol, row, scoreCol, "出错", f.error);
    else if (!moved.text.empty()) writeFormula(ws, row, scoreCol, moved.text, nr.score, f.score);  // 转入: follows its targets
    else if (nr.counted) writeScore(ws, row, scoreCol, nr.score, f.score);
    else writeText(ws, row, scoreCol, row, scoreCol, "不考核", f.level);
    writeText(ws, row, statusCol, row, statusCol, statusText(nr), f.level);
    worksheet_set_row(ws, static_cast<lxw_row_t>(row), xlsx::rowHeight(wrapped), nullptr);
    ++row;
  }
  std::string bonusCell;
  if (!schema.bonusName.empty()) {
    const std::string how = bonusText(r, schema.places);
    writeText(ws, row, 0, row, depth - 1, schema.bonusName, f.level);
    writeText(ws, row, maxCol, row, maxCol, "", f.text);
    writeText(ws, row, criteriaCol, row, criteriaCol,
              "加分后总分不超过" + scoreText(schema.total, schema.places) + "分，减分后总分不低于0分", f.text);
    writeText(ws, row, explainCol, row, explainCol, how, f.text);
    writeScore(ws, row, scoreCol, net(r), f.score);
    writeText(ws, row, statusCol, row, statusCol, "", f.text);
    bonusCell = xlsx::cellName(row, scoreCol);
    worksheet_set_row(ws, static_cast<lxw_row_t>(row), 33, nullptr);
    ++row;
  }
  const std::string totalCell = xlsx::cellName(row, scoreCol);
  const xlsx::Formula total = live ? xlsx::totalFormula(schema, tree, r, cells, bonusCell) : xlsx::Formula{};
  writeText(ws, row, 0, row, depth - 1, "合计", f.strong);
  writeScore(ws, row, maxCol, schema.total, f.strongScore);
  if (live) {
    writeText(ws, row, criteriaCol, row, explainCol, r.grade.empty() ? "" : "等级：" + r.grade, f.strong);
    writeTextFormula(ws, row, criteriaCol, xlsx::gradeFormula(schema, totalCell, "等级："), r.grade.empty() ? "" : "等级：" + r.grade,
                     f.strong);
    writeFormula(ws, row, scoreCol, total.text, r.total, f.strongScore);
    writeComment(ws, row, scoreCol, total.note);
  } else {
    writeText(ws, row, criteriaCol, row, explainCol, "总分不完整（未计入出错的指标），等级待定", f.strong);
    writeScore(ws, row, scoreCol, r.total, f.strongScore);
  }
  writeText(ws, row, statusCol, row, statusCol, "", f.strong);
  worksheet_set_row(ws, static_cast<lxw_row_t>(row), 22, nullptr);
  for (const auto& e : r.errors) {
    ++row;
    writeText(ws, row, 0, row, statusCol, e, f.error);
  }
  // The signature line, as under the HTML and Word 评分表: filled in by hand, the seal beside it.
  row += 2;
  writeText(ws, row, 0, row, maxCol, "评价机构（盖章）：", f.text);
  writeText(ws, row, criteriaCol, row, criteriaCol, "评价人（签字）：", f.text);
  writeText(ws, row, explainCol, row, statusCol, "日期：　　年　　月　　日", f.text);
  worksheet_set_row(ws, static_cast<lxw_row_t>(row), 48, nullptr);
}

// A 自评表's sheet: the national form (project_form_report.h) on ten columns,
// scores and 分值 as numbers. The 总分 is a formula over the 得分 cells (the
// 预算执行率 on the 年度资金总额 line and each indicator line) and the grade
// one over the 总分, so a 财政 reviewer who corrects a 得分 sees both follow —
// only when those cells do add up to the total defen computed (they always
// should; a faulted line or an incomplete total keeps plain numbers).
void writeProjectFormSheet(lxw_worksheet* ws, const Formats& f, lxw_format* amount, const ReportSchema& schema, const RecordResult& r) {
  const ProjectFormView v = projectFormView(schema, r);
  constexpr int kLast = kFormColumns - 1, kWeightCol = 6, kScoreCol = 7, kRuleCol = 8;
  static constexpr double kWidths[kFormColumns] = {10, 10, 12, 22, 15, 15, 8, 8, 9, 28};
  for (int c = 0; c < kFormColumns; ++c) worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), kWidths[c], nullptr);
  pageSetup(ws, "");
  auto blank = [&](int row, int c1, int c2, lxw_format* fmt) { writeText(ws, row, c1, row, c2, "", fmt); };
  auto height = [&](int row, const std::vector<std::pair<std::string, double>>& cells) {
    worksheet_set_row(ws, static_cast<lxw_row_t>(row), xlsx::rowHeight(cells), nullptr);
  };
  writeText(ws, 0, 0, 0, kLast, kProjectFormTitle, f.title);
  worksheet_set_row(ws, 0, 24, nullptr);
  writeText(ws, 1, 0, 1, kLast, v.year.empty() ? "" : "（" + v.year + "）", f.level);
  int row = 2;
  writeText(ws, row, 0, row, 0, "项目名称", f.header);
  writeText(ws, row, 1, row, kLast, v.project, f.text);
  ++row;
  writeText(ws, row, 0, row, 0, "主管部门", f.header);
  writeText(ws, row, 1, row, 4, v.department, f.text);
  writeText(ws, row, 5, row, 5, "实施单位", f.header);
  writeText(ws, row, 6, row, kLast, v.unit, f.text);
  ++row;
  // 项目资金: 资金来源 over 一级+二级, the figures as written (a number when plain), the 预算执行率 on 年度资金总额.
  const int fundsRows = static_cast<int>(std::max<size_t>(1, v.funds.size()));
  writeText(ws, row, 0, row + fundsRows, 0, "项目资金\n（万元）", f.header);
  blank(row, 1, 2, f.header);
  int c = 3;
  for (const char* h : {"年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"}) writeText(ws, row, c, row, c, h, f.header), ++c;
  blank(row, kLast, kLast, f.header);
  ++row;
  std::string fundsScoreCell;
  Decimal fundsScore;
  if (v.funds.empty()) {
    writeText(ws, row, 1, row, kLast, "（未填写）", f.text);
    ++row;
  }
  for (const FormFundsRow& fr : v.funds) {
    writeText(ws, row, 1, row, 2, fr.source, f.text);
    int col = 3;
    for (const std::string* figure : {&fr.initial, &fr.budget, &fr.spent}) {
      if (std::optional<Decimal> d = Decimal::parse(*figure)) writeScore(ws, row, col, *d, amount);
      else writeText(ws, row, col, row, col, *figure, amount);
      ++col;
    }
    if (fr.scored) {
      writeScore(ws, row, kWeightCol, fr.weight, f.score);
      if (fr.rate) writeScore(ws, row, kScoreCol, *fr.rate, f.percent);
      else writeText(ws, row, kScoreCol, row, kScoreCol, "—", f.level);
      writeScore(ws, row, kRuleCol, fr.score, f.score);
      fundsScoreCell = xlsx::cellName(row, kRuleCol);
      fundsScore = fr.score;
    } else {
      for (int k = kWeightCol; k <= kRuleCol; ++k) writeText(ws, row, k, row, k, "—", f.level);
    }
    blank(row, kLast, kLast, f.text);
    ++row;
  }
  writeText(ws, row, 0, row + 1, 0, "年度总体目标", f.header);
  writeText(ws, row, 1, row, 4, "预期目标", f.header);
  writeText(ws, row, 5, row, kLast, "实际完成情况", f.header);
  ++row;
  writeText(ws, row, 1, row, 4, v.goal, f.text);
  writeText(ws, row, 5, row, kLast, v.achieved, f.text);
  height(row, {{v.goal, 59}, {v.achieved, 75}});
  ++row;
  if (v.scored) {
    const int head = row, count = static_cast<int>(v.indicators.size());
    writeText(ws, row, 0, row + count, 0, "绩效指标", f.header);
    c = 1;
    for (const char* h : {"一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "规则得分", "偏差原因分析及改进措施"})
      writeText(ws, row, c, row, c, h, f.header), ++c;
    worksheet_repeat_rows(ws, static_cast<lxw_row_t>(head), static_cast<lxw_row_t>(head));
    ++row;
    // The 总分 formula only when the cells it sums are exactly the total.
    bool live = r.ok && !fundsScoreCell.empty();
    Decimal sum = fundsScore;
    for (const FormIndicatorRow& ir : v.indicators) {
      if (ir.span1) writeText(ws, row, 1, row + ir.span1 - 1, 1, ir.level1, f.level);
      if (ir.span2) writeText(ws, row, 2, row + ir.span2 - 1, 2, ir.level2, f.level);
      writeText(ws, row, 3, row, 3, ir.name, f.text);
      writeText(ws, row, 4, row, 4, ir.target, f.text);
      writeText(ws, row, 5, row, 5, ir.achieved, f.text);
      writeScore(ws, row, kWeightCol, ir.weight, f.score);
      if (ir.failed) writeText(ws, row, kScoreCol, row, kScoreCol, "出错", f.error), live = false;
      else writeScore(ws, row, kScoreCol, ir.score, f.score), live = live && checkedAdd(sum, ir.score, sum) == DecimalStatus::Ok;
      if (ir.showComputed) writeScore(ws, row, kRuleCol, ir.computed, f.score);
      else blank(row, kRuleCol, kRuleCol, f.text);
      writeText(ws, row, kLast, row, kLast, ir.note, f.text);
      height(row, {{ir.span1 == 1 ? ir.level1 : "", 10}, {ir.span2 == 1 ? ir.level2 : "", 12}, {ir.name, 22}, {ir.target, 15}, {ir.achieved, 15}, {ir.note, 28}});
      ++row;
    }
    live = live && sum == v.total;
    writeText(ws, row, 0, row, 5, "总分", f.strong);
    writeScore(ws, row, kWeightCol, v.maxTotal, f.strongScore);
    const std::string totalCell = xlsx::cellName(row, kScoreCol);
    const std::string& grade = v.gradeLine;
    if (live && count > 0) {
      writeFormula(ws, row, kScoreCol,
                   rounded("SUM(" + fundsScoreCell + "," + xlsx::cellName(head + 1, kScoreCol) + ":" + xlsx::cellName(head + count, kScoreCol) + ")",
                           schema.places),
                   v.total, f.strongScore);
      writeTextFormula(ws, row, kLast, xlsx::gradeFormula(schema, totalCell, "等级："), grade, f.strong);
    } else {
      writeScore(ws, row, kScoreCol, v.total, f.strongScore);
      writeText(ws, row, kLast, row, kLast, grade, f.strong);
    }
    if (v.showComputed) writeScore(ws, row, kRuleCol, v.computed, f.strongScore);
    else blank(row, kRuleCol, kRuleCol, f.strong);
    worksheet_set_row(ws, static_cast<lxw_row_t>(row), 22, nullptr);
    ++row;
    if (v.showComputed) {
      writeText(ws, row, 0, row, kLast,
                "得分为单位自评得分；按规则计算的总分为" + scoreText(v.computed, schema.places) + "分" + v.computedNote + "，规则得分一栏列出与自评不同的各行。", f.text);
      ++row;
    }
  }
  // Errors, then what staff must look at (提示), under the form where they are seen.
  for (const auto& e : v.errors) {
    writeText(ws, row, 0, row, kLast, e, f.error);
    height(row, {{e, 170}});
    ++row;
  }
  if (!v.warnings.empty()) {
    writeText(ws, row, 0, row, kLast, "提示：", f.text);
    ++row;
    for (const auto& w : v.warnings) {
      writeText(ws, row, 0, row, kLast, w, f.text);
      height(row, {{w, 170}});
      ++row;
    }
  }
  if (!v.explanations.empty()) {
    writeText(ws, row, 0, row, kLast, "评分说明：", f.text);
    ++row;
    for (const auto& [name, text] : v.explanations) {
      const std::string line = name + "：" + text;
      writeText(ws, row, 0, row, kLast, line, f.text);
      height(row, {{line, 170}});
      ++row;
    }
  }
}

}  // namespace

bool writeXlsxReport(const std::string& path, const ReportSchema& schema, const std::vector<RecordResult>& results,
                     std::string& error) {
  lxw_workbook* wb = xlsx::newWorkbook(path, error);
  if (!wb) return false;
  const Formats f = makeFormats(wb, schema.places);
  // 自评表 figures (万元) as written: a plain number right-aligned, no fixed places. Made only for
  // them, so a workbook of other records keeps its formats.
  lxw_format* amount = nullptr;
  if (std::any_of(results.begin(), results.end(), isProjectForm)) {
    amount = workbook_add_format(wb);
    format_set_border(amount, LXW_BORDER_THIN);
    format_set_align(amount, LXW_ALIGN_RIGHT);
    format_set_align(amount, LXW_ALIGN_VERTICAL_CENTER);
  }
  std::set<std::string> used{"汇总", "排名"};
  const xlsx::ScoreTree tree = xlsx::scoreTree(schema);
  writeSummary(workbook_add_worksheet(wb, "汇总"), f, schema, tree, results);
  writeRanking(workbook_add_worksheet(wb, "排名"), f, schema, summarizeBatch(schema, results));
  const AttachmentLayout layout = attachmentLayout(schema);
  for (const auto& r : results) {
    const std::string fallback = "第" + std::to_string(r.row) + "行";
    const std::string name = xlsx::sheetName(r.id, fallback, used);
    lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
    if (isProjectForm(r)) writeProjectFormSheet(ws, f, amount, schema, r);
    else writeRecord(ws, f, schema, tree, layout, r);
  }
  const lxw_error status = workbook_close(wb);
  if (status != LXW_NO_ERROR) {
    error = "无法写入 Excel 文件 " + path + "（" + lxw_strerror(status) + "）";
    return false;
  }
  return true;
}

}  // namespace defen

// The Word documents (documents.h): the 附件1 评分表 (A4 landscape, merged
// level cells, header rows on every page) and a 评价报告 draft per department
// with the batch's ranking first. Written with docx_writer.h.
//
// The 一级指标得分率 chart is a Word table of bars (each bar a run of shaded
// cells over a 20-column grid, 5% a cell) rather than a picture or a
// DrawingML chart: a table opens the same in Word, WPS and LibreOffice, needs
// no image library, and prints in black and white; the exact rate is written
// beside each bar.
#include "compiler/report/attachment_layout.h"
#include "compiler/report/batch_summary.h"
#include "compiler/report/docx_writer.h"
#include "compiler/report/documents.h"
#include "compiler/report/html_page.h"
#include "compiler/report/project_form_report.h"

#include <fmt/format.h>

#include <algorithm>

namespace defen {
namespace {

using docx::CellStyle;
using docx::VMerge;
using Align = docx::TextStyle::Align;

constexpr int kSmall = 18;  // 9pt: table text
constexpr const char* kHeadFill = "D9E2F3";

// 得分 as plain text: "—（不考核）" when dropped by 折算, "0 → 2（核定）" when overridden.
std::string scoreWithStatus(const ReportSchema& schema, const NodeResult& n) {
  const int p = schema.places;
  if (!n.counted) return "—（不考核）";
  if (n.status == NodeStatus::Overridden) return fmt::format("{} → {}（核定）", scoreText(n.computed, p), scoreText(n.score, p));
  const std::string label = statusLabel(n.status);
  return scoreText(n.score, p) + (label.empty() ? "" : "（" + label + "）");
}

CellStyle head(int span = 1, VMerge merge = VMerge::None) {
  return {.bold = true, .halfPoints = kSmall, .align = Align::Center, .span = span, .vmerge = merge, .fill = kHeadFill, .center = true};
}
CellStyle text(int span = 1, VMerge merge = VMerge::None) { return {.halfPoints = kSmall, .span = span, .vmerge = merge}; }
CellStyle number(VMerge merge = VMerge::None) { return {.halfPoints = kSmall, .align = Align::Center, .vmerge = merge, .center = true}; }

// Whom, which year, by which standard.
void formHeader(docx::Body& body, const ReportSchema& schema, const RecordResult& rec, int width) {
  docx::Table t({width * 12 / 100, width * 38 / 100, width * 12 / 100, width * 12 / 100, width * 12 / 100, width - width * 86 / 100});
  t.row();
  t.cell("被评价单位", head());
  t.cell(recordName(rec), text());
  t.cell("评价年度", head());
  t.cell(schema.year ? fmt::format("{}年度", schema.year) : "", text());
  t.cell("标准名称", head());
  t.cell(schema.name, text());
  body.table(t);
}

// Who scored and when, with room for the seal: filled in by hand.
void signature(docx::Body& body, int width) {
  const int label = width * 14 / 100, value = (width - 3 * label) / 3;
  docx::Table t({label, value, label, value, label, width - 3 * label - 2 * value});
  t.row(false, true, 560);
  t.cell("评价机构（盖章）", head());
  t.cell("", text());
  t.cell("评价人（签字）", head());
  t.cell("", text());
  t.cell("日期", head());
  t.cell("　　年　　月　　日", text());
  t.row(false, true, 1800);
  t.cell("盖章处", head());
  t.cell("", text(5));
  body.table(t);
}

// The 附件1 grid, as the HTML report draws it (attachment_layout.h).
void scoreTable(docx::Body& body, const ReportSchema& schema, const AttachmentLayout& layout, const RecordResult& rec, int width) {
  const int p = schema.places, depth = layout.depth;
  // As the HTML's widths, but 1% more to each 分值 column: Word's cell margins
  // would otherwise break the header "分值" over two lines.
  std::vector<int> widths = attachmentColumnWidths(depth, width);
  for (int l = 0; l < depth; ++l) widths[2 * l] -= width / 100, widths[2 * l + 1] += width / 100;
  docx::Table t(widths);
  t.row(true);
  t.cell("评价指标", head(2 * depth));
  t.cell("评分标准", head(1, VMerge::Restart));
  t.cell("评分说明", head(1, VMerge::Restart));
  t.cell("得分", head(1, VMerge::Restart));
  t.row(true);
  for (int l = 0; l < depth; ++l) t.cell(levelHeader(l), head(2));
  for (int c = 0; c < 3; ++c) t.cell("", head(1, VMerge::Continue));
  t.row(true);
  for (int l = 0; l < depth; ++l) {
    t.cell("名称", head());
    t.cell("分值", head());
  }
  for (int c = 0; c < 3; ++c) t.cell("", head(1, VMerge::Continue));

  for (const auto& row : layout.rows) {
    t.row(false, true);
    for (int l = 0; l < depth; ++l) {
      const int node = row.levels[l];
      if (node < 0) continue;  // under the leaf's span
      const ReportNode& rn = schema.nodes[node];
      if (node == row.leaf) {
        t.cell(rn.path.back(), {.bold = true, .halfPoints = kSmall, .span = 2 * (depth - l) - 1, .center = true});
        continue;
      }
      // Word merges down with restart/continue cells on every row, not a rowspan.
      const VMerge merge = row.spans[l] == 0 ? VMerge::Continue : row.spans[l] > 1 ? VMerge::Restart : VMerge::None;
      std::string name = rn.path.back();
      if (rec.nodes[node].status != NodeStatus::Scored) name += "\n" + scoreWithStatus(schema, rec.nodes[node]);
      t.cell(name, {.bold = true, .halfPoints = kSmall, .vmerge = merge, .center = true});
      t.cell(scoreText(rn.max, p), number(merge));
    }
    const ReportNode& leaf = schema.nodes[row.leaf];
    const NodeResult& n = rec.nodes[row.leaf];
    t.cell(scoreText(leaf.max, p), number());
    t.cell(leaf.criteria, text());
    t.cell(n.explanation, text());
    t.cell(scoreWithStatus(schema, n), number());
  }
  if (!schema.bonusName.empty()) {
    t.row(false, true);
    t.cell(schema.bonusName, {.bold = true, .halfPoints = kSmall, .span = 2 * depth});
    t.cell("", text());
    t.cell(bonusText(rec, p), text());
    t.cell(fmt::format("+{} / −{}", scoreText(rec.bonus, p), scoreText(rec.penalty, p)), number());
  }
  t.row(false, true);
  t.cell("合计", head(2 * depth - 1));
  t.cell(scoreText(schema.total, p), head());
  t.cell("", head());
  t.cell(rec.grade.empty() ? "" : "等级：" + rec.grade, head());
  t.cell(scoreText(rec.total, p), head());
  body.table(t);
}

// Parents whose score is not just the sum below them (核定, 不考核) or that
// carry their own 评分标准: the grid has no column for a parent's text, so
// they follow it, as in the HTML report.
void parentNotes(docx::Body& body, const ReportSchema& schema, const RecordResult& rec, int width) {
  docx::Table t({width * 16 / 100, width * 5 / 100, width * 36 / 100, width * 36 / 100, width - width * 93 / 100});
  bool any = false;
  for (size_t i = 0; i < schema.nodes.size(); ++i) {
    const ReportNode& rn = schema.nodes[i];
    if (rn.leaf || (rec.nodes[i].status == NodeStatus::Scored && rn.criteria.empty())) continue;
    if (!any) {
      t.row(true);
      for (const char* h : {"上级指标", "分值", "评分标准", "评分说明", "得分"}) t.cell(h, head());
    }
    any = true;
    t.row(false, true);
    t.cell(rn.path.back(), {.bold = true, .halfPoints = kSmall});
    t.cell(scoreText(rn.max, schema.places), number());
    t.cell(rn.criteria, text());
    t.cell(rec.nodes[i].explanation, text());
    t.cell(scoreWithStatus(schema, rec.nodes[i]), number());
  }
  if (!any) return;
  body.paragraph("上级指标的评分说明", {.bold = true});
  body.table(t);
}

// A 自评表 as the national form (project_form_report.h): one Word table on
// its ten columns, the block labels merged down the first column, the 一级 and
// 二级 groups merged down their runs; errors and 提示 follow it.
void projectForm(docx::Body& body, const ReportSchema& schema, const RecordResult& rec, int width) {
  const ProjectFormView v = projectFormView(schema, rec);
  const int p = schema.places;
  auto score = [&](Decimal d) { return scoreText(d, p); };
  // The label column: Restart on a block's first row, Continue below it.
  auto label = [&](docx::Table& t, const std::string& text, bool first, int rows) {
    t.cell(first ? text : "", head(1, rows == 1 ? VMerge::None : first ? VMerge::Restart : VMerge::Continue));
  };
  auto merge = [](int span) { return span == 0 ? VMerge::Continue : span > 1 ? VMerge::Restart : VMerge::None; };
  body.paragraph(kProjectFormTitle, {.bold = true, .halfPoints = 32, .align = Align::Center});
  if (!v.year.empty()) body.paragraph("（" + v.year + "）", {.align = Align::Center});
  docx::Table t(projectFormColumnWidths(width));
  t.row(false, true);
  label(t, "项目名称", true, 1);
  t.cell(v.project, text(9));
  t.row(false, true);
  label(t, "主管部门", true, 1);
  t.cell(v.department, text(4));
  t.cell("实施单位", head());
  t.cell(v.unit, text(4));
  const int fundsRows = static_cast<int>(std::max<size_t>(1, v.funds.size())) + 1;
  t.row(false, true);
  label(t, "项目资金\n（万元）", true, fundsRows);
  t.cell("", head(2));
  for (const char* h : {"年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", ""}) t.cell(h, head());
  if (v.funds.empty()) {
    t.row(false, true);
    label(t, "", false, fundsRows);
    t.cell("（未填写）", text(9));
  }
  for (const FormFundsRow& f : v.funds) {
    t.row(false, true);
    label(t, "", false, fundsRows);
    t.cell(f.source, text(2));
    for (const std::string* figure : {&f.initial, &f.budget, &f.spent}) t.cell(*figure, number());
    t.cell(f.scored ? score(f.weight) : "—", number());
    t.cell(f.scored ? (f.rate ? percentText(*f.rate) : "—") : "—", number());
    t.cell(f.scored ? score(f.score) : "—", number());
    t.cell("", text());
  }
  t.row(false, true);
  label(t, "年度总体目标", true, 2);
  t.cell("预期目标", head(4));
  t.cell("实际完成情况", head(5));
  t.row(false, true);
  label(t, "", false, 2);
  t.cell(v.goal, text(4));
  t.cell(v.achieved, text(5));
  if (v.scored) {
    const int rows = static_cast<int>(v.indicators.size()) + 1;
    t.row(false, true);
    label(t, "绩效指标", true, rows);
    for (const char* h : {"一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "规则得分", "偏差原因分析及改进措施"})
      t.cell(h, head());
    for (const FormIndicatorRow& r : v.indicators) {
      t.row(false, true);
      label(t, "", false, rows);
      t.cell(r.span1 ? r.level1 : "", {.bold = true, .halfPoints = kSmall, .vmerge = merge(r.span1), .center = true});
      t.cell(r.span2 ? r.level2 : "", {.halfPoints = kSmall, .vmerge = merge(r.span2), .center = true});
      t.cell(r.name, text());
      t.cell(r.target, text());
      t.cell(r.achieved, text());
      t.cell(score(r.weight), number());
      t.cell(r.failed ? "出错" : score(r.score), number());
      t.cell(r.showComputed ? score(r.computed) : "", number());
      t.cell(r.note, text());
    }
    t.row(false, true);
    t.cell("总分", head(6));
    t.cell(score(v.maxTotal), head());
    t.cell(score(v.total), head());
    t.cell(v.showComputed ? score(v.computed) : "", head());
    t.cell(v.gradeLine, head());
  }
  body.table(t);
  if (v.showComputed)
    body.paragraph("得分为单位自评得分；按规则计算的总分为" + score(v.computed) + "分" + v.computedNote + "，规则得分一栏列出与自评不同的各行。", {.halfPoints = kSmall});
  for (const auto& e : v.errors) body.paragraph(e, {.halfPoints = kSmall, .color = "C00000"});
  if (!v.warnings.empty()) {
    body.paragraph("提示：", {.bold = true, .halfPoints = kSmall});
    for (const auto& w : v.warnings) body.paragraph(w, {.halfPoints = kSmall, .color = "7D4E00"});
  }
  if (!v.explanations.empty()) {
    body.paragraph("评分说明：", {.bold = true, .halfPoints = kSmall});
    for (const auto& [name, text] : v.explanations) body.paragraph(name + "：" + text, {.halfPoints = kSmall});
  }
}

}  // namespace

bool writeDocxReport(const std::string& path, const ReportSchema& schema, const std::vector<RecordResult>& results, std::string& error) {
  const docx::Page page = docx::Page::landscapeA4();
  const int width = page.textWidth();
  const AttachmentLayout layout = attachmentLayout(schema);
  docx::Body body;
  bool first = true;
  for (const auto& rec : results) {
    if (!first) body.pageBreak();
    first = false;
    if (isProjectForm(rec)) {
      projectForm(body, schema, rec, width);
      continue;
    }
    body.paragraph(schema.name + " 评分表", {.bold = true, .halfPoints = 32, .align = Align::Center});
    if (!rec.ok || rec.nodes.size() < schema.nodes.size()) {
      body.paragraph(fmt::format("{}（第{}行）：未能计分", recordName(rec), rec.row), {.bold = true});
      for (const auto& e : rec.errors) body.paragraph(e, {.color = "C00000"});
      continue;
    }
    formHeader(body, schema, rec, width);
    scoreTable(body, schema, layout, rec, width);
    parentNotes(body, schema, rec, width);
    signature(body, width);
  }
  if (results.empty()) body.paragraph("没有数据行。");
  return docx::writePackage(path, body, page, error);
}

namespace {

// The HTML pages' tone colours (html_page.h) as Word fills.
std::string toneFill(const std::string& tone) {
  if (tone == "good") return "2DA44E";
  if (tone == "fair") return "3B82C4";
  if (tone == "poor") return "D4A72C";
  return "CF222E";
}

// 一级指标得分率 as a table of bars: label | 20 cells of 5% | rate.
void rateBars(docx::Body& body, const ReportSchema& schema, const RecordResult& rec, int width) {
  constexpr int kCells = 20;
  const int label = width * 28 / 100, value = width * 14 / 100, cell = (width - label - value) / kCells;
  std::vector<int> grid{label};
  grid.insert(grid.end(), kCells, cell);
  grid.push_back(width - label - kCells * cell);
  docx::Table t(grid, false);
  for (size_t i = 0; i < schema.nodes.size() && i < rec.nodes.size(); ++i) {
    const ReportNode& node = schema.nodes[i];
    if (node.path.size() != 1) continue;
    t.row(false, true);
    t.cell(node.path.back(), {.halfPoints = kSmall, .align = Align::Right});
    auto rate = scoreRate(rec.nodes[i].score, node.max);
    if (!rec.nodes[i].counted || !rate) {
      t.cell("", {.halfPoints = kSmall, .span = kCells});
      t.cell("不考核", {.halfPoints = kSmall});
      continue;
    }
    // Cells filled: the rate in twentieths, rounded to the nearest.
    Decimal twentieths, rounded;
    int filled = 0;
    if (checkedMul(*rate, Decimal::fromInt(kCells), twentieths) == DecimalStatus::Ok && roundHalfAway(twentieths, 0, rounded) == DecimalStatus::Ok)
      filled = static_cast<int>(std::clamp<Decimal::Raw>(rounded.raw() / Decimal::kOne, 0, kCells));
    const std::string tone = toneFill(html::toneForRate(*rate));
    if (filled > 0) t.cell("", {.halfPoints = kSmall, .span = filled, .fill = tone});
    if (filled < kCells) t.cell("", {.halfPoints = kSmall, .span = kCells - filled, .fill = "EEF1F4"});
    t.cell(percentText(*rate), {.halfPoints = kSmall});
  }
  body.table(t);
}


// 各指标得分情况 as 表2-1 of the seed reports: 一级 and 二级 indicators with
// 分值, 得分 and 得分率; a 一级 cell spans its 二级 rows.
void scoreOverview(docx::Body& body, const ReportSchema& schema, const RecordResult& rec, int width) {
  const int p = schema.places;
  docx::Table t({width * 24 / 100, width * 28 / 100, width * 14 / 100, width * 17 / 100, width - width * 83 / 100});
  t.row(true);
  for (const char* h : {"一级指标", "二级指标", "分值", "评价得分", "得分率"}) t.cell(h, head());
  auto rateText = [&](size_t i) {
    auto rate = scoreRate(rec.nodes[i].score, schema.nodes[i].max);
    return rec.nodes[i].counted && rate ? percentText(*rate) : std::string("—");
  };
  for (size_t i = 0; i < schema.nodes.size(); ++i) {
    const ReportNode& top = schema.nodes[i];
    if (top.path.size() != 1) continue;
    std::vector<size_t> children;
    for (size_t k = i + 1; k < schema.nodes.size() && schema.nodes[k].path.size() > 1; ++k)
      if (schema.nodes[k].path.size() == 2) children.push_back(k);
    if (children.empty()) children.push_back(i);  // a 一级 leaf: one row, itself
    for (size_t c = 0; c < children.size(); ++c) {
      const size_t k = children[c];
      t.row(false, true);
      const VMerge merge = children.size() == 1 ? VMerge::None : c == 0 ? VMerge::Restart : VMerge::Continue;
      t.cell(top.path.back(), {.bold = true, .halfPoints = kSmall, .vmerge = merge, .center = true});
      t.cell(k == i ? "—" : schema.nodes[k].path.back(), text());
      t.cell(scoreText(schema.nodes[k].max, p), number());
      t.cell(rec.nodes[k].counted ? scoreWithStatus(schema, rec.nodes[k]) : "—（不考核）", number());
      t.cell(rateText(k), number());
    }
  }
  if (!schema.bonusName.empty()) {
    t.row(false, true);
    t.cell(schema.bonusName, {.bold = true, .halfPoints = kSmall});
    t.cell("—", text());
    t.cell("—", number());
    t.cell(fmt::format("+{} / −{}", scoreText(rec.bonus, p), scoreText(rec.penalty, p)), number());
    t.cell("—", number());
  }
  t.row(false, true);
  t.cell("合计", head(2));
  t.cell(scoreText(schema.total, p), head());
  t.cell(scoreText(rec.total, p), head());
  auto rate = scoreRate(rec.total, schema.total);
  t.cell(rate ? percentText(*rate) : "—", head());
  body.table(t);
}

// 主要失分点及原因: each leaf that lost points, largest loss first, with its 评分说明.
void losses(docx::Body& body, const ReportSchema& schema, const RecordResult& rec) {
  struct Loss {
    size_t node;
    Decimal loss;
  };
  std::vector<Loss> all;
  for (size_t i = 0; i < schema.nodes.size() && i < rec.nodes.size(); ++i) {
    const NodeResult& n = rec.nodes[i];
    Decimal loss;
    if (!schema.nodes[i].leaf || !n.counted || n.status == NodeStatus::NotApplicable) continue;
    if (checkedSub(schema.nodes[i].max, n.score, loss) == DecimalStatus::Ok && loss > Decimal()) all.push_back({i, loss});
  }
  std::stable_sort(all.begin(), all.end(), [](const Loss& a, const Loss& b) { return a.loss > b.loss; });
  if (all.empty()) {
    body.paragraph("各末级指标均得满分，无失分。");
    return;
  }
  const int p = schema.places;
  for (size_t k = 0; k < all.size(); ++k) {
    const ReportNode& node = schema.nodes[all[k].node];
    std::string path;
    for (const auto& part : node.path) path += (path.empty() ? "" : "—") + part;
    body.paragraph(fmt::format("{}．{}（分值{}分，得{}分，失{}分）", k + 1, path, scoreText(node.max, p),
                               scoreText(rec.nodes[all[k].node].score, p), scoreText(all[k].loss, p)),
                   {.bold = true});
    const std::string& why = rec.nodes[all[k].node].explanation;
    body.paragraph("原因：" + (why.empty() ? std::string("（无评分说明）") : why));
  }
}

void evaluationReport(docx::Body& body, const ReportSchema& schema, const RecordResult& rec, int width) {
  const int p = schema.places;
  body.paragraph(recordName(rec) + (schema.year ? fmt::format("{}年度", schema.year) : std::string()) + "绩效评价报告（草稿）",
                 {.bold = true, .halfPoints = 36, .align = Align::Center});
  body.heading("一、基本情况", 1);
  body.paragraph("被评价单位：" + recordName(rec));
  if (schema.year) body.paragraph(fmt::format("评价年度：{}年度", schema.year));
  body.paragraph("评价依据：" + schema.name + "（" + rulesetLine(schema) + "）");
  body.paragraph("（部门职能职责、机构设置与人员情况、部门整体收支情况、绩效目标等，由评价人员补充。）", {.color = "656D76"});
  body.heading("二、评价结论", 1);
  if (!rec.ok || rec.nodes.size() < schema.nodes.size()) {
    body.paragraph("本单位的数据有错误，未能计出总分：");
    for (const auto& e : rec.errors) body.paragraph(e, {.color = "C00000"});
    return;
  }
  body.paragraph(fmt::format("经综合评价，{}的评价得分为{}分（满分{}分），评定等级为“{}”。", recordName(rec), scoreText(rec.total, p),
                             scoreText(schema.total, p), rec.grade));
  body.heading("三、各指标得分情况", 1);
  scoreOverview(body, schema, rec, width);
  body.heading("一级指标得分率", 2);
  rateBars(body, schema, rec, width);
  body.heading("四、主要失分点及原因", 1);
  losses(body, schema, rec);
}

// The batch: figures, ranking, grades, histogram and 一级 rates.
void batchOverview(docx::Body& body, const ReportSchema& schema, const BatchSummary& s, int width) {
  const int p = schema.places;
  auto score = [&](const std::optional<Decimal>& v) { return v ? scoreText(*v, p) : std::string("—"); };
  body.paragraph(schema.name + " 评价汇总", {.bold = true, .halfPoints = 36, .align = Align::Center});
  body.paragraph(rulesetLine(schema), {.align = Align::Center});
  body.paragraph(fmt::format("共{}个单位，计出总分{}个，有错误{}个；最低分{}，最高分{}，平均分{}，中位数{}。", s.records, s.scored, s.withErrors,
                             score(s.min), score(s.max), score(s.mean), score(s.median)));
  body.heading("排名", 2);
  docx::Table rank({width * 8 / 100, width * 32 / 100, width * 10 / 100, width * 8 / 100, width - width * 58 / 100});
  rank.row(true);
  for (const char* h : {"名次", "单位", "总分", "等级", "失分最多的三个指标"}) rank.cell(h, head());
  for (const auto& r : s.ranking) {
    rank.row(false, true);
    rank.cell(std::to_string(r.rank), number());
    rank.cell(r.id.empty() ? fmt::format("第{}行", r.row) : r.id, text());
    rank.cell(scoreText(r.total, p), number());
    rank.cell(r.grade, number());
    rank.cell(lossesText(schema, r), text());
  }
  body.table(rank);
  body.heading("等级分布", 2);
  docx::Table grades({width / 3, width / 3, width - 2 * (width / 3)});
  grades.row(true);
  for (const char* h : {"等级", "区间（分）", "单位数"}) grades.cell(h, head());
  for (size_t g = 0; g < s.grades.size(); ++g) {
    grades.row();
    grades.cell(s.grades[g].grade, number());
    grades.cell(scoreText(schema.grades[g].low, p) + "～" + scoreText(schema.grades[g].high, p), number());
    grades.cell(std::to_string(s.grades[g].count), number());
  }
  body.table(grades);
  body.heading("总分分布", 2);
  docx::Table histogram({width / 2, width - width / 2});
  histogram.row(true);
  for (const char* h : {"总分区间（分）", "单位数"}) histogram.cell(h, head());
  for (const auto& b : s.histogram) {
    histogram.row();
    histogram.cell(bucketLabel(b, p), number());
    histogram.cell(std::to_string(b.count), number());
  }
  body.table(histogram);
  body.heading("各指标平均得分率", 2);
  docx::Table rates({width * 52 / 100, width * 12 / 100, width * 12 / 100, width * 12 / 100, width - width * 88 / 100});
  rates.row(true);
  for (const char* h : {"指标", "分值", "平均得分", "平均得分率", "计入单位数"}) rates.cell(h, head());
  for (const auto& st : s.indicators) {
    const ReportNode& n = schema.nodes[st.node];
    rates.row(false, true);
    rates.cell(std::string(3 * (n.path.size() - 1), ' ') + n.path.back(), {.bold = n.path.size() == 1, .halfPoints = kSmall});
    rates.cell(scoreText(n.max, p), number());
    rates.cell(score(st.averageScore), number());
    rates.cell(st.averageRate ? percentText(*st.averageRate) : "—", number());
    rates.cell(std::to_string(st.applicable), number());
  }
  body.table(rates);
}

}  // namespace

bool writeDocxSummary(const std::string& path, const ReportSchema& schema, const std::vector<RecordResult>& results, std::string& error) {
  // Portrait for the report; each department's 评分表 follows as 附件1 in a
  // landscape section of its own, as the seed reports attach it.
  const docx::Page portrait = docx::Page::portrait(), landscape = docx::Page::landscapeA4();
  const AttachmentLayout layout = attachmentLayout(schema);
  docx::Body body;
  bool first = true, inLandscape = false;
  if (results.size() > 1) {
    batchOverview(body, schema, summarizeBatch(schema, results), portrait.textWidth());
    first = false;
  }
  for (const auto& rec : results) {
    if (inLandscape) body.endSection(landscape);
    else if (!first) body.pageBreak();
    first = false;
    inLandscape = false;
    evaluationReport(body, schema, rec, portrait.textWidth());
    if (!rec.ok || rec.nodes.size() < schema.nodes.size()) continue;
    body.paragraph("具体评分依据见附件1。");
    body.endSection(portrait);
    inLandscape = true;
    const int width = landscape.textWidth();
    body.paragraph("附件1：" + schema.name + " 评分表", {.bold = true, .halfPoints = 28, .align = Align::Center});
    formHeader(body, schema, rec, width);
    scoreTable(body, schema, layout, rec, width);
    parentNotes(body, schema, rec, width);
    signature(body, width);
  }
  if (results.empty()) body.paragraph("没有数据行。");
  return docx::writePackage(path, body, inLandscape ? landscape : portrait, error);
}

}  // namespace defen

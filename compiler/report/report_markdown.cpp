// The 附件1 table and the batch summary as Markdown (GitHub-flavoured tables).
#include "compiler/report/attachment_layout.h"
#include "compiler/report/batch_summary.h"
#include "compiler/report/documents.h"

#include <fmt/format.h>

namespace defen {
namespace {

// A table cell: | and \ are backslash-escaped so the row keeps its columns,
// line breaks become <br>. < and & are backslash-escaped too, so data never
// opens a tag or an entity in a renderer that passes HTML through, while the
// Markdown source still reads as the text (“x \< y”, not “x &lt; y”).
std::string cell(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    switch (c) {
      case '|': out += "\\|"; break;
      case '\\': out += "\\\\"; break;
      case '&': out += "\\&"; break;
      case '<': out += "\\<"; break;
      case '\r': if (i + 1 < text.size() && text[i + 1] == '\n') ++i; out += "<br>"; break;
      case '\n': out += "<br>"; break;
      default: out += c;
    }
  }
  return out;
}

std::string scoreCell(const ReportSchema& schema, const NodeResult& n) {
  const int p = schema.places;
  if (!n.counted) return "—（不考核）";
  if (n.status == NodeStatus::Failed) return "—（出错）";
  if (n.incomplete) return scoreText(n.score, p) + "（不完整）";
  if (n.status == NodeStatus::Overridden) return fmt::format("{} → {}（核定）", scoreText(n.computed, p), scoreText(n.score, p));
  std::string label = statusLabel(n.status);
  return scoreText(n.score, p) + (label.empty() ? "" : "（" + label + "）");
}

void writeRecord(std::ostream& out, const ReportSchema& schema, const AttachmentLayout& layout, const RecordResult& rec) {
  const int p = schema.places;
  if (rec.incomplete) {
    out << "## " << cell(recordName(rec)) << "：" << scoreText(rec.total, p) << "分（不完整），等级待定\n\n";
  } else if (!rec.ok) {
    out << "## " << cell(recordName(rec)) << "：未能计分\n\n";
  } else {
    out << "## " << cell(recordName(rec)) << "：" << scoreText(rec.total, p) << "分，" << cell(rec.grade) << "\n\n";
  }
  out << "第" << rec.row << "行\n\n";
  if (rec.hasTotal() && rec.nodes.size() >= schema.nodes.size()) {
    out << "|";
    for (int l = 0; l < layout.depth; ++l) out << " " << levelHeader(l) << " |";
    out << " 分值 | 评分标准 | 评分说明 | 得分 |\n|";
    for (int l = 0; l < layout.depth; ++l) out << " --- |";
    out << " ---: | --- | --- | ---: |\n";
    for (const auto& row : layout.rows) {
      out << "|";
      for (int l = 0; l < layout.depth; ++l) {
        int node = row.levels[l];
        out << " ";
        // Markdown has no merged cells: an ancestor is named on its first row only.
        if (node >= 0 && row.spans[l] > 0) {
          const ReportNode& rn = schema.nodes[node];
          const NodeResult& nr = rec.nodes[node];
          out << cell(rn.path.back());
          if (!rn.leaf) {
            out << "（" << scoreText(rn.max, p) << "分）";
            if (nr.status != NodeStatus::Scored || nr.incomplete) out << "<br>" << cell(scoreCell(schema, nr));
          }
        }
        out << " |";
      }
      const ReportNode& leaf = schema.nodes[row.leaf];
      const NodeResult& n = rec.nodes[row.leaf];
      out << " " << scoreText(leaf.max, p) << " | " << cell(leaf.criteria) << " | " << cell(n.explanation) << " | " << scoreCell(schema, n) << " |\n";
    }
    std::string blanks;
    for (int l = 1; l < layout.depth; ++l) blanks += " |";
    if (!schema.bonusName.empty())
      out << "| " << cell(schema.bonusName) << " |" << blanks << "  |  | "
          << cell(bonusText(rec, p)) << " | "
          << fmt::format("+{}/−{}", scoreText(rec.bonus, p), scoreText(rec.penalty, p)) << " |\n";
    std::string grade = rec.incomplete ? "不完整，等级待定" : rec.grade.empty() ? "" : "等级：" + cell(rec.grade);
    out << "| **合计** |" << blanks << " **" << scoreText(schema.total, p) << "** |  | " << grade << " | **"
        << scoreText(rec.total, p) << (rec.incomplete ? "（不完整）" : "") << "** |\n\n";
    // 逐行: the rows as the national form lists them (绩效指标 table).
    for (size_t i = 0; i < schema.nodes.size() && i < rec.nodes.size(); ++i) {
      if (rec.nodes[i].rows.empty()) continue;
      out << "**" << cell(schema.nodes[i].path.back()) << "**\n\n"
          << "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 规则得分 | 偏差原因分析及改进措施 |\n"
          << "| --- | --- | --- | --- | --- | ---: | ---: | ---: | --- |\n";
      for (const RowLine& r : rec.nodes[i].rows) {
        bool failed = r.status == NodeStatus::Failed;
        out << "| " << cell(r.groups.size() > 0 ? r.groups[0] : "") << " | " << cell(r.groups.size() > 1 ? r.groups[1] : "") << " | "
            << cell(r.name) << " | " << cell(r.target) << " | " << cell(r.achieved) << " | " << scoreText(r.weight, p) << " | "
            << (failed ? "出错" : scoreText(r.score, p)) << " | " << (!r.ruleFault.empty() ? "无法核对" : failed || r.computed == r.score ? "" : scoreText(r.computed, p)) << " | "
            << cell(failed ? r.errors.front() : r.note) << " |\n";
      }
      out << "\n";
    }
    // Parents whose score is not just the sum below them say why here.
    for (size_t i = 0; i < schema.nodes.size(); ++i) {
      const ReportNode& rn = schema.nodes[i];
      if (rn.leaf || (rec.nodes[i].status == NodeStatus::Scored && !rec.nodes[i].incomplete && rn.criteria.empty())) continue;
      out << "- **" << cell(rn.path.back()) << "**，得分" << scoreCell(schema, rec.nodes[i]) << "：";
      if (!rn.criteria.empty()) out << "评分标准：" << cell(rn.criteria) << "；";
      out << cell(rec.nodes[i].explanation) << "\n";
    }
  }
  if (!rec.errors.empty()) {
    out << "\n**错误：**\n\n";
    for (const auto& e : rec.errors) out << "- " << cell(e) << "\n";
  }
  if (!rec.warnings.empty()) {
    out << "\n**提示：**\n\n";
    for (const auto& w : rec.warnings) out << "- " << cell(w) << "\n";
  }
  out << "\n";
}

}  // namespace

void writeMarkdownReport(std::ostream& out, const ReportSchema& schema, const std::vector<RecordResult>& results) {
  const AttachmentLayout layout = attachmentLayout(schema);
  out << "# " << cell(schema.name) << " — 评分结果\n\n" << cell(rulesetLine(schema)) << "\n\n";
  if (results.empty()) out << "（没有数据行）\n";
  for (const auto& rec : results) writeRecord(out, schema, layout, rec);
}

void writeSummaryMarkdown(std::ostream& out, const ReportSchema& schema, const std::vector<RecordResult>& results) {
  writeSummaryMarkdown(out, schema, summarizeBatch(schema, results));
}

void writeSummaryMarkdown(std::ostream& out, const ReportSchema& schema, const BatchSummary& s) {
  const int p = schema.places;
  auto score = [&](const std::optional<Decimal>& v) { return v ? scoreText(*v, p) : std::string("—"); };
  auto share = [&](int count) { return s.scored ? percentText(*scoreRate(Decimal::fromInt(count), Decimal::fromInt(s.scored))) : "—"; };

  out << "# " << cell(schema.name) << " — 批量评分汇总\n\n" << cell(rulesetLine(schema)) << "\n\n## 概况\n\n";
  out << "| 部门数 | 已计分 | 有错误 | 最低分 | 最高分 | 平均分 | 中位数 |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n";
  out << fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n\n", s.records, s.scored, s.withErrors, score(s.min), score(s.max), score(s.mean),
                     score(s.median));
  if (s.incomplete > 0)
    out << "有错误的部门中，" << s.incomplete << "个有指标出错，其余指标已计分，总分不完整、等级待定，不计入以下统计。\n\n";

  out << "## 等级分布\n\n| 等级 | 区间（分） | 部门数 | 占比 |\n| --- | --- | ---: | ---: |\n";
  for (size_t g = 0; g < s.grades.size(); ++g)
    out << fmt::format("| {} | {}～{} | {} | {} |\n", cell(s.grades[g].grade), scoreText(schema.grades[g].low, p),
                       scoreText(schema.grades[g].high, p), s.grades[g].count, share(s.grades[g].count));

  out << "\n## 总分分布\n\n| 区间（分） | 部门数 |\n| --- | ---: |\n";
  for (const auto& b : s.histogram) out << fmt::format("| {} | {} |\n", bucketLabel(b, p), b.count);

  out << "\n## 排名\n\n";
  if (s.ranking.empty()) out << "没有计出总分的部门。\n";
  else out << "| 名次 | 单位 | 总分 | 等级 | 失分最多的三个指标 |\n| ---: | --- | ---: | --- | --- |\n";
  for (const auto& r : s.ranking)
    out << "| " << r.rank << " | " << cell(r.id.empty() ? fmt::format("第{}行", r.row) : r.id) << " | " << scoreText(r.total, p) << " | "
        << cell(r.grade) << " | " << cell(lossesText(schema, r)) << " |\n";
  out << "\n## 各指标平均得分率\n\n平均得分与得分率只计该指标适用（非不考核）的部门。\n\n"
      << "| 指标 | 分值 | 平均得分 | 平均得分率 | 计入部门数 | 不考核 |\n| --- | ---: | ---: | ---: | ---: | ---: |\n";
  for (const auto& st : s.indicators) {
    const ReportNode& n = schema.nodes[st.node];
    std::string indent;
    for (size_t l = 1; l < n.path.size(); ++l) indent += "　";
    out << "| " << indent << cell(n.path.back()) << " | " << scoreText(n.max, p) << " | " << score(st.averageScore) << " | "
        << (st.averageRate ? percentText(*st.averageRate) : "—") << " | " << st.applicable << " | " << st.notApplicable << " |\n";
  }

  out << "\n## 失分最多的指标\n\n";
  if (s.losses.empty()) out << "各部门在所有末级指标上均得满分。\n";
  else out << "| 排名 | 指标 | 分值 | 失分合计 | 平均失分 | 计入部门数 |\n| ---: | --- | ---: | ---: | ---: | ---: |\n";
  for (size_t i = 0; i < s.losses.size(); ++i) {
    const LossStat& l = s.losses[i];
    std::string path;
    for (const auto& part : schema.nodes[l.node].path) path += (path.empty() ? "" : " / ") + part;
    out << "| " << i + 1 << " | " << cell(path) << " | " << scoreText(schema.nodes[l.node].max, p) << " | " << scoreText(l.totalLoss, p)
        << " | " << scoreText(l.averageLoss, p) << " | " << l.records << " |\n";
  }

  if (!s.errorRows.empty()) {
    out << "\n## 未能计分的行\n\n";
    for (const auto& e : s.errorRows) {
      std::string errors;
      for (const auto& m : e.errors) errors += (errors.empty() ? "" : "；") + m;
      out << "- 第" << e.row << "行" << (e.id.empty() ? "" : "（" + cell(e.id) + "）") << "：" << cell(errors) << "\n";
    }
  }
}

}  // namespace defen

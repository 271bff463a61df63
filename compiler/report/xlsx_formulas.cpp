#include "compiler/report/xlsx_formulas.h"

namespace defen::xlsx {
namespace {

std::string number(Decimal v) { return toString(v); }

std::string joined(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

// A parent whose whole subtree is plain sums: every node scored by its rule,
// no child dropped, so the subtree's score is the sum of its leaf cells.
bool plainSum(const ReportSchema& schema, const ScoreTree& tree, const RecordResult& r, int node) {
  if (schema.nodes[static_cast<size_t>(node)].leaf) return true;
  if (r.nodes[static_cast<size_t>(node)].status != NodeStatus::Scored) return false;
  for (int c : tree.children[static_cast<size_t>(node)]) {
    if (!r.nodes[static_cast<size_t>(c)].counted || !plainSum(schema, tree, r, c)) return false;
  }
  return true;
}

// The terms of a sum over `nodes` (the counted ones), each a cell or an
// expanded formula; notes of expanded parts are gathered into `notes`.
std::vector<std::string> terms(const ReportSchema& schema, const ScoreTree& tree, const RecordResult& r, const ScoreCells& cells,
                               const std::vector<int>& nodes, Decimal& weights, bool& dropped, std::vector<std::string>& notes) {
  std::vector<std::string> out;
  for (int c : nodes) {
    const NodeResult& nr = r.nodes[static_cast<size_t>(c)];
    if (!nr.counted) {
      dropped = true;
      continue;
    }
    checkedAdd(weights, schema.nodes[static_cast<size_t>(c)].max, weights);
    if (std::string cell = cells.cell(c); !cell.empty()) {
      out.push_back(cell);
      continue;
    }
    Formula f = nodeFormula(schema, tree, r, cells, c);
    if (!f.note.empty()) notes.push_back(f.note);
    out.push_back(f.text);
  }
  return out;
}

std::string sumOf(const std::vector<std::string>& parts) { return parts.empty() ? "0" : "SUM(" + joined(parts, ",") + ")"; }

}  // namespace

ScoreTree scoreTree(const ReportSchema& schema) {
  ScoreTree t;
  const size_t n = schema.nodes.size();
  t.parent.assign(n, -1);
  t.children.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const size_t depth = schema.nodes[i].path.size();
    // Document order puts a parent before its children: the nearest earlier
    // node one level up is the parent.
    for (size_t j = i; depth > 1 && j-- > 0;) {
      if (schema.nodes[j].path.size() == depth - 1) {
        t.parent[i] = static_cast<int>(j);
        break;
      }
    }
    if (t.parent[i] < 0) t.roots.push_back(static_cast<int>(i));
    else t.children[static_cast<size_t>(t.parent[i])].push_back(static_cast<int>(i));
  }
  return t;
}

Formula nodeFormula(const ReportSchema& schema, const ScoreTree& tree, const RecordResult& r, const ScoreCells& cells, int node) {
  const ReportNode& n = schema.nodes[static_cast<size_t>(node)];
  const NodeResult& nr = r.nodes[static_cast<size_t>(node)];
  Formula f;
  if (n.leaf) {
    f.text = cells.cell(node);
    return f;
  }
  if (Formula moved = movedFormula(schema, tree, r, cells, node); !moved.text.empty()) return moved;
  if (nr.status != NodeStatus::Scored) {
    f.text = number(nr.score);
    f.literal = true;
    const std::string name = "“" + n.path.back() + "”";
    switch (nr.status) {
      case NodeStatus::Overridden: f.note = name + "为核定分" + scoreText(nr.score, schema.places) + "分，不随下级指标的得分变化。"; break;
      case NodeStatus::NotApplicable:
        f.note = name + "不考核，按规则得满分" + scoreText(nr.score, schema.places) + "分，不随下级指标的得分变化。";
        break;
      default: f.note = name + "（" + statusLabel(nr.status) + "）得分" + scoreText(nr.score, schema.places) + "分不随下级指标变化。";
    }
    return f;
  }
  if (cells.range && plainSum(schema, tree, r, node)) {
    if (std::string range = cells.range(node); !range.empty()) {
      f.text = "SUM(" + range + ")";
      return f;
    }
  }
  Decimal weights;
  bool dropped = false;
  std::vector<std::string> notes;
  const auto parts = terms(schema, tree, r, cells, tree.children[static_cast<size_t>(node)], weights, dropped, notes);
  f.note = joined(notes, "\n");
  // 折算: 分值 × the counted children's score ÷ their 分值, rounded like any score.
  if (dropped) f.text = "ROUND(" + number(n.max) + "*" + sumOf(parts) + "/" + number(weights) + "," + std::to_string(schema.places) + ")";
  else f.text = sumOf(parts);
  return f;
}

Formula movedFormula(const ReportSchema& schema, const ScoreTree& tree, const RecordResult& r, const ScoreCells& cells, int node) {
  const ReportNode& n = schema.nodes[static_cast<size_t>(node)];
  const NodeResult& nr = r.nodes[static_cast<size_t>(node)];
  Formula f;
  if (nr.status != NodeStatus::NotApplicable || !nr.counted || nr.naRule < 0 ||
      static_cast<size_t>(nr.naRule) >= n.moveTargets.size() || n.moveTargets[static_cast<size_t>(nr.naRule)].empty())
    return f;
  const auto& targets = n.moveTargets[static_cast<size_t>(nr.naRule)];
  std::vector<std::string> rates, notes;
  for (int t : targets) {
    const ReportNode& target = schema.nodes[static_cast<size_t>(t)];
    std::string score = cells.cell(t);
    if (score.empty()) {
      Formula tf = nodeFormula(schema, tree, r, cells, t);
      if (!tf.note.empty()) notes.push_back(tf.note);
      score = tf.text;
    }
    // A target of 分值 0 counts as a full rate, as in the scorer.
    rates.push_back(target.max.isZero() ? "1" : score + "/" + number(target.max));
  }
  // 分值 split evenly over the targets, each share times its target's score rate.
  f.text = "ROUND(" + number(n.max) + "*" + sumOf(rates) + "/" + std::to_string(targets.size()) + "," +
           std::to_string(schema.places) + ")";
  f.note = joined(notes, "\n");
  return f;
}

Formula totalFormula(const ReportSchema& schema, const ScoreTree& tree, const RecordResult& r, const ScoreCells& cells,
                     const std::string& bonusCell) {
  Decimal weights;
  bool dropped = false;
  std::vector<std::string> notes;
  const auto parts = terms(schema, tree, r, cells, tree.roots, weights, dropped, notes);
  std::string x = sumOf(parts);
  // The scorer does not round the rescaled sum before the 加减分.
  if (dropped) x = number(schema.total) + "*" + x + "/" + number(weights);
  const std::string total = number(schema.total);
  std::string capped;
  // 加分 first, capped at 总分; then 减分, floored at 0. The net cell serves
  // when one side is zero; with both, the two amounts are written out.
  if (bonusCell.empty()) {
    capped = "MIN(" + total + "," + x + ")";
  } else if (r.penalty.isZero()) {
    capped = "MIN(" + total + "," + x + "+" + bonusCell + ")";
  } else if (r.bonus.isZero()) {
    capped = "MIN(" + total + "," + x + ")+" + bonusCell;
  } else {
    capped = "MIN(" + total + "," + x + "+" + number(r.bonus) + ")-" + number(r.penalty);
    notes.push_back("加分" + scoreText(r.bonus, schema.places) + "分、减分" + scoreText(r.penalty, schema.places) +
                    "分分别写在公式中（加分后不超过" + scoreText(schema.total, schema.places) + "分，再减分），不随加减分单元格变化。");
  }
  Formula f;
  f.text = "ROUND(MAX(0," + capped + ")," + std::to_string(schema.places) + ")";
  f.note = joined(notes, "\n");
  return f;
}

std::string gradeFormula(const ReportSchema& schema, const std::string& totalCell, const std::string& prefix) {
  std::string out, closing;
  for (const auto& g : schema.grades) {
    std::vector<std::string> tests;
    if (g.lowBounded) tests.push_back(totalCell + (g.lowClosed ? ">=" : ">") + number(g.low));
    if (g.highBounded) tests.push_back(totalCell + (g.highClosed ? "<=" : "<") + number(g.high));
    const std::string cond = tests.empty() ? "TRUE" : tests.size() == 1 ? tests[0] : "AND(" + joined(tests, ",") + ")";
    out += "IF(" + cond + "," + quoted(prefix + g.name) + ",";
    closing += ")";
  }
  return out + quoted("") + closing;
}

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string cellName(int row, int col) {
  std::string letters;
  for (int c = col + 1; c > 0; c = (c - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
  return letters + std::to_string(row + 1);
}

}  // namespace defen::xlsx

#include "lib/convert.h"

#include "compiler/report/report.h"

#include <charconv>

namespace defen {

Points pointsOf(Decimal value, int places) {
  Points p;
  p.text = scoreJson(value, places);  // exact, as JSON gives it: "86.5", "3"
  // from_chars, not strtod: a host process's locale must not turn "86.5" into 86.
  std::from_chars(p.text.data(), p.text.data() + p.text.size(), p.value);
  return p;
}

std::vector<Message> messagesOf(const Compilation& c) {
  std::vector<Message> out;
  for (const auto& d : c.diags.all()) {
    Message m;
    m.error = d.severity == Severity::Error;
    m.code = d.code;
    m.file = c.source->path();
    m.line = d.range.line;
    m.column = d.range.col;
    m.text = d.zh;
    m.textEn = d.en;
    m.rendered = renderDiagnostic(d, *c.source, Lang::Zh);
    out.push_back(std::move(m));
  }
  return out;
}

LoadResult finishLoad(Compilation c, const LoadOptions& options) {
  LoadResult result;
  result.messages = messagesOf(c);
  if (!c.program) return result;
  const std::string path = c.source->path();
  std::string error;
  std::unique_ptr<LoadedRuleset> loaded =
      loadCompiled(std::move(c), options.engine == EngineType::Jit ? EngineKind::Jit : EngineKind::Interpreter, error, options.cache);
  if (!loaded) {  // LLVM failed: a bug in defen, never in the ruleset
    Message m;
    m.code = "E000";
    m.file = path;
    m.text = "内部错误：无法为该规则生成本机代码（" + error + "），可改用解释器 EngineType::Interpreter";
    m.textEn = "internal error: could not compile native code (" + error + ")";
    m.rendered = m.file + ": 错误 [E000]: " + m.text + "\n";
    result.messages.push_back(std::move(m));
    return result;
  }
  auto state = std::make_shared<Ruleset::State>();
  static_cast<LoadedRuleset&>(*state) = std::move(*loaded);
  state->options = options;
  for (const auto& m : result.messages)
    if (!m.error) state->warnings.push_back(m);
  result.ruleset = RulesetAccess::make(std::move(state));
  return result;
}

namespace {

ScoreStatus publicStatus(NodeStatus s) {
  switch (s) {
    case NodeStatus::Scored: return ScoreStatus::Scored;
    case NodeStatus::Reviewed: return ScoreStatus::Reviewed;
    case NodeStatus::NotApplicable: return ScoreStatus::NotApplicable;
    case NodeStatus::Missing: return ScoreStatus::Missing;
    case NodeStatus::Overridden: return ScoreStatus::Overridden;
    case NodeStatus::Failed: return ScoreStatus::Failed;
  }
  return ScoreStatus::Scored;
}

}  // namespace

Scorecard scorecardOf(const ReportSchema& schema, const RecordResult& r) {
  Scorecard card;
  card.row = r.row;
  card.id = r.id;
  card.ok = r.ok;
  card.errors = r.errors;
  card.incomplete = r.incomplete;
  card.incompleteReasons = r.incompleteReasons;
  if (!r.hasScores()) return card;  // no scores to speak of; the errors say why
  if (r.hasTotal()) card.total = pointsOf(r.total, schema.places);
  card.grade = r.grade;
  card.bonus = pointsOf(r.bonus, schema.places);
  card.penalty = pointsOf(r.penalty, schema.places);
  for (size_t i = 0; i < schema.nodes.size() && i < r.nodes.size(); ++i) {
    const ReportNode& node = schema.nodes[i];
    const NodeResult& n = r.nodes[i];
    IndicatorScore s;
    s.path = node.path;
    s.name = node.path.empty() ? std::string() : node.path.back();
    s.leaf = node.leaf;
    s.max = pointsOf(node.max, schema.places);
    s.counted = n.counted;
    s.errors = n.errors;
    s.incomplete = n.incomplete;
    if (n.counted && n.status != NodeStatus::Failed) s.score = pointsOf(n.score, schema.places);
    s.status = publicStatus(n.status);
    s.statusName = statusName(n.status);
    s.statusLabel = statusLabel(n.status);
    s.explanation = n.explanation;
    card.indicators.push_back(std::move(s));
  }
  return card;
}

}  // namespace defen

#include "compiler/tools/ruletest/score_comparison.h"

#include <fmt/format.h>

namespace defen::ruletest {

namespace {

std::string show(Decimal v) { return toString(v); }
std::string show(Decimal::Raw v) { return toString(Decimal::fromRaw(v)); }
std::string show(bool v) { return v ? "true" : "false"; }
std::string show(int v) { return std::to_string(v); }
std::string show(uint8_t v) { return std::to_string(v); }
std::string show(size_t v) { return std::to_string(v); }
std::string show(NodeStatus s) { return statusName(s); }
std::string show(const std::string& s) { return s; }
std::string showList(const std::vector<std::string>& errors) {
  std::string out = fmt::format("{} error(s)", errors.size());
  for (const auto& e : errors) out += "\n      " + e;
  return out;
}

}  // namespace

std::string showErrors(const std::vector<std::string>& errors) { return showList(errors); }

std::string Comparison::nodeName(int id) const { return id >= 0 ? p_.nodes[static_cast<size_t>(id)].name : std::string("（顶层）"); }

template <class Name, class T>
void Comparison::check(Name&& field, const T& a, const T& b) {
  if (done() || a == b) return;
  diffs_.push_back(Difference{field(), show(a), show(b)});
}

// The first message that differs ("errors[2]"), or the count when one
// list merely has more; both lists are printed in full with the record.
void Comparison::errors(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (done() || a == b) return;
  size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  if (i < a.size() && i < b.size()) diffs_.push_back(Difference{fmt::format("errors[{}]", i), a[i], b[i]});
  else diffs_.push_back(Difference{"errors (count)", show(a.size()), show(b.size())});
}

const std::vector<Difference>& Comparison::operator()(const eval::Scored& a, const eval::Scratch& ta, const eval::Scored& b,
                                                      const eval::Scratch& tb) {
  diffs_.clear();
  check([] { return std::string("ok"); }, a.ok, b.ok);
  check([] { return std::string("incomplete"); }, a.incomplete, b.incomplete);
  check([] { return std::string("evaluated"); }, a.evaluated, b.evaluated);
  errors(a.errors, b.errors);
  errors(a.incompleteReasons, b.incompleteReasons);
  check([] { return std::string("total"); }, a.total, b.total);
  check([] { return std::string("rawTotal"); }, a.rawTotal, b.rawTotal);
  check([] { return std::string("bonus"); }, a.bonus, b.bonus);
  check([] { return std::string("penalty"); }, a.penalty, b.penalty);
  check([] { return std::string("grade"); }, a.grade, b.grade);
  for (size_t i = 0; i < p_.nodes.size() && !done(); ++i) {
    const eval::NodeState &x = a.nodes[i], &y = b.nodes[i];
    auto f = [&](const char* what) { return [this, i, what] { return fmt::format("nodes[{}] “{}”.{}", i, p_.nodes[i].name, what); }; };
    check(f("score"), x.score, y.score);
    check(f("computed"), x.computed, y.computed);
    check(f("status"), x.status, y.status);
    check(f("computedStatus"), x.computedStatus, y.computedStatus);
    check(f("counted"), x.counted, y.counted);
    check(f("inheritedNa"), x.inheritedNa, y.inheritedNa);
    check(f("naRule"), x.naRule, y.naRule);
    check(f("missingInput"), x.missingInput, y.missingInput);
    check(f("capped"), x.capped, y.capped);
    check(f("failed"), x.failed, y.failed);
    check(f("incomplete"), x.incomplete, y.incomplete);
    if (!done()) errors(a.nodeErrors[i], b.nodeErrors[i]);
    // 逐行: every row's line (compiler/eval/row_sets.cpp).
    if (i < a.rows.size() && i < b.rows.size() && !done()) {
      check(f("rows (count)"), a.rows[i].size(), b.rows[i].size());
      for (size_t k = 0; k < a.rows[i].size() && k < b.rows[i].size() && !done(); ++k) {
        const RowLine &r = a.rows[i][k], &s = b.rows[i][k];
        auto g = [&](const char* what) { return [this, i, k, what] { return fmt::format("nodes[{}] “{}”.rows[{}].{}", i, p_.nodes[i].name, k, what); }; };
        check(g("score"), r.score, s.score);
        check(g("computed"), r.computed, s.computed);
        check(g("status"), r.status, s.status);
        check(g("tier"), r.tier, s.tier);
        check(g("ruleFault"), r.ruleFault, s.ruleFault);
        check(g("explanation"), r.explanation, s.explanation);
        if (!done()) errors(r.errors, s.errors);
        if (!done()) errors(r.warnings, s.warnings);
      }
    }
  }
  if (!done()) errors(a.warnings, b.warnings);
  check([] { return std::string("computed"); }, a.computed, b.computed);
  check([] { return std::string("computedIncomplete"); }, a.computedIncomplete, b.computedIncomplete);
  for (size_t t = 0; t < p_.tables.size() && !done(); ++t)
    check([&] { return fmt::format("fired[{}] (band table of “{}”, line {})", t, nodeName(p_.tables[t].node), p_.tables[t].range.line); },
          ta.fired[t], tb.fired[t]);
  for (const auto& node : p_.nodes) {
    for (const auto& item : node.items)
      check([&] { return fmt::format("itemMet[{}] (“{}”: {})", item.index, node.name, item.text); }, ta.itemMet[item.index],
            tb.itemMet[item.index]);
    for (const auto& d : node.deductions) {
      check([&] { return fmt::format("deducted[{}] (“{}”: {})", d.index, node.name, d.text); }, ta.deducted[d.index], tb.deducted[d.index]);
      check([&] { return fmt::format("steps[{}] (“{}”: {})", d.index, node.name, d.text); }, ta.steps[d.index], tb.steps[d.index]);
    }
  }
  for (size_t l = 0; l < p_.lets.size() && !done(); ++l) {
    auto name = [&](const char* what) { return [this, l, what] { return fmt::format("{}[{}] (令 {})", what, l, p_.lets[l].name); }; };
    check(name("letDone"), ta.letDone[l], tb.letDone[l]);
    if (ta.letDone[l] && tb.letDone[l]) check(name("lets"), ta.lets[l], tb.lets[l]);
  }
  return diffs_;
}

}  // namespace defen::ruletest

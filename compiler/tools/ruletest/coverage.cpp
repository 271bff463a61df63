#include "compiler/tools/ruletest/coverage.h"

#include "compiler/report/explain/explain.h"

#include <algorithm>
#include <fmt/format.h>

namespace defen::ruletest {

const char* categoryName(CoverageItem::Category c, Lang lang) {
  bool zh = lang == Lang::Zh;
  switch (c) {
    case CoverageItem::Category::Band: return zh ? "分段" : "bands";
    case CoverageItem::Category::ItemMet: return zh ? "逐项（符合）" : "checklist items met";
    case CoverageItem::Category::ItemUnmet: return zh ? "逐项（不符合）" : "checklist items unmet";
    case CoverageItem::Category::Deduction: return zh ? "扣分" : "deductions";
    case CoverageItem::Category::NotApplicable: return zh ? "不考核" : "not-applicable clauses";
    case CoverageItem::Category::Bonus: return zh ? "加减分" : "bonus/penalty lines";
    case CoverageItem::Category::Missing: return zh ? "缺数据" : "missing-data policies";
    case CoverageItem::Category::Tier: return zh ? "评审档次" : "review tiers";
  }
  return "";
}

Coverage::Coverage(const ir::Program& p) : p_(p) {
  using C = CoverageItem::Category;
  bandItem_.resize(p.tables.size());
  for (size_t t = 0; t < p.tables.size(); ++t) {
    const ir::BandTable& table = p.tables[t];
    for (const auto& c : table.cases)
      bandItem_[t].push_back(push(C::Band, table.node, c.range, oneLine(p.text(c.range))));
  }
  itemMet_.assign(static_cast<size_t>(p.itemCount), -1);
  itemUnmet_.assign(static_cast<size_t>(p.itemCount), -1);
  deduction_.assign(static_cast<size_t>(p.deductionCount), -1);
  naItem_.resize(p.nodes.size());
  tierItem_.resize(p.nodes.size());
  for (const auto& node : p.nodes) {
    for (const auto& item : node.items) {
      std::string text = oneLine(p.text(item.range));
      itemMet_[item.index] = push(C::ItemMet, node.id, item.range, text);
      itemUnmet_[item.index] = push(C::ItemUnmet, node.id, item.range, text);
    }
    for (const auto& d : node.deductions) deduction_[d.index] = push(C::Deduction, node.id, d.range, oneLine(d.text));
    for (const auto& na : node.na) naItem_[node.id].push_back(push(C::NotApplicable, node.id, na.range, oneLine(na.text)));
    for (const auto& tier : node.tiers) tierItem_[node.id].push_back(push(C::Tier, node.id, node.range, tier.name));
  }
  for (const auto& b : p.bonuses)
    for (const auto& line : b.lines) bonusItem_.push_back(push(C::Bonus, -1, line.range, oneLine(line.text)));
  for (const auto& in : p.inputs) {
    bool policy = in.missing == ir::Input::Missing::Full || in.missing == ir::Input::Missing::Zero ||
                  in.missing == ir::Input::Missing::NotApplicable;
    missingItem_.push_back(policy && !in.implicit ? push(C::Missing, -1, in.range_, oneLine(p.text(in.range_))) : -1);
  }
}

int Coverage::push(CoverageItem::Category c, int node, SourceRange range, std::string text) {
  items_.push_back(CoverageItem{c, node, range, std::move(text), false});
  return static_cast<int>(items_.size()) - 1;
}

void Coverage::reach(int index) {
  if (index >= 0) items_[static_cast<size_t>(index)].reached = true;
}

void Coverage::add(const RecordResult& r) {
  if (r.nodes.size() != p_.nodes.size()) return;  // a row the reader rejected: no trace
  for (const auto& node : p_.nodes) {
    const NodeResult& n = r.nodes[node.id];
    for (const auto& f : n.fired) reach(bandItem_[f.table][f.index]);
    for (size_t i = 0; i < node.items.size() && i < n.itemsMet.size(); ++i)
      reach(n.itemsMet[i] ? itemMet_[node.items[i].index] : itemUnmet_[node.items[i].index]);
    for (size_t i = 0; i < node.deductions.size() && i < n.deducted.size(); ++i)
      if (n.deducted[i] > Decimal()) reach(deduction_[node.deductions[i].index]);
    NodeStatus status = n.status == NodeStatus::Overridden ? n.computedStatus : n.status;
    if (status == NodeStatus::NotApplicable && n.naRule >= 0 && !n.inheritedNa) reach(naItem_[node.id][n.naRule]);
    if (status == NodeStatus::Missing && n.missingInput >= 0) reach(missingItem_[n.missingInput]);
    for (size_t t = 0; t < node.tiers.size(); ++t)
      if (!n.tier.empty() && node.tiers[t].name == n.tier) reach(tierItem_[node.id][t]);
  }
  for (size_t i = 0; i < r.bonusLines.size() && i < bonusItem_.size(); ++i)
    if (r.bonusLines[i] > Decimal()) reach(bonusItem_[i]);
}

bool Coverage::full() const {
  return std::all_of(items_.begin(), items_.end(), [](const CoverageItem& i) { return i.reached; });
}

std::string Coverage::summary(Lang lang) const {
  using C = CoverageItem::Category;
  std::vector<std::string> parts;
  for (C c : {C::Band, C::ItemMet, C::ItemUnmet, C::Deduction, C::NotApplicable, C::Bonus, C::Missing, C::Tier}) {
    int all = 0, reached = 0;
    for (const auto& i : items_)
      if (i.category == c) ++all, reached += i.reached;
    if (all > 0) parts.push_back(fmt::format("{} {}/{}", categoryName(c, lang), reached, all));
  }
  if (parts.empty()) return lang == Lang::Zh ? "（规则中没有分段、逐项、扣分或不考核条款）" : "(no bands, items, deductions or clauses)";
  return joined(parts, lang == Lang::Zh ? "，" : ", ");
}

namespace {

// Long rule text (a band table inside a deduction) quoted by its start.
std::string shortened(const std::string& text, size_t maxPoints = 48) {
  size_t points = 0;
  for (size_t i = 0; i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && ++points > maxPoints) return text.substr(0, i) + "…";
  return text;
}

}  // namespace

std::vector<std::string> Coverage::unreached(Lang lang) const {
  using C = CoverageItem::Category;
  std::vector<std::string> out;
  std::vector<const CoverageItem*> missed;
  for (const auto& i : items_)
    if (!i.reached) missed.push_back(&i);
  std::stable_sort(missed.begin(), missed.end(), [](const CoverageItem* a, const CoverageItem* b) {
    return std::pair(a->range.line, a->range.col) < std::pair(b->range.line, b->range.col);
  });
  for (const CoverageItem* item : missed) {
    const CoverageItem& i = *item;
    std::string owner = i.node < 0 ? "" : fmt::format(fmt::runtime(lang == Lang::Zh ? "（指标“{}”）" : " (indicator `{}`)"), p_.nodes[i.node].name);
    std::string what;
    if (lang == Lang::Zh) {
      switch (i.category) {
        case C::ItemMet: what = "没有用例符合逐项“{}”"; break;
        case C::ItemUnmet: what = "没有用例不符合逐项“{}”"; break;
        case C::Deduction: what = "没有用例按“{}”扣分"; break;
        case C::NotApplicable: what = "没有用例适用“{}”"; break;
        case C::Bonus: what = "没有用例得到“{}”"; break;
        case C::Missing: what = "没有用例缺少“{}”"; break;
        case C::Tier: what = "没有用例评为档次“{}”"; break;
        default: what = "没有用例落入分段“{}”"; break;
      }
    } else {
      switch (i.category) {
        case C::ItemMet: what = "no case meets checklist item `{}`"; break;
        case C::ItemUnmet: what = "no case fails checklist item `{}`"; break;
        case C::Deduction: what = "no case deducts by `{}`"; break;
        case C::NotApplicable: what = "no case applies `{}`"; break;
        case C::Bonus: what = "no case earns `{}`"; break;
        case C::Missing: what = "no case lacks `{}`"; break;
        case C::Tier: what = "no case is reviewed in tier `{}`"; break;
        default: what = "no case falls in band `{}`"; break;
      }
    }
    // In the file that wrote it: a ruleset based on another is checked as one spliced text.
    SourceLocation at = p_.locate(i.range);
    out.push_back(fmt::format("{}:{}:{}: {}{}", at.path, at.range.line, at.range.col, fmt::format(fmt::runtime(what), shortened(i.text)), owner));
  }
  return out;
}

}  // namespace defen::ruletest

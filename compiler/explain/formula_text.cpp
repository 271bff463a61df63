#include "compiler/explain/formula_text.h"

#include "compiler/explain/explain.h"

#include <algorithm>
#include <vector>

namespace defen {
namespace {

struct Splice {
  size_t from, to;  // byte offsets in the source text
  std::string text;
};

const Value* inputValue(const NodeResult& n, int slot) {
  for (const auto& [s, v] : n.inputs)
    if (s == slot) return &v;
  return nullptr;
}

const Decimal* letValue(const NodeResult& n, int slot) {
  for (const auto& [s, v] : n.lets)
    if (s == slot) return &v;
  return nullptr;
}

// The seed tables write formulas without spaces around operators
// ("3,974,522.77元÷3,974,522.77元×100%"); words (若 则 否则) keep theirs.
bool isOperatorText(std::string_view s) {
  static const std::string_view kOps[] = {"+", "-", "*", "/", "=", "<", ">", "(", ")", ",", "×", "÷", "≥", "≤", "＞", "＜",
                                          "≠", "（", "）", "，", "－", "＋", "＝"};
  for (auto op : kOps)
    if (s == op) return true;
  return false;
}

size_t codePointLength(unsigned char lead) { return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4; }

std::string tightOperators(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != ' ') { out += text[i]; continue; }
    // The code point before (already in `out`) and the one after.
    size_t back = out.size();
    while (back > 0 && (static_cast<unsigned char>(out[back - 1]) & 0xC0) == 0x80) --back;
    if (back > 0) --back;
    std::string_view before = std::string_view(out).substr(back);
    std::string_view after = i + 1 < text.size() ? std::string_view(text).substr(i + 1, codePointLength(text[i + 1])) : "";
    if (!isOperatorText(before) && !isOperatorText(after)) out += ' ';
  }
  return out;
}

// "剔除后差异率-3.02%" would read as a subtraction: a negative value goes in
// parentheses after its name, as in "剔除后差异率(-3.02%)".
std::string nameWithValue(const std::string& name, const std::string& value) {
  return !value.empty() && value[0] == '-' ? name + "(" + value + ")" : name + value;
}

class Substituter {
 public:
  Substituter(const ir::Program& p, const NodeResult& n, const Decimal* weight) : p_(p), n_(n), weight_(weight) {}

  void collect(const ir::Expr* e) {
    switch (e->op) {
      case ir::Op::Input:
        if (const Value* v = inputValue(n_, e->slot))
          add(e->range, nameWithValue(p_.text(e->range), formatForPeople(p_, p_.inputs[e->slot].display, *v, e->slot)));
        return;
      case ir::Op::Let:
        if (const Decimal* v = letValue(n_, e->slot))
          add(e->range, nameWithValue(p_.text(e->range), formatForPeople(p_, p_.lets[e->slot].value->type.display, Value::ofNumber(*v))));
        return;
      case ir::Op::Const: {
        // 分值/满分 is the indicator's weight: show it ("分值6分×…").
        std::string text = e->range.valid() ? p_.text(e->range) : std::string();
        if (weight_ && (text == "分值" || text == "满分" || text == "weight" || text == "full"))
          add(e->range, text + formatScore(*weight_));
        return;
      }
      case ir::Op::Bands: {
        // The cases are conditions on 结果, not numbers of this record: name the subject only.
        const ir::Expr* subject = p_.tables[e->table].subject;
        add(e->range, "分段(" + p_.text(subject->range) + ")");
        return;
      }
      default:
        for (const auto* a : e->args) collect(a);
    }
  }

  std::string apply(const SourceRange& range) {
    const SourceFile& src = *p_.source;
    size_t from = src.offset(range.line, range.col), to = src.offset(range.endLine, range.endCol);
    if (to < from) return {};
    std::sort(splices_.begin(), splices_.end(), [](const Splice& a, const Splice& b) { return a.from < b.from; });
    std::string out;
    size_t at = from;
    for (const auto& s : splices_) {
      if (s.from < at || s.to > to) continue;  // nested or outside: keep the outer one
      out.append(src.text(), at, s.from - at);
      out += s.text;
      at = s.to;
    }
    out.append(src.text(), at, to - at);
    return tightOperators(oneLine(out));
  }

 private:
  void add(const SourceRange& r, std::string text) {
    if (!r.valid()) return;
    splices_.push_back({p_.source->offset(r.line, r.col), p_.source->offset(r.endLine, r.endCol), std::move(text)});
  }

  const ir::Program& p_;
  const NodeResult& n_;
  const Decimal* weight_;  // the node's 分值, when the text is a rule's formula
  std::vector<Splice> splices_;
};

void namedInputs(const ir::Expr* e, std::set<int>& out) {
  if (e->op == ir::Op::Input || e->op == ir::Op::HasValue) out.insert(e->slot);
  if (e->op == ir::Op::Bands || e->op == ir::Op::Let) return;
  for (const auto* a : e->args) namedInputs(a, out);
}

}  // namespace

std::string substitutedText(const ir::Program& p, const ir::Expr* e, const NodeResult& n, const Decimal* weight) {
  if (!p.source || !e->range.valid()) return {};
  Substituter s(p, n, weight);
  s.collect(e);
  return s.apply(e->range);
}

std::string letEquation(const ir::Program& p, int slot, const NodeResult& n) {
  const ir::Let& let = p.lets[slot];
  const Decimal* v = letValue(n, slot);
  std::string value = v ? formatForPeople(p, let.value->type.display, Value::ofNumber(*v)) : "（未计算）";
  std::string formula = substitutedText(p, let.value, n);
  // A ratio shown as a percent reads, in the seed tables, "…÷…×100%".
  if (let.value->type.display == ir::Display::Percent && let.value->op == ir::Op::Div) formula += "×100%";
  if (formula.empty() || formula == value) return let.name + "=" + value;
  return let.name + "=" + formula + "=" + value;
}

std::set<int> inputsNamedIn(const ir::Expr* e) {
  std::set<int> out;
  if (e) namedInputs(e, out);
  return out;
}

}  // namespace defen

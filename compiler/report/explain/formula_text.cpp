#include "compiler/report/explain/formula_text.h"
#include "compiler/ir/interval.h"

#include "compiler/report/explain/explain.h"

#include <algorithm>
#include <string_view>
#include <vector>

namespace defen {
namespace {

using ir::Op;
using Raw = Decimal::Raw;

// Operator levels, for parentheses: a sum inside a product is bracketed.
constexpr int kSum = 1, kProduct = 2, kAtom = 3;

const Value* inputOf(const NodeResult& n, int slot) {
  for (const auto& [s, v] : n.inputs)
    if (s == slot) return &v;
  return nullptr;
}

const Decimal* letOf(const NodeResult& n, int slot) {
  for (const auto& [s, v] : n.lets)
    if (s == slot) return &v;
  return nullptr;
}

bool startsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// "剔除后差异率-3.02%" would read as a subtraction: a negative value goes in
// parentheses after its name, as in "剔除后差异率(-3.02%)".
std::string nameWithValue(const std::string& name, const std::string& value) {
  return !value.empty() && value[0] == '-' ? name + "（" + value + "）" : name + value;
}

const char* cmpWords(ir::Cmp c, bool negate) {
  switch (c) {
    case ir::Cmp::Ge: return negate ? "低于" : "不低于";
    case ir::Cmp::Gt: return negate ? "不超过" : "高于";
    case ir::Cmp::Le: return negate ? "高于" : "不超过";
    case ir::Cmp::Lt: return negate ? "不低于" : "低于";
    case ir::Cmp::Eq: return negate ? "不为" : "为";
    case ir::Cmp::Ne: return negate ? "为" : "不为";
  }
  return "";
}

void namedInputs(const ir::Expr* e, std::set<int>& out) {
  if (e->op == Op::Input || e->op == Op::HasValue) out.insert(e->slot);
  if (e->op == Op::Bands || e->op == Op::Let) return;
  for (const auto* a : e->args) namedInputs(a, out);
}

void moneyInputs(const ir::Program& p, const ir::Expr* e, int& wan, int& yuan) {
  if (e->op == Op::Input && p.inputs[e->slot].spec.kind == InputKind::Money)
    (p.inputs[e->slot].spec.unit == MoneyUnit::WanYuan ? wan : yuan)++;
  if (e->op == Op::Let) moneyInputs(p, p.lets[e->slot].value, wan, yuan);
  for (const auto* a : e->args) moneyInputs(p, a, wan, yuan);
}

// The value as a percent rounded to `places`, back as a fraction: what "95.00%" stands for.
std::optional<Decimal> roundedAsShown(ir::Display d, Decimal v, int places) {
  Decimal scaled = v, out;
  if (d == ir::Display::Percent && checkedMul(v, Decimal::fromInt(100), scaled) != DecimalStatus::Ok) return std::nullopt;
  if (roundHalfAway(scaled, places, out) != DecimalStatus::Ok) return std::nullopt;
  if (d == ir::Display::Percent && checkedDiv(out, Decimal::fromInt(100), out) != DecimalStatus::Ok) return std::nullopt;
  return out;
}

// Decimals for `v` so that, rounded, it still lies in `band`: 99.9994% is not
// "100.00%" when the band that fired is 90% ≤ x < 100%.
int placesWithin(ir::Display d, Decimal v, const ir::Interval& band) {
  if (d != ir::Display::Percent && d != ir::Display::Money) return -1;
  for (int places = 2; places <= (d == ir::Display::Percent ? 16 : 18); ++places) {
    auto shown = roundedAsShown(d, v, places);
    if (shown && band.contains(*shown)) return places == 2 ? -1 : places;
  }
  return -1;
}

}  // namespace

// How a figure reads: a ratio of like quantities (件÷件, 人÷人) is a rate, shown
// as a percent like every other rate ("质量达标率=42÷45×100%=93.33%").
ir::Display displayOf(const ir::Program& p, const ir::Expr* e) {
  if (e->type.kind != ir::Type::Kind::Number || e->type.display != ir::Display::Plain) return e->type.display;
  if (e->op == Op::Let) return displayOf(p, p.lets[e->slot].value);
  return e->op == Op::Div && !e->type.integer ? ir::Display::Percent : e->type.display;
}

Words::Words(const ir::Program& p, const NodeResult& n, const Decimal* weight) : p_(p), n_(n), weight_(weight) {
  for (const auto& f : n.fired) {
    const ir::BandTable& t = p.tables[f.table];
    const ir::BandCase& c = t.cases[f.index];
    if (c.kind != ir::BandCase::Kind::Range) continue;
    const ir::Expr* s = t.subject;
    if (s->op == Op::Input) {
      const Value* v = inputOf(n, s->slot);
      if (v && v->kind == Value::Kind::Number) {
        int places = placesWithin(p.inputs[s->slot].display, v->number, c.interval);
        if (places > 0) inputPlaces_[s->slot] = std::max(inputPlaces_[s->slot], places);
      }
    } else if (s->op == Op::Let) {
      if (const Decimal* v = letOf(n, s->slot)) {
        int places = placesWithin(displayOf(p, p.lets[s->slot].value), *v, c.interval);
        if (places > 0) letPlaces_[s->slot] = std::max(letPlaces_[s->slot], places);
      }
    }
  }
}

std::string Words::shown(ir::Display display, Decimal v, int places, bool wan) const {
  if (display == ir::Display::Money && wan) return wanText(v, places);
  return formatForPeople(p_, display, Value::ofNumber(v), -1, places);
}

std::string Words::inputValue(int slot) const {
  const Value* v = inputOf(n_, slot);
  if (!v) return "（未提供）";
  auto it = inputPlaces_.find(slot);
  return formatForPeople(p_, p_.inputs[slot].display, *v, slot, it == inputPlaces_.end() ? -1 : it->second);
}

std::string Words::letValue(int slot) const {
  const Decimal* v = letOf(n_, slot);
  if (!v) return "（未计算）";
  const ir::Type& t = p_.lets[slot].value->type;
  if (t.kind == ir::Type::Kind::Bool) return v->isZero() ? "否" : "是";
  if (t.kind == ir::Type::Kind::Enum) {
    Raw i = v->raw();
    if (t.enumInput >= 0 && i >= 0 && i < static_cast<Raw>(p_.inputs[t.enumInput].spec.enumValues.size()))
      return p_.inputs[t.enumInput].spec.enumValues[static_cast<size_t>(i)];
  }
  auto it = letPlaces_.find(slot);
  return shown(displayOf(p_, p_.lets[slot].value), *v, it == letPlaces_.end() ? -1 : it->second, letInWan(p_, slot));
}

std::string Words::withValues(const ir::Expr* e) const {
  int level = kAtom;
  return render(e, true, level);
}

std::string Words::namesOnly(const ir::Expr* e) const {
  int level = kAtom;
  return render(e, false, level);
}

std::string Words::operand(const ir::Expr* e, bool values, int minLevel) const {
  int level = kAtom;
  std::string text = render(e, values, level);
  return level < minLevel ? "（" + text + "）" : text;
}

std::string Words::boundValue(ir::Display display, Decimal v) const {
  switch (display) {
    case ir::Display::Percent: {
      Decimal pct;
      if (checkedMul(v, Decimal::fromInt(100), pct) != DecimalStatus::Ok) return toString(v);
      return toString(pct) + "%";
    }
    case ir::Display::Money: return toGrouped(v, truncTo(v, 0) == v ? 0 : 2) + "元";
    case ir::Display::Score: return toString(v) + "分";
    default: return toString(v);
  }
}

std::string Words::constant(const ir::Expr* e, bool values) const {
  if (e->type.kind == ir::Type::Kind::Bool) return e->boolean ? "是" : "否";
  std::string written = e->range.valid() ? oneLine(p_.text(e->range)) : std::string();
  if (e->weight) {
    std::string name = written.empty() ? std::string("分值") : written;
    return values && weight_ ? name + toString(*weight_) + "分" : name;
  }
  if (!written.empty() && written.find(' ') == std::string::npos && Decimal::parse(written) == std::nullopt) return written;  // "90%", "0.5分"
  return boundValue(e->type.display, e->number);
}

std::string Words::boolName(const std::string& name, bool negate) const {
  if (!negate) return name;
  if (startsWith(name, "有")) return "没有" + name.substr(std::string_view("有").size());
  if (startsWith(name, "已")) return "未" + name.substr(std::string_view("已").size());
  if (startsWith(name, "是否")) return name.substr(std::string_view("是否").size()) + "为否";
  for (std::string_view verb : {"按", "报送", "履行", "完成", "提供", "制定", "开展", "建立", "公开", "设置", "成立", "落实", "执行"})
    if (startsWith(name, verb)) return "未" + name;
  return name + "为否";
}

std::string Words::compareWords(const ir::Expr* e, bool negate) const {
  auto side = [&](const ir::Expr* a) { return operand(a, false, kSum); };
  // lo ≤ x ≤ hi reads "x不低于lo且不超过hi".
  if (e->cmps.size() == 2 && !negate) {
    auto lower = [](ir::Cmp c) { return c == ir::Cmp::Le || c == ir::Cmp::Lt; };
    if (lower(e->cmps[0]) && lower(e->cmps[1]))
      return side(e->args[1]) + (e->cmps[0] == ir::Cmp::Le ? "不低于" : "高于") + side(e->args[0]) + "且" + cmpWords(e->cmps[1], false) +
             side(e->args[2]);
  }
  std::vector<std::string> pairs;
  for (size_t i = 0; i < e->cmps.size(); ++i) pairs.push_back(side(e->args[i]) + cmpWords(e->cmps[i], negate) + side(e->args[i + 1]));
  return joined(pairs, negate ? "或" : "且");
}

std::string Words::condition(const ir::Expr* e, bool negate) const {
  switch (e->op) {
    case Op::Const:
      if (e->type.kind == ir::Type::Kind::Bool) return (e->boolean != negate) ? "总是" : "从不";
      break;
    case Op::Input: case Op::Let: {
      const std::string& name = e->op == Op::Input ? p_.inputs[e->slot].spec.name : p_.lets[e->slot].name;
      if (e->type.kind == ir::Type::Kind::Bool) return boolName(name, negate);
      break;
    }
    case Op::Not: return condition(e->args[0], !negate);
    case Op::And: case Op::Or: {
      bool both = (e->op == Op::And) != negate;
      std::vector<std::string> parts;
      for (const auto* a : e->args) {
        bool nested = (a->op == Op::And || a->op == Op::Or) && a->op != e->op;
        std::string text = condition(a, negate);
        parts.push_back(nested ? "（" + text + "）" : text);
      }
      return joined(parts, both ? "且" : "或");
    }
    case Op::Compare: return compareWords(e, negate);
    case Op::EnumIs: {
      const ir::Expr* subject = e->args[0];
      int input = subject->type.enumInput;
      std::string label = input >= 0 && e->slot >= 0 && e->slot < static_cast<int>(p_.inputs[input].spec.enumValues.size())
                              ? p_.inputs[input].spec.enumValues[e->slot]
                              : std::to_string(e->slot);
      return operand(subject, false, kAtom) + (negate ? "不为“" : "为“") + label + "”";
    }
    case Op::HasValue: return (negate ? "未提供" : "提供了") + p_.inputs[e->slot].spec.name;
    default: break;
  }
  std::string text = namesOnly(e);
  return negate ? "并非" + text : text;
}

std::string Words::conditionalRule(const ir::Expr* e, const char* verb) const {
  auto outcome = [&](const ir::Expr* x) {
    if (x->op == Op::Const) return verb + constant(x, false);
    if (x->op == Op::Bands) return "按" + operand(p_.tables[x->table].subject, false, kAtom) + "分档计";
    if (x->op == Op::If) return "（" + conditionalRule(x, verb) + "）";
    return std::string("按") + namesOnly(x) + "计";
  };
  std::string out;
  while (e->op == Op::If) {
    out += condition(e->args[0]) + "的，" + outcome(e->args[1]) + "；";
    e = e->args[2];
  }
  return out + "否则" + outcome(e);
}

std::string Words::render(const ir::Expr* e, bool values, int& level) const {
  level = kAtom;
  switch (e->op) {
    case Op::Const: return constant(e, values);
    case Op::Input: {
      const std::string& name = p_.inputs[e->slot].spec.name;
      return values && e->type.kind != ir::Type::Kind::Bool ? nameWithValue(name, inputValue(e->slot)) : name;
    }
    case Op::Let: {
      const std::string& name = p_.lets[e->slot].name;
      return values && e->type.kind == ir::Type::Kind::Number ? nameWithValue(name, letValue(e->slot)) : name;
    }
    case Op::Neg: return "-" + operand(e->args[0], values, kAtom);
    case Op::Add: case Op::Sub: {
      level = kSum;
      return operand(e->args[0], values, kSum) + (e->op == Op::Add ? "+" : "-") + operand(e->args[1], values, e->op == Op::Sub ? kProduct : kSum);
    }
    case Op::Mul: case Op::Div: {
      level = kProduct;
      return operand(e->args[0], values, kProduct) + (e->op == Op::Mul ? "×" : "÷") + operand(e->args[1], values, e->op == Op::Div ? kAtom : kProduct);
    }
    case Op::Min: case Op::Max: {
      // min(1, x) reads "x（超过1的按1计）", as the tables say it.
      if (e->args.size() == 2 && (e->args[0]->op == Op::Const) != (e->args[1]->op == Op::Const)) {
        const ir::Expr* c = e->args[0]->op == Op::Const ? e->args[0] : e->args[1];
        const ir::Expr* x = c == e->args[0] ? e->args[1] : e->args[0];
        std::string bound = c->weight ? constant(c, values) : boundValue(displayOf(p_, x), c->number);
        int inner = kAtom;
        std::string text = render(x, values, inner);
        std::string cap = (e->op == Op::Min ? "超过" : "低于") + bound + "的按" + bound + "计";
        return inner == kAtom ? text + "（" + cap + "）" : "（" + text + "，" + cap + "）";
      }
      std::vector<std::string> parts;
      for (const auto* a : e->args) parts.push_back(operand(a, values, kSum));
      return "（" + joined(parts, "、") + (e->op == Op::Min ? "中的较小者）" : "中的较大者）");
    }
    case Op::Clamp: {
      int inner = kAtom;
      std::string text = render(e->args[0], values, inner);
      std::string range = "限定在" + operand(e->args[1], values, kSum) + "至" + operand(e->args[2], values, kSum) + "之间";
      return inner == kAtom ? text + "（" + range + "）" : "（" + text + "，" + range + "）";
    }
    case Op::Ceil: return operand(e->args[0], values, kAtom) + "向上取整";
    case Op::Floor: return operand(e->args[0], values, kAtom) + "向下取整";
    case Op::Abs: return operand(e->args[0], values, kAtom) + "的绝对值";
    case Op::Round: return operand(e->args[0], values, kAtom) + "四舍五入保留" + std::to_string(e->places) + "位小数";
    case Op::Avg: {
      std::vector<std::string> parts;
      for (const auto* a : e->args) parts.push_back(operand(a, values, kSum));
      level = kProduct;
      return "（" + joined(parts, "+") + "）÷" + std::to_string(e->args.size());
    }
    case Op::CountTrue: {
      std::vector<std::string> parts;
      for (const auto* a : e->args) parts.push_back(condition(a));
      std::string count;
      if (values)
        if (auto v = evaluate(e)) count = toString(Decimal::fromRaw(*v));
      return "符合条件的项数" + count + "（" + joined(parts, "；") + "）";
    }
    case Op::Bands: {
      const ir::Expr* subject = p_.tables[e->table].subject;
      std::string value;
      if (values)
        if (auto v = evaluate(e)) value = formatForPeople(p_, e->type.display, Value::ofNumber(Decimal::fromRaw(*v)));
      return "按" + operand(subject, false, kAtom) + "分档所得" + value;
    }
    case Op::If: {
      // With the record's values the branch taken is known: show only it.
      // With the record's values the branch taken is known: show it, and why
      // ("1分（设有群众意见渠道）").
      if (values)
        if (auto c = evaluate(e->args[0])) {
          int inner = kAtom;
          std::string text = render(*c ? e->args[1] : e->args[2], values, inner);
          if (inner < kAtom) text = "（" + text + "）";
          return text + "（" + condition(e->args[0], !*c) + "）";
        }
      return "（" + condition(e->args[0]) + "的，为" + namesOnly(e->args[1]) + "；否则为" + namesOnly(e->args[2]) + "）";
    }
    case Op::Not: case Op::And: case Op::Or: case Op::Compare: case Op::EnumIs: case Op::HasValue: return condition(e);
  }
  return {};
}

std::optional<Raw> Words::evaluate(const ir::Expr* e) const {
  auto num = [&](const ir::Expr* a) -> std::optional<Decimal> {
    auto v = evaluate(a);
    return v ? std::optional<Decimal>(Decimal::fromRaw(*v)) : std::nullopt;
  };
  auto arith = [](DecimalStatus s, Decimal d) -> std::optional<Raw> { return s == DecimalStatus::Ok ? std::optional<Raw>(d.raw()) : std::nullopt; };
  Decimal out;
  switch (e->op) {
    case Op::Const: return e->type.kind == ir::Type::Kind::Bool ? (e->boolean ? 1 : 0) : (e->weight && weight_ ? weight_->raw() : e->number.raw());
    case Op::Input: {
      const Value* v = inputOf(n_, e->slot);
      if (!v) return std::nullopt;
      switch (v->kind) {
        case Value::Kind::Number: return v->number.raw();
        case Value::Kind::Bool: return v->boolean ? 1 : 0;
        case Value::Kind::Enum: return v->enumIndex;
        case Value::Kind::Missing: return std::nullopt;
      }
      return std::nullopt;
    }
    case Op::HasValue: return inputOf(n_, e->slot) ? 1 : 0;
    case Op::Let: {
      const Decimal* v = letOf(n_, e->slot);
      return v ? std::optional<Raw>(v->raw()) : evaluate(p_.lets[e->slot].value);
    }
    case Op::Neg: {
      auto a = num(e->args[0]);
      return a ? arith(checkedNeg(*a, out), out) : std::nullopt;
    }
    case Op::Not: {
      auto a = evaluate(e->args[0]);
      return a ? std::optional<Raw>(*a ? 0 : 1) : std::nullopt;
    }
    case Op::Add: case Op::Sub: case Op::Mul: case Op::Div: {
      auto a = num(e->args[0]), b = num(e->args[1]);
      if (!a || !b) return std::nullopt;
      switch (e->op) {
        case Op::Add: return arith(checkedAdd(*a, *b, out), out);
        case Op::Sub: return arith(checkedSub(*a, *b, out), out);
        case Op::Mul: return arith(checkedMul(*a, *b, out), out);
        default: return arith(checkedDiv(*a, *b, out), out);
      }
    }
    case Op::And: case Op::Or: {
      auto a = evaluate(e->args[0]), b = evaluate(e->args[1]);
      if (!a || !b) return std::nullopt;
      return e->op == Op::And ? (*a && *b) : (*a || *b);
    }
    case Op::Compare: {
      auto left = evaluate(e->args[0]);
      if (!left) return std::nullopt;
      for (size_t i = 0; i < e->cmps.size(); ++i) {
        auto right = evaluate(e->args[i + 1]);
        if (!right) return std::nullopt;
        if (!ir::holds(e->cmps[i], *left, *right)) return 0;
        left = right;
      }
      return 1;
    }
    case Op::If: {
      auto c = evaluate(e->args[0]);
      return c ? evaluate(*c ? e->args[1] : e->args[2]) : std::nullopt;
    }
    case Op::Min: case Op::Max: case Op::Clamp: {
      std::vector<Raw> xs;
      for (const auto* a : e->args) {
        auto v = evaluate(a);
        if (!v) return std::nullopt;
        xs.push_back(*v);
      }
      if (e->op == Op::Clamp) return std::max(xs[1], std::min(xs[2], xs[0]));
      return e->op == Op::Min ? *std::min_element(xs.begin(), xs.end()) : *std::max_element(xs.begin(), xs.end());
    }
    case Op::Ceil: case Op::Floor: case Op::Abs: case Op::Round: {
      auto a = num(e->args[0]);
      if (!a) return std::nullopt;
      if (e->op == Op::Abs) return abs(*a).raw();
      if (e->op == Op::Ceil) return arith(ceilTo(snapForRounding(*a), 0, out), out);
      if (e->op == Op::Floor) return arith(floorTo(snapForRounding(*a), 0, out), out);
      return arith(roundSnapped(*a, e->places, out), out);
    }
    case Op::Avg: {
      Decimal sum;
      for (const auto* a : e->args) {
        auto v = num(a);
        if (!v || checkedAdd(sum, *v, sum) != DecimalStatus::Ok) return std::nullopt;
      }
      return arith(checkedDiv(sum, Decimal::fromInt(static_cast<int64_t>(e->args.size())), out), out);
    }
    case Op::CountTrue: {
      int64_t count = 0;
      for (const auto* a : e->args) {
        auto v = evaluate(a);
        if (!v) return std::nullopt;
        count += *v ? 1 : 0;
      }
      return Decimal::fromInt(count).raw();
    }
    case Op::EnumIs: {
      auto v = evaluate(e->args[0]);
      return v ? std::optional<Raw>(*v == e->slot ? 1 : 0) : std::nullopt;
    }
    case Op::Bands: {
      const ir::BandTable& t = p_.tables[e->table];
      auto subject = evaluate(e->args[0]);
      if (!subject) return std::nullopt;
      for (const auto& c : t.cases) {
        bool match = c.kind == ir::BandCase::Kind::Else || (c.kind == ir::BandCase::Kind::Label && *subject == c.label) ||
                     (c.kind == ir::BandCase::Kind::Range && c.interval.contains(Decimal::fromRaw(*subject)));
        if (match) return evaluate(c.value);
      }
      return std::nullopt;
    }
  }
  return std::nullopt;
}

std::string Words::letEquation(int slot) const {
  const ir::Let& let = p_.lets[slot];
  std::string value = letValue(slot);
  if (let.value->type.kind != ir::Type::Kind::Number) return let.name + "=" + value;
  // A 令 chosen from a band table: the fired case says why; the value is enough here.
  if (let.value->op == Op::Bands) return let.name + "=" + value;
  // A conditional 令 says which case applied, then that case's equation:
  // "收入合计不为0，结转结余率=年末结转结余…÷收入合计…×100%=0.00%".
  const ir::Expr* e = let.value;
  std::vector<std::string> why;
  while (e->op == Op::If) {
    auto c = evaluate(e->args[0]);
    if (!c) break;
    why.push_back(condition(e->args[0], !*c));
    e = *c ? e->args[1] : e->args[2];
  }
  std::string formula = withValues(e);
  // A ratio shown as a percent reads, in the seed tables, "…÷…×100%".
  if (displayOf(p_, let.value) == ir::Display::Percent && e->op == Op::Div) formula += "×100%";
  std::string prefix = why.empty() ? "" : joined(why, "，") + "，";
  if (formula.empty() || formula == value || e->op == Op::Const) return prefix + let.name + "=" + value;
  return prefix + let.name + "=" + formula + "=" + value;
}

std::string Words::bandCase(const ir::BandTable& t, const ir::BandCase& c, bool withSubject) const {
  std::string subject = withSubject ? operand(t.subject, false, kAtom) : std::string();
  switch (c.kind) {
    case ir::BandCase::Kind::Else: return withSubject ? subject + "不属于以上各档" : "其他";
    case ir::BandCase::Kind::Label: {
      int input = t.subject->type.enumInput;
      std::string label = input >= 0 && c.label >= 0 && c.label < static_cast<int>(p_.inputs[input].spec.enumValues.size())
                              ? p_.inputs[input].spec.enumValues[c.label]
                              : std::to_string(c.label);
      return subject + "为“" + label + "”";
    }
    case ir::BandCase::Kind::Range: break;
  }
  ir::Display d = displayOf(p_, t.subject);
  const ir::Interval& i = c.interval;
  if (auto point = i.asPoint()) return subject + "为" + boundValue(d, *point);
  std::string lower = i.lower.infinite ? "" : (i.lower.closed ? "不低于" : "高于") + boundValue(d, i.lower.value);
  std::string upper = i.upper.infinite ? "" : (i.upper.closed ? "不超过" : "低于") + boundValue(d, i.upper.value);
  if (lower.empty() && upper.empty()) return subject + "为任意值";
  return subject + lower + (lower.empty() || upper.empty() ? "" : "且") + upper;
}

std::set<int> inputsNamedIn(const ir::Expr* e) {
  std::set<int> out;
  if (e) namedInputs(e, out);
  return out;
}

bool letInWan(const ir::Program& p, int let) {
  int wan = 0, yuan = 0;
  moneyInputs(p, p.lets[let].value, wan, yuan);
  return wan > 0 && yuan == 0;
}

}  // namespace defen

#include "compiler/tools/ruletest/record_generator.h"
#include "compiler/sema/intervals.h"

#include "compiler/tools/ruletest/checked_math.h"

#include "compiler/tools/ruletest/edges.h"
#include "compiler/tools/ruletest/solver.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace defen::ruletest {

namespace {

using ir::Op;
using namespace checked;  // add, sub, mul, div, neg, dec, ints, scaled, roundInt, Opt

// ---------------------------------------------------------------------------
// Randomness: splitmix64, so a seed means the same records everywhere (the
// std:: distributions are implementation-defined).

class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t next() {
    uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  uint64_t below(uint64_t n) { return n == 0 ? 0 : next() % n; }
  int64_t between(int64_t lo, int64_t hi) { return lo + static_cast<int64_t>(below(static_cast<uint64_t>(hi - lo + 1))); }
  bool percent(int p) { return below(100) < static_cast<uint64_t>(p); }
  bool coin() { return next() & 1; }
  template <class T>
  const T& pick(const std::vector<T>& v) { return v[below(v.size())]; }

 private:
  uint64_t s_;
};

// ---------------------------------------------------------------------------
// Decimal helpers. Generation never fails on overflow: an edge that cannot be
// reached without overflowing is simply not reached.

constexpr Decimal::Raw kRawMax = ~(static_cast<unsigned __int128>(1) << 127);  // INT128_MAX, the largest Decimal

Decimal tiny() { return Decimal::fromRaw(1); }  // 1e-18, the smallest step

bool numeric(const ir::Expr* e) { return e->type.kind == ir::Type::Kind::Number; }

// ---------------------------------------------------------------------------
// Objectives: an expression and the values at which the program's behaviour
// changes. Hit: land `expr` on one of `targets`. Equal: land `expr` on
// whatever `other` happens to be (a comparison of two inputs, 实际 ＞ 计划).

struct Objective {
  enum class Kind { Hit, Equal };
  Kind kind = Kind::Hit;
  const ir::Expr* expr = nullptr;
  const ir::Expr* other = nullptr;
  std::vector<Decimal> targets;
  std::optional<Decimal> score;  // a leaf's formula: its 分值 (targets outside [0, 分值] are errors)
};

}  // namespace

struct RecordGenerator::Impl : SolverChoices {
  const ir::Program& p;
  Rng rng;
  size_t index = 0;
  std::vector<Objective> objectives;
  // Solving state: the record's values, which inputs the current objective
  // has decided, and which any objective of this record decided.
  Solver solver;
  std::vector<Value>& vals;
  std::vector<char>& fixed;
  std::vector<char>& pinned;
  // A clean record is one a careful department would send: nothing required
  // missing, reviews in order, formulas aimed inside [0, 分值], extremes rare.
  // The others carry faults at `faultRate` percent per opportunity.
  bool clean = true;
  int faultRate = 0;

  Impl(const ir::Program& program, uint64_t seed)
      : p(program), rng(seed), solver(program, *this), vals(solver.vals), fixed(solver.fixed), pinned(solver.pinned) {
    collectObjectives();
  }

  // SolverChoices: the solver's free choices are random.
  bool coin() override { return rng.coin(); }
  uint64_t below(uint64_t n) override { return rng.below(n); }

  const ir::Input& input(int slot) const { return p.inputs[static_cast<size_t>(slot)]; }
  InputKind kind(int slot) const { return input(slot).spec.kind; }
  sema::Interval domain(int slot) const { return solver.domain(slot); }
  Decimal unit(int slot) const { return solver.unit(slot); }
  Opt fit(int slot, Decimal v) const { return solver.fit(slot, v); }
  int solve(const ir::Expr* e, Decimal target) { return solver.solve(e, target); }
  Opt known(const ir::Expr* e) const { return solver.known(e); }

  // -------------------------------------------------------------------------
  // Background values: what a department's row plausibly holds, plus the
  // extremes (0, negative, ~1e15 where cents still matter, beyond 1e20 where
  // sums overflow).

  // Counts (whole) get no fraction from fit(), so only the others may take
  // the very largest Decimal, 170141183460469231731.687303715884105727.
  Decimal huge(bool whole) {
    static const std::vector<const char*> kHuge = {
        "1000000000000000", "999999999999999.99", "1000000000000000.01", "123456789012345.67",
        "100000000000000000000", "120000000000000000000", "170141183460469231731"};
    Decimal v = dec(rng.pick(kHuge));
    if (!whole && rng.percent(15)) v = Decimal::fromRaw(kRawMax);  // the very largest value
    return v;
  }

  Decimal background(int slot) {
    bool whole = kind(slot) == InputKind::Count;
    // Clean rows keep to the first 80% of each table below (no extremes, no
    // negatives) all but one time in fifty.
    int r = static_cast<int>(rng.below(clean && !rng.percent(2) ? 80 : 100));
    Decimal v;
    switch (kind(slot)) {
      case InputKind::Money:
        if (r < 15) v = Decimal();
        else if (r < 20) v = scaled(rng.between(1, 100), 2);                  // a few cents
        else if (r < 30) v = scaled(rng.between(0, 1'000'000), 2);            // up to 10,000.00元
        else if (r < 70) v = scaled(rng.between(0, 10'000'000'000), 2);       // up to 100,000,000.00元
        else if (r < 80) v = ints(rng.between(1, 10'000) * 10'000);           // whole 万元
        else if (r < 88) v = huge(false);
        else v = *neg(scaled(rng.between(1, 10'000'000'000), 2));             // negative (clamped if 范围 forbids)
        break;
      case InputKind::Ratio:
        if (r < 15) v = Decimal();
        else if (r < 25) v = Decimal::one();
        else if (r < 65) v = scaled(rng.between(0, 12'000), 4);               // 0%–120.00%
        else if (r < 80) v = Decimal::fromRaw(static_cast<Decimal::Raw>(rng.below(Decimal::kOne)));  // 18 digits
        else if (r < 85) v = scaled(rng.between(0, 100), 0);                  // ×100: a percent typed as a fraction
        else if (r < 90) checkedDiv(huge(false), Decimal::fromInt(100), v);   // as large as can still be written with %
        else v = *neg(scaled(rng.between(1, 5'000), 4));
        break;
      case InputKind::Count:
        if (r < 20) v = Decimal();
        else if (r < 60) v = ints(rng.between(1, 10));
        else if (r < 75) v = ints(rng.between(0, 200));
        else if (r < 90) v = ints(rng.between(200, 1'000'000));
        else v = huge(true);
        break;
      case InputKind::Number:
      case InputKind::Review:
        if (r < 10) v = Decimal();
        else if (r < 20) v = ints(100);
        else if (r < 70) v = scaled(rng.between(0, 10'000), 2);               // 0.00–100.00
        else if (r < 80) v = scaled(rng.between(0, 100'000'000), 4);
        else if (r < 85) v = huge(false);
        else v = *neg(scaled(rng.between(1, 10'000), 2));
        break;
      default: break;
    }
    if (auto f = fit(slot, v)) return *f;
    // Out of the declared range: somewhere inside it instead.
    sema::Interval d = domain(slot);
    Decimal lo = d.lower.infinite ? Decimal() : d.lower.value;
    if (!d.upper.infinite && d.upper.value < lo) lo = d.upper.value;
    Decimal span = d.upper.infinite ? ints(1000) : sub(d.upper.value, lo).value_or(ints(1));
    Decimal x = add(lo, mul(span, scaled(static_cast<int64_t>(rng.below(10'001)), 4)).value_or(Decimal())).value_or(lo);
    if (whole) x = roundInt(x);
    if (auto f = fit(slot, x)) return *f;
    return lo;
  }

  // A plausible value for an expression that merely has to be *something*
  // (the free side of a + b = target, the denominator of a ratio).
  Decimal freeValue(const ir::Expr* e) override {
    if (rng.percent(25)) return Decimal();
    if (e->type.integer) return ints(rng.between(0, 20));
    switch (e->type.display) {
      case ir::Display::Percent: return scaled(rng.between(0, 12'000), 4);
      case ir::Display::Money: return scaled(rng.between(0, 1'000'000'000), 2);
      case ir::Display::Score: return scaled(rng.between(0, 500), 2);
      default: return scaled(rng.between(0, 10'000), 2);
    }
  }

  // Denominators that make a ratio land exactly (1,000,000: an edge × it is
  // whole cents) or only nearly (3, 7, 2,928,000: the quotient is truncated).
  Decimal denominator(const ir::Expr* e) override {
    if (e->type.integer) {
      static const std::vector<int64_t> kCounts = {1, 2, 3, 4, 5, 7, 8, 10, 12, 20, 25, 100, 1000, 1'000'000};
      return ints(rng.pick(kCounts));
    }
    if (e->type.display == ir::Display::Percent) {
      static const std::vector<const char*> kRatios = {"1", "0.5", "0.9", "0.7", "0.3574", "0.0001"};
      return dec(rng.pick(kRatios));
    }
    static const std::vector<const char*> kAmounts = {"1000000", "1000000", "1000000", "100", "1", "3", "7",
                                                      "2928000", "12345.67", "999999999999.99"};
    return dec(rng.pick(kAmounts));
  }

  // -------------------------------------------------------------------------
  // Objectives, collected once per program.

  void addHit(const ir::Expr* e, std::vector<Decimal> targets) {
    if (!numeric(e) || constantValue(e) || targets.empty()) return;
    for (auto& o : objectives)
      if (o.kind == Objective::Kind::Hit && o.expr == e) {
        o.targets.insert(o.targets.end(), targets.begin(), targets.end());
        return;
      }
    objectives.push_back(Objective{Objective::Kind::Hit, e, nullptr, std::move(targets), std::nullopt});
  }

  // One objective per expression (edges on the same expression pool their
  // targets), in the order findEdges() lists them.
  void collectObjectives() {
    for (const Edge& edge : findEdges(p)) {
      if (edge.kind == Edge::Kind::Equal) {
        objectives.push_back(Objective{Objective::Kind::Equal, edge.expr, edge.other, {}, std::nullopt});
        continue;
      }
      addHit(edge.expr, edge.targets);
      if (edge.score)
        for (auto& o : objectives)
          if (o.expr == edge.expr) o.score = edge.score;
    }
  }

  // Moves a solved input off its edge: by one unit of its kind, by the
  // smallest representable step, or not at all (the edge itself).
  void nudge(int slot) {
    if (slot < 0) return;
    Value& v = vals[static_cast<size_t>(slot)];
    if (v.kind != Value::Kind::Number) return;
    int r = static_cast<int>(rng.below(100));
    Decimal by;
    if (r < 40) return;                                   // exactly on the edge
    else if (r < 80) by = unit(slot);                     // ±0.01元, ±0.0001, ±1
    else if (r < 90 && kind(slot) != InputKind::Count) by = tiny();
    else by = *mul(unit(slot), ints(rng.coin() ? 10 : 100));
    Opt moved = rng.coin() ? add(v.number, by) : sub(v.number, by);
    if (!moved) return;
    if (Opt f = fit(slot, *moved)) v.number = *f;
  }

  // Pursues one objective. `inRange` (clean rows, formulas): aim inside
  // [0, 分值], around what earlier objectives pinned, and stay there.
  void pursue(const Objective& o, bool inRange = false) {
    if (inRange) fixed = pinned;
    else std::fill(fixed.begin(), fixed.end(), 0);
    if (o.kind == Objective::Kind::Hit) {
      std::vector<Decimal> targets;
      for (Decimal t : o.targets)
        if (!inRange || !o.score || (t >= Decimal() && t <= *o.score)) targets.push_back(t);
      if (targets.empty()) return;
      int slot = solve(o.expr, rng.pick(targets));
      if (!inRange) nudge(slot);
      return;
    }
    // Equal: give the other side some value, then match it.
    solve(o.other, freeValue(o.other));
    Opt v = known(o.other);
    if (!v) return;
    nudge(solve(o.expr, *v));
  }

  // -------------------------------------------------------------------------
  // Reviewer scores, tiers, reasons and overrides.

  // A score on a tier's edge (80% of 分值), or just inside it.
  Decimal tierEdge(const ir::Node& n) {
    const sema::Interval& iv = rng.pick(n.tiers).fraction;
    bool lower = !iv.lower.infinite && (iv.upper.infinite || rng.coin());
    Decimal f = lower ? iv.lower.value : iv.upper.infinite ? Decimal::one() : iv.upper.value;
    Decimal score = mul(n.weight, f).value_or(n.weight);
    if (!(lower ? iv.lower.closed : iv.upper.closed) || rng.percent(30)) {
      Decimal by = rng.coin() ? dec("0.01") : tiny();
      score = (lower ? add(score, by) : sub(score, by)).value_or(score);
    }
    return score;
  }

  void review(const ir::Node& n, BoundRecord& rec) {
    NodeData& d = rec.nodes[static_cast<size_t>(n.id)];
    Value& v = rec.inputs[static_cast<size_t>(n.reviewInput)];
    const Decimal w = n.weight;
    // A valid review: a score in [0, 分值] (0, 分值, whole percents of it, a
    // tier's edge), the reviewer's reason, the tier the score belongs to.
    int r = static_cast<int>(rng.below(100));
    Decimal score;
    if (r < 15) score = Decimal();
    else if (r < 35) score = w;
    else if (r < 65 || n.tiers.empty()) score = mul(w, scaled(static_cast<int64_t>(rng.below(101)), 2)).value_or(w);
    else score = tierEdge(n);
    v = Value::ofNumber(std::clamp(score, Decimal(), w));
    d.reason = "评审意见";
    if (!n.tiers.empty()) {
      Opt f = w.isZero() ? std::nullopt : div(v.number, w);
      for (const auto& tier : n.tiers)
        if (f && tier.fraction.contains(*f)) { d.tier = tier.name; break; }
      if (d.tier.empty()) d.tier = rng.pick(n.tiers).name;
    }
    if (!rng.percent(faultRate)) return;
    // A faulty one: each is a row error the engines must word alike.
    switch (rng.below(n.tiers.empty() ? 4 : 7)) {
      case 0: v = Value::missing(); break;
      case 1: v = Value::ofNumber(add(w, rng.coin() ? dec("0.01") : tiny()).value_or(w)); break;  // just over 分值
      case 2: v = Value::ofNumber(rng.coin() ? add(w, ints(rng.between(1, 10))).value_or(w) : huge(false)); break;
      case 3: d.reason.clear(); break;
      case 4: d.tier = rng.pick(n.tiers).name; v = Value::ofNumber(tierEdge(n)); break;  // maybe not this score's tier
      case 5: d.tier.clear(); break;
      default: d.tier = "不存在的档次"; break;
    }
  }

  void overrides(BoundRecord& rec) {
    // Most rows have none; a few have several (核定分 on parents too).
    int rate = rng.percent(85) ? 0 : 12;
    if (rate == 0) return;
    for (const auto& n : p.nodes) {
      if (!rng.percent(rate)) continue;
      NodeData& d = rec.nodes[static_cast<size_t>(n.id)];
      int r = static_cast<int>(rng.below(4));
      // 0, 分值, or a share of 分值 in steps of 0.01%.
      d.override = r == 0 ? Decimal() : r == 1 ? n.weight : mul(n.weight, scaled(static_cast<int64_t>(rng.below(10'001)), 4)).value_or(n.weight);
      if (d.reason.empty()) d.reason = "核定说明";
    }
  }

  // -------------------------------------------------------------------------

  BoundRecord next() {
    BoundRecord rec;
    rec.row = static_cast<int>(index) + 1;
    rec.line = rec.row + 1;
    clean = rng.percent(50);
    faultRate = clean ? 0 : static_cast<int>(std::vector<int>{3, 10, 30}[rng.below(3)]);
    rec.id = clean ? fmt::format("#{} clean", index) : fmt::format("#{} faults {}%", index, faultRate);
    ++index;
    const size_t n = p.inputs.size();
    vals.assign(n, Value::missing());
    fixed.assign(n, 0);
    pinned.assign(n, 0);
    for (size_t i = 0; i < n; ++i) {
      int slot = static_cast<int>(i);
      switch (kind(slot)) {
        case InputKind::Bool: vals[i] = Value::ofBool(rng.coin()); break;
        case InputKind::Enum: {
          size_t labels = input(slot).spec.enumValues.size();
          vals[i] = labels ? Value::ofEnum(static_cast<int>(rng.below(labels))) : Value::missing();
          break;
        }
        default: vals[i] = Value::ofNumber(background(slot)); break;
      }
    }
    // Edges: a few objectives in most rows, many at once in the rest (later
    // ones win where two want the same input).
    if (!objectives.empty()) {
      size_t count = rng.percent(50) ? 1 + rng.below(3) : objectives.size() / 2 + 1;
      for (size_t k = 0; k < count; ++k) pursue(objectives[rng.below(objectives.size())]);
    }
    // Clean rows then aim every formula inside [0, 分值] with the inputs the
    // edges left free: 分值 × 完成数 ÷ 目标数 with two random counts is more
    // often out of range than not, which is a row error, not a score.
    if (clean)
      for (const auto& o : objectives)
        if (o.score) pursue(o, /*inRange=*/true);
    // Missing data: optional inputs often (their policy applies), required
    // ones in some rows only (each is a data error that must agree too).
    for (size_t i = 0; i < n; ++i) {
      const ir::Input& in = p.inputs[i];
      if (in.implicit) continue;
      bool optional = in.missing != ir::Input::Missing::Required && in.missing != ir::Input::Missing::Error;
      if (rng.percent(optional ? 20 : faultRate)) vals[i] = Value::missing();
    }
    // Row sets are bound row by row (rowSets below): their lists, columns and
    // aggregates have no value of their own in a record. A top-level 文字
    // (主管部门 …) is left out: its text is kept beside the record, not a number.
    for (size_t i = 0; i < n; ++i)
      if (p.inputs[i].spec.kind == InputKind::RowSet || p.inputs[i].rowSet >= 0 || p.inputs[i].spec.kind == InputKind::Text)
        vals[i] = Value::missing();
    for (const auto& a : p.aggregates) vals[static_cast<size_t>(a.slot)] = Value::missing();
    rec.inputs = vals;
    rec.nodes.assign(p.nodes.size(), NodeData{});
    for (const auto& node : p.nodes)
      if (node.rule == ir::RuleKind::Review && node.reviewInput >= 0) review(node, rec);
    overrides(rec);
    rowSets(rec);
    return rec;
  }

  // Row sets: absent lists, empty ones, one row and many (up to 15, as forms
  // have), cells missing, 指标值 of every direction, 文字 equal to the
  // ruleset's literals or not, self-scores inside and outside [0, 分值], and
  // 分值 that often (not always) add up to the 逐行 indicator's 分值.
  void rowSets(BoundRecord& rec) {
    rec.rowSets.assign(p.inputs.size(), {});
    for (size_t s = 0; s < p.inputs.size(); ++s) {
      const ir::Input& set = p.inputs[s];
      if (set.spec.kind != InputKind::RowSet || rng.percent(4)) continue;
      BoundRowSet& out = rec.rowSets[s];
      out.present = true;
      int r = static_cast<int>(rng.below(100));
      int64_t count = r < 8 ? 0 : r < 25 ? 1 : rng.between(2, 15);
      for (int64_t k = 0; k < count; ++k) {
        BoundRow row;
        row.row = static_cast<int>(k + 1);
        for (int slot : set.columns) {
          const ir::Input& col = p.inputs[slot];
          if (rng.percent(col.missing == ir::Input::Missing::Zero ? 25 : 3)) continue;
          // A cell the binder refused (an unsigned 年度指标值, a 得分 in words): the row's fault, or
          // the rule's alone where the unit's 得分 may stand in its place (row_sets.cpp).
          if ((col.spec.kind == InputKind::Target || col.spec.kind == InputKind::Review) && rng.percent(2)) {
            row.faults.emplace_back(slot, fmt::format("列“{}”：读不出", col.spec.name));
            row.texts.emplace_back(slot, "？");
            continue;
          }
          switch (col.spec.kind) {
            case InputKind::Text: {
              int64_t code = !p.texts.empty() && rng.percent(70) ? rng.between(0, static_cast<int64_t>(p.texts.size()) - 1) : -1 - rng.between(0, 2);
              row.values.emplace_back(slot, Value::ofNumber(Decimal::fromInt(code)));
              row.texts.emplace_back(slot, code >= 0 ? p.texts[static_cast<size_t>(code)] : fmt::format("文字{}", -code));
              break;
            }
            case InputKind::Target: {
              int direction = static_cast<int>(rng.below(3));
              row.values.emplace_back(col.companion, Value::ofEnum(direction));
              if (direction != 2) row.values.emplace_back(slot, Value::ofNumber(rng.percent(10) ? Decimal() : scaled(rng.between(1, 20'000), 2)));
              row.texts.emplace_back(slot, direction == 2 ? "严格执行" : "≥1");
              break;
            }
            case InputKind::Achieved: {
              static const std::vector<std::string> said{"达成预期指标", "部分达成年度指标", "未达成", "不详"};
              row.values.emplace_back(slot, Value::ofNumber(rng.percent(10) ? Decimal() : scaled(rng.between(0, 20'000), 2)));
              row.texts.emplace_back(slot, rng.pick(said));
              break;
            }
            case InputKind::Review: row.values.emplace_back(slot, Value::ofNumber(scaled(rng.between(0, 3'000), 1))); break;
            case InputKind::Money: row.values.emplace_back(slot, Value::ofNumber(scaled(rng.between(0, 100'000'000), 2))); break;
            default: row.values.emplace_back(slot, Value::ofNumber(scaled(rng.between(0, 10'000), 2))); break;
          }
        }
        out.rows.push_back(std::move(row));
      }
      // Often the 分值 add up, so the rows' scores reach the total too.
      for (const auto& rule : p.rowRules)
        if (rule.rowSet == static_cast<int>(s) && rule.weight >= 0 && !out.rows.empty() && rng.percent(60)) {
          Decimal others;
          for (size_t k = 0; k + 1 < out.rows.size(); ++k)
            if (const Value* v = out.rows[k].value(rule.weight)) others = add(others, v->number).value_or(others);
          Opt last = sub(p.nodes[rule.node].weight, others);
          if (!last || *last < Decimal()) continue;
          auto& values = out.rows.back().values;
          values.erase(std::remove_if(values.begin(), values.end(), [&](const auto& x) { return x.first == rule.weight; }), values.end());
          values.emplace_back(rule.weight, Value::ofNumber(*last));
        }
    }
  }
};

RecordGenerator::RecordGenerator(const ir::Program& program, uint64_t seed) : impl_(std::make_unique<Impl>(program, seed)) {}
RecordGenerator::~RecordGenerator() = default;
BoundRecord RecordGenerator::next() { return impl_->next(); }
size_t RecordGenerator::objectiveCount() const { return impl_->objectives.size(); }

std::vector<BoundRecord> generateRecords(const ir::Program& program, size_t count, uint64_t seed) {
  RecordGenerator gen(program, seed);
  std::vector<BoundRecord> out;
  out.reserve(count);
  for (size_t i = 0; i < count; ++i) out.push_back(gen.next());
  return out;
}

// ---------------------------------------------------------------------------
// Records as data rows.

namespace {

std::string cellText(const ir::Input& in, const Value& v) {
  switch (v.kind) {
    case Value::Kind::Missing: return {};
    case Value::Kind::Bool: return v.boolean ? "是" : "否";
    case Value::Kind::Enum:
      return v.enumIndex >= 0 && static_cast<size_t>(v.enumIndex) < in.spec.enumValues.size() ? in.spec.enumValues[static_cast<size_t>(v.enumIndex)]
                                                                                            : fmt::format("<枚举#{}>", v.enumIndex);
    case Value::Kind::Number: {
      // Money with its unit, so a 金额（万元） column reads it as 元 too; a
      // ratio with its % (0.9 is "90%"), since a ratio without % is read only
      // as its input declares. One too large to write with % stays a plain
      // number, and the row is then refused the same way by both engines.
      if (in.spec.kind == InputKind::Money) return toString(v.number) + "元";
      Decimal percent;
      if (in.spec.kind == InputKind::Ratio && checkedMul(v.number, Decimal::fromInt(100), percent) == DecimalStatus::Ok)
        return toString(percent) + "%";
      return toString(v.number);
    }
  }
  return {};
}

std::string jsonString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\', out += c;
    else if (static_cast<unsigned char>(c) < 0x20) out += fmt::format("\\u{:04x}", static_cast<int>(c));
    else out += c;
  }
  return out + "\"";
}

}  // namespace

std::vector<std::pair<std::string, std::string>> recordFields(const ir::Program& p, const BoundRecord& rec) {
  std::vector<std::pair<std::string, std::string>> fields;
  for (size_t i = 0; i < p.inputs.size() && i < rec.inputs.size(); ++i) {
    const ir::Input& in = p.inputs[i];
    if (rec.inputs[i].kind == Value::Kind::Missing) continue;
    fields.emplace_back(in.spec.name, cellText(in, rec.inputs[i]));
    // A declared 评审分 needs its reviewer's reason beside it.
    if (in.spec.kind == InputKind::Review && !in.implicit) fields.emplace_back(in.spec.name + ".说明", "评审意见");
  }
  for (size_t n = 0; n < p.nodes.size() && n < rec.nodes.size(); ++n) {
    const NodeData& d = rec.nodes[n];
    const std::string& name = p.nodes[n].name;
    if (!d.reason.empty()) fields.emplace_back(name + ".说明", d.reason);
    if (!d.tier.empty()) fields.emplace_back(name + ".档次", d.tier);
    if (d.override) fields.emplace_back(name + ".核定分", toString(*d.override));
  }
  return fields;
}

std::string describeRecord(const ir::Program& p, const BoundRecord& rec) {
  std::string out;
  for (size_t i = 0; i < p.inputs.size() && i < rec.inputs.size(); ++i) {
    const Value& v = rec.inputs[i];
    out += fmt::format("  {} = {}\n", p.inputs[i].spec.name, v.kind == Value::Kind::Missing ? "（缺失）" : cellText(p.inputs[i], v));
  }
  for (size_t n = 0; n < p.nodes.size() && n < rec.nodes.size(); ++n) {
    const NodeData& d = rec.nodes[n];
    const std::string& name = p.nodes[n].name;
    if (!d.reason.empty()) out += fmt::format("  {}.说明 = {}\n", name, d.reason);
    if (!d.tier.empty()) out += fmt::format("  {}.档次 = {}\n", name, d.tier);
    if (d.override) out += fmt::format("  {}.核定分 = {}\n", name, toString(*d.override));
  }
  // Row sets: each row's cells by column (a 文字 by its code: ≥0 a literal of the ruleset).
  for (size_t i = 0; i < rec.rowSets.size() && i < p.inputs.size(); ++i) {
    const BoundRowSet& set = rec.rowSets[i];
    if (p.inputs[i].spec.kind != InputKind::RowSet) continue;
    if (!set.present) { out += fmt::format("  {} = （缺失）\n", p.inputs[i].spec.name); continue; }
    out += fmt::format("  {} = {}行\n", p.inputs[i].spec.name, set.rows.size());
    for (const BoundRow& row : set.rows) {
      std::string cells;
      for (const auto& [slot, v] : row.values)
        cells += fmt::format("{}{}={}", cells.empty() ? "" : "，", p.inputs[static_cast<size_t>(slot)].spec.name,
                             v.kind == Value::Kind::Enum ? std::to_string(v.enumIndex) : toString(v.number));
      out += fmt::format("    第{}行：{}\n", row.row, cells);
    }
  }
  for (const auto& e : rec.errors) out += fmt::format("  binder error: {}\n", e);
  out += fmt::format("  (generated as {})\n", rec.id);
  std::string json = "[{";
  bool first = true;
  for (const auto& [name, text] : recordFields(p, rec)) {
    json += (first ? "" : ", ") + jsonString(name) + ": " + jsonString(text);
    first = false;
  }
  out += "  as data.json: " + json + "}]\n";
  return out;
}

}  // namespace defen::ruletest

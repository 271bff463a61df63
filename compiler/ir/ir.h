// The checked, typed program: what the interpreter walks and the JIT lowers.
//
// Names are resolved to slots, units are checked, literals are normalised,
// band tables carry their intervals, and every node of the indicator tree is
// in document order. Expressions live in an arena owned by the Program and
// refer to each other by pointer; a Program is immutable once built.
#pragma once

#include "compiler/ir/interval.h"
#include "compiler/core/source.h"
#include "compiler/core/decimal.h"
#include "compiler/core/value.h"

#include <algorithm>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace defen::ir {

// Physical dimension as exponents of 分 and 元: 元÷元 is a plain ratio, and
// 分值×金额÷金额 passes through 分·元 on its way back to 分. Adding or comparing
// values of different dimensions (元 with %, 分 with 元) is refused.
struct Dim {
  int score = 0;
  int yuan = 0;
  static constexpr Dim none() { return {0, 0}; }
  static constexpr Dim yuanDim() { return {0, 1}; }
  static constexpr Dim scoreDim() { return {1, 0}; }
  friend constexpr bool operator==(Dim a, Dim b) { return a.score == b.score && a.yuan == b.yuan; }
  friend constexpr Dim operator+(Dim a, Dim b) { return {a.score + b.score, a.yuan + b.yuan}; }
  friend constexpr Dim operator-(Dim a, Dim b) { return {a.score - b.score, a.yuan - b.yuan}; }
};
// How a number reads to a person: 35.74%, 3,974,522.77元, 5项, 4分.
enum class Display { Plain, Percent, Money, Count, Score };

struct Type {
  enum class Kind { Number, Bool, Enum, Text };  // Text: 文字, compared for equality (a code, ir::Program::texts)
  Kind kind = Kind::Number;
  Dim dim = Dim::none();
  Display display = Display::Plain;
  bool flexible = false;  // a bare literal (0, 3): takes the dimension of what it meets
  bool integer = false;   // known to hold integers only (counts)
  int enumInput = -1;     // Enum: the input whose labels it carries
  bool poisoned = false;  // from an expression already reported as wrong: no further findings
};

enum class Op {
  Const,     // number / boolean
  Input,     // slot = input index
  Let,       // slot = let index
  Neg, Not,
  Add, Sub, Mul, Div,
  And, Or,
  Compare,   // args[0] cmps[0] args[1] cmps[1] args[2] …; each operand evaluated once
  If,        // args[0] ? args[1] : args[2]
  Min, Max,  // n-ary
  Clamp,     // (x, lo, hi)
  Ceil, Floor, Abs,
  Round,     // (x) with places
  Avg,       // n-ary average
  CountTrue, // number of true conditions among args
  HasValue,  // slot = input index: is it present in the record?
  EnumIs,    // args[0] is the enum value `slot`
  Bands,     // table = band table index
};

enum class Cmp { Ge, Gt, Le, Lt, Eq, Ne };

// Whether `a c b` holds, for exact decimals' raw values (the interpreter, and
// the 评分说明 naming the case that applied).
bool holds(Cmp c, Decimal::Raw a, Decimal::Raw b);

struct Expr {
  int id = 0;  // index in Program::arena, stable: run-time errors name it
  Op op = Op::Const;
  Type type;
  SourceRange range;
  Decimal number;        // Const number
  bool boolean = false;  // Const bool
  int slot = -1;         // Input/Let/HasValue slot; EnumIs label index
  int places = 0;        // Round
  int table = -1;        // Bands
  bool weight = false;   // Const written 分值/满分: follows the indicator's 分值 (defen diff compares it so)
  std::vector<Cmp> cmps;
  std::vector<const Expr*> args;
};

struct BandCase {
  enum class Kind { Range, Label, Else };
  Kind kind = Kind::Range;
  Interval interval;  // Range
  int label = -1;           // Label: enum value index
  const Expr* value = nullptr;
  std::string text;  // the pattern as written, for explanations: "100%＞结果≥90%"
  SourceRange range;
};

struct BandTable {
  const Expr* subject = nullptr;
  std::vector<BandCase> cases;
  int node = -1;  // the indicator it belongs to (for the trace)
  SourceRange range;
};

struct Input {
  InputSpec spec;
  enum class Missing { Required, Full, Zero, NotApplicable, Error };
  Missing missing = Missing::Required;
  std::optional<Interval> range;  // declared 范围, enforced on data
  std::optional<Interval> usual;  // declared 通常: data outside it is reported as a warning
  Display display = Display::Plain;
  bool implicit = false;  // created by the compiler (reviewer scores, row-set columns, aggregates)
  // Row sets. A column of a row set is an input slot of its own, loaded with
  // one row's value at a time (compiler/eval/row_sets.cpp); rowSet is the row
  // set's slot. A 指标值 column's direction (0 正向, 1 反向, 2 定性) lives in
  // its companion slot; a 完成值 column's companion is its 指标值 column.
  int rowSet = -1;
  int companion = -1;
  std::vector<int> columns;  // RowSet: its column slots, in declared order
  SourceRange range_;
};

struct Let {
  std::string name;
  const Expr* value = nullptr;
  int node = -1;  // the indicator whose block declares it; -1 at top level
  SourceRange range;
};

struct CheckItem {
  int index = 0;  // global index over all nodes' checklist items (trace slot)
  const Expr* condition = nullptr;
  Decimal points;
  std::string text;
  SourceRange range;
};

enum class Partial { Exact, Ceil, Floor, Linear };

struct Deduction {
  int index = 0;  // global index over all nodes' deduction lines (trace slot)
  enum class Kind { Step, Plain };
  Kind kind = Kind::Plain;
  const Expr* subject = nullptr;  // Step
  Decimal step;                   // Step: constant size of one step
  const Expr* points = nullptr;   // Step: per step; Plain: the amount
  Partial partial = Partial::Exact;
  std::string text;
  SourceRange range;
};

struct ReviewTier {
  std::string name;
  Interval fraction;  // of 分值: [80%, 100%]
};

struct NaRule {
  const Expr* when = nullptr;
  enum class Policy { Full, Rescale, Move };
  Policy policy = Policy::Full;
  std::vector<int> targets;  // Move: node ids, weight split evenly
  std::string text;
  SourceRange range;
};

// 校验 { 错误 "…" 当 …；提示 "…" 当 … }: `when` indexes Program::rowExprs.
struct DataCheck {
  bool fault = false;  // 错误: not scored; 提示: scored and flagged in warnings
  std::string message;
  int when = -1;
  SourceRange range;
};

// 逐行 绩效指标 { … } on node `node`: each row of the row set is a line of the
// tree under it (grouped by `groups`, named by `name`, 分值 from `weight`).
// Column fields are input slots; expression fields index Program::rowExprs.
struct RowRule {
  int node = -1;
  int rowSet = -1;
  std::vector<int> groups;
  int name = -1, weight = -1, self = -1, note = -1;
  bool ruleStands = false;  // 以规则为准: the rule's score stands over the unit's 得分
  std::vector<std::pair<std::string, Decimal>> groupWeights;  // 分组分值, by the first group column
  int formula = -1;
  int reviewWhen = -1, reviewColumn = -1;  // 评审 当 … 按 列 { tiers }
  std::vector<ReviewTier> tiers;
  std::vector<int> lets;  // the block's 令: computed afresh for every row
  std::vector<DataCheck> checks;
  // rowExprs: the 不考核 conditions of the node and of its ancestors. Rows are
  // scored before the plan decides 不考核, so an indicator one of them rules
  // out is not scored row by row (its rows' faults would be no fault of it).
  std::vector<int> notApplicable;
};

// 合计(项目资金：全年执行数，当 资金来源 = "年度资金总额"): computed over the rows
// before the indicators are scored, into the implicit input `slot`.
struct Aggregate {
  enum class Kind { Sum, Count, Avg, Max, Min, TrimmedAvg };
  Kind kind = Kind::Sum;
  int rowSet = -1;
  int value = -1;  // rowExprs index; -1 for 计数
  int when = -1;   // rowExprs index; -1 for every row
  int slot = -1;
  std::string text;  // as written
  SourceRange range;
};

enum class RuleKind { Sum, Formula, Checklist, Deductions, Review, Rows };

// A piece of a 评分说明 template: literal text, or a value filled from the record.
struct TemplatePiece {
  enum class Kind {
    Text,       // text
    Input,      // slot: an input's value, as people read it
    Let,        // slot: a 令's value
    Equation,   // slot: a 令 as an equation with the record's numbers ("率=a÷b×100%=95.00%")
    Score,      // {得分}
    Weight,     // {分值}
    Lost,       // {扣分}: 分值 − 得分
    Band,       // {档}: the band case that fired, as written
    Generated,  // {说明}: the sentence defen would write
    Reason,     // {理由}: the reviewer's or the override's 说明 from the data
  };
  Kind kind = Kind::Text;
  std::string text;
  int slot = -1;
  int places = -1;  // {名:N}: the number shown with N decimals (rounded half up), as a table writes it
};

struct Node {
  int id = 0;
  std::string name;
  std::vector<std::string> path;  // names from the top level down to this node
  Decimal weight;
  int parent = -1;
  std::vector<int> children;
  RuleKind rule = RuleKind::Sum;      // Sum: a parent, its score is its children's
  const Expr* formula = nullptr;      // Formula (band tables are formulas too)
  std::vector<CheckItem> items;       // Checklist
  std::vector<Deduction> deductions;  // Deductions
  std::optional<Decimal> deductionCap;
  std::vector<ReviewTier> tiers;      // Review
  int reviewInput = -1;               // Review: the implicit input holding the score
  int rowRule = -1;                   // Rows: index in Program::rowRules
  std::vector<NaRule> na;
  std::vector<int> reads;             // inputs read by the rule (directly or via lets)
  std::vector<int> letsRead;          // lets read by the rule
  std::vector<int> tablesRead;        // band tables the rule may evaluate (directly or via lets)
  std::optional<std::string> note;
  std::vector<TemplatePiece> explainTemplate;  // 评分说明 "…"; empty: the generated sentence
  std::string ruleText;               // the rule's source text, comments left out
  std::optional<std::string> explainWording;  // the 评分说明 string as written, placeholders and all
  SourceRange range;
  // Where the parts are written, for tools that point into the file (defen diff).
  SourceRange weightRange, noteRange, explainRange, ruleRange;
};

struct BonusLine {
  bool plus = true;
  const Expr* points = nullptr;
  std::optional<Decimal> cap;
  std::string text;
  SourceRange range;
};

struct Bonus {
  std::string name;
  std::vector<BonusLine> lines;
  std::vector<int> reads;
  SourceRange range;
};

struct Grade {
  std::string name;
  Interval range;
  SourceRange where;  // the grade's line
};

// Where each header item is written (invalid when left out).
struct HeaderRanges {
  SourceRange name, region, year, version, total, rounding, grades;
};

struct Program {
  std::string name, region, version;
  int year = 0;
  Decimal total = Decimal::fromInt(100);
  int places = 2;
  HeaderRanges headerRanges;
  std::vector<Grade> grades;
  std::vector<Input> inputs;
  std::vector<Let> lets;
  std::vector<Node> nodes;  // document order; a parent precedes its children
  std::vector<int> roots;
  std::vector<Bonus> bonuses;
  std::vector<BandTable> tables;
  std::vector<int> evalOrder;  // every node, children and 转入 targets before the node itself
  int itemCount = 0;           // checklist items over all nodes
  int deductionCount = 0;      // deduction lines over all nodes
  std::deque<Expr> arena;
  // Row sets: expressions evaluated once per row (or per record for top-level
  // 校验), each a kernel of both engines; 文字 literals by code.
  std::vector<const Expr*> rowExprs;
  std::vector<RowRule> rowRules;
  std::vector<Aggregate> aggregates;
  std::vector<DataCheck> checks;  // top-level 校验, over the record
  std::vector<std::string> texts;
  std::shared_ptr<const SourceFile> source;  // for quoting rule text in run-time messages
  std::shared_ptr<const SourceOrigins> origins;  // set when `source` was spliced (基于)

  std::string text(const SourceRange& range) const { return source ? source->slice(range) : std::string(); }
  // The file and place a person wrote `range` in (the ruleset itself, or a base).
  SourceLocation locate(const SourceRange& range) const;
  // "规则第12行" in the ruleset itself, "规则 base.rules 第12行" in a base.
  std::string ruleLine(const SourceRange& range) const;

  int findInput(const std::string& name) const;
  int findNode(const std::string& name) const;
};

}  // namespace defen::ir

// The parsed ruleset, exactly as written: names unresolved, units as spelled.
// Built by parser.cpp from ANTLR's tree; checked and lowered to IR by sema.
#pragma once

#include "compiler/core/source.h"
#include "compiler/core/decimal.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace defen::ast {

// The unit written after a number: 4分, 90%, 12万元, 5项 …
enum class Unit { None, Percent, Permille, Score, Yuan, WanYuan, Count, Day, Places };

// A number literal. `value` is already normalised: 90% → 0.9, 12万元 → 120000
// (in 元); `text` keeps the spelling for messages and explanations.
struct Quantity {
  Decimal value;
  Unit unit = Unit::None;
  std::string text;
  SourceRange range;
};

enum class CmpOp { Ge, Gt, Le, Lt, Eq, Ne };
enum class BinaryOp { Add, Sub, Mul, Div, And, Or };

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;
struct BandTable;

struct Expr {
  enum class Kind {
    Number,   // quantity
    Bool,     // boolValue
    Weight,   // 满分 / 分值: the enclosing indicator's 分值
    Result,   // 结果: the subject of the enclosing band table
    Name,     // name
    Call,     // name(args)
    Neg,      // -args[0]
    Not,      // 非 args[0]
    Binary,   // args[0] op args[1]
    Compare,  // args[0] ops[0] args[1] ops[1] args[2] … (a chain as tables write it)
    If,       // 若 args[0] 则 args[1] 否则 args[2]
    Bands,    // bands
    String,   // "年度资金总额": a 文字 literal (name holds the text)
    Aggregate,// 合计(项目资金：全年执行数，当 …): name the function, rowSet the row set,
              // args[0] the value per row (may be null: 计数), args[1] the condition (may be null)
  };
  Kind kind = Kind::Number;
  SourceRange range;
  Quantity quantity;
  bool boolValue = false;
  std::string name;
  SourceRange nameRange;
  std::vector<ExprPtr> args;
  BinaryOp op = BinaryOp::Add;
  std::vector<CmpOp> ops;
  bool parenthesized = false;  // (a > b) > c is not a chain
  std::unique_ptr<BandTable> bands;
  std::string rowSet;          // Aggregate
  SourceRange rowSetRange;
};

// [a, b) written in a band, a grade or a range; a null bound is infinite.
struct IntervalSyntax {
  bool lowerClosed = false;
  bool upperClosed = false;
  ExprPtr lower;
  ExprPtr upper;
  SourceRange range;
};

struct BandPattern {
  enum class Kind { Interval, Else, Half, Expr };
  Kind kind = Kind::Expr;
  IntervalSyntax interval;  // Interval
  CmpOp halfOp = CmpOp::Eq; // Half: "≥ 90%" — the subject is implied
  ExprPtr expr;             // Half: the bound; Expr: a comparison chain over 结果 or an enum label
  SourceRange range;
};

struct Band {
  BandPattern pattern;
  ExprPtr value;
  SourceRange range;
};

struct BandTable {
  ExprPtr subject;
  std::vector<Band> bands;
  SourceRange range;
};

struct LetDecl {
  std::string name;
  SourceRange nameRange;
  ExprPtr value;
  SourceRange range;
};

struct CheckItem {
  ExprPtr condition;
  ExprPtr points;
  SourceRange range;
};

enum class Partial { Unstated, Ceil, Floor, Linear };

struct Deduction {
  enum class Kind { Step, Plain };
  Kind kind = Kind::Plain;
  ExprPtr subject;  // Step: the measured amount (差异率)
  ExprPtr step;     // Step: the size of one step (5%)
  ExprPtr points;   // Step: points per step; Plain: the points deducted
  Partial partial = Partial::Unstated;
  SourceRange range;
};

struct NamedInterval {
  std::string name;
  SourceRange nameRange;
  IntervalSyntax interval;
};

struct NaClause {
  enum class Policy { Full, Rescale, Move };
  ExprPtr when;
  Policy policy = Policy::Full;
  std::vector<std::pair<std::string, SourceRange>> targets;  // Move
  SourceRange range;
};

// 校验 { 错误 "…" 当 …；提示 "…" 当 … }: a data check the ruleset declares.
struct CheckLine {
  bool fault = false;  // 错误: the record (or row) is not scored; 提示: scored, flagged in warnings
  std::string message;
  ExprPtr when;
  SourceRange range;
};

using ColumnRef = std::pair<std::string, SourceRange>;

// 逐行 绩效指标 { … }: a rule applied to every row of a row set; each row is
// a line of the indicator tree, its 分值 from the data.
struct PerRow {
  ColumnRef rowSet;
  std::vector<ColumnRef> groups;  // 分组 一级指标、二级指标
  std::optional<ColumnRef> name, weight, self, note;
  bool ruleStands = false;        // 以规则为准: the rule's score stands over the unit's (财政复核)
  std::vector<std::pair<std::string, Quantity>> groupWeights;  // 分组分值 { 产出指标 50分 … }
  SourceRange groupWeightsRange;
  ExprPtr reviewWhen;             // 评审 当 … 按 列 { 档次 … }
  std::optional<ColumnRef> reviewColumn;
  std::vector<NamedInterval> tiers;
  std::vector<LetDecl> lets;
  ExprPtr formula;
  std::vector<CheckLine> checks;
  SourceRange range;
};

struct Rule {
  enum class Kind { Formula, Bands, Checklist, Deductions, Review, PerRow };
  Kind kind = Kind::Formula;
  std::unique_ptr<PerRow> perRow;      // PerRow
  ExprPtr formula;                     // Formula
  std::unique_ptr<BandTable> bands;    // Bands
  std::vector<CheckItem> items;        // Checklist
  std::vector<Deduction> deductions;   // Deductions
  std::optional<Quantity> cap;         // Deductions: 最多 N分
  std::vector<NamedInterval> tiers;    // Review: optional tiers as fractions of 分值
  SourceRange range;
};

struct Indicator {
  std::string name;
  SourceRange nameRange;
  Quantity weight;
  std::vector<std::unique_ptr<Indicator>> children;
  std::vector<LetDecl> lets;
  std::vector<NaClause> na;
  std::vector<Rule> rules;  // at most one is valid; sema reports extras
  std::optional<std::string> note;
  SourceRange noteRange;  // the 说明 part, keyword to string
  // 评分说明 "…{名}…": the wording of this indicator's 评分说明, placeholders
  // filled from the record (sema checks the names).
  std::optional<std::string> explainTemplate;
  SourceRange explainTemplateRange;
  SourceRange range;
};

enum class InputType { Money, Ratio, Count, Number, Bool, Review, Enum, Text, Points, Target, Achieved, RowSet };
enum class MissingPolicy { Required, Full, Zero, NotApplicable, Error };

// 比率 / 比率（小数） / 比率（百分数）
enum class BareRatio { Refused, Fraction, Percentage };

struct InputDecl {
  std::string name;
  SourceRange nameRange;
  InputType type = InputType::Number;
  bool wanYuan = false;  // Money declared in 万元
  BareRatio bareRatio = BareRatio::Refused;  // Ratio: how a data number written without % reads
  std::vector<std::pair<std::string, SourceRange>> enumValues;
  MissingPolicy missing = MissingPolicy::Required;
  SourceRange missingRange;
  std::optional<IntervalSyntax> range;
  std::optional<IntervalSyntax> usual;  // 通常 [a, b]: values outside are reported, not refused
  std::string achievedOf;  // Achieved: the 指标值 column whose unit it is read in
  SourceRange achievedOfRange;
  std::vector<InputDecl> columns;  // RowSet: its columns
  SourceRange range_;  // the whole declaration
};

struct BonusLine {
  bool plus = true;
  ExprPtr points;
  std::optional<Quantity> cap;
  SourceRange range;
};

struct BonusBlock {
  std::string name;
  SourceRange nameRange;
  std::vector<BonusLine> lines;
  SourceRange range;
};

struct HeaderText {
  std::string value;
  SourceRange range;
};

// Where each header item sits, keyword included, so that a file based on this
// one can replace it (inherit/).
struct HeaderItem {
  enum class Kind { Name, Region, Year, Version, Total, Rounding, Grades };
  Kind kind;
  SourceRange range;
};

// 基于 zhanjiang-2022-dept
struct BaseRef {
  std::string name;
  SourceRange range;
};

// 修改 指标 结转结余率 2分 { … }: a change to an indicator of the base. `parts`
// holds what the block states, parsed like an indicator body (its name and
// weight are this modification's).
struct Modification {
  std::string name;
  SourceRange nameRange;
  std::optional<Quantity> weight;
  std::unique_ptr<Indicator> parts;  // null without a block
  SourceRange range;
};

// 删除 指标 X、Y / 删除 输入 X / 删除 令 X
struct Removal {
  enum class Kind { Indicator, Input, Let };
  Kind kind = Kind::Indicator;
  std::vector<std::pair<std::string, SourceRange>> names;
  SourceRange range;
};

struct File {
  std::optional<HeaderText> name, region, version;
  std::optional<Quantity> year, total, roundingPlaces;
  std::vector<NamedInterval> grades;
  SourceRange gradesRange;
  std::vector<InputDecl> inputs;
  std::vector<LetDecl> lets;
  std::vector<std::unique_ptr<Indicator>> indicators;
  std::vector<BonusBlock> bonuses;
  std::vector<CheckLine> checks;  // 校验 at top level
  // Layout facts for inheritance: header items and the 输入 blocks, in order.
  std::vector<HeaderItem> headerItems;
  std::vector<SourceRange> inputBlocks;
  // Only in a file based on another (inherit/ turns them into edits of the base).
  std::optional<BaseRef> base;
  std::vector<Modification> modifications;
  std::vector<Removal> removals;
};

}  // namespace defen::ast

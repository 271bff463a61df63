// `defen diff OLD NEW`: what changed between two yearly standards, by meaning.
//
// Both standards are compared as checked programs, not as text, so layout,
// comments and spelling that mean the same thing are no change: a band edge
// `90%` equals `0.9`, `[90%, 100%)` equals `90% ≤ 结果 ＜ 100%`, a formula
// split over two lines equals the one-line form. What does change is shown
// the way each file writes it ("100% ＞ 结果 ≥ 90% → 3分"), so policy staff
// recognise their own table.
//
// Indicators are matched by name (unique within a standard); one whose name
// is in only one standard is matched by structure (same parent, same rule)
// and reported as renamed, otherwise as added or removed. 说明 and 评分说明 are
// wording: reported apart from rule changes, as the changed stretches only.
#pragma once

#include "compiler/ir/ir.h"
#include "compiler/core/source.h"

#include <string>
#include <vector>

namespace defen::diff {

// Where a change lies: its group in the outputs.
enum class Area { Header, Grades, Inputs, Lets, Indicators, Bonus };

enum class Kind {
  Header,  // item: 名称 地区 年度 版本 总分 舍入
  GradeAdded, GradeRemoved, GradeChanged,
  InputAdded, InputRemoved, InputChanged,
  LetAdded, LetRemoved, LetChanged,
  IndicatorAdded, IndicatorRemoved, IndicatorRenamed, IndicatorMoved,
  WeightChanged,
  RuleChanged,     // another kind of rule (分段 → 公式 …): both rules in full
  FormulaChanged,  // 得分 = … (or 分段 over another subject)
  BandAdded, BandRemoved, BandChanged,
  ItemAdded, ItemRemoved, ItemChanged,                    // 逐项
  DeductionAdded, DeductionRemoved, DeductionChanged,     // 扣分 lines
  DeductionCapChanged,                                    // 扣分 { … } 最多 N分
  TiersChanged,                                           // 评审 档次
  NaAdded, NaRemoved, NaChanged,                          // 不考核
  NoteChanged, ExplainChanged,                            // wording: 说明, 评分说明
  BonusAdded, BonusRemoved, BonusRenamed,                 // 加减分 blocks
  BonusLineAdded, BonusLineRemoved, BonusLineChanged,
};

// Where a person wrote something: the standard's own file, or, for a
// standard based on another (基于), possibly the base.
struct Place {
  SourceRange range;  // invalid on a side where the thing does not exist
  std::string base;   // empty: the standard's own file; else the base file's path

  bool valid() const { return range.valid(); }
};

// One changed stretch of wording with a little context on both sides; "…"
// marks text left out.
struct Excerpt {
  std::string before, after;
};

struct Change {
  Kind kind = Kind::Header;
  Area area = Area::Header;
  std::vector<std::string> path;  // Indicators: the indicator's path (the new standard's, else the old)
  std::string item;               // header field, grade, input, 令 or 加减分 name; empty for indicators
  std::string before, after;      // as each file writes it, comments and extra spaces left out; empty when absent
  Place oldAt, newAt;             // invalid on a side where it does not exist
  std::vector<Excerpt> excerpts;  // NoteChanged / ExplainChanged when both sides have text

  bool wording() const { return kind == Kind::NoteChanged || kind == Kind::ExplainChanged; }
};

// How the outputs count changes: the header (名称 … 舍入; 年度 and 版本 change
// every year), the rules (anything that can change a score: grades, inputs,
// 令, indicators, 加减分), and wording (说明, 评分说明).
enum class Category { Header, Rule, Wording };
Category categoryOf(const Change& change);
const char* categoryName(Category category);  // "header" "rule" "wording"

struct Standard {
  std::string file, name, version;
  int year = 0;
};

struct RulesetDiff {
  Standard before, after;
  // Header, grades, inputs, top-level 令, then indicators in the new
  // standard's order (a removed one after its old predecessor), then 加减分.
  std::vector<Change> changes;

  int count(Category category) const;
};

RulesetDiff diffPrograms(const ir::Program& before, const ir::Program& after);

// A kind's names: the stable one for JSON ("weight-changed", "band-changed",
// …) and the part of a standard it changes, for people ("分值", "weight").
struct KindNames {
  Kind kind;
  const char* name;
  const char* partZh;
  const char* partEn;
};
const KindNames& namesOf(Kind kind);
const char* kindName(Kind kind);
const char* areaName(Area area);

}  // namespace defen::diff

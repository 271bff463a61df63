// State shared by the checker's passes while one ruleset is lowered to IR.
#pragma once

#include "compiler/core/diagnostics.h"
#include "compiler/ir/ir.h"
#include "compiler/sema/intervals.h"
#include "compiler/syntax/ast.h"

#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace defen::sema {

// Where an expression is written: inside which indicator (for 分值 and local
// 令), and inside which band table (for 结果).
struct Scope {
  int node = -1;
  const ir::Expr* subject = nullptr;
  int rowSet = -1;   // inside 逐行 or an aggregate: the row set whose columns are in reach
  int rowRule = -1;  // inside 逐行: the rule (分值 is its row's 分值 column)
};

struct LetInfo {
  const ast::LetDecl* decl = nullptr;
  int slot = -1;
  enum class State { Pending, Lowering, Done } state = State::Pending;
};

struct Context {
  Context(const SourceFile& source, Diagnostics& diags) : source(source), diags(diags) {}

  const SourceFile& source;
  Diagnostics& diags;
  ir::Program program;
  int letDepth = 0;  // 令 being lowered inside one another (lowerLet)

  std::unordered_map<std::string, int> inputs;      // name → input slot
  std::unordered_map<std::string, int> globalLets;  // name → let slot
  std::vector<std::unordered_map<std::string, int>> localLets;  // per node: name → let slot
  std::unordered_map<std::string, int> nodes;       // indicator name → node id
  std::vector<LetInfo> lets;                        // per let slot
  std::vector<const ast::Indicator*> nodeSyntax;    // per node id
  std::vector<bool> inputUsed;
  std::unordered_map<int, std::unordered_map<std::string, int>> rowColumns;  // row set slot → column name → slot
  std::unordered_map<int, int> rowRuleOfNode;                                // node id → index in program.rowRules
  std::unordered_map<int, int> aggregateScope;                               // aggregate slot → node it is written in
  std::unordered_map<int, ir::Type> aggregateType;                           // aggregate slot → its type

  ir::Expr* make(ir::Op op, ir::Type type, SourceRange range) {
    program.arena.push_back(ir::Expr{});
    ir::Expr* e = &program.arena.back();
    e->id = static_cast<int>(program.arena.size()) - 1;
    e->op = op;
    e->type = type;
    e->range = range;
    return e;
  }
  std::string text(const SourceRange& range) const { return source.slice(range); }
};

// Passes, in the order check() runs them. Each lives in its own file.
void declareHeader(Context& cx, const ast::File& file);       // lower_header.cpp
void declareInputs(Context& cx, const ast::File& file);       // lower_inputs.cpp
void declareTree(Context& cx, const ast::File& file);         // lower_tree.cpp
void lowerRules(Context& cx, const ast::File& file);          // lower_rules.cpp
// 评分说明 "…{名}…" of node `id`; `lets` are the 令 its rule computes, and
// inputs named are added to `inputs` so the trace records them.
void lowerExplainTemplate(Context& cx, int id, const Scope& scope, const std::set<int>& lets,
                          std::set<int>& inputs);                          // lower_template.cpp
void checkWeights(Context& cx, const ast::File& file);        // check_weights.cpp
void checkBands(Context& cx);                                 // check_bands.cpp
void checkDivision(Context& cx);                              // check_division.cpp
void checkScoreRange(Context& cx);                            // check_score_range.cpp
void orderEvaluation(Context& cx);                            // check_moves.cpp
void checkUnused(Context& cx);                                // check_unused.cpp

// Row sets (lower_row_sets.cpp): a 行集's columns, a 逐行 rule, 合计(…) and 校验.
void declareRowSetColumns(Context& cx, const ast::InputDecl& decl, int rowSetSlot);
void declareRowRule(Context& cx, const ast::PerRow& rule, int node);
void lowerPerRow(Context& cx, int node, const ast::PerRow& rule, std::set<int>& inputs, std::set<int>& lets);
const ir::Expr* lowerAggregate(Context& cx, const ast::Expr& e, const Scope& scope);
void lowerDataChecks(Context& cx, const ast::File& file);
// The scope a 令 declared in `node` is lowered in (inside 逐行: its row set's columns).
Scope letScope(const Context& cx, int node);
// The code of a 文字 literal (its index in program.texts).
int textCode(Context& cx, const std::string& text);

}  // namespace defen::sema

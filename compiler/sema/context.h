// State shared by the checker's passes while one ruleset is lowered to IR.
#pragma once

#include "compiler/diagnostics.h"
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

}  // namespace defen::sema

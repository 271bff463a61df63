// The two limits checked before anything recursive walks the input (see
// nesting_limits.h).
#include "compiler/syntax/nesting_limits.h"

#include "DefenLexer.h"
#include "antlr4-runtime.h"

#include <fmt/format.h>

#include <vector>

namespace defen {

namespace g = defen::grammar;

namespace {

// Nesting deeper than this is refused before ANTLR's recursive descent (and
// our own recursive passes) could exhaust the stack.
constexpr int kMaxNesting = 200;

SourceRange tokenRange(antlr4::Token* t) {
  int line = static_cast<int>(t->getLine());
  int col = static_cast<int>(t->getCharPositionInLine()) + 1;
  int len = t->getType() == antlr4::Token::EOF ? 1 : static_cast<int>(t->getStopIndex() - t->getStartIndex() + 1);
  return {line, col, line, col + len};
}

// Counts nesting over the token stream; refusing deep input here keeps every
// later recursive pass within a known depth. A bracket nests until it closes;
// a prefix operator (若, 非, a minus with no operand before it) nests until its
// expression ends, which is at the latest where the next statement, band,
// argument or clause starts (a token no expression contains) or at the
// enclosing bracket's close. Counting them until the end of the file instead
// refused any ruleset with 201 若 or subtractions in total, e.g. 201 indicators
// each with `若 … 则 … 否则 …`.
bool endsOperand(size_t type) {
  switch (type) {
    case g::DefenLexer::ID: case g::DefenLexer::QUOTED_ID: case g::DefenLexer::QUANTITY: case g::DefenLexer::STRING:
    case g::DefenLexer::RPAREN: case g::DefenLexer::RBRACK: case g::DefenLexer::RBRACE:
    case g::DefenLexer::K_TRUE: case g::DefenLexer::K_FALSE: case g::DefenLexer::K_FULL: case g::DefenLexer::K_RESULT:
      return true;
    default: return false;
  }
}

bool endsExpression(size_t type) {
  switch (type) {
    case g::DefenLexer::ARROW: case g::DefenLexer::SEMI: case g::DefenLexer::COMMA: case g::DefenLexer::LISTSEP:
    case g::DefenLexer::COLON: case g::DefenLexer::K_LET: case g::DefenLexer::K_INDICATOR: case g::DefenLexer::K_NA:
    case g::DefenLexer::K_NOTE: case g::DefenLexer::K_EXPLAIN_AS: case g::DefenLexer::K_SCORE:
    case g::DefenLexer::K_CHECKLIST: case g::DefenLexer::K_DEDUCT_BLOCK: case g::DefenLexer::K_DEDUCT:
    case g::DefenLexer::K_PER: case g::DefenLexer::K_PARTIAL: case g::DefenLexer::K_AT_MOST: case g::DefenLexer::K_REVIEW:
    case g::DefenLexer::K_BONUS: case g::DefenLexer::K_PLUS_POINTS: case g::DefenLexer::K_MINUS_POINTS:
    case g::DefenLexer::K_IF_MISSING: case g::DefenLexer::K_RANGE: case g::DefenLexer::K_USUALLY: case g::DefenLexer::K_MODIFY: case g::DefenLexer::K_REMOVE:
      return true;
    default: return false;
  }
}

}  // namespace

bool nestingWithinLimit(antlr4::CommonTokenStream& tokens, Diagnostics& diags) {
  std::vector<int> prefixes{0};  // open prefix operators per open bracket (and the top level)
  int depth = 0;                 // open brackets + every open prefix operator
  size_t previous = antlr4::Token::INVALID_TYPE;
  for (auto* t : tokens.getTokens()) {
    if (t->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
    size_t type = t->getType();
    switch (type) {
      case g::DefenLexer::LPAREN: case g::DefenLexer::LBRACK: case g::DefenLexer::LBRACE:
        ++depth;
        prefixes.push_back(0);
        break;
      case g::DefenLexer::RPAREN: case g::DefenLexer::RBRACK: case g::DefenLexer::RBRACE:
        if (prefixes.size() > 1) {
          depth -= 1 + prefixes.back();
          prefixes.pop_back();
        }
        break;
      case g::DefenLexer::K_IF: case g::DefenLexer::K_NOT:
        ++depth, ++prefixes.back();
        break;
      case g::DefenLexer::MINUS:
        if (!endsOperand(previous)) ++depth, ++prefixes.back();
        break;
      default:
        if (endsExpression(type)) {
          depth -= prefixes.back();
          prefixes.back() = 0;
        }
        break;
    }
    previous = type;
    if (depth > kMaxNesting) {
      diags.error("E007", tokenRange(t), fmt::format("嵌套层数超过上限 {}", kMaxNesting),
                  fmt::format("nesting deeper than {}", kMaxNesting));
      return false;
    }
  }
  return true;
}

// A long chain of operators (a+a+…+a, 100,000 terms in one line) has no
// brackets, yet every later pass recurses once per operator: the parse tree's
// depth is checked too, without recursion, before anything walks it. 200
// brackets make a tree about 600 deep, so this only refuses chains of
// thousands of operators, which no scoring standard writes.
constexpr size_t kMaxTreeDepth = 2000;

bool treeWithinLimit(antlr4::tree::ParseTree* root, Diagnostics& diags) {
  std::vector<std::pair<antlr4::tree::ParseTree*, size_t>> stack{{root, 1}};
  while (!stack.empty()) {
    auto [node, depth] = stack.back();
    stack.pop_back();
    if (depth > kMaxTreeDepth) {
      auto* ctx = dynamic_cast<antlr4::ParserRuleContext*>(node);
      while (!ctx && node->parent) {
        node = node->parent;
        ctx = dynamic_cast<antlr4::ParserRuleContext*>(node);
      }
      diags.error("E007", ctx ? tokenRange(ctx->getStart()) : SourceRange{},
                  fmt::format("表达式过长或嵌套过深（超过 {} 层），请拆成几个“令”", kMaxTreeDepth),
                  fmt::format("expression too long or too deeply nested (over {} levels); split it with 令", kMaxTreeDepth));
      return false;
    }
    for (auto* child : node->children) stack.push_back({child, depth + 1});
  }
  return true;
}

}  // namespace defen

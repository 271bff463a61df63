// Walks ANTLR's parse tree once and builds our own AST (ast.h), the way
// cel-cpp keeps ANTLR behind parser/parser.cc.
#include "compiler/syntax/parser.h"

#include "DefenLexer.h"
#include "DefenParser.h"
#include "antlr4-runtime.h"
#include "compiler/syntax/nesting_limits.h"
#include "compiler/syntax/syntax_errors.h"
#include "compiler/core/utf8.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

namespace defen {

namespace g = defen::grammar;
using P = g::DefenParser;

namespace {

SourceRange tokenRange(antlr4::Token* t) {
  int line = static_cast<int>(t->getLine());
  int col = static_cast<int>(t->getCharPositionInLine()) + 1;
  int len = t->getType() == antlr4::Token::EOF ? 1 : static_cast<int>(t->getStopIndex() - t->getStartIndex() + 1);
  return {line, col, line, col + len};
}

SourceRange ctxRange(antlr4::ParserRuleContext* ctx) {
  if (!ctx || !ctx->getStart()) return {};
  SourceRange a = tokenRange(ctx->getStart());
  antlr4::Token* stop = ctx->getStop();
  if (!stop || stop->getTokenIndex() < ctx->getStart()->getTokenIndex()) return a;
  return SourceRange::span(a, tokenRange(stop));
}

std::string unquote(const std::string& s) {
  // "…" with backslash escapes, or “…”.
  if (s.rfind("\u201c", 0) == 0) return s.substr(3, s.size() - 6);
  std::string out;
  for (size_t i = 1; i + 1 < s.size(); ++i) {
    if (s[i] == '\\' && i + 2 < s.size()) { ++i; out += s[i] == 'n' ? '\n' : s[i]; }
    else out += s[i];
  }
  return out;
}

// The text of a quoted string, or "" where error recovery left the token out
// (名称 followed by an unterminated "…): the syntax error is already reported,
// and the rest of the file is still built for its own diagnostics.
std::string stringText(antlr4::tree::TerminalNode* t) { return t ? unquote(t->getText()) : std::string(); }

class Builder {
 public:
  explicit Builder(Diagnostics& diags) : diags_(diags) {}

  std::unique_ptr<ast::File> file(P::FileContext* ctx) {
    auto f = std::make_unique<ast::File>();
    for (auto* item : ctx->item()) this->item(item, *f);
    return f;
  }

 private:
  Diagnostics& diags_;

  std::string name(P::NameContext* ctx) {
    if (!ctx) return {};
    if (ctx->QUOTED_ID()) {
      std::string s = ctx->QUOTED_ID()->getText();
      // 「…」 (3-byte brackets) or `…`
      return s[0] == '`' ? s.substr(1, s.size() - 2) : s.substr(3, s.size() - 6);
    }
    return ctx->getText();
  }

  ast::Quantity quantity(antlr4::tree::TerminalNode* node) {
    ast::Quantity q;
    if (!node) return q;
    q.range = tokenRange(node->getSymbol());
    if (!parseQuantity(node->getText(), q))
      diags_.error("E003", q.range, fmt::format("数值“{}”超出可表示的范围", node->getText()),
                   fmt::format("number '{}' is out of range", node->getText()));
    return q;
  }

  void duplicateHeader(const SourceRange& range, const char* what) {
    diags_.error("E004", range, fmt::format("重复的“{}”", what), fmt::format("duplicate '{}'", what));
  }

  void header(ast::File& f, ast::HeaderItem::Kind kind, P::ItemContext* ctx) {
    f.headerItems.push_back(ast::HeaderItem{kind, ctxRange(ctx)});
  }

  void item(P::ItemContext* ctx, ast::File& f) {
    using H = ast::HeaderItem::Kind;
    if (auto* c = dynamic_cast<P::NameItemContext*>(ctx)) {
      if (f.name) duplicateHeader(ctxRange(c), "名称");
      f.name = ast::HeaderText{stringText(c->STRING()), ctxRange(c)};
      header(f, H::Name, c);
    } else if (auto* c = dynamic_cast<P::RegionItemContext*>(ctx)) {
      if (f.region) duplicateHeader(ctxRange(c), "地区");
      f.region = ast::HeaderText{stringText(c->STRING()), ctxRange(c)};
      header(f, H::Region, c);
    } else if (auto* c = dynamic_cast<P::VersionItemContext*>(ctx)) {
      if (f.version) duplicateHeader(ctxRange(c), "版本");
      std::string v = c->STRING() ? stringText(c->STRING()) : c->QUANTITY() ? c->QUANTITY()->getText() : std::string();
      f.version = ast::HeaderText{v, ctxRange(c)};
      header(f, H::Version, c);
    } else if (auto* c = dynamic_cast<P::YearItemContext*>(ctx)) {
      if (f.year) duplicateHeader(ctxRange(c), "年度");
      f.year = quantity(c->QUANTITY());
      header(f, H::Year, c);
    } else if (auto* c = dynamic_cast<P::TotalItemContext*>(ctx)) {
      if (f.total) duplicateHeader(ctxRange(c), "总分");
      f.total = quantity(c->QUANTITY());
      header(f, H::Total, c);
    } else if (auto* c = dynamic_cast<P::RoundingItemContext*>(ctx)) {
      if (f.roundingPlaces) duplicateHeader(ctxRange(c), "舍入");
      f.roundingPlaces = quantity(c->QUANTITY());
      header(f, H::Rounding, c);
    } else if (auto* c = dynamic_cast<P::GradesItemContext*>(ctx)) {
      if (!f.grades.empty()) duplicateHeader(ctxRange(c), "等级");
      f.gradesRange = ctxRange(c);
      for (auto* b : c->gradeBand()) f.grades.push_back(namedInterval(b->name(), b->interval()));
      header(f, H::Grades, c);
    } else if (auto* c = dynamic_cast<P::InputsItemContext*>(ctx)) {
      f.inputBlocks.push_back(ctxRange(c));
      for (auto* d : c->inputDecl()) f.inputs.push_back(inputDecl(d));
    } else if (auto* c = dynamic_cast<P::LetItemContext*>(ctx)) {
      f.lets.push_back(letDecl(c->letDecl()));
    } else if (auto* c = dynamic_cast<P::IndicatorItemContext*>(ctx)) {
      f.indicators.push_back(indicator(c->indicator()));
    } else if (auto* c = dynamic_cast<P::BonusItemContext*>(ctx)) {
      f.bonuses.push_back(bonus(c->bonusBlock()));
    } else if (auto* c = dynamic_cast<P::CheckItemTopContext*>(ctx)) {
      checks(c->checkBlock(), f.checks);
    } else if (auto* c = dynamic_cast<P::BaseItemContext*>(ctx)) {
      if (f.base) duplicateHeader(ctxRange(c), "基于");
      f.base = baseRef(c->baseRef());
    } else if (auto* c = dynamic_cast<P::ModifyItemContext*>(ctx)) {
      f.modifications.push_back(modification(c));
    } else if (auto* c = dynamic_cast<P::RemoveItemContext*>(ctx)) {
      ast::Removal r;
      r.range = ctxRange(c);
      int kind = c->kind->getType();
      r.kind = kind == g::DefenLexer::K_INPUTS ? ast::Removal::Kind::Input
               : kind == g::DefenLexer::K_LET  ? ast::Removal::Kind::Let
                                               : ast::Removal::Kind::Indicator;
      for (auto* n : c->name()) r.names.emplace_back(name(n), ctxRange(n));
      f.removals.push_back(std::move(r));
    }
  }

  // The tokens of zhanjiang-2022-dept must touch: a space would make two names.
  ast::BaseRef baseRef(P::BaseRefContext* ctx) {
    ast::BaseRef ref{{}, ctxRange(ctx)};
    if (ctx->STRING()) {
      ref.name = unquote(ctx->STRING()->getText());
      return ref;
    }
    antlr4::Token* previous = nullptr;
    for (auto* child : ctx->children) {
      auto* terminal = dynamic_cast<antlr4::tree::TerminalNode*>(child);
      if (!terminal) continue;
      antlr4::Token* t = terminal->getSymbol();
      if (previous && previous->getStopIndex() + 1 != t->getStartIndex())
        diags_.error("E002", tokenRange(t), "基础标准的名称中不能有空格；名称含空格时请加引号",
                     "a base standard's name has no spaces; quote a name that does");
      ref.name += t->getText();
      previous = t;
    }
    return ref;
  }

  ast::Modification modification(P::ModifyItemContext* ctx) {
    ast::Modification m;
    m.name = name(ctx->name());
    m.nameRange = ctxRange(ctx->name());
    m.range = ctxRange(ctx);
    if (ctx->QUANTITY()) m.weight = quantity(ctx->QUANTITY());
    if (auto* body = ctx->modifyBody()) {
      m.parts = std::make_unique<ast::Indicator>();
      m.parts->name = m.name;
      m.parts->nameRange = m.nameRange;
      m.parts->range = ctxRange(body);
      for (auto* part : body->indicatorPart()) this->part(part, *m.parts);
    }
    return m;
  }

  ast::NamedInterval namedInterval(P::NameContext* n, P::IntervalContext* i) {
    return ast::NamedInterval{name(n), ctxRange(n), interval(i)};
  }

  // A column may be named 分值 or 得分, which are keywords elsewhere.
  std::string columnName(P::ColumnNameContext* ctx) {
    if (!ctx) return {};
    return ctx->name() ? name(ctx->name()) : ctx->getText();
  }
  ast::ColumnRef columnRef(P::ColumnNameContext* ctx) { return {columnName(ctx), ctxRange(ctx)}; }

  void checks(P::CheckBlockContext* ctx, std::vector<ast::CheckLine>& out) {
    if (!ctx) return;
    for (auto* line : ctx->checkLine()) {
      ast::CheckLine c;
      c.fault = line->level && line->level->getType() == g::DefenLexer::K_FAULT;
      c.message = stringText(line->STRING());
      c.when = expr(line->expr());
      c.range = ctxRange(line);
      out.push_back(std::move(c));
    }
  }

  std::unique_ptr<ast::PerRow> perRow(P::PerRowPartContext* ctx) {
    auto r = std::make_unique<ast::PerRow>();
    r->rowSet = {name(ctx->name()), ctxRange(ctx->name())};
    r->range = ctxRange(ctx);
    for (auto* part : ctx->rowPart()) {
      if (auto* c = dynamic_cast<P::RowGroupPartContext*>(part)) {
        for (auto* n : c->columnName()) r->groups.push_back(columnRef(n));
      } else if (auto* c = dynamic_cast<P::RowNamePartContext*>(part)) {
        r->name = columnRef(c->columnName());
      } else if (auto* c = dynamic_cast<P::RowWeightPartContext*>(part)) {
        r->weight = columnRef(c->columnName());
      } else if (auto* c = dynamic_cast<P::RowSelfPartContext*>(part)) {
        r->self = columnRef(c->columnName());
      } else if (auto* c = dynamic_cast<P::RowNotePartContext*>(part)) {
        r->note = columnRef(c->columnName());
      } else if (dynamic_cast<P::RowRuleStandsPartContext*>(part)) {
        r->ruleStands = true;
      } else if (auto* c = dynamic_cast<P::RowGroupWeightsPartContext*>(part)) {
        r->groupWeightsRange = ctxRange(c);
        auto names = c->name();
        auto qs = c->QUANTITY();
        for (size_t i = 0; i < names.size() && i < qs.size(); ++i) r->groupWeights.emplace_back(name(names[i]), quantity(qs[i]));
      } else if (auto* c = dynamic_cast<P::RowReviewPartContext*>(part)) {
        r->reviewWhen = expr(c->expr());
        r->reviewColumn = columnRef(c->columnName());
        for (auto* t : c->reviewTier()) r->tiers.push_back(namedInterval(t->name(), t->interval()));
      } else if (auto* c = dynamic_cast<P::RowLetPartContext*>(part)) {
        r->lets.push_back(letDecl(c->letDecl()));
      } else if (auto* c = dynamic_cast<P::RowFormulaPartContext*>(part)) {
        r->formula = expr(c->expr());
      } else if (auto* c = dynamic_cast<P::RowCheckPartContext*>(part)) {
        checks(c->checkBlock(), r->checks);
      }
    }
    return r;
  }

  ast::InputDecl inputDecl(P::InputDeclContext* ctx) {
    ast::InputDecl d;
    d.name = columnName(ctx->columnName());
    d.nameRange = ctxRange(ctx->columnName());
    d.range_ = ctxRange(ctx);
    auto* t = ctx->typeSpec();
    if (auto* m = dynamic_cast<P::MoneyTypeContext*>(t)) {
      d.type = ast::InputType::Money;
      d.wanYuan = m->unit && m->unit->getType() == g::DefenLexer::K_WANYUAN;
    } else if (auto* r = dynamic_cast<P::RatioTypeContext*>(t)) {
      d.type = ast::InputType::Ratio;
      if (r->reading) d.bareRatio = r->reading->getType() == g::DefenLexer::K_FRACTION ? ast::BareRatio::Fraction : ast::BareRatio::Percentage;
    }
    else if (dynamic_cast<P::CountTypeContext*>(t)) d.type = ast::InputType::Count;
    else if (dynamic_cast<P::NumberTypeContext*>(t)) d.type = ast::InputType::Number;
    else if (dynamic_cast<P::BoolTypeContext*>(t)) d.type = ast::InputType::Bool;
    else if (dynamic_cast<P::ReviewTypeContext*>(t)) d.type = ast::InputType::Review;
    else if (auto* e = dynamic_cast<P::EnumTypeContext*>(t)) {
      d.type = ast::InputType::Enum;
      for (auto* n : e->name()) d.enumValues.emplace_back(name(n), ctxRange(n));
    }
    else if (dynamic_cast<P::TextTypeContext*>(t)) d.type = ast::InputType::Text;
    else if (dynamic_cast<P::PointsTypeContext*>(t)) d.type = ast::InputType::Points;
    else if (dynamic_cast<P::TargetTypeContext*>(t)) d.type = ast::InputType::Target;
    else if (auto* a = dynamic_cast<P::AchievedTypeContext*>(t)) {
      d.type = ast::InputType::Achieved;
      d.achievedOf = name(a->name());
      d.achievedOfRange = ctxRange(a->name());
    } else if (auto* rs = dynamic_cast<P::RowSetTypeContext*>(t)) {
      d.type = ast::InputType::RowSet;
      for (auto* c : rs->inputDecl()) d.columns.push_back(inputDecl(c));
    }
    for (auto* opt : ctx->inputOption()) {
      if (auto* m = dynamic_cast<P::MissingOptionContext*>(opt)) {
        auto* p = m->missingPolicy();
        d.missingRange = ctxRange(p);
        if (p->K_FULL()) d.missing = ast::MissingPolicy::Full;
        else if (p->K_NA()) d.missing = ast::MissingPolicy::NotApplicable;
        else if (p->K_ERROR()) d.missing = ast::MissingPolicy::Error;
        else {
          ast::Quantity q = quantity(p->QUANTITY());
          if (!q.value.isZero())
            diags_.error("E005", q.range, "缺失时只能是 满分、0分、不考核 或 报错",
                         "a missing policy is one of 满分, 0分, 不考核, 报错");
          d.missing = ast::MissingPolicy::Zero;
        }
      } else if (auto* r = dynamic_cast<P::RangeOptionContext*>(opt)) {
        d.range = interval(r->interval());
      } else if (auto* u = dynamic_cast<P::UsualOptionContext*>(opt)) {
        d.usual = interval(u->interval());
      }
    }
    return d;
  }

  ast::LetDecl letDecl(P::LetDeclContext* ctx) {
    return ast::LetDecl{name(ctx->name()), ctxRange(ctx->name()), expr(ctx->expr()), ctxRange(ctx)};
  }

  std::unique_ptr<ast::Indicator> indicator(P::IndicatorContext* ctx) {
    auto ind = std::make_unique<ast::Indicator>();
    ind->name = name(ctx->name());
    ind->nameRange = ctxRange(ctx->name());
    ind->weight = quantity(ctx->QUANTITY());
    ind->range = ctxRange(ctx);
    for (auto* part : ctx->indicatorPart()) this->part(part, *ind);
    return ind;
  }

  void part(P::IndicatorPartContext* part, ast::Indicator& ind) {
    if (auto* c = dynamic_cast<P::ChildPartContext*>(part)) {
      ind.children.push_back(indicator(c->indicator()));
    } else if (auto* c = dynamic_cast<P::LetPartContext*>(part)) {
      ind.lets.push_back(letDecl(c->letDecl()));
    } else if (auto* c = dynamic_cast<P::NaPartContext*>(part)) {
      ast::NaClause na;
      na.when = expr(c->expr());
      na.range = ctxRange(c);
      if (dynamic_cast<P::NaRescaleContext*>(c->naPolicy())) na.policy = ast::NaClause::Policy::Rescale;
      else if (auto* m = dynamic_cast<P::NaMoveContext*>(c->naPolicy())) {
        na.policy = ast::NaClause::Policy::Move;
        for (auto* n : m->name()) na.targets.emplace_back(name(n), ctxRange(n));
      }
      ind.na.push_back(std::move(na));
    } else if (auto* c = dynamic_cast<P::NotePartContext*>(part)) {
      ind.note = stringText(c->STRING());
      ind.noteRange = ctxRange(c);
    } else if (auto* c = dynamic_cast<P::ExplainPartContext*>(part)) {
      ind.explainTemplate = stringText(c->STRING());
      ind.explainTemplateRange = c->STRING() ? tokenRange(c->STRING()->getSymbol()) : ctxRange(c);
    } else {
      ind.rules.push_back(rule(part));
    }
  }

  ast::Rule rule(P::IndicatorPartContext* part) {
    ast::Rule r;
    r.range = ctxRange(part);
    if (auto* c = dynamic_cast<P::FormulaPartContext*>(part)) {
      r.kind = ast::Rule::Kind::Formula;
      r.formula = expr(c->expr());
    } else if (auto* c = dynamic_cast<P::BandPartContext*>(part)) {
      r.kind = ast::Rule::Kind::Bands;
      r.bands = bandTable(c->bandTable());
    } else if (auto* c = dynamic_cast<P::ChecklistPartContext*>(part)) {
      r.kind = ast::Rule::Kind::Checklist;
      for (auto* item : c->checkItem())
        r.items.push_back(ast::CheckItem{expr(item->expr(0)), expr(item->expr(1)), ctxRange(item)});
    } else if (auto* c = dynamic_cast<P::DeductPartContext*>(part)) {
      r.kind = ast::Rule::Kind::Deductions;
      for (auto* d : c->deduction()) r.deductions.push_back(deduction(d));
      if (c->QUANTITY()) r.cap = quantity(c->QUANTITY());
    } else if (auto* c = dynamic_cast<P::ReviewPartContext*>(part)) {
      r.kind = ast::Rule::Kind::Review;
      for (auto* t : c->reviewTier()) r.tiers.push_back(namedInterval(t->name(), t->interval()));
    } else if (auto* c = dynamic_cast<P::PerRowPartContext*>(part)) {
      r.kind = ast::Rule::Kind::PerRow;
      r.perRow = perRow(c);
    }
    return r;
  }

  ast::Deduction deduction(P::DeductionContext* ctx) {
    ast::Deduction d;
    d.range = ctxRange(ctx);
    if (auto* s = dynamic_cast<P::StepDeductionContext*>(ctx)) {
      d.kind = ast::Deduction::Kind::Step;
      d.subject = expr(s->expr(0));
      d.step = expr(s->expr(1));
      d.points = expr(s->expr(2));
      if (s->partial) {
        switch (s->partial->getType()) {
          case g::DefenLexer::K_CEIL: d.partial = ast::Partial::Ceil; break;
          case g::DefenLexer::K_FLOOR: d.partial = ast::Partial::Floor; break;
          default: d.partial = ast::Partial::Linear; break;
        }
      }
    } else if (auto* p = dynamic_cast<P::PlainDeductionContext*>(ctx)) {
      d.kind = ast::Deduction::Kind::Plain;
      d.points = expr(p->expr());
    }
    return d;
  }

  ast::BonusBlock bonus(P::BonusBlockContext* ctx) {
    ast::BonusBlock b{name(ctx->name()), ctxRange(ctx->name()), {}, ctxRange(ctx)};
    for (auto* line : ctx->bonusLine()) {
      ast::BonusLine l;
      l.plus = line->kind->getType() == g::DefenLexer::K_PLUS_POINTS;
      l.points = expr(line->expr());
      if (line->QUANTITY()) l.cap = quantity(line->QUANTITY());
      l.range = ctxRange(line);
      b.lines.push_back(std::move(l));
    }
    return b;
  }

  ast::IntervalSyntax interval(P::IntervalContext* ctx) {
    ast::IntervalSyntax i;
    i.range = ctxRange(ctx);
    if (!ctx || ctx->bound().size() != 2) return i;
    i.lowerClosed = ctx->open && ctx->open->getType() == g::DefenLexer::LBRACK;
    i.upperClosed = ctx->close && ctx->close->getType() == g::DefenLexer::RBRACK;
    i.lower = bound(ctx->bound(0), true);
    i.upper = bound(ctx->bound(1), false);
    return i;
  }

  ast::ExprPtr bound(P::BoundContext* ctx, bool lower) {
    if (ctx->expr()) return expr(ctx->expr());
    bool negative = ctx->MINUS() != nullptr;
    if (negative != lower)
      diags_.error("E006", ctxRange(ctx), lower ? "区间下界的无穷应写作 -∞" : "区间上界的无穷应写作 +∞ 或 ∞",
                   lower ? "an infinite lower bound is written -∞" : "an infinite upper bound is written +∞");
    return nullptr;
  }

  std::unique_ptr<ast::BandTable> bandTable(P::BandTableContext* ctx) {
    auto t = std::make_unique<ast::BandTable>();
    t->range = ctxRange(ctx);
    t->subject = expr(ctx->expr());
    for (auto* b : ctx->band()) {
      ast::Band band;
      band.range = ctxRange(b);
      band.value = expr(b->expr());
      auto* p = b->bandPattern();
      band.pattern.range = ctxRange(p);
      if (auto* i = dynamic_cast<P::IntervalPatternContext*>(p)) {
        band.pattern.kind = ast::BandPattern::Kind::Interval;
        band.pattern.interval = interval(i->interval());
      } else if (dynamic_cast<P::ElsePatternContext*>(p)) {
        band.pattern.kind = ast::BandPattern::Kind::Else;
      } else if (auto* h = dynamic_cast<P::HalfPatternContext*>(p)) {
        band.pattern.kind = ast::BandPattern::Kind::Half;
        band.pattern.halfOp = cmpOp(h->cmpOp());
        band.pattern.expr = expr(h->expr());
      } else if (auto* e = dynamic_cast<P::ExprPatternContext*>(p)) {
        band.pattern.kind = ast::BandPattern::Kind::Expr;
        band.pattern.expr = expr(e->expr());
      }
      t->bands.push_back(std::move(band));
    }
    return t;
  }

  static ast::CmpOp cmpOp(P::CmpOpContext* ctx) {
    if (ctx->GE()) return ast::CmpOp::Ge;
    if (ctx->GT()) return ast::CmpOp::Gt;
    if (ctx->LE()) return ast::CmpOp::Le;
    if (ctx->LT()) return ast::CmpOp::Lt;
    if (ctx->NE()) return ast::CmpOp::Ne;
    return ast::CmpOp::Eq;
  }

  ast::ExprPtr make(ast::Expr::Kind kind, antlr4::ParserRuleContext* ctx) {
    auto e = std::make_unique<ast::Expr>();
    e->kind = kind;
    e->range = ctxRange(ctx);
    return e;
  }

  ast::ExprPtr binary(ast::BinaryOp op, P::ExprContext* ctx, P::ExprContext* l, P::ExprContext* r) {
    auto e = make(ast::Expr::Kind::Binary, ctx);
    e->op = op;
    e->args.push_back(expr(l));
    e->args.push_back(expr(r));
    return e;
  }

  ast::ExprPtr expr(P::ExprContext* ctx) {
    if (!ctx) return make(ast::Expr::Kind::Number, nullptr);  // after a syntax error
    if (auto* c = dynamic_cast<P::AtomExprContext*>(ctx)) return primary(c->primary());
    if (auto* c = dynamic_cast<P::NegExprContext*>(ctx)) {
      auto e = make(ast::Expr::Kind::Neg, ctx);
      e->args.push_back(expr(c->expr()));
      return e;
    }
    if (auto* c = dynamic_cast<P::NotExprContext*>(ctx)) {
      auto e = make(ast::Expr::Kind::Not, ctx);
      e->args.push_back(expr(c->expr()));
      return e;
    }
    if (auto* c = dynamic_cast<P::MulExprContext*>(ctx))
      return binary(c->op->getType() == g::DefenLexer::MUL ? ast::BinaryOp::Mul : ast::BinaryOp::Div, ctx, c->expr(0), c->expr(1));
    if (auto* c = dynamic_cast<P::AddExprContext*>(ctx))
      return binary(c->op->getType() == g::DefenLexer::PLUS ? ast::BinaryOp::Add : ast::BinaryOp::Sub, ctx, c->expr(0), c->expr(1));
    if (auto* c = dynamic_cast<P::AndExprContext*>(ctx)) return binary(ast::BinaryOp::And, ctx, c->expr(0), c->expr(1));
    if (auto* c = dynamic_cast<P::OrExprContext*>(ctx)) return binary(ast::BinaryOp::Or, ctx, c->expr(0), c->expr(1));
    if (auto* c = dynamic_cast<P::IfExprContext*>(ctx)) {
      auto e = make(ast::Expr::Kind::If, ctx);
      for (auto* a : c->expr()) e->args.push_back(expr(a));
      return e;
    }
    if (auto* c = dynamic_cast<P::CmpExprContext*>(ctx)) {
      // 100% ＞ 结果 ≥ 90%: ANTLR nests it as (100% ＞ 结果) ≥ 90%; flatten into
      // one chain unless the left side was written in parentheses.
      ast::ExprPtr left = expr(c->expr(0));
      ast::CmpOp op = cmpOp(c->cmpOp());
      ast::ExprPtr right = expr(c->expr(1));
      if (left->kind == ast::Expr::Kind::Compare && !left->parenthesized) {
        left->ops.push_back(op);
        left->args.push_back(std::move(right));
        left->range = ctxRange(ctx);
        return left;
      }
      auto e = make(ast::Expr::Kind::Compare, ctx);
      e->args.push_back(std::move(left));
      e->args.push_back(std::move(right));
      e->ops.push_back(op);
      return e;
    }
    return make(ast::Expr::Kind::Number, ctx);
  }

  ast::ExprPtr primary(P::PrimaryContext* ctx) {
    if (auto* c = dynamic_cast<P::NumberLitContext*>(ctx)) {
      auto e = make(ast::Expr::Kind::Number, ctx);
      e->quantity = quantity(c->QUANTITY());
      return e;
    }
    if (dynamic_cast<P::TrueLitContext*>(ctx) || dynamic_cast<P::FalseLitContext*>(ctx)) {
      auto e = make(ast::Expr::Kind::Bool, ctx);
      e->boolValue = dynamic_cast<P::TrueLitContext*>(ctx) != nullptr;
      return e;
    }
    if (dynamic_cast<P::WeightRefContext*>(ctx)) return make(ast::Expr::Kind::Weight, ctx);
    if (dynamic_cast<P::ResultRefContext*>(ctx)) return make(ast::Expr::Kind::Result, ctx);
    if (auto* c = dynamic_cast<P::StringLitContext*>(ctx)) {
      auto e = make(ast::Expr::Kind::String, ctx);
      e->name = stringText(c->STRING());
      return e;
    }
    if (auto* c = dynamic_cast<P::AggregateExprContext*>(ctx)) {
      auto e = make(ast::Expr::Kind::Aggregate, ctx);
      auto* f = c->fname();
      e->name = f->name() ? name(f->name()) : f->getText();
      e->nameRange = ctxRange(f);
      e->rowSet = name(c->name());
      e->rowSetRange = ctxRange(c->name());
      // 合计(集：值，当 条件) or 计数(集，当 条件): the value is the expression after the colon.
      auto exprs = c->expr();
      size_t i = 0;
      e->args.push_back(c->COLON() && i < exprs.size() ? expr(exprs[i++]) : nullptr);
      e->args.push_back(c->K_WHEN() && i < exprs.size() ? expr(exprs[i++]) : nullptr);
      return e;
    }
    if (auto* c = dynamic_cast<P::CallExprContext*>(ctx)) {
      auto e = make(ast::Expr::Kind::Call, ctx);
      auto* f = c->fname();
      e->name = f->name() ? name(f->name()) : f->getText();
      e->nameRange = ctxRange(f);
      for (auto* a : c->expr()) e->args.push_back(expr(a));
      return e;
    }
    if (auto* c = dynamic_cast<P::NameRefContext*>(ctx)) {
      auto e = make(ast::Expr::Kind::Name, ctx);
      e->name = name(c->name());
      e->nameRange = e->range;
      return e;
    }
    if (auto* c = dynamic_cast<P::ParenExprContext*>(ctx)) {
      auto e = expr(c->expr());
      e->parenthesized = true;
      e->range = ctxRange(ctx);
      return e;
    }
    if (auto* c = dynamic_cast<P::BandExprContext*>(ctx)) {
      auto e = make(ast::Expr::Kind::Bands, ctx);
      e->bands = bandTable(c->bandTable());
      return e;
    }
    return make(ast::Expr::Kind::Number, ctx);
  }
};

// ANTLR's input stream throws on bytes that are not UTF-8; a file saved in
// GBK by mistake must be an error naming the place instead.
bool isUtf8(const SourceFile& source, Diagnostics& diags) {
  size_t bad = firstInvalidUtf8(source.text());
  if (bad == std::string::npos) return true;
  size_t lineStart = source.text().rfind('\n', bad == 0 ? 0 : bad - 1);
  lineStart = lineStart == std::string::npos || bad == 0 ? 0 : lineStart + 1;
  int line = 1 + static_cast<int>(std::count(source.text().begin(), source.text().begin() + lineStart, '\n'));
  int col = 1;
  for (size_t i = lineStart; i < bad; ++i)
    if ((static_cast<unsigned char>(source.text()[i]) & 0xC0) != 0x80) ++col;
  auto byte = static_cast<unsigned char>(source.text()[bad]);
  diags.error("E001", SourceRange{line, col, line, col + 1},
              fmt::format("文件不是 UTF-8 编码：此处的字节 0x{:02X} 无法识别；请把规则文件另存为 UTF-8", byte),
              fmt::format("the file is not UTF-8: byte 0x{:02X} here cannot be read; save the ruleset as UTF-8", byte));
  return false;
}

}  // namespace

bool parseQuantity(const std::string& text, ast::Quantity& q) {
  q.text = text;
  size_t end = 0;
  while (end < text.size() && (std::isdigit(static_cast<unsigned char>(text[end])) || text[end] == ',' || text[end] == '.')) ++end;
  std::string unit = text.substr(end);
  auto number = Decimal::parse(text.substr(0, end));
  if (!number) return false;
  Decimal value = *number;
  using U = ast::Unit;
  Decimal scaled;
  DecimalStatus status = DecimalStatus::Ok;
  if (unit == "%" || unit == "％") { q.unit = U::Percent; status = checkedDiv(value, Decimal::fromInt(100), scaled); value = scaled; }
  else if (unit == "‰") { q.unit = U::Permille; status = checkedDiv(value, Decimal::fromInt(1000), scaled); value = scaled; }
  else if (unit == "分") q.unit = U::Score;
  else if (unit == "元") q.unit = U::Yuan;
  else if (unit == "万元") { q.unit = U::WanYuan; status = checkedMul(value, Decimal::fromInt(10000), scaled); value = scaled; }
  else if (unit == "项" || unit == "个" || unit == "件" || unit == "次") q.unit = U::Count;
  else if (unit == "天") q.unit = U::Day;
  else if (unit == "位") q.unit = U::Places;
  else q.unit = U::None;
  q.value = value;
  return status == DecimalStatus::Ok;
}

std::unique_ptr<ast::File> parseRuleset(const SourceFile& source, Diagnostics& diags) {
  if (!isUtf8(source, diags)) return std::make_unique<ast::File>();
  antlr4::ANTLRInputStream input(source.text());
  g::DefenLexer lexer(&input);
  ErrorListener listener(diags);
  lexer.removeErrorListeners();
  lexer.addErrorListener(&listener);
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();
  if (!nestingWithinLimit(tokens, diags)) return std::make_unique<ast::File>();
  g::DefenParser parser(&tokens);
  parser.removeErrorListeners();
  parser.addErrorListener(&listener);
  P::FileContext* tree = parser.file();
  if (!treeWithinLimit(tree, diags)) return std::make_unique<ast::File>();
  return Builder(diags).file(tree);
}

}  // namespace defen

// 评分说明 "…{名}…": a rule's own wording for its 评分说明.
//
// Placeholders name an input, a 令 the rule computes, or one of the words
// below. Names are resolved like names in the rule (so a local 令 is found),
// and checked here, so a misspelt placeholder is an error at its column and
// never a blank in a report handed to a department.
#include "compiler/sema/lower_expr.h"

#include <fmt/format.h>

namespace defen::sema {
namespace {

using Piece = ir::TemplatePiece;

struct Special {
  const char* name;
  Piece::Kind kind;
};
constexpr Special kSpecials[] = {
    {"得分", Piece::Kind::Score}, {"分值", Piece::Kind::Weight},   {"扣分", Piece::Kind::Lost},
    {"档", Piece::Kind::Band},    {"说明", Piece::Kind::Generated}, {"理由", Piece::Kind::Reason},
};

size_t codePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// "名:N" / "名：N": shown with N decimals. Returns the name part, or nullopt
// (after an error) when N is not a number of places 0–6.
std::optional<std::string> splitPlaces(Context& cx, const std::string& text, SourceRange at, int& places) {
  size_t colon = text.find(':');
  size_t width = 1;
  if (size_t wide = text.find("："); wide != std::string::npos && wide < colon) colon = wide, width = 3;
  if (colon == std::string::npos) return text;
  std::string digits = text.substr(colon + width);
  if (digits.size() != 1 || digits[0] < '0' || digits[0] > '6') {
    cx.diags.error("E261", at, fmt::format("评分说明中“{}”的位数应为0到6的一个数字，如{{执行率:0}}", text),
                   fmt::format("the places in '{}' must be one digit 0–6, e.g. {{执行率:0}}", text));
    return std::nullopt;
  }
  places = digits[0] - '0';
  return text.substr(0, colon);
}

// "名", "名:N" or "名.算式" (the 令's equation) → a piece; reports unknown names.
std::optional<Piece> resolve(Context& cx, const std::string& written, SourceRange at, const Scope& scope,
                             const std::set<int>& lets, std::set<int>& inputs) {
  int places = -1;
  std::optional<std::string> bare = splitPlaces(cx, written, at, places);
  if (!bare) return std::nullopt;
  const std::string& text = *bare;
  for (const auto& s : kSpecials)
    if (text == s.name) return Piece{s.kind, text, -1, places};
  std::string name = text;
  bool equation = false;
  for (const char* suffix : {".算式", ".formula"}) {
    std::string_view sv(name), sf(suffix);
    if (sv.size() > sf.size() && sv.substr(sv.size() - sf.size()) == sf) {
      name.resize(name.size() - sf.size());
      equation = true;
    }
  }
  ast::Expr ref;
  ref.kind = ast::Expr::Kind::Name;
  ref.name = name;
  ref.range = ref.nameRange = at;
  size_t before = cx.diags.all().size();
  const ir::Expr* e = lowerExpr(cx, ref, scope);
  if (cx.diags.all().size() != before) return std::nullopt;  // lowerExpr said why (e.g. 未定义的名称)
  if (e->op == ir::Op::Input && !equation) {
    inputs.insert(e->slot);
    return Piece{Piece::Kind::Input, name, e->slot, places};
  }
  if (e->op == ir::Op::Let) {
    if (!lets.count(e->slot)) {
      cx.diags.error("E261", at, fmt::format("评分说明中的“{}”不是本指标规则计算的令，得分时不会算出它的值", name),
                     fmt::format("'{}' in the 评分说明 is not a 令 this indicator's rule computes", name));
      return std::nullopt;
    }
    return Piece{equation ? Piece::Kind::Equation : Piece::Kind::Let, name, e->slot, places};
  }
  cx.diags.error("E261", at, fmt::format("评分说明中的“{}”应为输入名、令名或{{得分}}{{分值}}{{扣分}}{{档}}{{说明}}{{理由}}", text),
                 fmt::format("'{}' in the 评分说明 must name an input, a 令, or one of 得分 分值 扣分 档 说明 理由", text));
  return std::nullopt;
}

}  // namespace

void lowerExplainTemplate(Context& cx, int id, const Scope& scope, const std::set<int>& lets, std::set<int>& inputs) {
  const ast::Indicator& syn = *cx.nodeSyntax[id];
  if (!syn.explainTemplate) return;
  const std::string& t = *syn.explainTemplate;
  const SourceRange& r = syn.explainTemplateRange;
  std::vector<Piece> pieces;
  size_t at = 0;
  while (at < t.size()) {
    size_t open = t.find('{', at);
    if (open == std::string::npos) { pieces.push_back(Piece{Piece::Kind::Text, t.substr(at), -1}); break; }
    if (open > at) pieces.push_back(Piece{Piece::Kind::Text, t.substr(at, open - at), -1});
    // Columns: the string's opening quote, then code points (escapes are rare in templates).
    int col = r.col + 1 + static_cast<int>(codePoints(std::string_view(t).substr(0, open)));
    size_t close = t.find('}', open);
    if (close == std::string::npos) {
      cx.diags.error("E260", SourceRange{r.line, col, r.line, col + 1}, "评分说明中的“{”没有对应的“}”", "unclosed '{' in the 评分说明");
      return;
    }
    std::string name = t.substr(open + 1, close - open - 1);
    int len = static_cast<int>(codePoints(name)) + 2;
    auto piece = resolve(cx, name, SourceRange{r.line, col, r.line, col + len}, scope, lets, inputs);
    if (!piece) return;
    pieces.push_back(*piece);
    at = close + 1;
  }
  cx.program.nodes[id].explainTemplate = std::move(pieces);
}

}  // namespace defen::sema

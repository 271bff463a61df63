// A rule's expressions in words, the way the seed tables write a 评分说明:
// arithmetic with the record's numbers next to the names ("年度实际支出
// 3,974,522.77元÷财政下达预算数3,974,522.77元×100%"), conditions in plain
// Chinese ("应下达转移支付金额为0的，得满分；否则按…计", "没有主管转移支付",
// "完成率不低于90%且低于100%"), never the ruleset's own syntax (若/则/否则,
// 非, 分段, 最小(…), braces or arrows).
//
// The words are built from the checked program, not from the source text, so
// what a ruleset writes as `最小(1, 实际 ÷ 计划)` reads "实际÷计划（超过1的按1计）".
// A figure that decided a band is shown with as many decimals as it takes for
// the rounding not to cross that band's edge (99.9994%, not 100.00%).
#pragma once

#include "compiler/ir/ir.h"
#include "compiler/core/result.h"

#include <map>
#include <optional>
#include <set>
#include <string>

namespace defen {

class Words {
 public:
  // `weight`: the node's 分值, shown after 分值/满分 when values are shown.
  Words(const ir::Program& program, const NodeResult& n, const Decimal* weight = nullptr);

  // Arithmetic with the record's values: "分值4分×预算执行率95.00%（超过100%的按100%计）".
  std::string withValues(const ir::Expr* e) const;
  // The same with names only: "分值×实际完成数÷计划完成数".
  std::string namesOnly(const ir::Expr* e) const;
  // A condition in words, names only: "应下达转移支付金额为0", "没有主管转移支付".
  std::string condition(const ir::Expr* e, bool negate = false) const;
  // A conditional rule as a table writes it: "项目库按要求储备的，得满分；否则得0分".
  // `verb` is 得 for a score, 扣 for a deduction.
  std::string conditionalRule(const ir::Expr* e, const char* verb) const;
  // "差异率=（收入决算数3,974,522.77元-…）÷收入预算数2,928,000.00元×100%=3.02%": a 令's equation.
  std::string letEquation(int let) const;
  // The input's or 令's value as people read it, with the decimals the fired band needs.
  std::string inputValue(int slot) const;
  std::string letValue(int slot) const;
  // A fired band case in words: "完成率不低于90%且低于100%", "下属单位预算批复为“超时”";
  // without the subject: "不低于90%且低于100%".
  std::string bandCase(const ir::BandTable& table, const ir::BandCase& c, bool withSubject = true) const;
  // The expression's value from the record's trace, when every value it needs is there.
  std::optional<Decimal::Raw> evaluate(const ir::Expr* e) const;

 private:
  std::string render(const ir::Expr* e, bool values, int& level) const;
  std::string operand(const ir::Expr* e, bool values, int minLevel) const;
  std::string constant(const ir::Expr* e, bool values) const;
  std::string compareWords(const ir::Expr* e, bool negate) const;
  std::string boolName(const std::string& name, bool negate) const;
  std::string boundValue(ir::Display display, Decimal v) const;
  std::string shown(ir::Display display, Decimal v, int places, bool wan) const;

  const ir::Program& p_;
  const NodeResult& n_;
  const Decimal* weight_;
  std::map<int, int> inputPlaces_, letPlaces_;  // decimals a fired band needs, when more than usual
};

// The inputs named directly in `e` (not through a 令), outside band tables' cases.
std::set<int> inputsNamedIn(const ir::Expr* e);

// How a figure reads: its type's display, except that a ratio of like
// quantities (件÷件) reads as a percent, as every rate does.
ir::Display displayOf(const ir::Program& program, const ir::Expr* e);

// Whether a 令's money value reads in 万元: every amount it is computed from was given in 万元.
bool letInWan(const ir::Program& program, int let);

}  // namespace defen

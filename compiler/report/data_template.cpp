#include "compiler/report/data_template.h"
#include "compiler/ir/interval.h"

#include "compiler/report/explain/explain.h"
#include "compiler/core/number_text.h"

#include <algorithm>
#include <cstdlib>
#include <set>

namespace defen {
namespace {

// The type as `describeKind` names it; an enum's values have their own line in the note.
std::string kindName(const InputSpec& spec) { return spec.kind == InputKind::Enum ? "枚举" : describeKind(spec); }

// What to type, in the forms the reader accepts (compiler/core/value.cpp).
std::string howToWrite(const InputSpec& spec) {
  switch (spec.kind) {
    case InputKind::Money:
      return spec.unit == MoneyUnit::WanYuan ? "金额，单位万元：如 420（即 420万元）；也可带单位写 4,200,000元"
                                             : "金额，单位元：如 3,974,522.77；也可带单位写 12万元、1.2亿元";
    case InputKind::Ratio:
      if (spec.bareRatio == RatioReading::Fraction) return "比率，不带 % 的数按小数读：如 0.3574（即 35.74%），也可写 35.74%";
      if (spec.bareRatio == RatioReading::Percentage) return "比率，不带 % 的数按百分数读：如 35.74（即 35.74%），也可写 35.74%";
      return "比率：如 35.74%（须写 %；不带 % 的数不知是百分数还是小数，会报错）";
    case InputKind::Count: return "数量：非负整数，如 5（也可写 5项、5个）";
    case InputKind::Number: return "数值：如 95、-3.5";
    case InputKind::Bool: return "填 是 或 否（也接受 有/无、√/×）";
    case InputKind::Enum: return "填以下之一：" + joined(spec.enumValues, "、");
    case InputKind::Review: return "评审分：非负数，如 3 或 3分；有值时须在“" + spec.name + ".说明”列写明打分理由";
    case InputKind::Text: return "文字";
    case InputKind::Target: return "年度指标值：如 ≥95%、≤90万元、＝100%、≥50个，定性指标写文字";
    case InputKind::Achieved: return "实际完成值：数值，不写单位时按年度指标值的单位读（≥95% 下的 95 即 95%）";
    case InputKind::RowSet: return "若干行：JSON 中为对象数组，每个对象一行";
  }
  return "";
}

std::string whenMissing(ir::Input::Missing m) {
  switch (m) {
    case ir::Input::Missing::Required:
    case ir::Input::Missing::Error: return "必填：规则用到它而它为空时，该行报错、不计分";
    case ir::Input::Missing::Full: return "可空：缺失时，用到它的指标得满分";
    case ir::Input::Missing::Zero: return "可空：缺失时，用到它的指标得0分";
    case ir::Input::Missing::NotApplicable: return "可空：缺失时，用到它的指标不考核并按比例折算";
  }
  return "";
}

// The indicators (and 加减分) that read the input, so the person filling it
// knows what it is for.
std::string usedBy(const ir::Program& p, int input) {
  std::vector<std::string> names;
  for (const auto& n : p.nodes)
    for (int r : n.reads)
      if (r == input) { names.push_back(n.name); break; }
  for (const auto& b : p.bonuses)
    for (int r : b.reads)
      if (r == input) { names.push_back(b.name); break; }
  if (names.empty()) return "";
  constexpr size_t kShown = 6;
  std::string list = joined(std::vector<std::string>(names.begin(), names.begin() + std::min(names.size(), kShown)), "、");
  if (names.size() > kShown) list += "等" + std::to_string(names.size()) + "项";
  return "用于：" + list;
}

double asDouble(Decimal d) { return std::strtod(toString(d).c_str(), nullptr); }

// The number format and the range check of an input's cells. A declared 范围
// is refused outside; a rate without one only warns beyond [-100%, 1000%],
// which catches 35.74 typed without its % (3574%).
void cellCheck(const ir::Program& p, const ir::Input& in, TemplateColumn& c) {
  switch (in.spec.kind) {
    case InputKind::Money: c.cell = TemplateCell::Money; break;
    case InputKind::Ratio: c.cell = TemplateCell::Ratio; break;
    case InputKind::Count: c.cell = TemplateCell::Count; c.low = 0; c.rangeText = "非负整数"; break;
    case InputKind::Number: c.cell = TemplateCell::Number; break;
    case InputKind::Review: c.cell = TemplateCell::Score; c.low = 0; c.rangeText = "非负数"; break;
    default: return;
  }
  if (in.range) {
    // A cell holds 万元 when the column does; the range is kept in 元.
    const double unit = in.spec.kind == InputKind::Money && in.spec.unit == MoneyUnit::WanYuan ? 10000 : 1;
    if (!in.range->lower.infinite) c.low = asDouble(in.range->lower.value) / unit;
    if (!in.range->upper.infinite) c.high = asDouble(in.range->upper.value) / unit;
    c.rangeText = ir::formatInterval(*in.range, [&](Decimal d) { return formatForPeople(p, in.display, Value::ofNumber(d)); });
  } else if (in.spec.kind == InputKind::Ratio) {
    c.low = -1;
    c.high = 10;
    c.strict = false;
    c.rangeText = "-100%～1000%";
  }
}

TemplateColumn inputColumn(const ir::Program& p, int i) {
  const ir::Input& in = p.inputs[static_cast<size_t>(i)];
  TemplateColumn c;
  c.name = in.spec.name;
  c.kind = kindName(in.spec);
  c.required = in.missing == ir::Input::Missing::Required || in.missing == ir::Input::Missing::Error;
  std::vector<std::string> lines{howToWrite(in.spec)};
  if (in.range) {
    auto shown = [&](Decimal d) { return formatForPeople(p, in.display, Value::ofNumber(d)); };
    lines.push_back("取值范围：" + ir::formatInterval(*in.range, shown));
  }
  if (in.usual) {
    auto shown = [&](Decimal d) { return formatForPeople(p, in.display, Value::ofNumber(d)); };
    lines.push_back("通常在 " + ir::formatInterval(*in.usual, shown) + " 之内，超出时提示核对");
  }
  lines.push_back(whenMissing(in.missing));
  if (std::string use = usedBy(p, i); !use.empty()) lines.push_back(use);
  c.note = joined(lines, "\n");
  if (in.spec.kind == InputKind::Enum) c.choices = in.spec.enumValues;
  if (in.spec.kind == InputKind::Bool) c.choices = {"是", "否"};
  cellCheck(p, in, c);
  return c;
}

std::string pathText(const ir::Node& n) { return joined(n.path, "／"); }

// A tier's share of 分值 as a score range: [80%, 100%] of 4分 → [3.2, 4].
std::string tierScores(const ir::ReviewTier& t, Decimal weight) {
  ir::Interval scaled = t.fraction;
  for (ir::Bound* b : {&scaled.lower, &scaled.upper})
    if (!b->infinite && checkedMul(b->value, weight, b->value) != DecimalStatus::Ok) return "";
  return ir::formatInterval(scaled, [](Decimal d) { return writtenScore(d); });
}

std::string tierShare(const ir::ReviewTier& t) {
  return ir::formatInterval(t.fraction, [](Decimal d) {
    Decimal pct;
    return checkedMul(d, Decimal::fromInt(100), pct) == DecimalStatus::Ok ? toString(pct) + "%" : toString(d);
  });
}

void reviewColumns(const ir::Node& n, std::vector<TemplateColumn>& out) {
  const std::string weight = writtenScore(n.weight);
  TemplateColumn score{.name = n.name, .kind = "评审分", .required = true};
  std::vector<std::string> lines{"评审指标“" + pathText(n) + "”（分值" + weight + "）的评审得分：0～" + weight + "，如 3 或 3分",
                                 "必填：为空时该行报错、不计分", "须在“" + n.name + ".说明”列写明打分理由"};
  if (!n.tiers.empty()) lines.push_back("分数须落在“" + n.name + ".档次”所填档次的范围内");
  score.note = joined(lines, "\n");
  score.cell = TemplateCell::Score;
  score.low = 0;
  score.high = asDouble(n.weight);
  score.rangeText = "0～" + weight;  // writtenScore gives "2分"
  out.push_back(score);

  if (!n.tiers.empty()) {
    TemplateColumn tier{.name = n.name + ".档次", .kind = "档次", .required = true};
    std::vector<std::string> tl{"评审指标“" + n.name + "”的档次，填以下之一："};
    for (const auto& t : n.tiers) {
      tl.push_back(t.name + "：分值的 " + tierShare(t) + "，即 " + tierScores(t, n.weight));
      tier.choices.push_back(t.name);
    }
    tl.push_back("必填：为空时该行报错、不计分");
    tier.note = joined(tl, "\n");
    out.push_back(tier);
  }
  out.push_back(TemplateColumn{.name = n.name + ".说明", .kind = "理由", .note = "评审指标“" + n.name + "”的打分理由（文字）\n必填：为空时该行报错、不计分", .required = true});
}

}  // namespace

DataTemplate dataTemplate(const ir::Program& p) {
  DataTemplate t;
  t.title = p.name + (p.year ? "（" + std::to_string(p.year) + "年度）" : "");
  std::vector<TemplateColumn> columns;

  // The id column, under a name no input or indicator already takes.
  for (const char* id : {"名称", "单位名称", "部门名称", "id"}) {
    if (p.findInput(id) >= 0 || p.findNode(id) >= 0) continue;
    columns.push_back(TemplateColumn{.name = id, .kind = "标识", .note = "被评价单位的名称，用于在结果中标识各行\n可空；也可用“单位”“部门”“id”作列名"});
    break;
  }
  for (size_t i = 0; i < p.inputs.size(); ++i) {
    const ir::Input& in = p.inputs[i];
    if (in.implicit) continue;  // a 评审 indicator's score: listed with its indicator below
    columns.push_back(inputColumn(p, static_cast<int>(i)));
    if (in.spec.kind == InputKind::Review)
      columns.push_back(TemplateColumn{.name = in.spec.name + ".说明", .kind = "理由",
                                       .note = "评审分“" + in.spec.name + "”的打分理由（文字）\n“" + in.spec.name + "”有值时必填，为空则该行报错"});
  }
  for (const auto& n : p.nodes)
    if (n.rule == ir::RuleKind::Review) reviewColumns(n, columns);

  // One column per name: the binder reads the first of a repeated header.
  std::set<std::string> seen;
  for (auto& c : columns)
    if (seen.insert(c.name).second) t.columns.push_back(std::move(c));

  t.remarks = {"每行填写一个被评价单位；第一行是列名，请勿改动。",
               "空单元格表示该项数据缺失，按各列说明中“必填/可空”的规定处理。",
               "金额可写 3,974,522.77 或 12万元；比率请带 %（如 35.74%）。",
               "如需用核定分覆盖某指标的计算结果，可增加两列“指标名.核定分”和“指标名.说明”（理由必填）。"};
  return t;
}

}  // namespace defen

// Generated 项目支出绩效自评表 (the national project self-evaluation form,
// rulesets/project-self-2020.rules) as one long CSV on standard output, the
// way examples/project-self-2020/forms/*.csv are written: one line per 绩效指标
// row, the form's own fields and its 项目资金 repeated on every line. For
// timing `defen eval` on forms end to end (scripts/bench: forms per second).
//
//   defen_forms_generate N [--seed S] > FORMS.csv
//
// Every form has ten indicator rows (产出 5 × 10分, 效益 3 × 10分, 满意度
// 2 × 5分: the weights the 办法 asks for), quantitative targets with ≥ or ≤
// in 人, 个, % and 万元, one qualitative row scored by tier, achieved values
// on both sides of their targets, and the unit's own 得分 (sometimes above
// what the rule gives, as real forms are).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

namespace {

struct Random {
  std::uint64_t state;
  std::uint64_t below(std::uint64_t n) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return (state >> 33) % n;
  }
};

const char* const kHeader =
    "项目名称,主管部门,实施单位,年度,总分,年度资金总额.年初预算数,年度资金总额.全年预算数,年度资金总额.全年执行数,"
    "年度资金总额.分值,年度资金总额.执行率,年度资金总额.得分,当年财政拨款.年初预算数,当年财政拨款.全年预算数,"
    "当年财政拨款.全年执行数,上年结转资金.年初预算数,上年结转资金.全年预算数,上年结转资金.全年执行数,其他资金.年初预算数,"
    "其他资金.全年预算数,其他资金.全年执行数,一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,偏差原因分析及改进措施\n";

std::string money(std::uint64_t cents) {  // 万元, two decimals
  return std::to_string(cents / 100) + "." + (cents % 100 < 10 ? "0" : "") + std::to_string(cents % 100);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: defen_forms_generate N [--seed S]\n");
    return 2;
  }
  const unsigned long long n = std::strtoull(argv[1], nullptr, 10);
  Random rnd{2020};
  for (int i = 2; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--seed") && i + 1 < argc) rnd.state = std::strtoull(argv[++i], nullptr, 10);
    else {
      std::fprintf(stderr, "defen_forms_generate: unknown argument %s\n", argv[i]);
      return 2;
    }
  }
  std::ios::sync_with_stdio(false);
  std::string out = kHeader;
  for (unsigned long long f = 1; f <= n; ++f) {
    // The form's own fields and its 项目资金, repeated on each of its lines.
    const std::uint64_t budget = 500000 + rnd.below(50000000);           // cents of 万元: 5,000.00 … 505,000.00 万元
    const std::uint64_t spent = budget - budget * rnd.below(30) / 100;  // 70% … 100% spent
    const std::uint64_t carried = rnd.below(3) == 0 ? budget / 10 : 0;
    std::string form = "县级项目" + std::to_string(f) + "专项资金,某县财政局,某县项目单位" + std::to_string(f % 97) + ",2022,," +
                       money(budget) + "," + money(budget) + "," + money(spent) + ",10,,," + money(budget - carried) + "," +
                       money(budget - carried) + "," + money(spent - carried * spent / budget) + ",";
    form += carried ? "," + money(carried) + "," + money(carried * spent / budget) + ",,,," : ",,,,,,";
    auto line = [&](const char* first, const char* second, const std::string& third, const std::string& target,
                    const std::string& achieved, int weight, int self) {
      out += form;
      out += first;
      out += ',';
      out += second;
      out += ',';
      out += third;
      out += ',' + target + ',' + achieved + ',' + std::to_string(weight) + ',' + std::to_string(self) + ",\n";
    };
    auto pct = [](std::uint64_t v) { return std::to_string(v) + "%"; };
    const std::uint64_t people = 200 + rnd.below(5000);
    line("产出指标", "数量指标", "受益人数", "≥" + std::to_string(people) + "人", std::to_string(people - people * rnd.below(4) / 100), 10, 10);
    line("产出指标", "数量指标", "完成项目数", "≥" + std::to_string(3 + rnd.below(20)) + "个", std::to_string(3 + rnd.below(22)), 10, 10);
    line("产出指标", "质量指标", "验收合格率", "≥95%", pct(90 + rnd.below(11)), 10, 10);
    line("产出指标", "时效指标", "按期完成率", "≥90%", pct(80 + rnd.below(21)), 10, 9 + static_cast<int>(rnd.below(2)));
    line("产出指标", "成本指标", "成本控制数", "≤" + money(budget) + "万元", money(spent) + "万元", 10, 10);
    line("效益指标", "社会效益指标", "政策知晓率", "≥90%", pct(85 + rnd.below(16)), 10, 10);
    line("效益指标", "经济效益指标", "带动就业人数", "≥" + std::to_string(20 + rnd.below(200)) + "人", std::to_string(15 + rnd.below(230)), 10, 9);
    const bool partly = rnd.below(3) == 0;  // 部分达成: 60% … 80% of the weight (the ruleset's tier)
    line("效益指标", "可持续影响指标", "长效管护机制", "建立并运行", partly ? "部分达成" : "达成", 10, partly ? 7 : 10);
    line("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", pct(88 + rnd.below(13)), 5, 5);
    line("满意度指标", "服务对象满意度指标", "项目单位满意度", "≥90%", pct(90 + rnd.below(11)), 5, 5);
    if (out.size() > (1u << 20)) {
      std::cout << out;
      out.clear();
    }
  }
  std::cout << out;
  std::cout.flush();
  return std::cout ? 0 : 1;
}

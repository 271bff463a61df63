#include "bench/generate.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <sstream>

namespace defen::bench {

using zj::Approval;
using zj::Department;

namespace {

// splitmix64: tiny, fast, identical everywhere.
class Rng {
 public:
  explicit Rng(std::uint64_t state) : s_(state) {}
  std::uint64_t next() {
    std::uint64_t z = (s_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [lo, hi].
  std::int64_t range(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  // True with probability permille / 1000.
  bool chance(int permille) { return static_cast<int>(next() % 1000) < permille; }

 private:
  std::uint64_t s_;
};

std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
  Rng r(a * 0xD6E8FEB86659FD93ULL ^ (b + 0x632BE59BD9B4E019ULL));
  r.next();
  return r.next();
}

constexpr std::int64_t kCent = 10'000'000'000'000'000LL;  // 10^16 raw units
Decimal cents(std::int64_t c) { return Decimal::fromRaw(static_cast<Decimal::Raw>(c) * kCent); }
// Basis points (0.01%) as a fraction: 8753 → 0.8753.
Decimal basisPoints(std::int64_t bp) { return Decimal::fromRaw(static_cast<Decimal::Raw>(bp) * 100'000'000'000'000LL); }
// amount × bp / 10000, in whole cents (money in the data always has cents).
std::int64_t scale(std::int64_t centsValue, std::int64_t bp) {
  return static_cast<std::int64_t>(static_cast<__int128>(centsValue) * bp / 10000);
}

// A reviewer's score out of `weight`, near weight × quality (permille), in
// steps of 0.5 mostly; sometimes with two or three decimals.
Decimal reviewScore(Rng& r, int weight, int quality) {
  std::int64_t halves = 2LL * weight;
  std::int64_t target = (halves * quality + 500) / 1000 + r.range(-1, 1);
  if (r.chance(40)) target = r.range(0, halves);
  target = std::clamp<std::int64_t>(target, 0, halves);
  Decimal v = Decimal::fromRaw(static_cast<Decimal::Raw>(target) * (Decimal::kOne / 2));
  if (r.chance(80) && target > 0) {  // 3.75, 2.333: exercises leaf rounding
    std::int64_t thousandths = target * 500 - r.range(1, 499);
    v = Decimal::fromRaw(static_cast<Decimal::Raw>(thousandths) * (Decimal::kOne / 1000));
  }
  return v;
}

Department make(std::uint64_t seed, std::size_t index) {
  Rng r(mix(seed, index));
  Department d;
  // A third of departments are diligent: tighter budgets, better reviews. The
  // rest spread over every band, so totals cover all four grades.
  const bool good = r.chance(350);
  auto pick = [&](std::int64_t lo, std::int64_t hi, std::int64_t goodLo, std::int64_t goodHi) {
    return good ? r.range(goodLo, goodHi) : r.range(lo, hi);
  };

  // 预算编制
  if (r.chance(20)) {
    d.incomeBudget = Decimal();
    d.incomeFinal = cents(r.range(0, 500'000'000));
  } else {
    std::int64_t budget = r.range(50'000'000, 8'000'000'000);  // 50万 – 8000万元
    std::int64_t adjust = r.chance(300) ? 0 : scale(budget, r.range(0, 4000));
    std::int64_t variance = r.chance(100) ? 0 : r.chance(400) ? r.range(-500, 500) : pick(-3500, 3500, -900, 900);
    d.incomeBudget = cents(budget);
    d.incomeAdjustment = cents(adjust);
    d.incomeFinal = cents(budget + adjust + scale(budget, variance));
  }
  auto pickCount = [&](std::initializer_list<std::pair<int, std::pair<int, int>>> options) {
    int roll = static_cast<int>(r.range(0, 999));
    for (const auto& [permille, span] : options) {
      if (roll < permille) return static_cast<std::int32_t>(r.range(span.first, span.second));
      roll -= permille;
    }
    return 0;
  };
  d.nonPolicyAdjustments = pickCount({{500, {0, 0}}, {200, {1, 2}}, {150, {3, 4}}, {150, {5, 7}}});
  d.over20Projects = pickCount({{700, {0, 0}}, {300, {1, 3}}});
  d.over50Projects = pickCount({{800, {0, 0}}, {200, {1, 2}}});
  d.projectLibrary = r.chance(850);
  d.projectDetailed = r.chance(800);
  d.hasTransfers = r.chance(350);
  bool advances = d.hasTransfers || r.chance(100);  // present but unread without transfers
  d.hasGeneralAdvance = d.hasSpecialAdvance = advances;
  d.generalAdvance = basisPoints(r.chance(300) ? r.range(9000, 10000) : r.range(5000, 9999));
  d.specialAdvance = basisPoints(r.chance(300) ? r.range(7000, 10000) : r.range(4000, 9999));

  // 支出管理
  std::int64_t allocated = r.range(100'000'000, 10'000'000'000);  // 100万 – 1亿元
  if (r.chance(15)) {
    d.allocated = Decimal();
    d.spent = cents(r.chance(500) ? 0 : r.range(0, 100'000'000));
  } else {
    d.allocated = cents(allocated);
    d.spent = cents(r.chance(100) ? allocated : scale(allocated, pick(6000, 10500, 9300, 10100)));
  }
  if (r.chance(10)) {  // no income at all
    d.carryIn = d.generalFunds = d.fundBudget = d.carryOut = Decimal();
  } else {
    std::int64_t carryIn = r.chance(400) ? 0 : scale(allocated, r.range(0, 1500));
    std::int64_t general = scale(allocated, r.range(8500, 10000));
    std::int64_t fund = r.chance(800) ? 0 : scale(allocated, r.range(0, 2000));
    std::int64_t income = carryIn + general + fund;
    d.carryIn = cents(carryIn);
    d.generalFunds = cents(general);
    d.fundBudget = cents(fund);
    d.carryOut = cents(r.chance(50) ? 0 : scale(income, pick(0, 4000, 0, 1500)));
  }
  if (r.chance(150)) {
    d.stockPrev = Decimal();
    d.stockNow = r.chance(600) ? Decimal() : cents(r.range(1'000'000, 50'000'000));
  } else {
    std::int64_t prev = r.range(1'000'000, 2'000'000'000);
    d.stockPrev = cents(prev);
    d.stockNow = cents(r.chance(50) ? prev : scale(prev, pick(7000, 12000, 7000, 10200)));
  }
  if (d.hasTransfers && !r.chance(100)) {
    std::int64_t due = r.range(100'000'000, 2'000'000'000);
    d.transferDue = cents(due);
    d.transferOnTime = cents(r.chance(300) ? due : scale(due, r.range(6000, 10000)));
  }
  d.hasSubordinates = r.chance(450);
  d.hasApproval = d.hasSubordinates || r.chance(200);
  int approval = static_cast<int>(r.range(0, 9));
  d.approval = approval < 7 ? Approval::OnTime : approval < 9 ? Approval::Late : Approval::None;
  if (r.chance(120)) {
    d.procurementPlan = Decimal();
    d.procurementActual = r.chance(700) ? Decimal() : cents(r.range(100'000, 5'000'000));
  } else {
    std::int64_t plan = r.range(10'000'000, 1'000'000'000);
    d.procurementPlan = cents(plan);
    d.procurementActual = cents(r.chance(100) ? plan : scale(plan, pick(5000, 11000, 8500, 10000)));
  }

  // 资产管理
  if (r.chance(20)) {
    d.assetsTotal = d.assetsInUse = Decimal();
  } else {
    std::int64_t total = r.range(20'000'000, 5'000'000'000);
    d.assetsTotal = cents(total);
    d.assetsInUse = cents(r.chance(250) ? total : scale(total, pick(8500, 10000, 9300, 10000)));
  }

  // 经济性
  std::int64_t three = r.range(1'000'000, 50'000'000);
  d.threeCostsBudget = cents(three);
  d.threeCostsActual = cents(scale(three, r.range(3000, 11500)));
  std::int64_t office = r.range(5'000'000, 200'000'000);
  d.officeBudget = cents(office);
  d.officeActual = cents(r.chance(200) ? office : scale(office, r.range(9000, 10500)));

  // 效率性
  auto inspection = [&](bool& present, Decimal& value) {
    present = !r.chance(80);
    std::int64_t hundredths = r.chance(200) ? r.range(7000, 10000) : r.range(700, 1000) * 10;
    value = Decimal::fromRaw(static_cast<Decimal::Raw>(hundredths) * (Decimal::kOne / 100));
  };
  inspection(d.hasPartyInspection, d.partyInspection);
  inspection(d.hasGovInspection, d.govInspection);
  auto doneOf = [&](std::int32_t total) {
    std::int32_t missed = static_cast<std::int32_t>(r.chance(400) ? 0 : r.range(0, 4));
    return std::max(0, total - missed);
  };
  d.deptGoals = r.chance(30) ? 0 : static_cast<std::int32_t>(r.range(3, 15));
  d.deptGoalsDone = doneOf(d.deptGoals);
  d.projectGoals = r.chance(200) ? 0 : static_cast<std::int32_t>(r.range(1, 30));
  d.projectGoalsDone = doneOf(d.projectGoals);
  d.projectsPlanned = r.chance(200) ? 0 : static_cast<std::int32_t>(r.range(1, 25));
  d.projectsOnTime = doneOf(d.projectsPlanned);

  // 公平性
  d.feedbackChannel = r.chance(900);
  d.petitions = r.chance(300) ? 0 : static_cast<std::int32_t>(r.range(1, 80));
  d.petitionsOnTime = r.chance(500) ? d.petitions : static_cast<std::int32_t>(r.range(0, d.petitions));

  // 加减分项
  d.commendations = pickCount({{700, {0, 0}}, {300, {1, 5}}});
  d.accountability = pickCount({{850, {0, 0}}, {150, {1, 4}}});

  d.fitsDuties = r.chance(850);
  d.allocationSound = r.chance(800);
  d.allocationNotFixed = r.chance(750);

  // Reviewers: one quality level per department spreads totals over all grades.
  int quality = static_cast<int>(good ? r.range(850, 1000) : r.chance(150) ? r.range(300, 700) : r.range(600, 950));
  for (int i = 0; i < zj::kReviewCount; ++i) d.review[i] = reviewScore(r, zj::kNodeWeights[zj::kReviewNodes[i]], quality);

  // 核定分 on a few rows: a leaf, a parent, and a 转入 target.
  auto override = [&](zj::Node node, Decimal score) {
    if (d.overrideCount < static_cast<std::int32_t>(d.overrides.size())) d.overrides[d.overrideCount++] = {node, score};
  };
  if (r.chance(30)) override(zj::kProcurement, Decimal::fromRaw(r.range(0, 200) * (Decimal::kOne / 100)));
  if (r.chance(20)) override(zj::kGoalEfficiency, Decimal::fromRaw(r.range(0, 8) * (Decimal::kOne / 2)));
  if (r.chance(10)) override(zj::kProjectLibrary, r.chance(500) ? Decimal() : Decimal::one());
  return d;
}

// ── Rendering ──────────────────────────────────────────────────────────────

// Input columns in the order the ruleset declares them.
const char* const kInputColumns[] = {
    "收入预算数", "收入决算数", "收入预算调整额", "非统一政策调整事项数", "调整比例超20%项目数", "预决算差异超50%项目数",
    "项目库按要求储备", "项目预算细化到位", "有主管转移支付", "一般性转移支付提前下达比例", "专项转移支付提前下达比例",
    "年度实际支出", "财政下达预算数", "年初结转结余", "一般公共预算财政拨款", "政府性基金预算财政拨款", "年末结转结余",
    "上年末存量资金", "本年末存量资金", "按时下达转移支付金额", "应下达转移支付金额", "有下属单位", "下属单位预算批复",
    "政府采购计划金额", "政府采购实际金额", "在用固定资产总额", "固定资产总额", "三公经费预算数", "三公经费实际支出数",
    "日常公用经费调整预算数", "日常公用经费决算数", "市委督查得分", "政府督查得分", "整体绩效目标数", "整体绩效目标完成数",
    "项目绩效目标数", "项目绩效目标完成数", "预算安排项目数", "按时完成项目数", "设有群众意见渠道", "信访件数",
    "按时回复信访件数", "表彰次数", "问责次数", "预算编制符合职责和政策", "预算资金分配合理", "预算分配不固化",
};
constexpr zj::Node kOverrideNodes[] = {zj::kProcurement, zj::kGoalEfficiency, zj::kProjectLibrary};

const char* const kReasons[] = {
    "提供了相关制度和佐证材料，执行基本到位。",
    "资料齐全，过程规范，未发现问题。",
    "部分佐证材料缺失，相关工作开展不够充分，酌情扣分。",
    "绩效目标不够明确、具体，定性描述偏多，量化表述少。",
    "按规定时间完成并报送材料，内容真实、完整, 个别表格填写\"不规范\"。",
    "未开展满意度调查或未提供相关资料，综合考虑后评定。",
};

using Cells = std::vector<std::optional<std::string>>;

class Renderer {
 public:
  Renderer(const Department& d, std::size_t index, Reasons reasons = Reasons::Sentence)
      : d_(d), index_(index), reasons_(reasons), r_(mix(index, 0x5EED)) {}

  Cells cells() {
    Cells c;
    c.reserve(1 + std::size(kInputColumns) + 2 * zj::kReviewCount + 2 * std::size(kOverrideNodes));
    const Department& d = d_;
    c.push_back(fmt::format("湛江市合成预算单位{:06}", index_ + 1));
    c.push_back(money(d.incomeBudget));
    c.push_back(money(d.incomeFinal));
    c.push_back(money(d.incomeAdjustment));
    c.push_back(count(d.nonPolicyAdjustments));
    c.push_back(count(d.over20Projects));
    c.push_back(count(d.over50Projects));
    c.push_back(yesNo(d.projectLibrary));
    c.push_back(yesNo(d.projectDetailed));
    c.push_back(yesNo(d.hasTransfers));
    c.push_back(d.hasGeneralAdvance ? std::optional<std::string>(ratio(d.generalAdvance)) : std::nullopt);
    c.push_back(d.hasSpecialAdvance ? std::optional<std::string>(ratio(d.specialAdvance)) : std::nullopt);
    c.push_back(money(d.spent));
    c.push_back(money(d.allocated));
    c.push_back(money(d.carryIn));
    c.push_back(money(d.generalFunds));
    c.push_back(money(d.fundBudget));
    c.push_back(money(d.carryOut));
    c.push_back(money(d.stockPrev));
    c.push_back(money(d.stockNow));
    c.push_back(money(d.transferOnTime));
    c.push_back(money(d.transferDue));
    c.push_back(yesNo(d.hasSubordinates));
    c.push_back(d.hasApproval ? std::optional<std::string>(zj::kApprovalNames[static_cast<int>(d.approval)]) : std::nullopt);
    c.push_back(money(d.procurementPlan));
    c.push_back(money(d.procurementActual));
    c.push_back(money(d.assetsInUse));
    c.push_back(money(d.assetsTotal));
    c.push_back(money(d.threeCostsBudget));
    c.push_back(money(d.threeCostsActual));
    c.push_back(money(d.officeBudget));
    c.push_back(money(d.officeActual));
    c.push_back(d.hasPartyInspection ? std::optional<std::string>(toString(d.partyInspection)) : std::nullopt);
    c.push_back(d.hasGovInspection ? std::optional<std::string>(toString(d.govInspection)) : std::nullopt);
    c.push_back(count(d.deptGoals));
    c.push_back(count(d.deptGoalsDone));
    c.push_back(count(d.projectGoals));
    c.push_back(count(d.projectGoalsDone));
    c.push_back(count(d.projectsPlanned));
    c.push_back(count(d.projectsOnTime));
    c.push_back(yesNo(d.feedbackChannel));
    c.push_back(count(d.petitions));
    c.push_back(count(d.petitionsOnTime));
    c.push_back(count(d.commendations));
    c.push_back(count(d.accountability));
    c.push_back(yesNo(d.fitsDuties));
    c.push_back(yesNo(d.allocationSound));
    c.push_back(yesNo(d.allocationNotFixed));
    for (int i = 0; i < zj::kReviewCount; ++i) {
      std::string score = toString(d.review[i]);
      c.push_back(score);
      c.push_back(reason(score));
    }
    for (zj::Node node : kOverrideNodes) {
      const Department::Override* o = nullptr;
      for (std::int32_t k = 0; k < d.overrideCount; ++k)
        if (d.overrides[k].node == node) o = &d.overrides[k];
      c.push_back(o ? std::optional<std::string>(toString(o->score)) : std::nullopt);
      c.push_back(o ? std::optional<std::string>(fmt::format("经复核，核定为{}分。", toString(o->score))) : std::nullopt);
    }
    return c;
  }

 private:
  const Department& d_;
  std::size_t index_;
  Reasons reasons_;
  Rng r_;

  std::string reason(const std::string& score) {
    if (reasons_ == Reasons::Word) return "符合要求。";
    std::string text = kReasons[r_.next() % std::size(kReasons)];
    if (reasons_ == Reasons::Paragraph)
      for (int k = 0; k < 2; ++k) text += kReasons[r_.next() % std::size(kReasons)];
    return fmt::format("{}本项得分{}分。", text, score);
  }

  // "3,974,522.77", "3974522.77" or "3974522.77元", as departments write them.
  std::string money(Decimal v) {
    int style = static_cast<int>(r_.next() % 10);
    if (style < 5) return toGrouped(v, 2);
    if (style < 9) return toFixed(v, 2);
    return toFixed(v, 2) + "元";
  }
  // "87.53%", sometimes typed with the full-width "87.53％". (Never the plain
  // fraction "0.8753": the ruleset does not say how a ratio without % reads,
  // so defen refuses it rather than guess.)
  std::string ratio(Decimal v) {
    const bool fullWidth = r_.next() % 10 == 0;
    Decimal percent;
    checkedMul(v, Decimal::fromInt(100), percent);
    return toFixed(percent, 2) + (fullWidth ? "％" : "%");
  }
  static std::string count(std::int32_t n) { return std::to_string(n); }
  static std::string yesNo(bool b) { return b ? "是" : "否"; }
};

void csvField(std::ostream& out, const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) {
    out << s;
    return;
  }
  out << '"';
  for (char ch : s) {
    if (ch == '"') out << '"';
    out << ch;
  }
  out << '"';
}

}  // namespace

std::vector<Department> generateDepartments(std::size_t count, std::uint64_t seed, std::size_t first) {
  std::vector<Department> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) out.push_back(make(seed, first + i));
  return out;
}

std::vector<std::string> dataColumns() {
  std::vector<std::string> cols{"名称"};
  for (const char* c : kInputColumns) cols.emplace_back(c);
  for (zj::Node n : zj::kReviewNodes) {
    cols.emplace_back(zj::kNodeNames[n]);
    cols.push_back(std::string(zj::kNodeNames[n]) + ".说明");
  }
  for (zj::Node n : kOverrideNodes) {
    cols.push_back(std::string(zj::kNodeNames[n]) + ".核定分");
    cols.push_back(std::string(zj::kNodeNames[n]) + ".说明");
  }
  return cols;
}

Table toTable(const std::vector<Department>& departments, std::size_t first) {
  Table t;
  t.columns = dataColumns();
  t.records.reserve(departments.size());
  for (std::size_t i = 0; i < departments.size(); ++i) {
    Record rec;
    rec.row = static_cast<int>(first + i + 1);
    rec.line = rec.row + 1;
    for (auto& cell : Renderer(departments[i], first + i).cells())
      rec.cells.push_back(cell ? Cell{Cell::Kind::Text, std::move(*cell)} : Cell{});
    t.records.push_back(std::move(rec));
  }
  return t;
}

void writeCsvHeader(std::ostream& out) {
  auto cols = dataColumns();
  for (std::size_t i = 0; i < cols.size(); ++i) {
    if (i) out << ',';
    csvField(out, cols[i]);
  }
  out << '\n';
}

void writeCsvRows(std::ostream& out, const std::vector<Department>& departments, std::size_t first) {
  writeCsvRows(out, departments, first, Reasons::Sentence);
}

void writeCsvRows(std::ostream& out, const std::vector<Department>& departments, std::size_t first, Reasons reasons) {
  for (std::size_t i = 0; i < departments.size(); ++i) {
    Cells cells = Renderer(departments[i], first + i, reasons).cells();
    for (std::size_t k = 0; k < cells.size(); ++k) {
      if (k) out << ',';
      if (cells[k]) csvField(out, *cells[k]);
    }
    out << '\n';
  }
}

std::string toCsv(const std::vector<Department>& departments) {
  std::ostringstream out;
  writeCsvHeader(out);
  writeCsvRows(out, departments, 0);
  return out.str();
}

}  // namespace defen::bench

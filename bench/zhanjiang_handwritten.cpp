#include "bench/zhanjiang_handwritten.h"

#include <algorithm>

namespace defen::bench::zj {

const char* const kNodeNames[kNodeCount] = {
    "预算编制情况", "预算编制", "预算编制合理性", "预算编制规范性", "项目库储备", "项目预算细化", "转移支付提前下达",
    "预算编制准确性", "财政拨款收入预决算差异率", "项目预算编制准确性", "目标设置", "目标完整性", "目标科学性",
    "预算执行情况", "保障措施", "制度措施健全性", "支出管理", "支出完成率", "结转结余率",
    "国库集中支付结转结余存量资金效率性", "资金下达合法性", "转移支付部分", "部门预算部分", "政府采购执行率",
    "财务合规性", "项目管理", "项目实施程序", "项目监管", "资产管理", "资产管理情况规范性", "固定资产利用率",
    "预算监督情况", "信息公开", "预决算", "绩效目标", "自评材料", "绩效自评", "组织建立情况", "自评材料报送及时性",
    "自评材料报送质量", "预算执行效益", "经济性", "公用经费控制率", "效率性", "重点工作完成效率", "绩效目标完成效率",
    "部门整体绩效目标完成", "项目绩效目标完成", "项目完成及时性", "效果性", "社会经济环境效益", "主要指标体现履职效果",
    "主要项目实现预期效果", "公平性", "群众信访办理情况", "公众或服务对象满意度",
};

const int kNodeWeights[kNodeCount] = {
    20, 12, 3, 4, 1, 1, 2, 5, 3, 2, 8, 4, 4,   // 预算编制情况
    40, 2, 2, 21, 4, 3, 3, 3, 2, 1, 2, 6, 10, 5, 5, 7, 4, 3,  // 预算执行情况
    10, 7, 3, 2, 2, 3, 1, 1, 1,                // 预算监督情况
    30, 4, 4, 11, 5, 4, 2, 2, 2, 10, 10, 5, 5, 5, 2, 3,  // 预算执行效益
};

const Node kReviewNodes[kReviewCount] = {
    kTargetCompleteness, kTargetSoundness, kInstitutions,         kFinancialCompliance, kProjectProcedure, kProjectSupervision,
    kAssetRules,         kBudgetDisclosure, kGoalDisclosure,      kSelfEvalDisclosure,  kSelfEvalOrganisation,
    kSelfEvalTimeliness, kSelfEvalQuality,  kDutyIndicators,      kProjectOutcomes,     kSatisfaction,
};

const char* const kApprovalNames[3] = {"按时", "超时", "未批复"};
const char* const kGradeNames[4] = {"优", "良", "中", "差"};

namespace {

using Raw = Decimal::Raw;

// Constants as exact decimals: c(9, 1) is 0.9, c(5, 2) is 0.05.
constexpr Decimal c(std::int64_t units, int places = 0) {
  Raw r = static_cast<Raw>(units) * Decimal::kOne;
  for (int i = 0; i < places; ++i) r /= 10;
  return Decimal::fromRaw(r);
}
constexpr Decimal kZero = c(0), kOne = c(1), kTwo = c(2), kThree = c(3), kFour = c(4), kFive = c(5);
constexpr Decimal kHalf = c(5, 1), kHundred = c(100);

class Card {
 public:
  Card(const Department& d, Scores& out) : d_(d), s_(out.node), out_(out) {}

  void run();

 private:
  const Department& d_;
  std::array<Decimal, kNodeCount>& s_;
  Scores& out_;
  bool bad_ = false;

  // + and − inline, as the JIT emits them; × ÷ and rounding are the runtime's.
  Decimal add(Decimal a, Decimal b) {
    Raw r;
    if (__builtin_add_overflow(a.raw(), b.raw(), &r)) [[unlikely]] bad_ = true;
    return Decimal::fromRaw(r);
  }
  Decimal sub(Decimal a, Decimal b) {
    Raw r;
    if (__builtin_sub_overflow(a.raw(), b.raw(), &r)) [[unlikely]] bad_ = true;
    return Decimal::fromRaw(r);
  }
  Decimal mul(Decimal a, Decimal b) {
    Decimal r;
    if (checkedMul(a, b, r) != DecimalStatus::Ok) [[unlikely]] bad_ = true;
    return r;
  }
  Decimal div(Decimal a, Decimal b) {
    Decimal r;
    if (checkedDiv(a, b, r) != DecimalStatus::Ok) [[unlikely]] bad_ = true;
    return r;
  }
  Decimal round2(Decimal v) {
    Decimal r;
    if (roundHalfAway(snapForRounding(v), 2, r) != DecimalStatus::Ok) [[unlikely]] bad_ = true;
    return r;
  }
  Decimal ceil0(Decimal v) {
    Decimal r;
    if (ceilTo(snapForRounding(v), 0, r) != DecimalStatus::Ok) [[unlikely]] bad_ = true;
    return r;
  }
  static Decimal count(std::int32_t n) { return Decimal::fromInt(n); }
  static Decimal weight(Node n) { return Decimal::fromInt(kNodeWeights[n]); }

  // 核定分 replaces whatever the rule gave.
  void set(Node n, Decimal score) {
    for (std::int32_t i = 0; i < d_.overrideCount; ++i)
      if (d_.overrides[i].node == n) score = d_.overrides[i].score;
    s_[n] = score;
  }
  // A computed leaf: its exact score must lie in [0, 分值]; rounded to 2 places.
  void leaf(Node n, Decimal exact) {
    if (exact < kZero || exact > weight(n)) [[unlikely]] bad_ = true;
    set(n, round2(exact));
  }
  void review(int i) {
    Node n = kReviewNodes[i];
    leaf(n, d_.review[i]);
  }
  // 不考核 → 转入: 分值 moves in equal shares to the targets, at their score rate.
  void moved(Node n, Node a) { set(n, round2(share(div(weight(n), kOne), a))); }
  void moved(Node n, Node a, Node b) {
    Decimal each = div(weight(n), kTwo);
    set(n, round2(add(share(each, a), share(each, b))));
  }
  Decimal share(Decimal each, Node target) { return mul(each, div(s_[target], weight(target))); }
  void sum(Node n, std::initializer_list<Node> children) {
    Decimal total = kZero;
    for (Node c : children) total = add(total, s_[c]);
    set(n, total);
  }
};

void Card::run() {
  const Department& d = d_;

  // ── 预算编制情况 ───────────────────────────────────────────────────────────
  leaf(kReasonableness, add(add(d.fitsDuties ? kOne : kZero, d.allocationSound ? kOne : kZero),
                            d.allocationNotFixed ? kOne : kZero));
  leaf(kProjectLibrary, d.projectLibrary ? kOne : kZero);
  leaf(kProjectDetail, d.projectDetailed ? kOne : kZero);
  if (!d.hasTransfers) {
    moved(kTransferAdvance, kProjectLibrary, kProjectDetail);
  } else {
    if (!d.hasGeneralAdvance || !d.hasSpecialAdvance) bad_ = true;  // 缺失时 报错
    Decimal general = mul(kOne, min(kOne, div(d.generalAdvance, c(9, 1))));
    Decimal special = mul(kOne, min(kOne, div(d.specialAdvance, c(7, 1))));
    leaf(kTransferAdvance, add(general, special));
  }
  sum(kStandardisation, {kProjectLibrary, kProjectDetail, kTransferAdvance});

  if (d.incomeBudget.isZero()) {
    set(kIncomeVariance, kThree);
  } else {
    Decimal rate = abs(div(sub(sub(d.incomeFinal, d.incomeAdjustment), d.incomeBudget), d.incomeBudget));
    Decimal steps = kZero;
    if (rate > kZero) steps = ceil0(div(rate, c(5, 2)));  // 每 5% 扣 0.5分，不足 进一
    leaf(kIncomeVariance, max(kZero, sub(kThree, mul(steps, kHalf))));
  }
  {
    std::int32_t n = d.nonPolicyAdjustments;
    Decimal deducted = n < 3 ? kZero : n < 5 ? kHalf : kOne;
    for (std::int32_t k : {d.over20Projects, d.over50Projects}) {  // 每 1项 扣 0.5分
      Decimal steps = k > 0 ? div(count(k), kOne) : kZero;
      deducted = add(deducted, mul(steps, kHalf));
    }
    leaf(kProjectAccuracy, max(kZero, sub(kTwo, deducted)));
  }
  sum(kAccuracy, {kIncomeVariance, kProjectAccuracy});
  sum(kBudgeting, {kReasonableness, kStandardisation, kAccuracy});
  review(0);
  review(1);
  sum(kTargets, {kTargetCompleteness, kTargetSoundness});
  sum(kBudgetPrep, {kBudgeting, kTargets});

  // ── 预算执行情况 ───────────────────────────────────────────────────────────
  review(2);
  sum(kSafeguards, {kInstitutions});

  if (d.allocated.isZero()) {
    set(kSpendingRate, kFour);
  } else {
    Decimal r = div(d.spent, d.allocated);
    leaf(kSpendingRate, r >= kOne ? kFour : r >= c(9, 1) ? kThree : r >= c(8, 1) ? kTwo : r >= c(7, 1) ? kOne : kZero);
  }
  {
    Decimal income = add(add(d.carryIn, d.generalFunds), d.fundBudget);
    Decimal r = income.isZero() ? kZero : div(d.carryOut, income);
    leaf(kCarryOverRate, r <= c(1, 1) ? kThree : r <= c(2, 1) ? kTwo : r <= c(3, 1) ? kOne : kZero);
  }
  if (d.stockPrev.isZero()) {
    leaf(kStockEfficiency, d.stockNow.isZero() ? kThree : kZero);
  } else {
    Decimal change = sub(div(d.stockNow, d.stockPrev), kOne);
    leaf(kStockEfficiency, change <= c(-15, 2) ? kThree : change <= c(-1, 1) ? kTwo : change <= kZero ? kOne : kZero);
  }
  if (!d.hasTransfers)
    moved(kTransferPart, kSpendingRate);
  else
    leaf(kTransferPart, d.transferDue.isZero() ? kTwo : std::min(kTwo, mul(kTwo, div(d.transferOnTime, d.transferDue))));  // 最小(…, 分值)
  if (!d.hasSubordinates) {
    moved(kDeptBudgetPart, kSpendingRate);
  } else {
    if (!d.hasApproval) bad_ = true;  // required
    leaf(kDeptBudgetPart, d.approval == Approval::OnTime ? kOne : d.approval == Approval::Late ? kHalf : kZero);
  }
  sum(kLegality, {kTransferPart, kDeptBudgetPart});
  leaf(kProcurement, d.procurementActual > d.procurementPlan ? kZero
                     : d.procurementPlan.isZero()            ? kTwo
                                                             : mul(kTwo, div(d.procurementActual, d.procurementPlan)));
  review(3);
  sum(kSpending, {kSpendingRate, kCarryOverRate, kStockEfficiency, kLegality, kProcurement, kFinancialCompliance});
  review(4);
  review(5);
  sum(kProjectManagement, {kProjectProcedure, kProjectSupervision});
  review(6);
  if (d.assetsTotal.isZero()) {
    set(kAssetUtilisation, kThree);
  } else {
    Decimal r = div(d.assetsInUse, d.assetsTotal);
    leaf(kAssetUtilisation, r >= c(95, 2) ? kThree : r >= c(9, 1) ? kOne : kZero);
  }
  sum(kAssets, {kAssetRules, kAssetUtilisation});
  sum(kExecution, {kSafeguards, kSpending, kProjectManagement, kAssets});

  // ── 预算监督情况 ───────────────────────────────────────────────────────────
  review(7);
  review(8);
  review(9);
  sum(kDisclosure, {kBudgetDisclosure, kGoalDisclosure, kSelfEvalDisclosure});
  review(10);
  review(11);
  review(12);
  sum(kSelfEvaluation, {kSelfEvalOrganisation, kSelfEvalTimeliness, kSelfEvalQuality});
  sum(kOversight, {kDisclosure, kSelfEvaluation});

  // ── 预算执行效益 ───────────────────────────────────────────────────────────
  leaf(kOfficeCostControl, add(d.threeCostsActual <= d.threeCostsBudget ? kTwo : kZero,
                               d.officeActual <= d.officeBudget ? kTwo : kZero));
  sum(kEconomy, {kOfficeCostControl});
  if (!d.hasPartyInspection || !d.hasGovInspection) {
    s_[kKeyWork] = kFive;  // 缺失时 满分 (the scorer applies no 核定分 to a missing-data score)
  } else {
    Decimal avg = div(add(d.partyInspection, d.govInspection), kTwo);
    leaf(kKeyWork, mul(div(avg, kHundred), kFive));
  }
  if (d.deptGoals == 0)
    set(kDeptGoals, kTwo);
  else
    leaf(kDeptGoals, div(mul(kTwo, count(d.deptGoalsDone)), count(d.deptGoals)));
  if (d.projectGoals == 0)
    moved(kProjectGoals, kDeptGoals);
  else
    leaf(kProjectGoals, div(mul(kTwo, count(d.projectGoalsDone)), count(d.projectGoals)));
  sum(kGoalEfficiency, {kDeptGoals, kProjectGoals});
  if (d.projectsPlanned == 0)
    moved(kProjectTimeliness, kDeptGoals);
  else
    leaf(kProjectTimeliness, div(mul(kTwo, count(d.projectsOnTime)), count(d.projectsPlanned)));
  sum(kEfficiency, {kKeyWork, kGoalEfficiency, kProjectTimeliness});
  review(13);
  review(14);
  sum(kSocialBenefit, {kDutyIndicators, kProjectOutcomes});
  sum(kEffectiveness, {kSocialBenefit});
  leaf(kPetitions, add(d.feedbackChannel ? kOne : kZero,
                       d.petitions == 0 ? kOne : div(mul(kOne, count(d.petitionsOnTime)), count(d.petitions))));
  review(15);
  sum(kFairness, {kPetitions, kSatisfaction});
  sum(kBenefits, {kEconomy, kEfficiency, kEffectiveness, kFairness});

  // ── 总分与加减分 ───────────────────────────────────────────────────────────
  Decimal total = add(add(add(s_[kBudgetPrep], s_[kExecution]), s_[kOversight]), s_[kBenefits]);
  out_.bonus = min(mul(count(d.commendations), kOne), kThree);   // 表彰 × 1分，最多 3分
  out_.penalty = min(mul(count(d.accountability), kTwo), c(6));  // 问责 × 2分，最多 6分
  total = sub(min(kHundred, add(total, out_.bonus)), out_.penalty);
  out_.total = round2(max(kZero, total));
  out_.grade = out_.total >= c(90) ? 0 : out_.total >= c(80) ? 1 : out_.total >= c(60) ? 2 : 3;
  out_.ok = !bad_;
}

}  // namespace

void score(const Department& d, Scores& out) { Card(d, out).run(); }

}  // namespace defen::bench::zj

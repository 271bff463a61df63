// The Zhanjiang 2022 department standard (rulesets/zhanjiang-2022-dept.rules)
// written out by hand in C++: the practical speed limit for the compiled
// engines. It uses the same exact decimal type and the same rounding as defen
// (each leaf snapped to 15 places and rounded half away from zero to 2; a
// parent is the exact sum of its children; 不考核 → 满分 / 转入; overrides;
// bonus capped, total capped at 100 then penalty floored at 0), and divides
// and multiplies in the same order the ruleset writes, so every indicator
// score and the total equal defen's to the last digit. The benchmark checks
// that against the interpreter and the JIT before it measures anything.
#pragma once

#include "compiler/core/decimal.h"

#include <array>
#include <cstdint>

namespace defen::bench::zj {

// Indicators in document order (the same order as the ruleset's nodes).
enum Node : int {
  kBudgetPrep,             // 预算编制情况 20
  kBudgeting,              // 预算编制 12
  kReasonableness,         // 预算编制合理性 3 (逐项)
  kStandardisation,        // 预算编制规范性 4
  kProjectLibrary,         // 项目库储备 1
  kProjectDetail,          // 项目预算细化 1
  kTransferAdvance,        // 转移支付提前下达 2 (不考核 → 转入 项目库储备、项目预算细化)
  kAccuracy,               // 预算编制准确性 5
  kIncomeVariance,         // 财政拨款收入预决算差异率 3 (扣分)
  kProjectAccuracy,        // 项目预算编制准确性 2 (扣分)
  kTargets,                // 目标设置 8
  kTargetCompleteness,     // 目标完整性 4 评审
  kTargetSoundness,        // 目标科学性 4 评审
  kExecution,              // 预算执行情况 40
  kSafeguards,             // 保障措施 2
  kInstitutions,           // 制度措施健全性 2 评审
  kSpending,               // 支出管理 21
  kSpendingRate,           // 支出完成率 4
  kCarryOverRate,          // 结转结余率 3
  kStockEfficiency,        // 国库集中支付结转结余存量资金效率性 3
  kLegality,               // 资金下达合法性 3
  kTransferPart,           // 转移支付部分 2 (不考核 → 转入 支出完成率)
  kDeptBudgetPart,         // 部门预算部分 1 (不考核 → 转入 支出完成率)
  kProcurement,            // 政府采购执行率 2
  kFinancialCompliance,    // 财务合规性 6 评审
  kProjectManagement,      // 项目管理 10
  kProjectProcedure,       // 项目实施程序 5 评审
  kProjectSupervision,     // 项目监管 5 评审
  kAssets,                 // 资产管理 7
  kAssetRules,             // 资产管理情况规范性 4 评审
  kAssetUtilisation,       // 固定资产利用率 3
  kOversight,              // 预算监督情况 10
  kDisclosure,             // 信息公开 7
  kBudgetDisclosure,       // 预决算 3 评审
  kGoalDisclosure,         // 绩效目标 2 评审
  kSelfEvalDisclosure,     // 自评材料 2 评审
  kSelfEvaluation,         // 绩效自评 3
  kSelfEvalOrganisation,   // 组织建立情况 1 评审
  kSelfEvalTimeliness,     // 自评材料报送及时性 1 评审
  kSelfEvalQuality,        // 自评材料报送质量 1 评审
  kBenefits,               // 预算执行效益 30
  kEconomy,                // 经济性 4
  kOfficeCostControl,      // 公用经费控制率 4 (逐项)
  kEfficiency,             // 效率性 11
  kKeyWork,                // 重点工作完成效率 5 (督查得分缺失时 满分)
  kGoalEfficiency,         // 绩效目标完成效率 4
  kDeptGoals,              // 部门整体绩效目标完成 2
  kProjectGoals,           // 项目绩效目标完成 2 (不考核 → 转入 部门整体绩效目标完成)
  kProjectTimeliness,      // 项目完成及时性 2 (不考核 → 转入 部门整体绩效目标完成)
  kEffectiveness,          // 效果性 10
  kSocialBenefit,          // 社会经济环境效益 10
  kDutyIndicators,         // 主要指标体现履职效果 5 评审
  kProjectOutcomes,        // 主要项目实现预期效果 5 评审
  kFairness,               // 公平性 5
  kPetitions,              // 群众信访办理情况 2
  kSatisfaction,           // 公众或服务对象满意度 3 评审
  kNodeCount
};

// Name and 分值 of each indicator, by Node.
extern const char* const kNodeNames[kNodeCount];
extern const int kNodeWeights[kNodeCount];

// The 评审 indicators, in document order; Department::review is indexed by this.
constexpr int kReviewCount = 16;
extern const Node kReviewNodes[kReviewCount];

enum class Approval : std::uint8_t { OnTime, Late, None };  // 按时、超时、未批复
extern const char* const kApprovalNames[3];

// One department's inputs, already typed: money in 元 and ratios as fractions
// (exact decimals), counts as integers.
struct Department {
  // 预算编制
  Decimal incomeBudget;        // 收入预算数
  Decimal incomeFinal;         // 收入决算数
  Decimal incomeAdjustment;    // 收入预算调整额
  std::int32_t nonPolicyAdjustments = 0;  // 非统一政策调整事项数
  std::int32_t over20Projects = 0;        // 调整比例超20%项目数
  std::int32_t over50Projects = 0;        // 预决算差异超50%项目数
  bool projectLibrary = false;            // 项目库按要求储备
  bool projectDetailed = false;           // 项目预算细化到位
  bool hasTransfers = false;              // 有主管转移支付
  bool hasGeneralAdvance = false, hasSpecialAdvance = false;  // present? (only read when hasTransfers)
  Decimal generalAdvance;      // 一般性转移支付提前下达比例
  Decimal specialAdvance;      // 专项转移支付提前下达比例
  // 支出管理
  Decimal spent;               // 年度实际支出
  Decimal allocated;           // 财政下达预算数
  Decimal carryIn;             // 年初结转结余
  Decimal generalFunds;        // 一般公共预算财政拨款
  Decimal fundBudget;          // 政府性基金预算财政拨款
  Decimal carryOut;            // 年末结转结余
  Decimal stockPrev;           // 上年末存量资金
  Decimal stockNow;            // 本年末存量资金
  Decimal transferOnTime;      // 按时下达转移支付金额
  Decimal transferDue;         // 应下达转移支付金额
  bool hasSubordinates = false;  // 有下属单位
  bool hasApproval = false;      // 下属单位预算批复 present? (only read when hasSubordinates)
  Approval approval = Approval::OnTime;
  Decimal procurementPlan;     // 政府采购计划金额
  Decimal procurementActual;   // 政府采购实际金额
  // 资产管理
  Decimal assetsInUse;         // 在用固定资产总额
  Decimal assetsTotal;         // 固定资产总额
  // 经济性
  Decimal threeCostsBudget;    // 三公经费预算数
  Decimal threeCostsActual;    // 三公经费实际支出数
  Decimal officeBudget;        // 日常公用经费调整预算数
  Decimal officeActual;        // 日常公用经费决算数
  // 效率性 (督查得分: 缺失时 满分)
  bool hasPartyInspection = false, hasGovInspection = false;
  Decimal partyInspection;     // 市委督查得分
  Decimal govInspection;       // 政府督查得分
  std::int32_t deptGoals = 0, deptGoalsDone = 0;        // 整体绩效目标数 / 完成数
  std::int32_t projectGoals = 0, projectGoalsDone = 0;  // 项目绩效目标数 / 完成数
  std::int32_t projectsPlanned = 0, projectsOnTime = 0; // 预算安排项目数 / 按时完成项目数
  // 公平性
  bool feedbackChannel = false;  // 设有群众意见渠道
  std::int32_t petitions = 0, petitionsOnTime = 0;  // 信访件数 / 按时回复信访件数
  // 加减分项
  std::int32_t commendations = 0;  // 表彰次数
  std::int32_t accountability = 0; // 问责次数
  // 预算编制合理性
  bool fitsDuties = false;         // 预算编制符合职责和政策
  bool allocationSound = false;    // 预算资金分配合理
  bool allocationNotFixed = false; // 预算分配不固化
  // Reviewer scores (each with a 说明 in the data), by kReviewNodes.
  std::array<Decimal, kReviewCount> review{};
  // 核定分: the data replaces an indicator's score (with a 说明).
  struct Override {
    Node node = kNodeCount;
    Decimal score;
  };
  std::int32_t overrideCount = 0;
  std::array<Override, 2> overrides{};
};

struct Scores {
  std::array<Decimal, kNodeCount> node{};  // final scores (after overrides)
  Decimal bonus, penalty;                  // after caps
  Decimal total;                           // rounded
  int grade = -1;                          // 0 优, 1 良, 2 中, 3 差
  bool ok = false;                         // false: a leaf left [0, 分值] or arithmetic overflowed
};

extern const char* const kGradeNames[4];

// Scores one department. Allocation-free; `out` is fully overwritten.
void score(const Department& d, Scores& out);

}  // namespace defen::bench::zj

// 评分说明: a Chinese sentence per indicator, built from the trace alone (the
// values read, the band that fired, the deductions, the policy applied), in
// the register of the seed tables: "支出完成率=…=95.00%，不低于90%且低于100%，得3.00分。"
// Every rule kind has its sentence (formula, band, checklist, deduction, 不考核,
// 转入, 折算, missing data, override, review); none quotes the ruleset's syntax.
#pragma once

#include "compiler/eval/value_text.h"  // formatForPeople, wanText
#include "compiler/ir/ir.h"
#include "compiler/core/result.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace defen {

std::string explainNode(const ir::Program& program, const RecordResult& result, int node);
// The 加减分 lines in words: "表彰次数2×1分（最多3分），加2.00分；问责次数0×2分，减0.00分。"
// `trace` holds the inputs the lines read.
std::string explainBonus(const ir::Program& program, const RecordResult& result, const NodeResult& trace);

// The inputs and 令 a node read, as (name, value as people read it), in the node's static order.
std::vector<std::pair<std::string, std::string>> valuesOf(const ir::Program& program, const NodeResult& result, int skipInput = -1);
// "a、b、c": parts with `sep` between them.
std::string joined(const std::vector<std::string>& parts, std::string_view sep);
// Rule text quoted in a sentence: one line, single spaces.
std::string oneLine(const std::string& text);

}  // namespace defen

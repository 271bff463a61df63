// A value as a person reads it, in messages and 评分说明 alike: 3,974,522.77元,
// 35.74%, 5项, 4分, 是. Here, below the report layer, because the messages
// made from fault codes after scoring (compiler/eval/bind/bind_messages.h,
// eval::Scorer) quote values the same way the explanations do.
#pragma once

#include "compiler/ir/ir.h"
#include "compiler/core/value.h"

#include <string>

namespace defen {

// `places` ≥ 0: that many decimals (rounded half up) instead of the usual ones ({执行率:0} → 82%).
std::string formatForPeople(const ir::Program& program, ir::Display display, const Value& v, int enumInput = -1, int places = -1);
// An amount held in 元 as the data gave it, in 万元: "397.4523万元" (at least 2
// decimals, more while they are not zero, up to the 元's own precision).
// `places` ≥ 0: exactly that many.
std::string wanText(Decimal yuan, int places = -1);

}  // namespace defen

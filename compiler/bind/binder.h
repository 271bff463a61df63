// Raw rows → typed records for one checked program.
//
// Columns are matched to inputs by name; besides inputs, the data may carry
// per-indicator columns: `指标名.说明` (reason), `指标名.档次` (reviewer tier),
// `指标名.核定分` (override). A bad cell is a fault of the indicators that read
// it (or of the one it overrides), not of the whole row: the scorer fails just
// those, reports the message once, and scores the rest of the row.
#pragma once

#include "compiler/ir/ir.h"
#include "runtime/table.h"
#include "runtime/value.h"

#include <optional>
#include <string>
#include <vector>

namespace defen {

struct NodeData {
  std::optional<Decimal> override;  // 核定分
  std::string reason;               // 说明
  std::string tier;                 // 档次
  std::string fault;                // why the 核定分 cell was refused ("" when fine), naming the column
};

struct BoundRecord {
  int row = 0;
  int line = 0;
  std::string id;
  std::vector<Value> inputs;    // per input slot
  std::vector<NodeData> nodes;  // per node
  std::vector<std::string> inputFaults;  // per input slot: why its cell was refused ("" when fine), naming the column
  std::vector<std::string> errors;       // row-level: the row cannot be scored at all
  std::vector<std::string> warnings;     // values outside an input's 通常 range: used, but worth a look
};

struct ColumnMap {
  std::vector<int> input;     // per input slot: column index or -1
  std::vector<int> inputReason;  // per input slot: `输入名.说明` for a declared 评审分
  std::vector<int> reason;    // per node
  std::vector<int> tier;      // per node
  std::vector<int> override;  // per node
  int id = -1;                // 名称 / 单位 / 部门 / id
};

// Matches columns; columns matching nothing are returned as warnings, and so
// are `X.说明` columns nothing reads (an indicator neither reviewed nor given
// `X.核定分`, an input that is not a 评审分).
ColumnMap mapColumns(const ir::Program& program, const Table& table, std::vector<std::string>& warnings);

BoundRecord bindRecord(const ir::Program& program, const ColumnMap& map, const Table& table, const Record& record);

// One record from name → text pairs (tests, embedding).
BoundRecord bindFields(const ir::Program& program, const std::vector<std::pair<std::string, std::string>>& fields, int row = 1);

}  // namespace defen

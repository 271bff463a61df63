// Raw rows → typed records for one checked program.
//
// Columns are matched to inputs by name; besides inputs, the data may carry
// per-indicator columns: `指标名.说明` (reason), `指标名.档次` (reviewer tier),
// `指标名.核定分` (override). A bad cell is a fault of the indicators that read
// it (or of the one it overrides), not of the whole row: the scorer fails just
// those, reports the message once, and scores the rest of the row.
#pragma once

#include "compiler/ir/ir.h"
#include "compiler/core/table.h"
#include "compiler/core/value.h"

#include <optional>
#include <string>
#include <vector>

namespace defen {

// Why the binder refused a cell: a code and its operands, never text. Binding
// a row formats nothing; the message is made only when a fault is reported
// (bindFaultText, compiler/eval/bind/bind_messages.h), from these operands.
struct BindFault {
  enum class Code : uint8_t {
    None,
    Unreadable,          // the cell is no value of the input's type (convertCell's message): cellKind, text
    OutOfRange,          // outside the input's 规定范围: value, text (the cell, for the unit it may have mistaken)
    ReviewNoReason,      // a 评审分 without its `.说明`
    NotRows,             // a 行集 input given something that is no list: text (the cell, trimmed)
    OverrideUnreadable,  // a 核定分 cell that is no score: cellKind, text
    OverrideOutOfRange,  // a 核定分 outside [0, 分值]: value
    OverrideNoReason,    // a 核定分 without its `.说明`
    Reader,              // the reader's own word about the cell: text is the whole message (列“…”：…)
  };
  Code code = Code::None;
  int slot = -1;  // the input slot; for a 核定分, the node
  Cell::Kind cellKind = Cell::Kind::Text;
  Decimal value;
  std::string text;
  bool refused() const { return code != Code::None; }
};

// A value outside its input's 通常 range: used, but worth a look (the message: bindWarningText).
struct BindWarning {
  int slot = -1;
  Decimal value;
  Cell::Kind cellKind = Cell::Kind::Text;
  std::string text;  // the cell, for the unit it may have mistaken
};

struct NodeData {
  std::optional<Decimal> override;  // 核定分
  std::string reason;               // 说明
  std::string tier;                 // 档次
  BindFault fault;                  // why the 核定分 cell was refused
};

// One row of a row set (compiler/eval/bind/row_binder.cpp): the values of its
// columns by input slot (a 指标值 column's direction in its companion slot),
// each cell as written, and the faults of cells that could not be read.
struct BoundRow {
  int row = 0;   // 1-based within the list
  int line = 0;  // line in the file (0 if unknown)
  std::vector<std::pair<int, Value>> values;
  std::vector<std::pair<int, std::string>> texts;
  std::vector<std::pair<int, std::string>> faults;  // (column slot, "列“年度指标值”：…"): the cells it could not read
  const Value* value(int slot) const;
  std::string text(int slot) const;
};

struct BoundRowSet {
  bool present = false;  // the record has the list (perhaps empty)
  std::vector<BoundRow> rows;
};

struct BoundRecord {
  int row = 0;
  int line = 0;
  std::string id;
  std::vector<Value> inputs;    // per input slot
  std::vector<NodeData> nodes;  // per node
  std::vector<BindFault> inputFaults;    // per input slot: why its cell was refused
  std::vector<std::string> errors;       // row-level: the row cannot be scored at all
  std::vector<BindWarning> warnings;     // values outside an input's 通常 range: used, but worth a look
  std::vector<BoundRowSet> rowSets;      // per input slot: the rows of a 行集 input (empty for the others)
  std::vector<std::string> texts;        // 文字 values that are no literal of the ruleset: code −1−i is texts[i]
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

// The spec a 核定分 cell is read with (a score: any decimal, "3分").
const InputSpec& overrideSpec();

// One record from name → text pairs (tests, embedding).
BoundRecord bindFields(const ir::Program& program, const std::vector<std::pair<std::string, std::string>>& fields, int row = 1);

}  // namespace defen

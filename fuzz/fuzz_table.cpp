#include "fuzz/fuzz_table.h"

#include "compiler/eval/bind/binder.h"
#include "fuzz/fuzz_rulesets.h"

namespace defen::fuzz {

void bindTable(const Table& table) {
  // Every record has exactly one cell per column (table.h), rows count from 1.
  for (const Record& r : table.records)
    if (r.cells.size() != table.columns.size() || r.row < 1) __builtin_trap();
  // The ruleset with the most inputs gives the column names the best odds.
  const auto& all = shippedRulesets();
  const ShippedRuleset* widest = &all.front();
  for (const auto& rs : all)
    if (rs.program().inputs.size() > widest->program().inputs.size()) widest = &rs;
  std::vector<std::string> warnings;
  ColumnMap map = mapColumns(widest->program(), table, warnings);
  for (const Record& r : table.records) bindRecord(widest->program(), map, table, r);
}

}  // namespace defen::fuzz

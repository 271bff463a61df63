// Between the compiler's types and the public API's plain values
// (include/defen/). Internal to libdefen: never installed.
#pragma once

#include "lib/driver/driver.h"
#include "compiler/report/report_schema.h"
#include "defen/ruleset.hpp"

#include <memory>

namespace defen {

// What a Ruleset shares between its copies, immutable once built: the loaded
// ruleset (lib/driver/driver.h; every call makes its own scorer over its
// engine) and what the public API adds.
struct Ruleset::State : LoadedRuleset {
  LoadOptions options;
  std::vector<Message> warnings;
};

struct RulesetAccess {
  static Ruleset make(std::shared_ptr<const Ruleset::State> state) { return Ruleset(std::move(state)); }
  static const Ruleset::State& state(const Ruleset& r) { return *r.state_; }
};

Points pointsOf(Decimal value, int places);
std::vector<Message> messagesOf(const Compilation& c);
// A checked compilation → a loaded ruleset (or its errors). Builds the engine.
LoadResult finishLoad(Compilation c, const LoadOptions& options);
Scorecard scorecardOf(const ReportSchema& schema, const RecordResult& r);

}  // namespace defen

// defen, the C++ library: load a scoring standard (.rules), score departments.
//
//   defen::LoadResult loaded = defen::Ruleset::load("rulesets/zhanjiang-2022-dept.rules");
//   if (!loaded.ok()) std::cerr << loaded.errorText();
//   defen::BatchResult batch = loaded.ruleset->evaluateFile("data.json");
//   batch.scorecards[0].total.text  // "86.5"
//
// docs/embedding.md describes the whole API, the C ABI (defen/defen.h) and
// the registry.
#pragma once

#include "defen/registry.hpp"
#include "defen/ruleset.hpp"
#include "defen/scorecard.hpp"

namespace defen {

// The library's version, "0.1.0".
DEFEN_API const char* libraryVersion();

}  // namespace defen

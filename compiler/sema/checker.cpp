#include "compiler/sema/checker.h"

#include "compiler/sema/context.h"

namespace defen {

std::unique_ptr<ir::Program> checkRuleset(const ast::File& file, std::shared_ptr<const SourceFile> source, Diagnostics& diags) {
  sema::Context cx(*source, diags);
  cx.program.source = source;
  sema::declareHeader(cx, file);
  sema::declareInputs(cx, file);
  cx.inputUsed.assign(cx.program.inputs.size(), false);
  sema::declareTree(cx, file);
  sema::lowerRules(cx, file);
  sema::lowerDataChecks(cx, file);
  sema::checkWeights(cx, file);
  sema::checkBands(cx);
  sema::checkDivision(cx);
  // A formula that did not check (units, names) has no meaningful range yet.
  if (!diags.hasErrors()) sema::checkScoreRange(cx);
  sema::orderEvaluation(cx);
  sema::checkUnused(cx);
  diags.sort();
  if (diags.hasErrors()) return nullptr;
  return std::make_unique<ir::Program>(std::move(cx.program));
}

}  // namespace defen

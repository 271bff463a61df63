#include "compiler/tools/diff/written.h"

#include "compiler/report/explain/explain.h"

namespace defen::diff {

std::string oneLine(std::string_view text) { return defen::oneLine(withoutComments(text)); }

std::string written(const ir::Program& program, const SourceRange& range) {
  return range.valid() ? oneLine(program.text(range)) : std::string();
}

Place placeIn(const ir::Program& program, const SourceRange& range) {
  // A standard based on another (基于) is one spliced text; locate() maps a
  // range back to the file that wrote it.
  if (!range.valid()) return Place{range, {}};
  SourceLocation at = program.locate(range);
  return Place{at.range, program.source && at.path == program.source->path() ? std::string() : at.path};
}

std::string points(Decimal value) { return toString(value) + "分"; }

std::string bandText(const ir::Program& program, const ir::BandCase& band) {
  std::string value = band.value ? written(program, band.value->range) : std::string();
  return oneLine(band.text) + " → " + value;
}

}  // namespace defen::diff

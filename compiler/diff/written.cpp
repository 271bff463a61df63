#include "compiler/diff/written.h"

#include "compiler/explain/explain.h"

namespace defen::diff {

std::string oneLine(std::string_view text) { return defen::oneLine(withoutComments(text)); }

std::string written(const ir::Program& program, const SourceRange& range) {
  return range.valid() ? oneLine(program.text(range)) : std::string();
}

Place placeIn(const ir::Program&, const SourceRange& range) {
  // One file per standard here; a standard based on another (基于) is one
  // spliced text whose ranges ir::Program::locate maps back to each file.
  return Place{range, {}};
}

std::string points(Decimal value) { return toString(value) + "分"; }

std::string bandText(const ir::Program& program, const ir::BandCase& band) {
  std::string value = band.value ? written(program, band.value->range) : std::string();
  return oneLine(band.text) + " → " + value;
}

}  // namespace defen::diff

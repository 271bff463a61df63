#include "compiler/ir/ir.h"

#include <fmt/format.h>

#include <filesystem>

namespace defen::ir {

int Program::findInput(const std::string& name) const {
  for (size_t i = 0; i < inputs.size(); ++i)
    if (inputs[i].spec.name == name) return static_cast<int>(i);
  return -1;
}

int Program::findNode(const std::string& name) const {
  for (size_t i = 0; i < nodes.size(); ++i)
    if (nodes[i].name == name) return static_cast<int>(i);
  return -1;
}

SourceLocation Program::locate(const SourceRange& range) const {
  if (origins) return origins->locate(range);
  return {source ? source->path() : std::string(), range};
}

std::string Program::ruleLine(const SourceRange& range) const {
  SourceLocation at = locate(range);
  if (!source || at.path == source->path()) return fmt::format("规则第{}行", at.range.line);
  return fmt::format("规则 {} 第{}行", std::filesystem::path(at.path).filename().string(), at.range.line);
}

bool holds(Cmp c, Decimal::Raw a, Decimal::Raw b) {
  switch (c) {
    case Cmp::Ge: return a >= b;
    case Cmp::Gt: return a > b;
    case Cmp::Le: return a <= b;
    case Cmp::Lt: return a < b;
    case Cmp::Eq: return a == b;
    case Cmp::Ne: return a != b;
  }
  return false;
}

}  // namespace defen::ir

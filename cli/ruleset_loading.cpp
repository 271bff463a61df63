#include "cli/ruleset_loading.h"

#include <iostream>

namespace defen::cli {

std::optional<Compilation> compileOrReport(const std::string& path, Lang lang) {
  Compilation c = compileFile(path);
  if (c.program) return c;
  for (const auto& d : c.diags.all()) std::cerr << renderDiagnostic(d, *c.source, lang);
  return std::nullopt;
}

std::unique_ptr<LoadedRuleset> loadOrReport(const std::string& path, Lang lang, EngineKind engine, bool useCache) {
  std::optional<Compilation> c = compileOrReport(path, lang);
  if (!c) return nullptr;
  return loadOrReport(std::move(*c), engine, useCache);
}

std::unique_ptr<LoadedRuleset> loadOrReport(Compilation c, EngineKind engine, bool useCache) {
  std::string error;
  std::unique_ptr<LoadedRuleset> loaded = loadCompiled(std::move(c), engine, error, useCache);
  if (!loaded) std::cerr << "defen: 内部错误：无法编译规则（" << error << "）\n";
  return loaded;
}

}  // namespace defen::cli

#include "fuzz/fuzz_rulesets.h"

#include "compiler/tools/ruletest/record_generator.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace defen::fuzz {

namespace {

// Enough variety for the fuzzer to choose from (one byte picks a row), few
// enough that generating them costs well under a second per ruleset.
constexpr size_t kBaseRows = 255;

std::vector<std::string> columnsOf(const ir::Program& p) {
  std::vector<std::string> out;
  for (const auto& in : p.inputs) {
    out.push_back(in.spec.name);  // an implicit input is a node's reviewer score, named after it
    if (!in.implicit) out.push_back(in.spec.name + ".说明");
  }
  for (const auto& node : p.nodes)
    for (const char* field : {".说明", ".档次", ".核定分"}) out.push_back(node.name + field);
  out.push_back("名称");
  return out;
}

std::vector<ShippedRuleset> load() {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(DEFEN_SOURCE_DIR) / "rulesets"))
    if (e.path().extension() == ".rules") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<ShippedRuleset> out;
  for (const auto& f : files) {
    ShippedRuleset r;
    r.name = f.stem().string();
    r.compilation = compileFile(f.string());
    if (!r.compilation.program) {
      std::fprintf(stderr, "fuzz: shipped ruleset %s does not compile:\n", f.c_str());
      for (const auto& d : r.compilation.diags.all())
        std::fputs(renderDiagnostic(d, *r.compilation.source, Lang::Zh).c_str(), stderr);
      std::abort();
    }
    r.columns = columnsOf(r.program());
    ruletest::RecordGenerator gen(r.program(), 0x5EED);
    for (size_t i = 0; i < kBaseRows; ++i) r.baseRows.push_back(ruletest::recordFields(r.program(), gen.next()));
    out.push_back(std::move(r));
  }
  if (out.empty()) {
    std::fprintf(stderr, "fuzz: no rulesets in %s/rulesets\n", DEFEN_SOURCE_DIR);
    std::abort();
  }
  return out;
}

}  // namespace

const std::vector<ShippedRuleset>& shippedRulesets() {
  static const std::vector<ShippedRuleset> all = load();
  return all;
}

}  // namespace defen::fuzz

#include "compiler/tools/inherit/flatten.h"

#include "compiler/syntax/parser.h"
#include "compiler/core/contained_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <optional>

namespace defen::inherit {

namespace fs = std::filesystem;

bool isDerived(const ast::File& file) {
  return file.base.has_value() || !file.modifications.empty() || !file.removals.empty();
}

// The base's file name: `name` plus .rules, beside the file naming it. A name
// with a path (separators, an absolute path, ..) or control characters is no
// standard's name: text that names a base must not reach any other file.
std::optional<std::string> baseFileName(const std::string& name) {
  if (name.empty() || name == "." || name == ".." || hasControlCharacters(name) ||
      name.find_first_of("/\\") != std::string::npos)
    return std::nullopt;
  return fs::path(name).extension() == ".rules" ? name : name + ".rules";
}

namespace {

// Bases more than this deep are refused: a real chain is a few years long.
constexpr size_t kMaxChain = 32;

// The base's own problems, each as a note "path:line:col: message" under one
// error at the 基于 line (the base is another file; fix it there).
void reportBrokenBase(Diagnostics& diags, const SourceRange& where, const SourceFile& base, const Diagnostics& baseDiags) {
  auto& d = diags.error("E308", where, fmt::format("基础标准 {} 有错误，请先改正它", base.path()),
                        fmt::format("the base standard {} has errors; fix it first", base.path()));
  int shown = 0;
  for (const auto& b : baseDiags.all()) {
    if (b.severity != Severity::Error || ++shown > 5) continue;
    d.notes.push_back({{}, fmt::format("{}:{}:{}: {}", base.path(), b.range.line, b.range.col, b.zh),
                       fmt::format("{}:{}:{}: {}", base.path(), b.range.line, b.range.col, b.message(Lang::En))});
  }
}

class Flattener {
 public:
  explicit Flattener(Chain& chain) : chain_(chain) {}

  // The file being compiled is the first link of the chain a cycle returns to.
  void enter(const SourceFile& file) {
    std::error_code ec;
    stack_.push_back(fs::weakly_canonical(file.path(), ec).string());
  }

  // Flattens chain_.files[index] (parsed as `syntax`) into `out`. The derived
  // file's own edits are recorded only for index 0.
  bool flatten(int index, const ast::File& syntax, Diagnostics& diags, FlatText& out) {
    const SourceFile& file = *chain_.files[index];
    if (!syntax.base) {
      for (const auto& m : syntax.modifications) changesWithoutBase(diags, m.range);
      for (const auto& r : syntax.removals) changesWithoutBase(diags, r.range);
      if (diags.hasErrors()) return false;
      out.appendOriginal(index, file.text(), 0, file.text().size());
      return true;
    }
    const ast::BaseRef& ref = *syntax.base;
    auto fileName = baseFileName(ref.name);
    if (!fileName) {
      std::string shown = hasControlCharacters(ref.name) ? "" : fmt::format("“{}”", ref.name);
      diags.error("E307", ref.range,
                  fmt::format("基础标准名{}不能含路径：基于 后面只写同一目录中的标准名（如 基于 zhanjiang-2022-dept），"
                              "不能有 /、\\、.. 或控制字符", shown),
                  fmt::format("the base name {} has a path: 基于 names a standard in the same folder (基于 zhanjiang-2022-dept), "
                              "without /, \\, .. or control characters", shown));
      return false;
    }
    std::string dir = folderOf(file.path());
    std::string path = (fs::path(dir) / *fileName).lexically_normal().string();
    std::string resolved;
    FileRefusal refusal = resolveContained(dir, dir, *fileName, kMaxSourceBytes, resolved);
    if (refusal == FileRefusal::Missing) {
      diags.error("E301", ref.range, fmt::format("找不到基础标准“{}”（应为文件 {}）", ref.name, path),
                  fmt::format("base standard '{}' not found (expected the file {})", ref.name, path));
      return false;
    }
    if (refusal != FileRefusal::None) {
      diags.error("E307", ref.range, fmt::format("不能读取基础标准 {}：{}", path, refusalZh(refusal)),
                  fmt::format("cannot read the base standard {}: {}", path, refusalEn(refusal)));
      return false;
    }
    const std::string& key = resolved;
    if (std::find(stack_.begin(), stack_.end(), key) != stack_.end() || stack_.size() >= kMaxChain) {
      std::string cycle;
      for (const auto& p : stack_) cycle += fs::path(p).stem().string() + " → ";
      diags.error("E302", ref.range, fmt::format("基于关系成环：{}{}", cycle, ref.name),
                  fmt::format("the bases form a cycle: {}{}", cycle, ref.name));
      return false;
    }
    std::string text;
    if (FileRefusal r = readRegularFile(resolved, kMaxSourceBytes, text, false); r != FileRefusal::None) {
      diags.error("E307", ref.range, fmt::format("不能读取基础标准 {}：{}", path, refusalZh(r)),
                  fmt::format("cannot read the base standard {}: {}", path, refusalEn(r)));
      return false;
    }
    auto baseFile = std::make_shared<SourceFile>(path, std::move(text));
    int baseIndex = static_cast<int>(chain_.files.size());
    chain_.files.push_back(baseFile);

    Diagnostics baseDiags;
    auto baseSyntax = parseRuleset(*baseFile, baseDiags);
    FlatText baseFlat;
    stack_.push_back(key);
    bool ok = !baseDiags.hasErrors() && flatten(baseIndex, *baseSyntax, baseDiags, baseFlat);
    stack_.pop_back();
    if (!ok) {
      reportBrokenBase(diags, ref.range, *baseFile, baseDiags);
      return false;
    }
    // The edits address the base's effective text, so parse that.
    SourceFile baseFlatFile(path, baseFlat.text());
    Diagnostics flatDiags;
    auto baseFlatSyntax = parseRuleset(baseFlatFile, flatDiags);
    if (flatDiags.hasErrors()) {
      reportBrokenBase(diags, ref.range, baseFlatFile, flatDiags);
      return false;
    }
    // Statements naming nothing in the base are reported and skipped, so that
    // overlapping changes (applyEdits) are reported in the same run.
    std::vector<Edit> edits = planEdits(*baseFlatSyntax, baseFlatFile, syntax, file, diags);
    std::vector<AppliedEdit> applied;
    out = applyEdits(baseFlat, std::move(edits), index, file, diags, applied);
    if (index == 0) {
      chain_.edits = std::move(applied);
      chain_.baseStatement = ref.range;
    }
    return !diags.hasErrors();
  }

 private:
  Chain& chain_;
  std::vector<std::string> stack_;

  static void changesWithoutBase(Diagnostics& diags, const SourceRange& where) {
    diags.error("E304", where, "只有基于另一套标准的文件才能修改或删除；请先写 基于 标准名",
                "only a file based on another standard can change or remove; state 基于 <name> first");
  }
};

}  // namespace

bool flatten(std::shared_ptr<const SourceFile> file, const ast::File& syntax, Diagnostics& diags, Chain& out) {
  out.files = {file};
  Flattener flattener(out);
  flattener.enter(*file);
  return flattener.flatten(0, syntax, diags, out.flat);
}

}  // namespace defen::inherit

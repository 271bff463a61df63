#include "cli/fmt_command.h"

#include "compiler/core/atomic_file.h"
#include "compiler/core/contained_file.h"

#include "compiler/tools/format/formatter.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <system_error>

namespace defen::cli {
namespace {

namespace fs = std::filesystem;

class Messages {
 public:
  explicit Messages(Lang lang) : en_(lang == Lang::En) {}
  Lang lang() const { return en_ ? Lang::En : Lang::Zh; }
  std::string pick(std::string zh, std::string en) const { return en_ ? std::move(en) : std::move(zh); }

 private:
  bool en_;
};

// The files named on the command line, directories replaced by every *.rules
// under them (sorted, so output and CI logs are stable).
bool collectFiles(const std::vector<std::string>& paths, const Messages& m, std::vector<std::string>& files) {
  bool ok = true;
  for (const auto& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
        if (it->is_regular_file() && it->path().extension() == ".rules") found.push_back(it->path().string());
      if (ec) {
        std::cerr << m.pick(fmt::format("defen fmt：无法读取目录 {}：{}\n", path, ec.message()),
                            fmt::format("defen fmt: cannot read directory {}: {}\n", path, ec.message()));
        ok = false;
      } else if (found.empty()) {
        std::cerr << m.pick(fmt::format("defen fmt：目录 {} 中没有 .rules 文件\n", path),
                            fmt::format("defen fmt: no .rules files in directory {}\n", path));
        ok = false;
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(path, ec)) {
      files.push_back(path);
    } else {
      std::cerr << m.pick(fmt::format("defen fmt：找不到文件 {}\n", path), fmt::format("defen fmt: no such file {}\n", path));
      ok = false;
    }
  }
  return ok;
}

// The bytes as they are (a BOM is reported, not dropped); only a regular
// file, so `defen fmt /dev/zero` or a FIFO is an error, not a hang.
bool readFile(const std::string& path, std::string& text) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec) || fs::file_size(path, ec) > kMaxSourceBytes) return false;
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream buffer;
  buffer << in.rdbuf();
  text = buffer.str();
  return !in.bad();
}

// Through AtomicFile (compiler/core/atomic_file.h): written beside the file and
// renamed over it, so an interrupted run leaves the old file or the new one;
// the file keeps its permissions, and a symbolic link stays a link.
bool replaceFile(const std::string& path, const std::string& text, std::string& error) {
  AtomicFile file(path);
  if (!file.create(error)) return false;
  file.stream() << text;
  return file.commit(error);
}

std::vector<std::string_view> splitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// "file:line: …" with the expected and the actual line, for --check. The
// labels are equally wide so that indentation differences show.
std::string describeFirstDifference(const std::string& path, const std::string& expected, const std::string& actual,
                                    const Messages& m) {
  if (actual.starts_with("\xEF\xBB\xBF"))
    return m.pick(fmt::format("{}:1: 未按 defen fmt 格式化：文件开头有 BOM（字节顺序标记）\n", path),
                  fmt::format("{}:1: not formatted as defen fmt would: the file starts with a BOM (byte order mark)\n", path));
  auto want = splitLines(expected), have = splitLines(actual);
  size_t i = 0;
  while (i < want.size() && i < have.size() && want[i] == have[i]) ++i;
  std::string_view wantLine = i < want.size() ? want[i] : std::string_view();
  std::string_view haveLine = i < have.size() ? have[i] : std::string_view();
  std::string why;
  if (i < have.size() && haveLine.ends_with('\r') && haveLine.substr(0, haveLine.size() - 1) == wantLine)
    why = m.pick("：行尾为 CRLF，应为 LF", ": CRLF line ending, expected LF");
  else if (i < have.size() && i < want.size() && haveLine.starts_with(wantLine) &&
           haveLine.find_first_not_of(" \t\r", wantLine.size()) == std::string_view::npos)
    why = m.pick("：行尾有空白", ": trailing whitespace");
  else if (i >= want.size())
    why = m.pick("：多余的空行或文件结尾", ": extra blank lines or text at the end");
  else if (i >= have.size())
    why = m.pick("：文件结尾缺少换行", ": missing line break at the end");
  std::string out = m.pick(fmt::format("{}:{}: 未按 defen fmt 格式化{}\n", path, i + 1, why),
                           fmt::format("{}:{}: not formatted as defen fmt would{}\n", path, i + 1, why));
  std::string shownHave(haveLine);
  if (shownHave.ends_with('\r')) shownHave.pop_back();
  out += m.pick(fmt::format("  应为：{}\n  实际：{}\n", wantLine, shownHave),
                fmt::format("  expected: {}\n  actual:   {}\n", wantLine, shownHave));
  return out;
}

}  // namespace

int runFmt(const FmtOptions& o) {
  Messages m(o.lang);
  std::vector<std::string> files;
  bool failed = !collectFiles(o.paths, m, files);
  int unformatted = 0;

  for (const auto& path : files) {
    std::string text;
    if (!readFile(path, text)) {
      std::cerr << m.pick(fmt::format("defen fmt：无法读取 {}\n", path), fmt::format("defen fmt: cannot read {}\n", path));
      failed = true;
      continue;
    }
    SourceFile source(path, text.starts_with("\xEF\xBB\xBF") ? text.substr(3) : text);
    Diagnostics diags;
    std::optional<std::string> formatted = formatRuleset(source, diags);
    if (!formatted) {
      for (const auto& d : diags.all()) std::cerr << renderDiagnostic(d, source, m.lang());
      std::cerr << m.pick(fmt::format("defen fmt：{} 无法解析（见上），未格式化\n", path),
                          fmt::format("defen fmt: {} does not parse (see above); not formatted\n", path));
      failed = true;
      continue;
    }
    if (o.toStdout) {
      std::cout << *formatted;
      continue;
    }
    if (*formatted == text) continue;
    if (o.check) {
      std::cout << describeFirstDifference(path, *formatted, text, m);
      ++unformatted;
      continue;
    }
    std::string error;
    if (!replaceFile(path, *formatted, error)) {
      std::cerr << m.pick(fmt::format("defen fmt：无法写入 {}：{}\n", path, error),
                          fmt::format("defen fmt: cannot write {}: {}\n", path, error));
      failed = true;
      continue;
    }
    std::cout << m.pick(fmt::format("已格式化 {}\n", path), fmt::format("formatted {}\n", path));
  }

  if (unformatted > 0)
    std::cout << m.pick(fmt::format("{} 个文件未按 defen fmt 格式化；运行 defen fmt 加文件名即可改正\n", unformatted),
                        fmt::format("{} file(s) not formatted; run defen fmt on them to fix\n", unformatted));
  return failed || unformatted > 0 ? kFailed : kOk;
}

Command addFmtCommand(CLI::App& app) {
  auto o = std::make_shared<FmtOptions>();
  CLI::App* command = app.add_subcommand("fmt", "把规则文件排成统一格式（缩进、空格、空行、注释对齐），注释与写法不变 / format ruleset files in the one canonical layout");
  command->add_option("FILES", o->paths, "规则文件或目录（目录指其中所有 .rules 文件）/ ruleset files or directories")->required();
  CLI::Option* check = command->add_flag("--check", o->check, "不改文件，列出未格式化的文件，有则退出码 1（用于 CI）/ change nothing; list unformatted files, exit 1 if any");
  command->add_flag("--stdout", o->toStdout, "把格式化结果写到标准输出，不改文件 / print the formatted text instead of rewriting")->excludes(check);
  addLang(*command, o->lang);
  return {command, [o] { return runFmt(*o); }};
}

}  // namespace defen::cli

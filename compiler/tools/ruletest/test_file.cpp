#include "compiler/tools/ruletest/test_file.h"

#include "compiler/core/contained_file.h"
#include "compiler/io/readers.h"
#include "compiler/io/readers.h"
#include "compiler/core/value.h"

#include <fmt/format.h>

#include <filesystem>
#include <set>
#include <optional>
#include <string_view>

namespace defen::ruletest {

namespace {

// A test's data file is one year's table: far below this.
constexpr std::uintmax_t kMaxDataBytes = 256u << 20;

const char* const kIdColumns[] = {"名称", "单位", "部门", "单位名称", "部门名称", "id", "ID"};

// 1-based code-point column of byte offset `at` in `line`.
int columnOf(std::string_view line, size_t at) {
  int col = 1;
  for (size_t i = 0; i < at && i < line.size(); ++i)
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++col;
  return col;
}

// A piece of a line: its text and byte span, so diagnostics can point at it.
struct Piece {
  std::string_view text;
  size_t begin = 0;
};

bool isSpaceAt(std::string_view s, size_t i, size_t& width) {
  if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r') { width = 1; return true; }
  if (s.substr(i, 3) == "\xE3\x80\x80") { width = 3; return true; }  // U+3000 ideographic space
  return false;
}

Piece trimmed(std::string_view line, size_t begin, size_t end) {
  size_t w = 0;
  while (begin < end && isSpaceAt(line, begin, w)) begin += w;
  while (end > begin) {
    size_t b = end - 1;
    while (b > begin && (static_cast<unsigned char>(line[b]) & 0xC0) == 0x80) --b;
    if (!isSpaceAt(line, b, w)) break;
    end = b;
  }
  return Piece{line.substr(begin, end - begin), begin};
}

// Splits at runs of spaces.
std::vector<Piece> words(std::string_view line, Piece p) {
  std::vector<Piece> out;
  size_t i = p.begin, end = p.begin + p.text.size(), w = 0;
  while (i < end) {
    if (isSpaceAt(line, i, w)) { i += w; continue; }
    size_t start = i;
    while (i < end && !isSpaceAt(line, i, w)) ++i;
    out.push_back(Piece{line.substr(start, i - start), start});
  }
  return out;
}

// Where the comment starts: `#` or `＃` at the start or after a space (so a
// value like “第#3号” keeps its sign).
size_t commentStart(std::string_view line) {
  for (size_t i = 0; i < line.size(); ++i) {
    bool hash = line[i] == '#' || line.substr(i, 3) == "\xEF\xBC\x83";
    size_t w = 0;
    if (hash && (i == 0 || isSpaceAt(line, i - 1, w))) return i;
  }
  return line.size();
}

bool startsWithWord(std::string_view text, std::string_view word) {
  if (text.substr(0, word.size()) != word) return false;
  size_t w = 0;
  return text.size() == word.size() || isSpaceAt(text, word.size(), w);
}

std::optional<Decimal> parseScore(std::string_view text) {
  std::string s(text);
  if (s.size() >= 3 && s.compare(s.size() - 3, 3, "分") == 0) s.erase(s.size() - 3);
  return Decimal::parse(s);
}

std::optional<NodeStatus> parseStatus(std::string_view w) {
  if (w == "不考核") return NodeStatus::NotApplicable;
  if (w == "缺数据") return NodeStatus::Missing;
  if (w == "评审") return NodeStatus::Reviewed;
  if (w == "核定") return NodeStatus::Overridden;
  if (w == "计分") return NodeStatus::Scored;
  if (w == "出错") return NodeStatus::Failed;
  return std::nullopt;
}

class Parser {
 public:
  Parser(std::shared_ptr<const SourceFile> source, const ir::Program& p, Diagnostics& diags, std::string dataRoot)
      : src_(std::move(source)), p_(p), diags_(diags), dataRoot_(std::move(dataRoot)) {}

  TestFile run() {
    TestFile file;
    file.source = src_;

    std::string_view text = src_->text();
    int number = 0;
    size_t pos = 0;
    while (pos <= text.size()) {
      size_t nl = text.find('\n', pos);
      std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
      ++number;
      lineNo_ = number;
      line_ = line;
      Piece body = trimmed(line, 0, commentStart(line));
      if (!body.text.empty()) statement(body, file);
      if (nl == std::string_view::npos) break;
      pos = nl + 1;
    }
    file.baseline = fileBaseline_;
    return file;
  }

 private:
  std::shared_ptr<const SourceFile> src_;
  const ir::Program& p_;
  Diagnostics& diags_;
  std::string dataRoot_;  // when set, data files must lie inside it
  int lineNo_ = 0;
  std::string_view line_;
  std::shared_ptr<const Baseline> fileBaseline_;
  std::set<std::string> names_;

  SourceRange at(Piece p) const {
    return SourceRange{lineNo_, columnOf(line_, p.begin), lineNo_, columnOf(line_, p.begin + p.text.size())};
  }
  Piece after(Piece whole, size_t bytes) const { return trimmed(line_, whole.begin + bytes, whole.begin + whole.text.size()); }

  void statement(Piece body, TestFile& file) {
    TestCase* current = file.cases.empty() ? nullptr : &file.cases.back();
    if (startsWithWord(body.text, "用例")) return startCase(body, file);
    if (startsWithWord(body.text, "数据")) {
      auto baseline = readBaseline(body);
      if (!current) fileBaseline_ = baseline;
      else if (baseline) current->baseline = baseline;
      return;
    }
    if (!current) {
      diags_.error("T001", at(body), "用例之前只能写“数据 文件 第N行”；用例以“用例 名称”开始",
                   "before the first case only `数据 FILE 第N行` may appear; a case starts with `用例 NAME`");
      return;
    }
    if (startsWithWord(body.text, "期望")) return expectation(body, *current);
    size_t eq = body.text.find('=');
    size_t fullEq = body.text.find("＝");
    size_t width = 1;
    if (fullEq != std::string_view::npos && (eq == std::string_view::npos || fullEq < eq)) eq = fullEq, width = 3;
    if (eq != std::string_view::npos) return field(body, eq, width, *current);
    diags_.error("T002", at(body), fmt::format("无法识别的行“{}”：应为“输入名 = 值”或“期望 指标名 得分”", body.text),
                 fmt::format("unrecognised line `{}`: expected `INPUT = VALUE` or `期望 INDICATOR SCORE`", body.text));
  }

  void startCase(Piece body, TestFile& file) {
    Piece name = after(body, std::string_view("用例").size());
    TestCase tc;
    tc.range = at(body);
    tc.baseline = fileBaseline_;
    if (name.text.empty()) {
      diags_.error("T003", at(body), "用例缺少名称", "a case needs a name");
      tc.name = fmt::format("第{}行的用例", lineNo_);
    } else {
      tc.name = std::string(name.text);
      if (!names_.insert(tc.name).second)
        diags_.error("T004", at(name), fmt::format("用例名称“{}”重复", tc.name), fmt::format("duplicate case name `{}`", tc.name));
    }
    file.cases.push_back(std::move(tc));
  }

  std::shared_ptr<const Baseline> readBaseline(Piece body) {
    std::vector<Piece> w = words(line_, after(body, std::string_view("数据").size()));
    if (w.empty() || w.size() > 2) {
      diags_.error("T005", at(body), "应写作“数据 文件路径 第N行”", "expected `数据 FILE 第N行`");
      return nullptr;
    }
    auto b = std::make_shared<Baseline>();
    if (w.size() == 2) {
      std::string row(w[1].text);
      int n = 0;
      bool ok = row.rfind("第", 0) == 0 && row.size() > 6 && row.compare(row.size() - 3, 3, "行") == 0;
      if (ok) {
        std::string digits = row.substr(3, row.size() - 6);
        ok = !digits.empty() && digits.size() < 7 && digits.find_first_not_of("0123456789") == std::string::npos;
        if (ok) n = std::stoi(digits);
      }
      if (!ok || n < 1) {
        diags_.error("T005", at(w[1]), fmt::format("行号应写作“第N行”（N≥1），而不是“{}”", w[1].text),
                     fmt::format("the row is written `第N行` (N ≥ 1), not `{}`", w[1].text));
        return nullptr;
      }
      b->row = n;
    }
    std::optional<std::string> path = dataPath(w[0]);
    if (!path) return nullptr;
    b->path = *path;
    std::string error;
    auto loaded = loadBaseline(b->path, b->row, error);
    bool noRow = error.find("没有第") != std::string::npos;
    if (!loaded) {
      auto& d = diags_.error(noRow ? "T007" : "T006", at(noRow && w.size() == 2 ? w[1] : w[0]), error, error);
      // The usual cause: a rulesets folder copied without the data its tests name.
      if (!noRow && !std::filesystem::exists(b->path))
        d.notes.push_back({{},
                           fmt::format("“{}”相对于本测试文件所在的目录，即 {}；复制规则目录时须把测试数据一并复制，"
                                       "放在规则目录之内（如 testdata/）最稳妥",
                                       w[0].text, b->path),
                           fmt::format("'{}' is relative to this tests file's folder, that is {}; copy the test data with a "
                                       "rulesets folder, best kept inside it (e.g. testdata/)",
                                       w[0].text, b->path)});
    }
    return loaded;
  }


  // Where a 数据 line's file is, or nullopt after T008 (a name with control
  // characters, outside the data root, or no regular file). The file itself
  // decides the name, so under a data root (defen serve) it must not reach
  // anything outside, and never a device or FIFO that would be read forever.
  std::optional<std::string> dataPath(Piece name) {
    namespace fs = std::filesystem;
    std::string text(name.text);
    const std::string dir = folderOf(src_->path());  // one place for it (GCC 12 misread the assignment of "." under -Wrestrict)
    std::string resolved;
    FileRefusal refusal = FileRefusal::None;
    if (!dataRoot_.empty()) {
      refusal = resolveContained(dataRoot_, dir, text, kMaxDataBytes, resolved);
      // Missing inside the project: the reader's own T006 says so, as without a root.
      if (refusal == FileRefusal::Missing) return (fs::path(dir) / text).lexically_normal().string();
    } else if (hasControlCharacters(text)) {
      refusal = FileRefusal::BadName;
    } else {
      fs::path path(text);
      if (path.is_relative()) path = fs::path(dir) / path;
      resolved = path.lexically_normal().string();
      std::error_code ec;
      fs::file_status status = fs::status(resolved, ec);
      if (fs::exists(status) && !fs::is_regular_file(status)) refusal = FileRefusal::NotRegular;
    }
    if (refusal == FileRefusal::None) return resolved;
    std::string shown = hasControlCharacters(text) ? std::string() : "“" + text + "”";
    diags_.error("T008", at(name), fmt::format("数据文件{}不能使用：{}{}", shown, refusalZh(refusal),
                                               dataRoot_.empty() ? "" : "（须是项目目录内的文件）"),
                 fmt::format("the data file {} cannot be used: {}{}", shown, refusalEn(refusal),
                             dataRoot_.empty() ? "" : " (it must be a file inside the project)"));
    return std::nullopt;
  }

  // `名 = 值`: the name must be something the binder reads, the value of the input's type.
  void field(Piece body, size_t eq, size_t width, TestCase& tc) {
    Piece name = trimmed(line_, body.begin, body.begin + eq);
    Piece value = trimmed(line_, body.begin + eq + width, body.begin + body.text.size());
    std::string column(name.text), text(value.text);
    if (column.empty()) {
      diags_.error("T010", at(body), "“=”前缺少输入名", "missing input name before `=`");
      return;
    }
    const InputSpec* spec = nullptr;
    InputSpec overrideSpec{column, InputKind::Number, MoneyUnit::Yuan, {}};
    if (int slot = p_.findInput(column); slot >= 0) {
      spec = &p_.inputs[slot].spec;
    } else if (std::find(std::begin(kIdColumns), std::end(kIdColumns), column) != std::end(kIdColumns)) {
      // the department's name: any text
    } else if (!knownNodeColumn(column, spec, overrideSpec)) {
      diags_.error("T011", at(name), fmt::format("规则中没有名为“{}”的输入；数据列应为输入名，或“指标名.说明”“指标名.档次”“指标名.核定分”", column),
                   fmt::format("the ruleset has no input `{}`; a column is an input, or `INDICATOR.说明`, `.档次`, `.核定分`", column));
      return;
    }
    if (spec && !text.empty()) {
      Conversion conv = convertCell(Cell{Cell::Kind::Text, text}, *spec);
      if (auto* err = std::get_if<std::string>(&conv)) {
        diags_.error("T012", at(value), fmt::format("“{}”的值有误：{}", column, *err), fmt::format("bad value for `{}`: {}", column, *err));
        return;
      }
    }
    tc.fields.push_back(Field{column, text, at(body)});
  }

  // 指标.说明 / 指标.档次 / 指标.核定分, and 输入.说明 for a declared 评审分.
  bool knownNodeColumn(const std::string& column, const InputSpec*& spec, const InputSpec& overrideSpec) {
    size_t dot = column.rfind('.');
    if (dot == std::string::npos) return false;
    std::string owner = column.substr(0, dot), part = column.substr(dot + 1);
    if (p_.findNode(owner) >= 0) {
      if (part == "核定分") spec = &overrideSpec;
      return part == "说明" || part == "档次" || part == "核定分";
    }
    int slot = p_.findInput(owner);
    return slot >= 0 && part == "说明" && p_.inputs[slot].spec.kind == InputKind::Review;
  }

  void expectation(Piece body, TestCase& tc) {
    Piece rest = after(body, std::string_view("期望").size());
    std::vector<Piece> w = words(line_, rest);
    if (w.size() < 2) {
      diags_.error("T020", at(body), "应写作“期望 指标名 得分”（或 总分、等级、加分、减分、错误）",
                   "expected `期望 INDICATOR SCORE` (or 总分, 等级, 加分, 减分, 错误)");
      return;
    }
    Expectation e;
    e.range = at(body);
    std::string_view target = w[0].text;
    Piece value = trimmed(line_, w[1].begin, rest.begin + rest.text.size());
    if (target == "错误") {
      e.kind = Expectation::Kind::Error;
      e.text = std::string(value.text);
    } else if (target == "等级") {
      e.kind = Expectation::Kind::Grade;
      e.text = std::string(value.text);
      bool known = std::any_of(p_.grades.begin(), p_.grades.end(), [&](const ir::Grade& g) { return g.name == e.text; });
      if (!known) {
        diags_.error("T021", at(value), fmt::format("规则中没有等级“{}”", e.text), fmt::format("the ruleset has no grade `{}`", e.text));
        return;
      }
    } else if (target == "总分" || target == "加分" || target == "减分") {
      e.kind = target == "总分" ? Expectation::Kind::Total : target == "加分" ? Expectation::Kind::Bonus : Expectation::Kind::Penalty;
      if (!score(w, e)) return;
    } else {
      e.node = p_.findNode(std::string(target));
      if (e.node < 0) {
        diags_.error("T022", at(w[0]), fmt::format("规则中没有指标“{}”", target), fmt::format("the ruleset has no indicator `{}`", target));
        return;
      }
      // One or two words: a score, a status, or both (期望 支出完成率 不考核 4分).
      for (size_t i = 1; i < w.size(); ++i) {
        if (auto s = parseStatus(w[i].text)) {
          Expectation st = e;
          st.kind = Expectation::Kind::Status;
          st.status = *s;
          tc.expectations.push_back(st);
        } else if (auto d = parseScore(w[i].text)) {
          Expectation sc = e;
          sc.kind = Expectation::Kind::Score;
          sc.score = *d;
          tc.expectations.push_back(sc);
        } else {
          badScore(w[i], true);
          return;
        }
      }
      return;
    }
    tc.expectations.push_back(e);
  }

  bool score(const std::vector<Piece>& w, Expectation& e) {
    if (w.size() != 2) {
      badScore(w.back(), false);
      return false;
    }
    auto d = parseScore(w[1].text);
    if (!d) {
      badScore(w[1], false);
      return false;
    }
    e.score = *d;
    return true;
  }

  void badScore(Piece p, bool statusAllowed) {
    diags_.error("T023", at(p),
                 fmt::format("“{}”不是得分{}", p.text, statusAllowed ? "或状态（不考核、缺数据、评审、核定、计分）" : "（如 4分、86.5分）"),
                 fmt::format("`{}` is not a score{}", p.text, statusAllowed ? " or a status (不考核, 缺数据, 评审, 核定, 计分)" : " (like 4分)"));
  }
};

}  // namespace

TestFile parseTestFile(std::shared_ptr<const SourceFile> source, const ir::Program& program, Diagnostics& diags,
                       const std::string& dataRoot) {
  TestFile file = Parser(std::move(source), program, diags, dataRoot).run();
  for (const auto& tc : file.cases)
    if (tc.expectations.empty())
      diags.warning("W030", tc.range, fmt::format("用例“{}”没有任何“期望”", tc.name), fmt::format("case `{}` expects nothing", tc.name));
  diags.sort();
  return file;
}

TestFile readTestFile(const std::string& path, const ir::Program& program, Diagnostics& diags) {
  std::string text;
  if (FileRefusal refusal = readRegularFile(path, kMaxSourceBytes, text); refusal != FileRefusal::None) {
    diags.error("T000", {}, fmt::format("无法读取测试文件 {}：{}", path, refusalZh(refusal)),
                fmt::format("cannot read test file {}: {}", path, refusalEn(refusal)));
    TestFile f;
    f.source = std::make_shared<SourceFile>(path, "");
    return f;
  }
  return parseTestFile(std::make_shared<SourceFile>(path, std::move(text)), program, diags);
}

std::shared_ptr<const Baseline> loadBaseline(const std::string& path, int row, std::string& error) {
  auto b = std::make_shared<Baseline>();
  b->path = path;
  b->row = row;
  auto table = std::make_shared<Table>(readDataFile(path));
  for (const auto& e : table->errors)
    if (e.row <= 0) {
      error = fmt::format("无法读取数据文件 {}：{}", path, e.message);
      return nullptr;
    }
  for (size_t i = 0; i < table->records.size(); ++i)
    if (table->records[i].row == row) b->record = i, b->table = table;
  if (!b->table) {
    error = fmt::format("数据文件 {} 没有第{}行", path, row);
    return nullptr;
  }
  return b;
}

Table caseTable(const TestCase& tc) {
  Table t;
  Record r;
  r.row = 1;
  r.line = tc.range.line;
  if (tc.baseline) {
    t.columns = tc.baseline->table->columns;
    r.cells = tc.baseline->table->records[tc.baseline->record].cells;
    r.cells.resize(t.columns.size());
  }
  for (const auto& f : tc.fields) {
    Cell cell = f.text.empty() ? Cell{} : Cell{Cell::Kind::Text, f.text};
    auto it = std::find(t.columns.begin(), t.columns.end(), f.column);
    if (it == t.columns.end()) {
      t.columns.push_back(f.column);
      r.cells.push_back(cell);
    } else {
      r.cells[static_cast<size_t>(it - t.columns.begin())] = cell;
    }
  }
  t.records.push_back(std::move(r));
  return t;
}

// The status as a case expects it: a report's label (compiler/core/result.h), and
// 计分 for the plain case a report leaves unlabelled.
const char* statusWord(NodeStatus s) { return s == NodeStatus::Scored ? "计分" : statusLabel(s); }

}  // namespace defen::ruletest

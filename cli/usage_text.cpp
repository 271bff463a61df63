#include "cli/usage_text.h"

#include "compiler/core/suggest_name.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <regex>
#include <vector>

namespace defen::cli {

namespace {

// "检查规则文件 / check ruleset files" → one half; text without " / " stays.
std::string half(const std::string& both, Lang lang) {
  size_t slash = both.rfind("/ ");
  if (slash == std::string::npos || slash == 0) return both;
  std::string zh = both.substr(0, slash), en = both.substr(slash + 2);
  while (!zh.empty() && zh.back() == ' ') zh.pop_back();
  return lang == Lang::En ? en : zh;
}

// The type column of the help in Chinese: "TEXT:{zh,en}" → "{zh,en}",
// "TEXT:(FILE) OR ({-})" → "文件或 -". Set as the option's whole type name
// (its validators' own descriptions emptied), so CLI11 still aligns the column.
void localizeTypeName(CLI::Option& opt) {
  static const std::vector<std::pair<std::string, std::string>> names{
      {"TEXT:(FILE) OR ({-})", "文件或 -"}, {"TEXT:FILE", "文件"}, {"TEXT:DIR", "目录"},
      {"INT:NONNEGATIVE", "非负整数"},     {"INT:POSITIVE", "正整数"}, {"UINT:POSITIVE", "正整数"},
      {"TEXT", "文字"},                    {"INT", "整数"},         {"UINT", "整数"},
      {"FLOAT", "数"}};
  std::string full = opt.get_type_name();
  if (full.empty()) return;  // a flag
  std::string shown;
  if (full.rfind("TEXT:{", 0) == 0) shown = full.substr(5);
  for (const auto& [from, to] : names)
    if (shown.empty() && full == from) shown = to;
  if (shown.empty()) {
    static const std::regex port(R"(INT:INT in \[(\d+) - (\d+)\])");
    std::smatch m;
    if (std::regex_match(full, m, port)) shown = m[1].str() + "～" + m[2].str();
  }
  if (shown.empty()) return;
  opt.type_name(shown);
  for (int i = 0;; ++i) {
    try {
      opt.get_validator(i)->description("");
    } catch (const CLI::OptionNotFound&) {
      break;
    }
  }
}

void localizeApp(CLI::App& app, Lang lang) {
  app.description(half(app.get_description(), lang));
  for (CLI::Option* opt : app.get_options()) {
    opt->description(half(opt->get_description(), lang));
    if (lang == Lang::Zh) {
      if (opt->get_group() == "Options") opt->group("选项");
      localizeTypeName(*opt);
    }
  }
  if (auto* help = app.get_help_ptr(); help && lang == Lang::Zh) help->description("显示帮助并退出");
  for (CLI::App* sub : app.get_subcommands({})) localizeApp(*sub, lang);
}

std::string replaceAll(std::string s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
  return s;
}

// "{table,json,csv}" → "table、json、csv"
std::string listed(std::string set) {
  if (set.size() >= 2 && set.front() == '{' && set.back() == '}') set = set.substr(1, set.size() - 2);
  return replaceAll(set, ",", "、");
}

// "0.000000" → "0": CLI11 prints range bounds with six decimals.
std::string plainNumber(std::string n) {
  if (n.find('.') == std::string::npos) return n;
  while (!n.empty() && n.back() == '0') n.pop_back();
  if (!n.empty() && n.back() == '.') n.pop_back();
  return n;
}

// CLI11's validator messages, worded in Chinese.
std::string validationZh(const std::string& message) {
  std::smatch m;
  static const std::regex fileOrStdin(R"(\(File does not exist: (.*)\) OR \(.* not in \{-\}\))");
  static const std::regex missingFile(R"(File does not exist: (.*))");
  static const std::regex directory(R"(File is actually a directory: (.*))");
  static const std::regex notIn(R"((.*) not in (\{.*\}))");
  static const std::regex range(R"(Value (.*) not in range (\S+) to (\S+))");
  if (std::regex_match(message, m, fileOrStdin) || std::regex_match(message, m, missingFile))
    return fmt::format("文件不存在：{}", m[1].str());
  if (std::regex_match(message, m, directory)) return fmt::format("这是目录，不是文件：{}", m[1].str());
  if (std::regex_match(message, m, notIn))
    return fmt::format("“{}”不是可选的值；可选：{}", m[1].str(), listed(m[2].str()));
  if (std::regex_match(message, m, range)) {
    if (m[3].str().size() > 30) return fmt::format("“{}”应为不小于 {} 的数", m[1].str(), plainNumber(m[2].str()));
    return fmt::format("“{}”应在 {}～{} 之间", m[1].str(), plainNumber(m[2].str()), plainNumber(m[3].str()));
  }
  return message;
}

std::string errorZh(const CLI::Error& e) {
  const std::string what = e.what();
  std::smatch m;
  if (dynamic_cast<const CLI::RequiredError*>(&e)) {
    if (what == "A subcommand is required") return "请给出要执行的命令，如 defen check 规则文件、defen eval 规则文件 数据文件";
    static const std::regex required(R"((.*) is required)");
    if (std::regex_match(what, m, required)) return fmt::format("缺少必填参数 {}", m[1].str());
  }
  if (dynamic_cast<const CLI::ValidationError*>(&e)) {
    size_t colon = what.find(": ");
    if (colon != std::string::npos) return fmt::format("{}：{}", what.substr(0, colon), validationZh(what.substr(colon + 2)));
  }
  if (dynamic_cast<const CLI::ConversionError*>(&e)) {
    static const std::regex convert(R"(Could not convert: (.*) = (.*))");
    static const std::regex notAllowed(R"(The value (.*) is not an allowed value for (.*))");
    if (std::regex_match(what, m, convert)) return fmt::format("{} 的值“{}”无法读取", m[1].str(), m[2].str());
    if (std::regex_match(what, m, notAllowed)) return fmt::format("{} 不能取值“{}”", m[2].str(), m[1].str());
  }
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e)) {
    static const std::regex missing(R"((.*): \d+ required .* missing)");
    if (std::regex_match(what, m, missing)) return fmt::format("{} 后面缺少取值", m[1].str());
    return fmt::format("参数个数不对：{}", what);
  }
  if (dynamic_cast<const CLI::ExtrasError*>(&e)) {
    static const std::regex extras(R"(The following arguments? (?:was|were) not expected: (.*))");
    if (std::regex_match(what, m, extras)) return fmt::format("多余的参数：{}", m[1].str());
  }
  if (dynamic_cast<const CLI::ExcludesError*>(&e)) {
    static const std::regex excludes(R"((.*) excludes (.*))");
    if (std::regex_match(what, m, excludes)) return fmt::format("{} 与 {} 不能同时使用", m[1].str(), m[2].str());
  }
  if (dynamic_cast<const CLI::RequiresError*>(&e)) {
    static const std::regex requires_(R"((.*) requires (.*))");
    if (std::regex_match(what, m, requires_)) return fmt::format("{} 须与 {} 一起使用", m[1].str(), m[2].str());
  }
  return fmt::format("用法错误：{}", what);
}

}  // namespace

namespace {

// Columns a terminal gives `s`: CJK characters (three or four UTF-8 bytes) take two.
size_t displayWidth(const std::string& s) {
  size_t width = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    width += n >= 3 ? 2 : 1;
    i += n;
  }
  return width;
}

// CLI11 pads the option column by bytes; Chinese type names would pull their
// descriptions left. Re-pads each "  名称 类型   说明" line to `column` by display width.
std::string realign(const std::string& text, size_t column) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    size_t gap = line.size() > 2 && line[0] == ' ' && line[1] == ' ' && line[2] != ' ' ? line.find("  ", 2) : std::string::npos;
    if (gap != std::string::npos) {
      size_t text2 = line.find_first_not_of(' ', gap);
      if (text2 != std::string::npos) {
        std::string left = line.substr(0, gap);
        size_t width = displayWidth(left);
        line = left + std::string(width + 2 <= column ? column - width : 2, ' ') + line.substr(text2);
      }
    }
    out += line;
    if (end < text.size()) out += '\n';
    start = end + 1;
  }
  return out;
}

}  // namespace

Lang usageLanguage(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--lang=en" || (a == "--lang" && i + 1 < argc && std::string(argv[i + 1]) == "en")) return Lang::En;
  }
  return Lang::Zh;
}

void localizeUsage(CLI::App& app, Lang lang) {
  localizeApp(app, lang);
  if (lang == Lang::En) return;
  auto* f = app.get_formatter().get();
  f->label("Usage", "用法");
  f->label("OPTIONS", "选项");
  f->label("SUBCOMMAND", "命令");
  f->label("SUBCOMMANDS", "命令");
  f->label("Positionals", "位置参数");
  f->label("REQUIRED", "（必填）");
  f->label("Excludes", "不能与之同用");
  f->label("Needs", "须同时给出");
}

std::string helpText(const CLI::App& app, Lang lang) {
  std::string text = app.help();
  if (lang == Lang::En) return text;
  // What the formatter's labels do not reach: the subcommand group heading,
  // the version flag, and CLI11's half-width colons after the headings.
  static const std::vector<std::pair<std::string, std::string>> words{
      {"\nSubcommands:\n", "\n命令：\n"},
      {"Display program version information and exit", "显示版本并退出"},
      {"用法:", "用法："},
      {"位置参数:", "位置参数："},
      {"选项:", "选项："},
  };
  for (const auto& [from, to] : words) text = replaceAll(std::move(text), from, to);
  return realign(text, app.get_formatter()->get_column_width());
}

// CLI11's English, less the unbounded range's 309-digit upper bound.
std::string errorEn(const CLI::Error& e) {
  static const std::regex unbounded(R"((.*): Value (.*) not in range (\S+) to \S{30,})");
  std::smatch m;
  const std::string what = e.what();
  if (std::regex_match(what, m, unbounded))
    return fmt::format("{}: '{}' must be a number of at least {}", m[1].str(), m[2].str(), plainNumber(m[3].str()));
  return what;
}

std::string usageError(const CLI::Error& e, Lang lang) {
  if (lang == Lang::En) return errorEn(e) + "\nRun with --help for more information.\n";
  return errorZh(e) + "\n运行 defen --help 或 defen 命令 --help 查看用法。\n";
}

std::optional<std::string> unknownCommand(const CLI::App& app, int argc, char** argv, Lang lang) {
  if (argc < 2) return std::nullopt;
  std::string first = argv[1];
  if (first.empty() || first[0] == '-') return std::nullopt;
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_name() == first) return std::nullopt;
    names.push_back(sub->get_name());
  }
  auto meant = closestName(first, names);
  if (lang == Lang::En)
    return meant ? fmt::format("unknown command '{}'; did you mean {}?\n", first, *meant)
                 : fmt::format("unknown command '{}'; the commands: {}\n", first, fmt::join(names, ", "));
  return meant ? fmt::format("未知的命令“{}”，是否指 {}？\n", first, *meant)
               : fmt::format("未知的命令“{}”；可用的命令：{}\n", first, fmt::join(names, "、"));
}

}  // namespace defen::cli

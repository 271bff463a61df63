// The options commands share, each declared once, and every choice option
// read into an enum: a command registers its own options with these helpers
// (`addLang(*cmd, o.lang)`) and then compares enums, never strings.
#pragma once

#include "compiler/core/diagnostics.h"
#include "lib/driver/driver.h"
#include "compiler/io/readers.h"

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace defen::cli {

// The words a choice option takes, in the order help lists them, and the
// value each stands for.
template <class E>
using Choices = std::vector<std::pair<std::string, E>>;

// An option that takes one of `choices`' words and stores its enum in
// `target`. Validated by CLI::IsMember over the words, so help shows
// "{zh,en}" and a wrong word reads "“pdf”不是可选的值；可选：…" (cli/usage_text.cpp),
// and `target` keeps its default when the option is not given.
template <class E>
CLI::Option* addChoice(CLI::App& cmd, const std::string& name, E& target, Choices<E> choices,
                       const std::string& description) {
  std::vector<std::string> words;
  for (const auto& [word, value] : choices) words.push_back(word);
  auto store = [&target, choices = std::move(choices)](const std::string& given) {
    for (const auto& [word, value] : choices)
      if (word == given) target = value;
  };
  return cmd.add_option_function<std::string>(name, std::move(store), description)->check(CLI::IsMember(words));
}

// --lang zh|en: the language of diagnostics and messages.
CLI::Option* addLang(CLI::App& cmd, Lang& lang, const std::string& description = "诊断语言 zh|en / diagnostics language");

// --engine jit|interp.
CLI::Option* addEngine(CLI::App& cmd, EngineKind& engine, const std::string& description = "计算引擎 jit|interp / engine");

// --encoding and --sheet: how a data file is read (CSV's encoding, an Excel workbook's sheet).
struct DataReading {
  Encoding encoding = Encoding::Auto;
  std::string sheet;  // empty: the first
};
void addDataReading(CLI::App& cmd, DataReading& reading);
// Each alone, for a command that lists another option between them.
CLI::Option* addEncoding(CLI::App& cmd, Encoding& encoding);
CLI::Option* addSheet(CLI::App& cmd, std::string& sheet);

// --output-encoding utf8|gbk: a CSV written for Excel (utf8 with a BOM in a file; gbk for old Excel).
enum class CsvEncoding { Utf8, Gbk };
CLI::Option* addCsvEncoding(CLI::App& cmd, CsvEncoding& encoding, const std::string& description);

// -o,--output FILE.
CLI::Option* addOutput(CLI::App& cmd, std::string& output,
                       const std::string& description = "写入文件而非标准输出 / write to FILE instead of standard output");

// Exit codes (cli/main.cpp): success; errors in the ruleset or the data; a usage error.
constexpr int kOk = 0;
constexpr int kFailed = 1;
constexpr int kUsage = 2;

// A subcommand registered on the app, and what runs it once the command line
// is parsed: it returns the exit code.
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

}  // namespace defen::cli

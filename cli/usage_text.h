// The command line's own words — help, usage errors, an unknown command — in
// Chinese by default and in English with --lang en. CLI11 words its messages
// in English; these functions reword them, so every command keeps declaring
// its options the CLI11 way, with descriptions written "中文 / English".
#pragma once

#include "compiler/core/diagnostics.h"

#include <CLI/CLI.hpp>

#include <optional>
#include <string>

namespace defen::cli {

// --lang en (or --lang=en) anywhere on the command line: English; else Chinese.
Lang usageLanguage(int argc, char** argv);

// Keeps one half of every "中文 / English" description of `app`, its options and
// its subcommands, and names CLI11's option groups in `lang`.
void localizeUsage(CLI::App& app, Lang lang);

// The help of the command being asked about, CLI11's remaining headings and
// type names in `lang`.
std::string helpText(const CLI::App& app, Lang lang);

// A usage error as a person reads it, with the hint to ask for help:
// "缺少规则文件（RULES）" rather than "RULES is required".
std::string usageError(const CLI::Error& e, Lang lang);

// "未知的命令“evl”，是否指 eval？" when the first word is no command of `app`
// (CLI11 would only say that a subcommand is required); nothing otherwise.
std::optional<std::string> unknownCommand(const CLI::App& app, int argc, char** argv, Lang lang);

}  // namespace defen::cli

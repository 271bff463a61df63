// A rulesets directory read as a registry of published standards (issue 8):
// each file's header (名称, 地区, 年度, 版本), and the choice of one file by
// NAME@YEAR. Shared by `defen rulesets`, `defen eval --ruleset` and the
// library's Registry (lib/registry.cpp), so all three match names alike.
#pragma once

#include "compiler/ir/ir.h"
#include "compiler/core/source.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace defen::registry {

struct Header {
  std::string name, region, version;
  int year = 0;
};

// The header of a compiled file: from the checked program when there is one;
// otherwise read from the file as written (and, for a file written 基于 NAME,
// from the bases beside it), so a file with errors is still listed under its name.
Header headerOf(const ir::Program* program, const SourceFile& source);

struct Listing {
  std::string path;
  std::string stem;  // file name without .rules
  Header header;
};

struct Selector {
  std::string name;
  int year = 0;
};

// "NAME@YEAR"; nullopt with a Chinese `error` for anything else.
std::optional<Selector> parseSelector(std::string_view text, std::string& error);

// NAME matches the 名称, the file stem, or the stem with the year's own
// segment taken out ("zhanjiang-2022-dept" → "zhanjiang-dept").
bool matches(const Selector& selector, const Listing& listing);

// The index of the one listing the selector names; -1 with a Chinese `error`
// naming what the directory holds (nothing matched) or the files that
// matched (more than one).
int selectOne(const Selector& selector, const std::vector<Listing>& listings, const std::string& directory,
              std::string& error);

// The *.rules files directly in `directory`, sorted by name. False with a
// Chinese `error` when it is not a readable directory.
bool listRulesFiles(const std::string& directory, std::vector<std::string>& paths, std::string& error);

// How to name a listing on the command line: "zhanjiang-dept@2022".
std::string selectorOf(const Listing& listing);

// "zhanjiang-2022-dept.rules" → "zhanjiang-2022-dept"
std::string stemOf(const std::string& path);

}  // namespace defen::registry

// A rulesets directory as a registry of published standards: every *.rules
// file declares its 名称, 地区, 年度 and 版本; a standard is picked by
// NAME@YEAR. reload() takes in edited files only when they check clean, so a
// broken new file never replaces a working standard.
#pragma once

#include "defen/export.h"
#include "defen/ruleset.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace defen {

struct RegistryEntry {
  std::string file;   // path of the .rules file
  std::string stem;   // file name without .rules: zhanjiang-2022-dept
  std::string name, region, version;
  int year = 0;
  bool clean = false;    // the file as it is now checks without errors
  bool serving = false;  // a compiled standard is available: this file, or its last version that checked clean
  int errors = 0, warnings = 0;
  std::vector<Message> messages;  // of the file as it is now
};

// What one reload() did, by file path.
struct ReloadReport {
  struct Rejected {
    std::string file;
    bool stillServing = false;  // the previous version keeps serving
    std::vector<Message> messages;
  };
  std::vector<std::string> added, updated, removed;
  std::vector<Rejected> rejected;  // changed or new files with errors: not taken in
  bool changed() const { return !added.empty() || !updated.empty() || !removed.empty(); }
};

// Thread-safe: find() and entries() may run while another thread reloads; a
// Ruleset handed out stays valid (and unchanged) after a reload replaces it.
class DEFEN_API Registry {
 public:
  // Loads every *.rules file in `directory` (not its subdirectories). A file
  // that does not check clean is listed, with its messages, but not served.
  explicit Registry(std::string directory, LoadOptions options = {});
  ~Registry();
  Registry(Registry&&) noexcept;
  Registry& operator=(Registry&&) noexcept;

  const std::string& directory() const;
  // Sorted by file name.
  std::vector<RegistryEntry> entries() const;

  // NAME@YEAR, e.g. "zhanjiang-dept@2022". NAME matches a file's 名称, its
  // file stem (zhanjiang-2022-dept), or its stem without the year
  // (zhanjiang-dept); YEAR matches 年度. Null, with a Chinese explanation in
  // `error`, when nothing or more than one standard matches, or the one that
  // matches has never checked clean.
  std::optional<Ruleset> find(std::string_view selector, std::string* error = nullptr) const;

  // Reads the directory again and recompiles every file (a file's base may
  // have changed). A changed file that checks clean replaces the old
  // standard; one with errors is rejected and the old standard keeps serving.
  ReloadReport reload();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace defen

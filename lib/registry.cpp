// defen::Registry (include/defen/registry.hpp): a rulesets directory whose
// standards are swapped only for versions that check clean. Compiling happens
// outside the lock, so lookups never wait for a reload's compiler.
#include "defen/registry.hpp"
#include "lib/convert.h"

#include "compiler/tools/registry/catalog.h"

#include <map>
#include <mutex>

namespace defen {

namespace {

// One file of the directory.
struct Slot {
  RegistryEntry entry;             // the file as it is now
  registry::Header servingHeader;  // of the version being served
  std::optional<Ruleset> serving;  // the last version that checked clean
  std::string servingText;         // its effective text: unchanged text is not compiled again
  std::string seenText;            // the text last read, clean or not: a broken file is reported once
};

std::string effectiveText(const Compilation& c) { return c.effective ? c.effective->text() : std::string(); }

}  // namespace

struct Registry::State {
  std::string directory;
  LoadOptions options;
  std::mutex reloading;         // one reload at a time
  mutable std::mutex mutex;     // guards slots
  std::map<std::string, Slot> slots;  // by path, so entries() comes out sorted
};

Registry::Registry(std::string directory, LoadOptions options) : state_(std::make_unique<State>()) {
  state_->directory = std::move(directory);
  state_->options = options;
  reload();
}

Registry::~Registry() = default;
Registry::Registry(Registry&&) noexcept = default;
Registry& Registry::operator=(Registry&&) noexcept = default;

const std::string& Registry::directory() const { return state_->directory; }

std::vector<RegistryEntry> Registry::entries() const {
  std::lock_guard lock(state_->mutex);
  std::vector<RegistryEntry> out;
  for (const auto& [path, slot] : state_->slots) out.push_back(slot.entry);
  return out;
}

std::optional<Ruleset> Registry::find(std::string_view text, std::string* error) const {
  std::string why;
  auto fail = [&](std::string message) -> std::optional<Ruleset> {
    if (error) *error = std::move(message);
    return std::nullopt;
  };
  auto selector = registry::parseSelector(text, why);
  if (!selector) return fail(why);
  std::lock_guard lock(state_->mutex);
  std::vector<registry::Listing> listings;
  std::vector<const Slot*> slots;
  for (const auto& [path, slot] : state_->slots) {
    // A standard is found under the header it is served with, even while a
    // broken edit of its file (perhaps of that very header) waits to be fixed.
    registry::Header h = slot.serving ? slot.servingHeader
                                      : registry::Header{slot.entry.name, slot.entry.region, slot.entry.version, slot.entry.year};
    listings.push_back({path, slot.entry.stem, h});
    slots.push_back(&slot);
  }
  int hit = registry::selectOne(*selector, listings, state_->directory, why);
  if (hit < 0) return fail(why);
  const Slot& slot = *slots[hit];
  if (!slot.serving) {
    std::string messages;
    for (const auto& m : slot.entry.messages) messages += m.rendered;
    return fail(slot.entry.file + " 有错误，尚无可用的版本：\n" + messages);
  }
  return slot.serving;
}

ReloadReport Registry::reload() {
  std::lock_guard serial(state_->reloading);
  ReloadReport report;
  std::vector<std::string> paths;
  std::string error;
  std::map<std::string, Slot> next;
  if (!registry::listRulesFiles(state_->directory, paths, error)) {
    // The directory itself is gone or unreadable: keep serving what we have.
    ReloadReport::Rejected r;
    r.file = state_->directory;
    r.stillServing = true;
    Message m;
    m.code = "E000";
    m.file = state_->directory;
    m.text = error;
    m.rendered = error + "\n";
    r.messages.push_back(std::move(m));
    report.rejected.push_back(std::move(r));
    return report;
  }
  std::map<std::string, Slot> previous;
  {
    std::lock_guard lock(state_->mutex);
    previous = state_->slots;  // Rulesets are shared pointers: copying is cheap
  }
  for (const auto& path : paths) {
    Compilation c = compileFile(path);
    auto old = previous.find(path);
    Slot slot = old != previous.end() ? old->second : Slot{};
    const bool isNew = old == previous.end();
    registry::Header header = registry::headerOf(c.program.get(), *c.source);
    slot.entry.file = path;
    slot.entry.stem = registry::stemOf(path);
    slot.entry.name = header.name;
    slot.entry.region = header.region;
    slot.entry.version = header.version;
    slot.entry.year = header.year;
    slot.entry.errors = c.diags.errorCount();
    slot.entry.warnings = c.diags.warningCount();
    std::string text = effectiveText(c);
    const bool seenBefore = !isNew && text == slot.seenText;
    slot.seenText = text;
    if (c.program && slot.serving && text == slot.servingText) {  // nothing to compile
      slot.entry.messages = messagesOf(c);
      slot.entry.clean = true;
    } else {
      LoadResult loaded = finishLoad(std::move(c), state_->options);
      slot.entry.messages = loaded.messages;
      slot.entry.clean = loaded.ok();
      if (loaded.ok()) {
        slot.serving = std::move(loaded.ruleset);
        slot.servingText = text;
        slot.servingHeader = header;
        (isNew ? report.added : report.updated).push_back(path);
      } else if (!seenBefore) {
        report.rejected.push_back({path, slot.serving.has_value(), loaded.messages});
      }
    }
    slot.entry.serving = slot.serving.has_value();
    next[path] = std::move(slot);
  }
  for (const auto& [path, slot] : previous)
    if (!next.count(path)) report.removed.push_back(path);
  std::lock_guard lock(state_->mutex);
  state_->slots = std::move(next);
  return report;
}

}  // namespace defen

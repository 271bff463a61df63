#include "compiler/core/result.h"

namespace defen {

namespace {

// Every status with its names, in one place: the JSON value and the label a
// report prints beside a score (none for a plain score).
struct StatusNames {
  NodeStatus status;
  const char* name;
  const char* label;
};

constexpr StatusNames kStatusNames[] = {
    {NodeStatus::Scored, "scored", ""},
    {NodeStatus::Reviewed, "reviewed", "评审"},
    {NodeStatus::NotApplicable, "not_applicable", "不考核"},
    {NodeStatus::Missing, "missing", "缺数据"},
    {NodeStatus::Overridden, "overridden", "核定"},
    {NodeStatus::Failed, "failed", "出错"},
};

const StatusNames& namesOf(NodeStatus s) {
  for (const auto& names : kStatusNames)
    if (names.status == s) return names;
  return kStatusNames[0];
}

}  // namespace

const char* statusName(NodeStatus s) { return namesOf(s).name; }

const char* statusLabel(NodeStatus s) { return namesOf(s).label; }

}  // namespace defen

#include "runtime/result.h"

namespace defen {

const char* statusName(NodeStatus s) {
  switch (s) {
    case NodeStatus::Scored: return "scored";
    case NodeStatus::Reviewed: return "reviewed";
    case NodeStatus::NotApplicable: return "not_applicable";
    case NodeStatus::Missing: return "missing";
    case NodeStatus::Overridden: return "overridden";
  }
  return "scored";
}

}  // namespace defen

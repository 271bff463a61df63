#include "compiler/core/result.h"

namespace defen {

const char* statusName(NodeStatus s) {
  switch (s) {
    case NodeStatus::Scored: return "scored";
    case NodeStatus::Reviewed: return "reviewed";
    case NodeStatus::NotApplicable: return "not_applicable";
    case NodeStatus::Missing: return "missing";
    case NodeStatus::Overridden: return "overridden";
    case NodeStatus::Failed: return "failed";
  }
  return "scored";
}

const char* statusLabel(NodeStatus s) {
  switch (s) {
    case NodeStatus::Scored: return "";
    case NodeStatus::Reviewed: return "评审";
    case NodeStatus::NotApplicable: return "不考核";
    case NodeStatus::Missing: return "缺数据";
    case NodeStatus::Overridden: return "核定";
    case NodeStatus::Failed: return "出错";
  }
  return "";
}

}  // namespace defen

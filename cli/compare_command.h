// `defen compare OLD.rules NEW.rules DATA [--format text|json|html] [-o FILE] [--all]`
#pragma once

#include <string>

namespace defen::cli {

struct CompareOptions {
  std::string before, after, data;
  std::string format = "text", output, encoding = "auto", sheet, engine = "jit", lang = "zh";
  bool all = false;  // text: every indicator, not only the changed ones
};

int runCompare(const CompareOptions& options);

}  // namespace defen::cli

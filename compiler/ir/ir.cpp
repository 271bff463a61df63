#include "compiler/ir/ir.h"

namespace defen::ir {

int Program::findInput(const std::string& name) const {
  for (size_t i = 0; i < inputs.size(); ++i)
    if (inputs[i].spec.name == name) return static_cast<int>(i);
  return -1;
}

int Program::findNode(const std::string& name) const {
  for (size_t i = 0; i < nodes.size(); ++i)
    if (nodes[i].name == name) return static_cast<int>(i);
  return -1;
}

}  // namespace defen::ir

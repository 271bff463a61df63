// Syntax errors from ANTLR's lexer and parser, turned into our Diagnostics
// (E001 unrecognised character, E002 unexpected token with what was expected).
#pragma once

#include "compiler/core/diagnostics.h"

#include "antlr4-runtime.h"

namespace defen {

class ErrorListener : public antlr4::BaseErrorListener {
 public:
  explicit ErrorListener(Diagnostics& diags) : diags_(diags) {}

  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t line, size_t col,
                   const std::string& msg, std::exception_ptr) override;

 private:
  Diagnostics& diags_;
  int count_ = 0;
};

}  // namespace defen

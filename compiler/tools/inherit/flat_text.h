// The effective text of a ruleset based on another: the base's text with the
// derived file's changes spliced in, plus where every byte came from.
//
// Inheritance works on text, not on trees: the flat text is parsed and checked
// like any ruleset, so the checker sees exactly what `defen check --emit flat`
// prints, and every diagnostic can be traced back through the splice to the
// file and line a person wrote.
#pragma once

#include "compiler/core/source.h"

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace defen::inherit {

// A place in one of the files of an inheritance chain (index into the chain's
// file list; 0 is the file being compiled).
struct Origin {
  int file = 0;
  size_t offset = 0;
};

class FlatText {
 public:
  // Bytes [begin, end) of file `file`, whose text is `text`.
  void appendOriginal(int file, std::string_view text, size_t begin, size_t end);
  // Text no file holds verbatim (a keyword or a line break the splice adds);
  // it is traced to `anchor`, the statement that asked for it.
  void appendSynthetic(std::string_view text, Origin anchor);
  // Bytes [begin, end) of another flat text, keeping their origins.
  void appendFrom(const FlatText& other, size_t begin, size_t end);

  const std::string& text() const { return text_; }
  Origin origin(size_t offset) const;

 private:
  struct Segment {
    size_t begin = 0;      // in text_
    size_t end = 0;
    Origin origin;         // of text_[begin]
    bool synthetic = false;  // every byte maps to `origin` itself
  };
  void add(std::string_view text, Origin origin, bool synthetic);

  std::string text_;
  std::vector<Segment> segments_;
};

}  // namespace defen::inherit

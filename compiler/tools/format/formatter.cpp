// The layout is decided line by line over the token stream: the author's line
// breaks stay (inside a band table a line break starts a new band, so they are
// meaning, not layout), each line is re-indented by its { } depth or, if it
// continues a statement, aligned under that statement, and the spaces between
// tokens follow spacing.h.
#include "compiler/tools/format/formatter.h"

#include "compiler/tools/format/spacing.h"
#include "compiler/syntax/lexer.h"
#include "compiler/syntax/parser.h"

#include <algorithm>
#include <utility>

namespace defen {

namespace {

constexpr int kIndentStep = 2;    // spaces per { } level
constexpr int kContinuation = 4;  // a continuation line with nothing to align under
constexpr int kCommentGap = 2;    // between code and its trailing comment

// One line of the input: its tokens without the whitespace, and whether
// blank lines came before it.
struct SourceLine {
  std::vector<const Token*> tokens;
  bool blankBefore = false;

  const Token* firstCode() const {
    for (const Token* t : tokens)
      if (!t->isComment()) return t;
    return nullptr;
  }
  const Token* lastCode() const {
    for (auto it = tokens.rbegin(); it != tokens.rend(); ++it)
      if (!(*it)->isComment()) return *it;
    return nullptr;
  }
};

std::vector<SourceLine> splitLines(const std::vector<Token>& tokens) {
  std::vector<SourceLine> lines;
  SourceLine current;
  int breaks = 0;  // line breaks since the last line ended
  for (const Token& t : tokens) {
    if (t.isWhitespace()) {
      int n = static_cast<int>(std::count(t.text.begin(), t.text.end(), '\n'));
      if (n > 0 && !current.tokens.empty()) lines.push_back(std::exchange(current, {}));
      breaks += n;
      continue;
    }
    if (current.tokens.empty()) {
      current.blankBefore = breaks >= 2;
      breaks = 0;
    }
    current.tokens.push_back(&t);
  }
  if (!current.tokens.empty()) lines.push_back(std::move(current));
  return lines;
}

// A comment as written, less what belongs to the layout: spaces at line ends
// and the CR of CRLF line breaks.
std::string commentText(const std::string& text) {
  std::string out;
  size_t start = 0;
  while (true) {
    size_t end = text.find('\n', start);
    std::string_view line(text.data() + start, (end == std::string::npos ? text.size() : end) - start);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
    out += line;
    if (end == std::string::npos) return out;
    out += '\n';
    start = end + 1;
  }
}

std::string spelling(const Token& t) { return t.isComment() ? commentText(t.text) : t.text; }

// Display column just past the end of `text` (its last line, if it has several).
int endColumn(const std::string& text) {
  size_t newline = text.rfind('\n');
  return displayWidth(newline == std::string::npos ? std::string_view(text) : std::string_view(text).substr(newline + 1));
}

struct OutputLine {
  std::string code;     // indentation included
  std::string comment;  // a trailing comment, aligned with those of the lines around it
  bool blankBefore = false;
  bool multiLine = false;  // holds a block comment over several lines
};

// Where the continuation lines of a statement go: under the first token after
// its = (得分 = 若 … / 否则 …), or one step in when its first line has no =.
struct Anchor {
  int indent = 0;
  int align = -1;  // display column; -1: nothing to align under
};

// An ( or [ not yet closed: lines inside it continue under its first
// argument (计数(a, b,⏎ c)), or one step in when nothing follows it on its line.
struct OpenBracket {
  int depth = 0;       // { } depth it was opened at
  int lineIndent = 0;  // indentation of the line it was opened on
  int align = -1;      // display column of the token after it; -1: none on that line
};

class Layout {
 public:
  std::vector<OutputLine> run(const std::vector<SourceLine>& lines) {
    std::vector<OutputLine> out;
    for (size_t i = 0; i < lines.size(); ++i) {
      const SourceLine& line = lines[i];
      OutputLine o;
      o.blankBefore = line.blankBefore && i > 0 && !opensBlock(lines[i - 1]) && !closesBlock(line);
      render(line, indentOf(lines, i), o);
      out.push_back(std::move(o));
    }
    return out;
  }

 private:
  int depth_ = 0;
  std::vector<Anchor> anchors_{Anchor{}};  // by depth: the last statement that began a line there
  std::vector<OpenBracket> brackets_;

  static bool opensBlock(const SourceLine& l) { return l.lastCode() && l.lastCode()->kind == TokenKind::OpenBrace; }
  static bool closesBlock(const SourceLine& l) { return l.firstCode() && l.firstCode()->kind == TokenKind::CloseBrace; }
  static bool isOpener(const Token& t) { return t.kind == TokenKind::OpenParen || t.kind == TokenKind::OpenBracket; }
  static bool isCloser(const Token& t) { return t.kind == TokenKind::CloseParen || t.kind == TokenKind::CloseBracket; }

  // A line that neither starts a statement nor opens or closes a block
  // continues the statement above it.
  static bool continues(const SourceLine& l) {
    const Token* first = l.firstCode();
    return first && !first->startsStatement && first->kind != TokenKind::OpenBrace && first->kind != TokenKind::CloseBrace;
  }

  int indentOf(const std::vector<SourceLine>& lines, size_t i) const {
    const SourceLine& line = lines[i];
    const Token* first = line.firstCode();
    if (!first) {
      // A comment line goes with the code line below it.
      for (size_t j = i + 1; j < lines.size(); ++j) {
        if (!lines[j].firstCode()) continue;
        if (continues(lines[j])) return continuationIndent(*lines[j].firstCode());
        break;
      }
      return depth_ * kIndentStep;
    }
    if (first->kind == TokenKind::CloseBrace) return std::max(0, depth_ - 1) * kIndentStep;
    if (continues(line)) return continuationIndent(*first);
    return depth_ * kIndentStep;
  }

  int continuationIndent(const Token& first) const {
    if (!brackets_.empty() && brackets_.back().depth == depth_) {
      const OpenBracket& open = brackets_.back();
      if (isCloser(first)) return open.lineIndent;  // a ) on its own line goes back to where ( was opened
      return open.align >= 0 ? open.align : open.lineIndent + kContinuation;
    }
    const Anchor& anchor = anchors_[depth_];
    if (anchor.align < 0) return anchor.indent + kContinuation;
    // "+ (若 …)" under "得分 = (若 …)": the operator hangs left so the operands line up.
    if (format::isArithmeticOperator(first)) {
      int hung = anchor.align - displayWidth(first.text) - 1;
      if (hung > anchor.indent) return hung;
    }
    return anchor.align;
  }

  void render(const SourceLine& line, int indent, OutputLine& o) {
    const int lineDepth = depth_;
    const auto& tokens = line.tokens;
    size_t end = tokens.size();
    const Token& last = *tokens.back();
    if (last.isComment() && line.firstCode() && last.text.find('\n') == std::string::npos) {
      o.comment = commentText(last.text);
      --end;
    }
    o.code.assign(indent, ' ');
    bool seenEquals = false;
    int align = -1;
    std::vector<size_t> awaitingAlign;  // brackets opened on this line, waiting for the token after them
    for (size_t k = 0; k < end; ++k) {
      const Token& t = *tokens[k];
      if (k > 0) o.code.append(format::spacesBetween(*tokens[k - 1], t), ' ');
      int column = endColumn(o.code);
      if (seenEquals && align < 0) align = column;
      if (t.kind == TokenKind::Equals) seenEquals = true;
      for (size_t b : awaitingAlign)
        if (b < brackets_.size()) brackets_[b].align = column;
      awaitingAlign.clear();
      o.code += spelling(t);
      o.multiLine |= t.text.find('\n') != std::string::npos;
      track(t, indent, awaitingAlign);
    }
    for (size_t k = end; k < tokens.size(); ++k) track(*tokens[k], indent, awaitingAlign);
    const Token* first = line.firstCode();
    if (first && first->startsStatement) anchors_[lineDepth] = Anchor{indent, align};
  }

  // Keeps the { } depth and the open brackets up to date past token `t`.
  void track(const Token& t, int lineIndent, std::vector<size_t>& awaitingAlign) {
    if (t.kind == TokenKind::OpenBrace) {
      ++depth_;
      if (anchors_.size() <= static_cast<size_t>(depth_)) anchors_.resize(depth_ + 1);
      anchors_[depth_] = Anchor{depth_ * kIndentStep, -1};
    } else if (t.kind == TokenKind::CloseBrace && depth_ > 0) {
      --depth_;
    } else if (isOpener(t)) {
      awaitingAlign.push_back(brackets_.size());
      brackets_.push_back(OpenBracket{depth_, lineIndent, -1});
    } else if (isCloser(t) && !brackets_.empty()) {
      brackets_.pop_back();
    }
  }
};

// Trailing comments of consecutive lines start in one column, two spaces past
// the longest code among them (by display width: a Chinese character is two).
void alignTrailingComments(std::vector<OutputLine>& lines) {
  auto aligned = [](const OutputLine& l) { return !l.comment.empty() && !l.multiLine; };
  for (size_t i = 0; i < lines.size();) {
    if (!aligned(lines[i])) {
      ++i;
      continue;
    }
    size_t j = i + 1;
    while (j < lines.size() && aligned(lines[j]) && !lines[j].blankBefore) ++j;
    int width = 0;
    for (size_t k = i; k < j; ++k) width = std::max(width, displayWidth(lines[k].code));
    for (size_t k = i; k < j; ++k) {
      lines[k].code.append(width + kCommentGap - displayWidth(lines[k].code), ' ');
      lines[k].code += lines[k].comment;
      lines[k].comment.clear();
    }
    i = j;
  }
  for (auto& l : lines)
    if (!l.comment.empty()) l.code += std::string(kCommentGap, ' ') + l.comment;
}

}  // namespace

std::optional<std::string> formatRuleset(const SourceFile& source, Diagnostics& diags) {
  int errorsBefore = diags.errorCount();
  parseRuleset(source, diags);
  if (diags.errorCount() > errorsBefore) return std::nullopt;

  std::vector<Token> tokens = lexRulesetWithStructure(source);
  std::vector<OutputLine> lines = Layout().run(splitLines(tokens));
  alignTrailingComments(lines);
  std::string text;
  for (const auto& line : lines) {
    if (line.blankBefore) text += '\n';
    text += line.code;
    text += '\n';
  }
  return text;
}

}  // namespace defen

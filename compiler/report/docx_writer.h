// A small WordprocessingML (.docx, ECMA-376) writer: paragraphs, tables with
// merged cells and repeated header rows, page breaks and page orientation,
// packed into a zip with libzip. Only what defen's documents need; the XML is
// plain enough to open in Word, WPS and LibreOffice alike.
//
// Typical use:
//   docx::Body body;
//   body.heading("一、基本情况", 1);
//   body.paragraph("被评价单位：湛江市社会科学界联合会");
//   docx::Table t({2000, 6000});            // column widths in twips (1/1440 inch)
//   t.row(true);                             // a header row, repeated on every page
//   t.cell("指标", {.bold = true});
//   t.cell("得分", {.bold = true});
//   body.table(t);
//   docx::writePackage("out.docx", body, docx::Page::landscape(), error);
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace defen::docx {

// Text as XML character data: & < > " escaped, and the characters XML 1.0
// forbids (C0 controls other than tab and line feed) dropped.
std::string escape(std::string_view text);

struct TextStyle {
  bool bold = false;
  int halfPoints = 0;  // font size in half-points (21 = 10.5pt); 0: the document default
  std::string color{};  // "C00000"; empty: automatic (braces: GCC does not warn when a designated initializer leaves it out)
  enum class Align { Left, Center, Right } align = Align::Left;
};

enum class VMerge { None, Restart, Continue };

struct CellStyle {
  bool bold = false;
  int halfPoints = 0;
  TextStyle::Align align = TextStyle::Align::Left;
  int span = 1;                 // grid columns the cell covers (w:gridSpan)
  VMerge vmerge = VMerge::None; // a cell merged with those below (Restart) or above (Continue)
  std::string fill{};           // background, e.g. "D9E2F3"; empty: none
  bool center = false;          // vertically centred
};

class Table {
 public:
  // Column widths in twips; the table is as wide as their sum, with a fixed layout.
  explicit Table(std::vector<int> gridTwips, bool borders = true);
  // Starts a row; a header row repeats at the top of every page the table
  // crosses (w:tblHeader). `cantSplit` keeps a row on one page when it fits.
  void row(bool header = false, bool cantSplit = false, int minHeightTwips = 0);
  // A cell of the current row; line breaks in `text` start new lines.
  void cell(std::string_view text, const CellStyle& style = {});
  std::string xml() const;

 private:
  std::vector<int> grid_;
  bool borders_;
  std::vector<std::string> rows_;
  bool open_ = false;
  int column_ = 0;  // the grid column the next cell of the row starts at
};

class Body {
 public:
  void paragraph(std::string_view text, const TextStyle& style = {});
  // A heading (level 1 or 2) in the styles "Heading1"/"Heading2", so Word's
  // navigation pane and a table of contents find it.
  void heading(std::string_view text, int level);
  void table(const Table& table);
  void pageBreak();
  // Ends the section so far, laid out on `page`; what follows starts a new
  // section on a new page (so a portrait report can carry a landscape table).
  void endSection(const struct Page& page);
  const std::string& xml() const { return xml_; }

 private:
  std::string xml_;
};

struct Page {
  int width = 11906, height = 16838;  // twips: A4 portrait
  bool landscape = false;
  int margin = 1134;  // 2 cm
  static Page portrait() { return {}; }
  static Page landscapeA4() { return {16838, 11906, true, 720}; }
  int textWidth() const { return width - 2 * margin; }
};

// Writes the package: [Content_Types].xml, the relationships, word/styles.xml
// (a CJK-capable default font) and word/document.xml holding `body`, its last
// (or only) section laid out on `page`. False with `error` (Chinese, naming the file) on failure.
bool writePackage(const std::string& path, const Body& body, const Page& page, std::string& error);

}  // namespace defen::docx

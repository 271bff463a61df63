// The WordprocessingML the docx writer emits: escaping, merged cells, header
// rows and cell widths. The whole package is read back by python3-docx and
// LibreOffice in tests/docx/check_docx.py.
#include "compiler/report/docx_writer.h"

#include <gtest/gtest.h>

namespace defen::docx {
namespace {

TEST(DocxWriter, EscapesMarkupAndDropsCharactersXmlForbids) {
  EXPECT_EQ(escape("a<b>&\"c\""), "a&lt;b&gt;&amp;&quot;c&quot;");
  // A form feed or a NUL from a spreadsheet cell would make the document unreadable.
  EXPECT_EQ(escape(std::string("x\fy\0z\x1b", 6)), "xyz");
  EXPECT_EQ(escape("第一行\n\t第二行"), "第一行\n\t第二行");
}

TEST(DocxWriter, TableCellsMergeAndHeaderRowsRepeat) {
  Table t({1000, 500, 2000});
  t.row(true);
  t.cell("指标", {.bold = true, .span = 2});
  t.cell("说明 <1>");
  t.row(false, true, 400);
  t.cell("预算编制", {.vmerge = VMerge::Restart});
  t.cell("12");
  t.cell("行一\n行二");
  t.row();
  t.cell("", {.vmerge = VMerge::Continue});
  t.cell("8");
  t.cell("x");
  const std::string x = t.xml();
  EXPECT_NE(x.find("<w:tblW w:w=\"3500\" w:type=\"dxa\"/>"), std::string::npos) << x;
  EXPECT_NE(x.find("<w:gridCol w:w=\"1000\"/><w:gridCol w:w=\"500\"/><w:gridCol w:w=\"2000\"/>"), std::string::npos);
  EXPECT_NE(x.find("<w:tr><w:trPr><w:tblHeader/></w:trPr>"), std::string::npos);
  // A spanning cell is as wide as the columns it covers.
  EXPECT_NE(x.find("<w:tcW w:w=\"1500\" w:type=\"dxa\"/><w:gridSpan w:val=\"2\"/>"), std::string::npos) << x;
  EXPECT_NE(x.find("<w:t xml:space=\"preserve\">说明 &lt;1&gt;</w:t>"), std::string::npos);
  EXPECT_NE(x.find("<w:trPr><w:cantSplit/><w:trHeight w:val=\"400\" w:hRule=\"atLeast\"/></w:trPr>"), std::string::npos) << x;
  EXPECT_NE(x.find("<w:tcW w:w=\"1000\" w:type=\"dxa\"/><w:vMerge w:val=\"restart\"/>"), std::string::npos);
  // The continued cell: a bare vMerge and an empty paragraph (Word needs one in every cell).
  EXPECT_NE(x.find("<w:vMerge/></w:tcPr><w:p><w:pPr>"), std::string::npos);
  EXPECT_NE(x.find("<w:t xml:space=\"preserve\">行一</w:t><w:br/><w:t xml:space=\"preserve\">行二</w:t>"), std::string::npos);
  // Each row's cells start over at the first column: "8" is in the 500-twip column.
  EXPECT_NE(x.find("<w:tcW w:w=\"500\" w:type=\"dxa\"/></w:tcPr><w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\"/><w:jc w:val=\"left\"/></w:pPr>"
                   "<w:r><w:t xml:space=\"preserve\">8</w:t>"),
            std::string::npos)
      << x;
  EXPECT_EQ(x.substr(x.size() - 15), "</w:tr></w:tbl>");
}

// A section ends with a paragraph holding its properties: here a landscape
// section, then (in the body's own sectPr, written by writePackage) whatever follows.
TEST(DocxWriter, SectionEndsInAParagraphWithItsPage) {
  Body body;
  body.paragraph("附件1");
  body.endSection(Page::landscapeA4());
  EXPECT_EQ(body.xml().substr(body.xml().find("</w:p>") + 6),
            "<w:p><w:pPr><w:sectPr><w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/><w:pgMar w:top=\"720\" w:right=\"720\" "
            "w:bottom=\"720\" w:left=\"720\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr></w:pPr></w:p>");
}

TEST(DocxWriter, LandscapePageIsWiderThanTall) {
  const Page page = Page::landscapeA4();
  EXPECT_TRUE(page.landscape);
  EXPECT_EQ(page.width, 16838);  // 297 mm in twips
  EXPECT_EQ(page.height, 11906);
  EXPECT_EQ(page.textWidth(), 16838 - 2 * 720);
  EXPECT_FALSE(Page::portrait().landscape);
}

}  // namespace
}  // namespace defen::docx

#include "compiler/report/docx_writer.h"

#include <fmt/format.h>
#include <zip.h>

#include <memory>

namespace defen::docx {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') break;  // not allowed in XML 1.0
        out += c;
    }
  }
  return out;
}

namespace {

const char* jc(TextStyle::Align a) {
  switch (a) {
    case TextStyle::Align::Center: return "center";
    case TextStyle::Align::Right: return "right";
    case TextStyle::Align::Left: break;
  }
  return "left";
}

std::string runProperties(bool bold, int halfPoints, const std::string& color) {
  std::string r;
  if (bold) r += "<w:b/><w:bCs/>";
  if (!color.empty()) r += "<w:color w:val=\"" + escape(color) + "\"/>";
  if (halfPoints > 0) r += fmt::format("<w:sz w:val=\"{0}\"/><w:szCs w:val=\"{0}\"/>", halfPoints);
  return r.empty() ? r : "<w:rPr>" + r + "</w:rPr>";
}

// Runs for `text`, a <w:br/> at each line break and a <w:tab/> at each tab.
std::string runs(std::string_view text, const std::string& rPr) {
  std::string out = "<w:r>" + rPr;
  std::string chunk;
  auto flush = [&] {
    if (!chunk.empty()) out += "<w:t xml:space=\"preserve\">" + escape(chunk) + "</w:t>";
    chunk.clear();
  };
  for (char c : text) {
    if (c == '\n') flush(), out += "<w:br/>";
    else if (c == '\t') flush(), out += "<w:tab/>";
    else if (c != '\r') chunk += c;
  }
  flush();
  return out + "</w:r>";
}

std::string paragraphXml(std::string_view text, const std::string& pPrInner, const std::string& rPr) {
  return "<w:p><w:pPr>" + pPrInner + "</w:pPr>" + (text.empty() ? "" : runs(text, rPr)) + "</w:p>";
}

}  // namespace

Table::Table(std::vector<int> gridTwips, bool borders) : grid_(std::move(gridTwips)), borders_(borders) {}

void Table::row(bool header, bool cantSplit, int minHeightTwips) {
  if (open_) rows_.back() += "</w:tr>";
  std::string trPr;
  if (cantSplit) trPr += "<w:cantSplit/>";
  if (minHeightTwips > 0) trPr += fmt::format("<w:trHeight w:val=\"{}\" w:hRule=\"atLeast\"/>", minHeightTwips);
  if (header) trPr += "<w:tblHeader/>";
  rows_.push_back("<w:tr>" + (trPr.empty() ? "" : "<w:trPr>" + trPr + "</w:trPr>"));
  open_ = true;
  column_ = 0;
}

void Table::cell(std::string_view text, const CellStyle& s) {
  if (!open_) row();
  int width = 0;
  const size_t first = static_cast<size_t>(column_);
  column_ += s.span;
  for (size_t c = first; c < first + static_cast<size_t>(s.span) && c < grid_.size(); ++c) width += grid_[c];
  std::string tcPr = fmt::format("<w:tcW w:w=\"{}\" w:type=\"dxa\"/>", width);
  if (s.span > 1) tcPr += fmt::format("<w:gridSpan w:val=\"{}\"/>", s.span);
  if (s.vmerge == VMerge::Restart) tcPr += "<w:vMerge w:val=\"restart\"/>";
  if (s.vmerge == VMerge::Continue) tcPr += "<w:vMerge/>";
  if (!s.fill.empty()) tcPr += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"" + escape(s.fill) + "\"/>";
  if (s.center) tcPr += "<w:vAlign w:val=\"center\"/>";
  const std::string pPr = std::string("<w:spacing w:before=\"0\" w:after=\"0\"/><w:jc w:val=\"") + jc(s.align) + "\"/>";
  // A continued merge cell holds an empty paragraph: Word requires one in every cell.
  rows_.back() += "<w:tc><w:tcPr>" + tcPr + "</w:tcPr>" +
                  paragraphXml(s.vmerge == VMerge::Continue ? std::string_view() : text, pPr, runProperties(s.bold, s.halfPoints, "")) +
                  "</w:tc>";
}

std::string Table::xml() const {
  int total = 0;
  for (int w : grid_) total += w;
  std::string out = fmt::format("<w:tbl><w:tblPr><w:tblW w:w=\"{}\" w:type=\"dxa\"/>", total);
  if (borders_) {
    out += "<w:tblBorders>";
    for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"})
      out += fmt::format("<w:{} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>", side);
    out += "</w:tblBorders>";
  }
  out += "<w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar>"
         "</w:tblPr><w:tblGrid>";
  for (int w : grid_) out += fmt::format("<w:gridCol w:w=\"{}\"/>", w);
  out += "</w:tblGrid>";
  for (const auto& r : rows_) out += r;
  if (open_) out += "</w:tr>";
  return out + "</w:tbl>";
}

void Body::paragraph(std::string_view text, const TextStyle& s) {
  xml_ += paragraphXml(text, std::string("<w:jc w:val=\"") + jc(s.align) + "\"/>", runProperties(s.bold, s.halfPoints, s.color));
}

void Body::heading(std::string_view text, int level) {
  xml_ += paragraphXml(text, fmt::format("<w:pStyle w:val=\"Heading{}\"/><w:keepNext/>", level == 1 ? 1 : 2), "");
}

void Body::table(const Table& table) {
  xml_ += table.xml();
  // Word merges two tables that touch; a paragraph keeps them apart.
  xml_ += "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\"/></w:pPr></w:p>";
}

void Body::pageBreak() { xml_ += "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"; }

namespace {

std::string sectionProperties(const Page& page) {
  return fmt::format("<w:sectPr><w:pgSz w:w=\"{}\" w:h=\"{}\"{}/><w:pgMar w:top=\"{m}\" w:right=\"{m}\" w:bottom=\"{m}\" w:left=\"{m}\" "
                     "w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr>",
                     page.width, page.height, page.landscape ? " w:orient=\"landscape\"" : "", fmt::arg("m", page.margin));
}

}  // namespace

// A section's properties sit in the paragraph that ends it (the last
// section's in the body).
void Body::endSection(const Page& page) { xml_ += "<w:p><w:pPr>" + sectionProperties(page) + "</w:pPr></w:p>"; }

namespace {

constexpr const char* kContentTypes = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>)";

constexpr const char* kPackageRels = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>)";

constexpr const char* kDocumentRels = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>)";

// 宋体 for Chinese (Word and WPS have it; LibreOffice substitutes a CJK font),
// 10.5pt (五号) as official documents use; two heading styles.
constexpr const char* kStyles = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体" w:cs="Times New Roman"/><w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="60" w:line="300" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:b/><w:bCs/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="180" w:after="60"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:b/><w:bCs/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style></w:styles>)";

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};

}  // namespace

bool writePackage(const std::string& path, const Body& body, const Page& page, std::string& error) {
  const std::string document =
      std::string(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>)") +
      body.xml() + sectionProperties(page) + "</w:body></w:document>";
  int code = 0;
  std::unique_ptr<zip_t, ZipCloser> zip(zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code));
  if (!zip) {
    error = "无法写入 Word 文件 " + path;
    return false;
  }
  const std::pair<const char*, std::string> parts[] = {{"[Content_Types].xml", kContentTypes},
                                                       {"_rels/.rels", kPackageRels},
                                                       {"word/_rels/document.xml.rels", kDocumentRels},
                                                       {"word/styles.xml", kStyles},
                                                       {"word/document.xml", document}};
  for (const auto& [name, text] : parts) {
    // libzip reads the buffer at zip_close, so it must outlive the loop: the
    // strings above do. Freed by libzip: no (freep = 0).
    zip_source_t* src = zip_source_buffer(zip.get(), text.data(), text.size(), 0);
    if (!src || zip_file_add(zip.get(), name, src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
      if (src) zip_source_free(src);
      error = "无法写入 Word 文件 " + path + "（" + zip_strerror(zip.get()) + "）";
      return false;
    }
  }
  if (zip_close(zip.get()) != 0) {
    error = "无法写入 Word 文件 " + path + "（" + zip_strerror(zip.get()) + "）";
    return false;
  }
  (void)zip.release();  // closed: nothing left to discard
  return true;
}

}  // namespace defen::docx

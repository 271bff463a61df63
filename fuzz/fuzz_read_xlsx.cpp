// Target: the Excel reader. Random bytes almost never make a zip archive whose
// parts inflate, so two kinds of input:
//   - bytes starting "PK" are the .xlsx file itself (corrupt archives,
//     truncated entries, an archive that is not a workbook);
//   - anything else is split at lines "@@" into parts of a workbook zipped
//     here (stored, uncompressed): the sheet XML, then sharedStrings.xml,
//     then workbook.xml and its relationships when given (a default workbook
//     naming one sheet otherwise). This reaches the XML handling: cell
//     references, types, shared string indices, inline strings, sheet lookup.
// The reader takes a path (libzip opens the file), so each input is written
// to one file per process under $TMPDIR.
#include "fuzz/fuzz_table.h"

#include "compiler/io/readers.h"

#include <zip.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>
#include <unistd.h>
#include <vector>

namespace {

const char* const kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
    R"(<Default Extension="xml" ContentType="application/xml"/></Types>)";
const char* const kRootRels =
    R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>)";
const char* const kWorkbook =
    R"(<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
    R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>)";
const char* const kWorkbookRels =
    R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>)"
    R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>)";

const std::string& scratchPath() {
  static const std::string path = [] {
    const char* dir = std::getenv("TMPDIR");
    return std::string(dir && *dir ? dir : "/tmp") + "/defen-fuzz-" + std::to_string(getpid()) + ".xlsx";
  }();
  return path;
}

std::vector<std::string> splitParts(std::string_view bytes) {
  std::vector<std::string> parts(1);
  while (!bytes.empty()) {
    size_t end = bytes.find('\n');
    std::string_view line = bytes.substr(0, end == std::string_view::npos ? bytes.size() : end + 1);
    bytes.remove_prefix(line.size());
    if (line == "@@\n" || line == "@@") parts.emplace_back();
    else parts.back() += line;
  }
  return parts;
}

// Writes the workbook; false if libzip refuses (then there is nothing to read).
bool writeWorkbook(const std::string& path, const std::vector<std::string>& parts) {
  int code = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
  if (!z) return false;
  auto add = [&](const char* name, const std::string& text) {
    zip_source_t* src = zip_source_buffer(z, text.data(), text.size(), 0);
    if (!src) return;
    zip_int64_t i = zip_file_add(z, name, src, ZIP_FL_OVERWRITE);
    if (i < 0) zip_source_free(src);
    else zip_set_file_compression(z, static_cast<zip_uint64_t>(i), ZIP_CM_STORE, 0);
  };
  const std::string contentTypes = kContentTypes, rootRels = kRootRels;
  add("[Content_Types].xml", contentTypes);
  add("_rels/.rels", rootRels);
  const std::string workbook = parts.size() > 2 ? parts[2] : kWorkbook;
  const std::string workbookRels = parts.size() > 3 ? parts[3] : kWorkbookRels;
  add("xl/workbook.xml", workbook);
  add("xl/_rels/workbook.xml.rels", workbookRels);
  add("xl/worksheets/sheet1.xml", parts[0]);
  if (parts.size() > 1) add("xl/sharedStrings.xml", parts[1]);
  return zip_close(z) == 0 || (zip_discard(z), false);  // the buffers must outlive zip_close
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const std::string& path = scratchPath();
  if (bytes.substr(0, 2) == "PK") {
    std::ofstream(path, std::ios::binary | std::ios::trunc).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  } else if (!writeWorkbook(path, splitParts(bytes))) {
    return 0;
  }
  defen::fuzz::bindTable(defen::readXlsx(path));
  defen::fuzz::bindTable(defen::readXlsx(path, "数据"));
  std::remove(path.c_str());
  return 0;
}

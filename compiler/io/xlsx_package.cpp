#include "compiler/io/xlsx_package.h"

#include <zip.h>

#include <cstring>
#include <fstream>
#include <string_view>
#include <vector>

namespace defen::xlsx {
namespace {

// A part larger than this is refused rather than inflated: a real data
// sheet of 100,000 rows is well under it, a zip bomb is not.
constexpr zip_uint64_t kMaxPartBytes = 512ull * 1024 * 1024;
// Parts read into a pugixml tree (workbook, relationships, styles: a few KB
// in any real file); a tree costs many times its text.
constexpr std::size_t kMaxTreeBytes = 32u * 1024 * 1024;

bool endsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The directory of a part, with its trailing slash ("xl/workbook.xml" → "xl/").
std::string directoryOf(const std::string& part) {
  const size_t slash = part.rfind('/');
  return slash == std::string::npos ? std::string() : part.substr(0, slash + 1);
}

// A relationship target resolved against the source part's directory:
// "worksheets/sheet1.xml", "/xl/worksheets/sheet1.xml", "../xl/…".
std::string resolve(const std::string& baseDir, const std::string& target) {
  std::string joined = !target.empty() && target[0] == '/' ? target.substr(1) : baseDir + target;
  std::vector<std::string> segments;
  size_t start = 0;
  while (start <= joined.size()) {
    size_t end = joined.find('/', start);
    if (end == std::string::npos) end = joined.size();
    std::string seg = joined.substr(start, end - start);
    if (seg == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!seg.empty() && seg != ".") {
      segments.push_back(seg);
    }
    start = end + 1;
  }
  std::string out;
  for (const auto& seg : segments) out += (out.empty() ? "" : "/") + seg;
  return out;
}

// The first bytes of the file, to tell an old .xls or an encrypted workbook
// (both OLE compound files) from a file that is simply not Excel.
bool isOleFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[8] = {};
  in.read(magic, sizeof magic);
  return in.gcount() == 8 && std::memcmp(magic, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0;
}

}  // namespace

const char* localName(const pugi::xml_node& node) {
  const char* name = node.name();
  const char* colon = std::strchr(name, ':');
  return colon ? colon + 1 : name;
}

pugi::xml_node child(const pugi::xml_node& node, const char* local) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && std::strcmp(localName(c), local) == 0) return c;
  return {};
}

const char* attribute(const pugi::xml_node& node, const char* local) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    const char* name = a.name();
    const char* colon = std::strchr(name, ':');
    if (std::strcmp(colon ? colon + 1 : name, local) == 0) return a.value();
  }
  return "";
}

struct Package::Archive {
  zip_t* zip = nullptr;
  ~Archive() {
    if (zip) zip_discard(zip);  // read-only: nothing to write back
  }
};

Package::Package() = default;
Package::~Package() = default;

bool Package::hasPart(const std::string& part) const {
  return zip_ && zip_->zip && zip_name_locate(zip_->zip, part.c_str(), 0) >= 0;
}

std::unique_ptr<PartReader> Package::openPart(const std::string& part, std::string& error) const {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(zip_->zip, part.c_str(), 0, &st) != 0) {
    error = "Excel 文件（" + path_ + "）缺少 " + part + "，文件可能已损坏";
    return nullptr;
  }
  if ((st.valid & ZIP_STAT_SIZE) && st.size > kMaxPartBytes) {
    error = "Excel 文件（" + path_ + "）中的 " + part + " 太大（解压后超过 512 MB）";
    return nullptr;
  }
  zip_file_t* file = zip_fopen(zip_->zip, part.c_str(), 0);
  if (!file) {
    error = "无法读取 Excel 文件（" + path_ + "）中的 " + part + "：" + zip_strerror(zip_->zip);
    return nullptr;
  }
  std::unique_ptr<PartReader> reader(new PartReader);
  reader->file_ = file;
  reader->what_ = "Excel 文件（" + path_ + "）中的 " + part;
  reader->declared_ = (st.valid & ZIP_STAT_SIZE) ? st.size : 0;
  return reader;
}

PartReader::~PartReader() {
  if (file_) zip_fclose(static_cast<zip_file_t*>(file_));
}

long long PartReader::read(char* buffer, std::size_t size, std::string& error) {
  // The declared size can lie: the bytes inflated are counted as well.
  const zip_int64_t n = zip_fread(static_cast<zip_file_t*>(file_), buffer, size);
  if (n > 0) total_ += static_cast<std::uint64_t>(n);
  if (n < 0 || total_ > kMaxPartBytes) {
    error = "无法读取 " + what_ + "（压缩数据损坏或解压后超过 512 MB）";
    return -1;
  }
  return n;
}

bool Package::streamPart(const std::string& part, const std::function<bool(const char*, std::size_t)>& sink,
                         std::string& error) const {
  std::unique_ptr<PartReader> reader = openPart(part, error);
  if (!reader) return false;
  std::vector<char> buffer(65536);
  long long n;
  while ((n = reader->read(buffer.data(), buffer.size(), error)) > 0)
    if (!sink(buffer.data(), static_cast<std::size_t>(n))) return false;
  return n == 0;
}

bool Package::loadXml(const std::string& part, pugi::xml_document& doc, std::string& error) const {
  std::string bytes;
  if (!streamPart(part, [&](const char* data, std::size_t size) {
        bytes.append(data, size);
        if (bytes.size() <= kMaxTreeBytes) return true;
        error = "Excel 文件（" + path_ + "）中的 " + part + " 太大（解压后超过 32 MB）";
        return false;
      }, error))
    return false;
  // Whitespace-only text is kept when it is an element's only content:
  // <t xml:space="preserve"> </t> is a cell holding a space.
  pugi::xml_parse_result r = doc.load_buffer(bytes.data(), bytes.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!r) {
    error = "Excel 文件（" + path_ + "）中的 " + part + " 不是有效的 XML（第 " + std::to_string(r.offset) + " 字节：" +
            r.description() + "）";
    return false;
  }
  return true;
}

bool Package::open(const std::string& path, std::string& error) {
  path_ = path;
  int code = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &code);
  if (!z) {
    if (code == ZIP_ER_OPEN || code == ZIP_ER_NOENT || code == ZIP_ER_READ) {
      error = "无法打开数据文件 " + path;
    } else if (isOleFile(path)) {
      error = "数据文件（" + path + "）是旧版 .xls 或设置了密码的工作簿，无法读取；请在 Excel 中另存为不加密的 .xlsx";
    } else if (code == ZIP_ER_NOZIP) {
      error = "数据文件（" + path + "）不是有效的 Excel 文件：.xlsx 应是 zip 压缩包，这个文件不是（可能不完整，或是改了扩展名的 CSV 等其他文件）";
    } else {
      zip_error_t ze;
      zip_error_init_with_code(&ze, code);
      error = "数据文件（" + path + "）不是有效的 Excel 文件：zip 压缩包已损坏（libzip：" + zip_error_strerror(&ze) + "）";
      zip_error_fini(&ze);
    }
    return false;
  }
  zip_ = std::make_unique<Archive>();
  zip_->zip = z;

  // The workbook part: named by the package relationships, usually xl/workbook.xml.
  std::string workbook = "xl/workbook.xml";
  pugi::xml_document rels;
  std::string ignored;
  if (hasPart("_rels/.rels") && loadXml("_rels/.rels", rels, ignored)) {
    for (pugi::xml_node r : child(rels, "Relationships").children())
      if (endsWith(attribute(r, "Type"), "/officeDocument")) workbook = resolve("", attribute(r, "Target"));
  }
  pugi::xml_document wb;
  if (!hasPart(workbook)) {
    error = "数据文件（" + path + "）不是 Excel 工作簿（缺少 " + workbook + "）";
    return false;
  }
  if (!loadXml(workbook, wb, error)) return false;

  // Sheet ids → parts, from the workbook's relationships.
  const std::string dir = directoryOf(workbook);
  const std::string relsPart = dir + "_rels/" + workbook.substr(dir.size()) + ".rels";
  pugi::xml_document wbRels;
  if (!loadXml(relsPart, wbRels, error)) return false;
  std::vector<std::pair<std::string, std::string>> worksheetTargets;  // id → part
  for (pugi::xml_node r : child(wbRels, "Relationships").children()) {
    std::string_view type = attribute(r, "Type");
    std::string target = resolve(dir, attribute(r, "Target"));
    if (endsWith(type, "/worksheet")) worksheetTargets.emplace_back(attribute(r, "Id"), target);
    else if (endsWith(type, "/sharedStrings")) sharedStrings_ = target;
    else if (endsWith(type, "/styles")) styles_ = target;
  }
  if (sharedStrings_.empty() && hasPart(dir + "sharedStrings.xml")) sharedStrings_ = dir + "sharedStrings.xml";

  for (pugi::xml_node s : child(child(wb, "workbook"), "sheets").children()) {
    if (std::strcmp(localName(s), "sheet") != 0) continue;
    const std::string id = attribute(s, "id");
    for (const auto& [rid, part] : worksheetTargets) {
      if (rid != id) continue;
      const std::string_view state = attribute(s, "state");
      sheets_.push_back(SheetEntry{attribute(s, "name"), part, state == "hidden" || state == "veryHidden"});
    }
  }
  if (sheets_.empty()) {
    error = "Excel 文件（" + path + "）中没有工作表";
    return false;
  }
  return true;
}

}  // namespace defen::xlsx

#include "cli/serve/request_data.h"

#include "compiler/io/readers.h"

#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <unistd.h>

namespace defen::serve {

namespace {

std::string lowerExtension(const std::string& name) {
  auto dot = name.rfind('.');
  std::string ext = dot == std::string::npos ? "" : name.substr(dot);
  for (auto& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return ext;
}

// Messages name the upload, never the server's temporary file.
void nameTheUpload(Table& table, const std::string& tempPath, const std::string& uploadName) {
  for (auto& e : table.errors)
    for (std::size_t at; (at = e.message.find(tempPath)) != std::string::npos;) e.message.replace(at, tempPath.size(), uploadName);
}

// readXlsx reads a file: the upload goes to a private temporary file first.
Table readXlsxBytes(const std::string& bytes, const std::string& sheet, const std::string& uploadName) {
  std::string path = "/tmp/defen-serve-XXXXXX.xlsx";
  int fd = mkstemps(path.data(), 5);
  if (fd < 0) throw ApiError(500, "internal", "无法创建临时文件", "cannot create a temporary file");
  bool written = ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size());
  ::close(fd);
  Table table;
  if (written) table = readXlsx(path, sheet);
  std::remove(path.c_str());
  nameTheUpload(table, path, uploadName);
  if (!written) throw ApiError(500, "internal", "无法写入临时文件", "cannot write a temporary file");
  return table;
}

constexpr std::size_t kChunkRows = 1000;

}  // namespace

RequestData readRequestData(const ApiContext& ctx, const ApiRequest& request) {
  RequestData data;
  if (const httplib::MultipartFormData* upload = request.upload("data")) {
    data.name = upload->filename.empty() ? "data" : upload->filename;
    std::string ext = lowerExtension(data.name);
    std::string sheet = request.text("sheet").value_or("");
    if (ext == ".json") data.table = readJson(upload->content);
    else if (ext == ".csv") data.table = readCsv(upload->content);
    else if (ext == ".xlsx") data.table = readXlsxBytes(upload->content, sheet, data.name);
    else
      throw ApiError(415, "unsupported", fmt::format("数据文件 {} 须是 .json、.csv 或 .xlsx", data.name),
                     fmt::format("the data file {} must be .json, .csv or .xlsx", data.name));
  } else if (!request.multipart() && request.body().contains("records")) {
    const Json& records = request.body()["records"];
    if (!records.is_array() && !records.is_object())
      throw ApiError(400, "bad_request", "records 须是对象数组 [{…}]", "records must be an array of objects [{…}]");
    data.name = "records";
    // The records' text, read as a data file would be: one reader for all.
    data.table = readJson(records.dump());
  } else {
    throw ApiError(400, "bad_request", "缺少数据：JSON 的 records，或上传的 data 文件",
                   "no data: give records in the JSON body, or upload a data file as the part `data`");
  }
  if (static_cast<long>(data.table.records.size()) > ctx.maxRows)
    throw ApiError(413, "too_large", fmt::format("数据有{}行，超过 --max-rows 限制 {} 行", data.table.records.size(), ctx.maxRows),
                   fmt::format("the data has {} rows, more than the --max-rows limit of {}", data.table.records.size(), ctx.maxRows));
  request.deadline().check("读取数据", "reading the data");
  return data;
}

Evaluation evaluateWithDeadline(const ir::Program& program, const Table& table, Engine& engine, const ApiRequest& request,
                                bool explain) {
  EvalOptions options{1, explain};
  if (table.records.size() <= kChunkRows) return evaluateTable(program, table, engine, options);
  Evaluation all;
  std::size_t next = 0;
  int previousLastRow = 0;
  while (next < table.records.size()) {
    request.deadline().check("计分", "scoring");
    Table chunk;
    chunk.columns = table.columns;
    std::size_t end = std::min(next + kChunkRows, table.records.size());
    chunk.records.assign(table.records.begin() + next, table.records.begin() + end);
    const bool last = end == table.records.size();
    const int lastRow = chunk.records.back().row;
    // Rows that could not be read belong with the chunk their row number
    // falls in; file-level problems (row 0) with every chunk, as CsvChunks does.
    for (const auto& e : table.errors)
      if (e.row == 0 || (e.row > previousLastRow && (last || e.row <= lastRow))) chunk.errors.push_back(e);
    Evaluation part = evaluateTable(program, chunk, engine, options);
    if (next == 0) {
      all.fileErrors = part.fileErrors;
      all.warnings = part.warnings;
      all.columnWarnings = part.columnWarnings;
    } else {
      all.warnings.insert(all.warnings.end(), part.warnings.begin() + static_cast<std::ptrdiff_t>(part.columnWarnings), part.warnings.end());
    }
    for (auto& r : part.results) all.results.push_back(std::move(r));
    previousLastRow = lastRow;
    next = end;
  }
  request.deadline().check("计分", "scoring");
  return all;
}

}  // namespace defen::serve

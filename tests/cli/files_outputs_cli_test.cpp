// Files and outputs (issues 17, 18): a 基于 name reaches no file outside the
// ruleset's folder and no device; `defen check` and `defen test` read only
// regular files; CSV reports neutralise cells a spreadsheet would run, carry
// a BOM in files and can be written as GBK; -o writes a FIFO, a device or
// a link's target without replacing it.
#include "cli_support.h"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <sys/stat.h>
#include <thread>

namespace defen::clitest {
namespace {

namespace fs = std::filesystem;
using ordered = nlohmann::ordered_json;

// A folder with a ruleset in rules/ and a secret beside it, in outside/.
class Folders : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("defen_files_cli_" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_ / "rules");
    fs::create_directories(root_ / "outside");
    std::ofstream(root_ / "outside" / "x.rules") << "SECRET-TOKEN 名称\n";
    fs::copy(src("rulesets/zhanjiang-2022-dept.rules"), root_ / "rules" / "zhanjiang-2022-dept.rules");
  }
  void TearDown() override { fs::remove_all(root_); }
  std::string write(const std::string& name, const std::string& text) {
    std::ofstream(root_ / "rules" / name, std::ios::binary) << text;
    return (root_ / "rules" / name).string();
  }
  fs::path root_;
};

TEST_F(Folders, ABaseNameWithAPathIsE307AtTheBaseLine) {
  const std::string absolute = "\"" + (root_ / "outside" / "x").string() + "\"";
  for (std::string name : {std::string("\"../outside/x\""), absolute, std::string("\"sub\\\\x\""), std::string("\"..\"")}) {
    std::string file = write("derived.rules", "# 新一年\n基于 " + name + "\n年度 2023\n");
    CliRun r = run("check " + file);
    EXPECT_EQ(r.exit, 1) << name;
    EXPECT_NE(r.out.find("derived.rules:2:4: 错误 [E307]: 基础标准名"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("不能含路径"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("SECRET-TOKEN"), std::string::npos) << r.out;
  }
  // The plain name beside the file still works.
  std::string good = write("good.rules", "基于 zhanjiang-2022-dept\n年度 2023\n");
  CliRun ok = run("check " + good);
  EXPECT_EQ(ok.exit, 0) << ok.out;
}

TEST_F(Folders, NulAndControlCharactersInABaseNameOpenNothing) {
  // "\u0000" cut the appended .rules off: /etc/passwd was opened and its first
  // token echoed in a syntax error; /dev/zero was read until memory ran out.
  using namespace std::string_literals;
  for (std::string name : {"/etc/passwd\0"s, "/dev/zero\0"s, "zhanjiang-2022-dept\0"s, "a\\nb"s}) {
    std::string file = write("nul.rules", "基于 \"" + name + "\"\n年度 2023\n");
    auto start = std::chrono::steady_clock::now();
    CliRun r = run("check " + file);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10)) << name;
    EXPECT_EQ(r.exit, 1) << name;
    EXPECT_NE(r.out.find("nul.rules:1:4: 错误 [E307]: 基础标准名"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("root:"), std::string::npos) << r.out;
  }
}

TEST_F(Folders, ABaseThatIsALinkLeadingOutOrNoRegularFileIsRefused) {
  fs::create_symlink(root_ / "outside" / "x.rules", root_ / "rules" / "linked.rules");
  CliRun link = run("check " + write("d1.rules", "基于 linked\n年度 2023\n"));
  EXPECT_EQ(link.exit, 1);
  EXPECT_NE(link.out.find("d1.rules:1:4: 错误 [E307]: 不能读取基础标准"), std::string::npos) << link.out;
  EXPECT_NE(link.out.find("不在允许的目录内"), std::string::npos) << link.out;
  EXPECT_EQ(link.out.find("SECRET-TOKEN"), std::string::npos) << link.out;
  ASSERT_EQ(::mkfifo((root_ / "rules" / "pipe.rules").c_str(), 0600), 0);
  CliRun fifo = run("check " + write("d2.rules", "基于 pipe\n年度 2023\n"));
  EXPECT_EQ(fifo.exit, 1);
  EXPECT_NE(fifo.out.find("不是普通文件"), std::string::npos) << fifo.out;
  // A link to a file inside the folder is followed.
  fs::create_symlink(root_ / "rules" / "zhanjiang-2022-dept.rules", root_ / "rules" / "alias.rules");
  EXPECT_EQ(run("check " + write("d3.rules", "基于 alias\n年度 2023\n")).exit, 0);
}

TEST_F(Folders, CheckAndTestReadOnlyRegularFiles) {
  CliRun zero = run("check /dev/zero");
  EXPECT_EQ(zero.exit, 1);
  EXPECT_NE(zero.out.find("无法读取规则文件 /dev/zero：不是普通文件"), std::string::npos) << zero.out;
  ASSERT_EQ(::mkfifo((root_ / "rules" / "data.csv").c_str(), 0600), 0);
  std::string rules = (root_ / "rules" / "zhanjiang-2022-dept.rules").string();
  write("zhanjiang-2022-dept.tests", "数据 data.csv 第1行\n用例 甲\n  期望 总分 86.5分\n");
  CliRun t = run("test " + rules);
  EXPECT_NE(t.exit, 0);
  EXPECT_NE(t.out.find("zhanjiang-2022-dept.tests:1:4: 错误 [T008]: 数据文件“data.csv”不能使用：不是普通文件"), std::string::npos)
      << t.out;
}

// The editor's view of the same file: `defen lsp` publishes E307 at the
// name, and nothing from the outside file.
TEST_F(Folders, TheLanguageServerReportsE307AndReadsNothingOutside) {
  std::string path = (root_ / "rules" / "editing.rules").string();
  std::string text = "基于 \"../outside/x\"\n年度 2023\n";
  auto frame = [](const ordered& m) {
    std::string body = m.dump();
    return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  };
  std::string session =
      frame({{"jsonrpc", "2.0"}, {"id", 1}, {"method", "initialize"}, {"params", {{"capabilities", ordered::object()}}}}) +
      frame({{"jsonrpc", "2.0"}, {"method", "textDocument/didOpen"},
             {"params", {{"textDocument", {{"uri", "file://" + path}, {"languageId", "defen"}, {"version", 1}, {"text", text}}}}}}) +
      frame({{"jsonrpc", "2.0"}, {"id", 2}, {"method", "shutdown"}, {"params", nullptr}}) +
      frame({{"jsonrpc", "2.0"}, {"method", "exit"}, {"params", nullptr}});
  CliRun r = runStdout("lsp < " + tempFile("lsp-e307.in", session));
  EXPECT_EQ(r.exit, 0);
  auto at = r.out.find("\"method\":\"textDocument/publishDiagnostics\"");
  ASSERT_NE(at, std::string::npos) << r.out;
  auto body = r.out.rfind("\r\n\r\n", at) + 4;
  nlohmann::json published = nlohmann::json::parse(r.out.substr(body, r.out.find("Content-Length", at) - body));
  ASSERT_EQ(published["params"]["diagnostics"].size(), 1u) << published.dump();
  EXPECT_EQ(published["params"]["diagnostics"][0]["code"], "E307");
  EXPECT_EQ(published["params"]["diagnostics"][0]["range"]["start"], (nlohmann::json{{"line", 0}, {"character", 3}}));
  EXPECT_EQ(r.out.find("SECRET-TOKEN"), std::string::npos) << r.out;
}

ordered exampleRecord() {
  std::ifstream in(src("examples/zhanjiang-2022/data.json"));
  return ordered::parse(in);
}

TEST(CsvReport, TextCellsASpreadsheetWouldRunGetAQuoteAndNumbersStayNumbers) {
  ordered a = exampleRecord(), b = exampleRecord();
  a["名称"] = "=HYPERLINK(\"http://example.invalid\",\"看\")";
  a["问责次数"] = 1;  // the bonus column becomes -2.00: a number defen wrote
  b["名称"] = "\r=1+1";
  std::string data = tempFile("inject.json", ordered::array({a, b}).dump());
  CliRun r = runStdout("eval --format csv " + src("rulesets/zhanjiang-2022-dept.rules") + " " + data);
  EXPECT_EQ(r.exit, 0) << r.out;
  EXPECT_NE(r.out.find("\n1,\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"看\"\")\",84.50,良,"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(",-2.00,\n"), std::string::npos) << r.out;
  // The reader trims the CR; what is left still starts with "=".
  EXPECT_NE(r.out.find("\n2,'=1+1,86.50,良,"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find(",=") , std::string::npos) << r.out;
  EXPECT_EQ(r.out.find(",\"="), std::string::npos) << r.out;
}

TEST(CsvReport, AFileHasABomStandardOutputHasNone) {
  std::string rules = src("rulesets/zhanjiang-2022-dept.rules"), data = src("examples/zhanjiang-2022/data.json");
  CliRun stdoutRun = runStdout("eval --format csv " + rules + " " + data);
  EXPECT_EQ(stdoutRun.out.substr(0, 4), "行,");
  std::string path = tempFile("bom-report.csv", "");
  ASSERT_EQ(run("eval --format csv " + rules + " " + data + " -o " + path).exit, 0);
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(bytes, "\xEF\xBB\xBF" + stdoutRun.out);
  CliRun tmpl = runStdout("template --format csv " + rules + " 2>/dev/null");
  EXPECT_EQ(tmpl.out.substr(0, 6), "名称");
}

TEST(CsvReport, GbkForOldExcelReadsBackAndRefusesWhatGbkCannotHold) {
  std::string rules = src("rulesets/zhanjiang-2022-dept.rules");
  // The template in GBK read back by defen's own CSV reader as GB18030:
  // every column recognised, so every name came through intact.
  std::string path = tempFile("gbk-template.csv", "");
  ASSERT_EQ(run("template --format csv --output-encoding gbk " + rules + " -o " + path).exit, 0);
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(bytes.substr(0, 4), "\xC3\xFB\xB3\xC6");  // 名称 in GBK, no BOM
  CliRun back = run("eval --format csv --encoding gb18030 " + rules + " " + path);
  EXPECT_EQ(back.exit, 0) << back.out;
  EXPECT_EQ(back.out.find("警告"), std::string::npos) << back.out;
  // A unit name GBK cannot hold: an error with its line, no report written.
  ordered a = exampleRecord();
  a["名称"] = "单位😀";
  std::string data = tempFile("emoji.json", ordered::array({a}).dump());
  std::string report = (fs::temp_directory_path() / ("defen_cli_gbk_report_" + std::to_string(::getpid()) + ".csv")).string();
  fs::remove(report);
  CliRun r = run("eval --format csv --output-encoding gbk " + rules + " " + data + " -o " + report);
  EXPECT_EQ(r.exit, 1) << r.out;
  EXPECT_NE(r.out.find("第2行的“😀”（U+1F600）无法用 GBK 编码"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(report));
  // Only CSV has an encoding to choose.
  EXPECT_EQ(run("eval --format json --output-encoding gbk " + rules + " " + data).exit, 2);
  EXPECT_EQ(run("template --format xlsx --output-encoding gbk " + rules + " -o " + report + ".xlsx").exit, 2);
}

class OutputTargets : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("defen_outputs_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string eval(const std::string& output) {
    return "eval --format csv " + src("rulesets/zhanjiang-2022-dept.rules") + " " + src("examples/zhanjiang-2022/data.json") +
           " -o " + output;
  }
  fs::path dir_;
};

TEST_F(OutputTargets, ALinkToARegularFileStaysALinkAndItsTargetIsReplaced) {
  std::ofstream(dir_ / "report.csv") << "old";
  fs::create_symlink(dir_ / "report.csv", dir_ / "latest.csv");
  ASSERT_EQ(run(eval((dir_ / "latest.csv").string())).exit, 0);
  EXPECT_TRUE(fs::is_symlink(dir_ / "latest.csv"));
  std::ifstream in(dir_ / "report.csv");
  std::string first;
  std::getline(in, first);
  EXPECT_EQ(first.substr(0, 7), "\xEF\xBB\xBF行,");
}

TEST_F(OutputTargets, AFifoIsWrittenInPlaceAndStaysAFifo) {
  fs::path fifo = dir_ / "pipe.csv";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::string received;
  std::thread reader([&] {
    std::ifstream in(fifo, std::ios::binary);
    received.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  });
  CliRun r = run(eval(fifo.string()));
  reader.join();
  EXPECT_EQ(r.exit, 0) << r.out;
  EXPECT_TRUE(fs::is_fifo(fifo));
  EXPECT_NE(received.find("湛江市社会科学界联合会,86.50,良"), std::string::npos) << received;
}

TEST_F(OutputTargets, ALinkToStandardOutputWritesThere) {
  fs::create_symlink("/proc/self/fd/1", dir_ / "out.csv");
  CliRun r = runStdout(eval((dir_ / "out.csv").string()));
  EXPECT_EQ(r.exit, 0);
  EXPECT_NE(r.out.find("湛江市社会科学界联合会,86.50,良"), std::string::npos) << r.out;
  EXPECT_TRUE(fs::is_symlink(dir_ / "out.csv"));
}

TEST_F(OutputTargets, ADeviceStaysADeviceAndAFullDiskIsAnError) {
  struct stat st {};
  CliRun full = run(eval("/dev/full"));
  EXPECT_EQ(full.exit, 1) << full.out;
  EXPECT_NE(full.out.find("写入 /dev/full 失败"), std::string::npos) << full.out;
  ASSERT_EQ(::stat("/dev/full", &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode));
  // Standard output on a full disk: the same error (exit 1), not a silent 0.
  CliRun piped = runStdout("eval --format csv " + src("rulesets/zhanjiang-2022-dept.rules") + " " +
                           src("examples/zhanjiang-2022/data.json") + " > /dev/full");
  EXPECT_EQ(piped.exit, 1);
  CliRun tmpl = run("template --format csv " + src("rulesets/zhanjiang-2022-dept.rules") + " -o /dev/full");
  EXPECT_EQ(tmpl.exit, 1) << tmpl.out;
}

}  // namespace
}  // namespace defen::clitest

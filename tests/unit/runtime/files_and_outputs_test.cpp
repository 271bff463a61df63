// Files named by text that others wrote, and the CSV cells and bytes defen
// writes (compiler/core/contained_file.h, csv_cell.h, csv_encoding.h).
#include "compiler/core/contained_file.h"
#include "compiler/report/csv_cell.h"
#include "compiler/report/csv_encoding.h"
#include "compiler/io/readers.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using defen::FileRefusal;

class ContainedFile : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("defen_contained_" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_ / "rules");
    fs::create_directories(root_ / "outside");
    std::ofstream(root_ / "rules" / "base.rules") << "名称 \"底稿\"\n";
    std::ofstream(root_ / "outside" / "secret.rules") << "SECRET-TOKEN\n";
  }
  void TearDown() override { fs::remove_all(root_); }
  std::string dir() const { return (root_ / "rules").string(); }

  FileRefusal read(const std::string& name, std::string& text, std::uintmax_t max = defen::kMaxSourceBytes) {
    std::string resolved;
    return defen::readContained(dir(), dir(), name, max, resolved, text);
  }
  fs::path root_;
};

TEST_F(ContainedFile, ReadsAPlainFileInsideWithoutItsBom) {
  std::ofstream(root_ / "rules" / "bom.rules", std::ios::binary) << "\xEF\xBB\xBF名称 \"甲\"\n";
  std::string text;
  EXPECT_EQ(read("base.rules", text), FileRefusal::None);
  EXPECT_EQ(text, "名称 \"底稿\"\n");
  EXPECT_EQ(read("bom.rules", text), FileRefusal::None);
  EXPECT_EQ(text, "名称 \"甲\"\n");
}

TEST_F(ContainedFile, RefusesEveryWayOut) {
  std::string text = "untouched";
  EXPECT_EQ(read("../outside/secret.rules", text), FileRefusal::Outside);
  EXPECT_EQ(read("sub/../../outside/secret.rules", text), FileRefusal::Outside);
  EXPECT_EQ(read((root_ / "outside" / "secret.rules").string(), text), FileRefusal::BadName);  // absolute
  EXPECT_EQ(read("/etc/passwd", text), FileRefusal::BadName);
  EXPECT_EQ(read(std::string("base.rules\0.x", 13), text), FileRefusal::BadName);  // NUL
  EXPECT_EQ(read("base\r.rules", text), FileRefusal::BadName);
  EXPECT_EQ(read("", text), FileRefusal::BadName);
  EXPECT_EQ(read("../outside/missing.rules", text), FileRefusal::Outside);  // says nothing of what exists there
  EXPECT_EQ(read("missing.rules", text), FileRefusal::Missing);
  // A link inside leading out, and one leading to a file inside.
  fs::create_symlink(root_ / "outside" / "secret.rules", root_ / "rules" / "link.rules");
  EXPECT_EQ(read("link.rules", text), FileRefusal::Outside);
  fs::create_symlink(root_ / "rules" / "base.rules", root_ / "rules" / "alias.rules");
  EXPECT_EQ(read("alias.rules", text), FileRefusal::None);
  EXPECT_EQ(text, "名称 \"底稿\"\n");
  fs::create_symlink(root_ / "outside", root_ / "rules" / "out");
  EXPECT_EQ(read("out/secret.rules", text), FileRefusal::Outside);
}

TEST_F(ContainedFile, RefusesWhatIsNoRegularFileAndWhatIsTooLarge) {
  std::string text = "untouched";
  ASSERT_EQ(::mkfifo((root_ / "rules" / "fifo.rules").c_str(), 0600), 0);
  EXPECT_EQ(read("fifo.rules", text), FileRefusal::NotRegular);  // returns at once: no writer is waited for
  fs::create_symlink("/dev/zero", root_ / "rules" / "zero.rules");
  EXPECT_EQ(read("zero.rules", text), FileRefusal::Outside);
  EXPECT_EQ(defen::readRegularFile("/dev/zero", defen::kMaxSourceBytes, text), FileRefusal::NotRegular);
  EXPECT_EQ(defen::readRegularFile((root_ / "rules" / "fifo.rules").string(), defen::kMaxSourceBytes, text),
            FileRefusal::NotRegular);
  EXPECT_EQ(read(".", text), FileRefusal::Outside);  // the folder itself
  fs::create_directories(root_ / "rules" / "sub");
  EXPECT_EQ(read("sub", text), FileRefusal::NotRegular);
  EXPECT_EQ(read("base.rules", text, 5), FileRefusal::TooLarge);
  // A link put where a resolved path was is not followed.
  fs::create_symlink(root_ / "outside" / "secret.rules", root_ / "rules" / "swapped.rules");
  EXPECT_EQ(defen::readRegularFile((root_ / "rules" / "swapped.rules").string(), defen::kMaxSourceBytes, text, false),
            FileRefusal::Outside);
  EXPECT_EQ(text, "untouched");
}

TEST(CsvCell, TextThatASpreadsheetWouldRunGetsAQuote) {
  EXPECT_EQ(defen::csvText("=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
  EXPECT_EQ(defen::csvText("+1|cmd"), "'+1|cmd");
  EXPECT_EQ(defen::csvText("-2+3"), "'-2+3");
  EXPECT_EQ(defen::csvText("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(defen::csvText("\t=1"), "'\t=1");
  EXPECT_EQ(defen::csvText("\r=1+1"), "\"'\r=1+1\"");
  // Ordinary text is as it was; a comma or quote is still quoted.
  EXPECT_EQ(defen::csvText("湛江市财政局"), "湛江市财政局");
  EXPECT_EQ(defen::csvText("a=1"), "a=1");
  EXPECT_EQ(defen::csvText("甲,乙"), "\"甲,乙\"");
  EXPECT_EQ(defen::csvText(""), "");
}

TEST(CsvEncoding, GbkReadsBackAsTheSameText) {
  std::ostringstream bytes;
  defen::GbkWriter gbk(bytes);
  std::ostream out(&gbk);
  out << "名称,总分\n湛江市财政局,86.5\n";
  ASSERT_TRUE(gbk.finish()) << gbk.error();
  EXPECT_EQ(bytes.str().substr(0, 4), "\xC3\xFB\xB3\xC6");  // 名称 in GBK
  defen::Table t = defen::readCsv(bytes.str(), defen::Encoding::Gb18030);
  ASSERT_TRUE(t.errors.empty());
  ASSERT_EQ(t.columns, (std::vector<std::string>{"名称", "总分"}));
  ASSERT_EQ(t.records.size(), 1u);
  EXPECT_EQ(t.records[0].cells[0].text, "湛江市财政局");
  EXPECT_EQ(t.records[0].cells[1].text, "86.5");
}

TEST(CsvEncoding, AManyChunkStreamSplitInsideCharactersConverts) {
  std::ostringstream bytes;
  defen::GbkWriter gbk(bytes);
  std::ostream out(&gbk);
  std::string line = "预算执行率,3\n";
  for (int i = 0; i < 20000; ++i) out << line;  // 340 KB, past several 64 KB chunks
  ASSERT_TRUE(gbk.finish()) << gbk.error();
  defen::Table t = defen::readCsv(bytes.str(), defen::Encoding::Gb18030);
  ASSERT_EQ(t.records.size(), 19999u);
  EXPECT_EQ(t.columns[0], "预算执行率");
  EXPECT_EQ(t.records.back().cells[0].text, "预算执行率");
}

TEST(CsvEncoding, ACharacterGbkCannotHoldIsAnErrorNamingItsLine) {
  std::ostringstream bytes;
  defen::GbkWriter gbk(bytes);
  std::ostream out(&gbk);
  out << "名称\n甲\n单位😀\n";
  EXPECT_FALSE(gbk.finish());
  EXPECT_NE(gbk.error().find("第3行"), std::string::npos) << gbk.error();
  EXPECT_NE(gbk.error().find("U+1F600"), std::string::npos) << gbk.error();
  EXPECT_EQ(bytes.str().find('?'), std::string::npos);
}

}  // namespace

// The bytes of a CSV file defen writes, for the spreadsheet that opens it.
//
// Excel on Chinese Windows reads a CSV without a byte-order mark as the
// system code page (GBK) and shows UTF-8 text as garbage; with the UTF-8
// BOM it reads UTF-8. So a CSV file gets the BOM by default, while standard
// output (piped into other programs) stays plain UTF-8. Old Excel versions
// that ignore the BOM get `--output-encoding gbk`: the text transcoded with
// ICU's GBK (code page 936) converter. A character GBK cannot hold (an
// emoji, a rare character outside GBK) is an error naming it and its line,
// never a silent '?'.
#pragma once

#include <ostream>
#include <streambuf>
#include <string>

struct UConverter;

namespace defen {

enum class CsvOutputEncoding { Utf8, Gbk };

inline constexpr const char* kUtf8Bom = "\xEF\xBB\xBF";

// A stream buffer that takes UTF-8 and writes GBK to `target`, as it goes.
class GbkWriter : public std::streambuf {
 public:
  explicit GbkWriter(std::ostream& target);
  ~GbkWriter() override;
  GbkWriter(const GbkWriter&) = delete;
  GbkWriter& operator=(const GbkWriter&) = delete;

  // Converts what is left; false with error() set when some character could
  // not be written (or the text ended inside a UTF-8 sequence).
  bool finish();
  // Chinese, with the line and the character: "第3行的“😀”（U+1F600）无法用 GBK 编码…".
  const std::string& error() const { return error_; }

 protected:
  int_type overflow(int_type ch) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;

 private:
  bool convert(bool all);
  std::ostream& target_;
  UConverter* converter_ = nullptr;
  std::string pending_;  // UTF-8 not yet converted
  long line_ = 1;        // of the first pending byte
  std::string error_;
};

}  // namespace defen

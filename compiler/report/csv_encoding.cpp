#include "compiler/report/csv_encoding.h"

#include <fmt/format.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <vector>

namespace defen {

namespace {

constexpr size_t kChunk = 64 * 1024;

// Bytes of `text` that end on a whole UTF-8 character.
size_t completePrefix(const std::string& text) {
  size_t n = text.size();
  size_t back = 0;
  while (back < 4 && back < n && (static_cast<unsigned char>(text[n - 1 - back]) & 0xC0) == 0x80) ++back;
  if (back == n) return n;
  auto lead = static_cast<unsigned char>(text[n - 1 - back]);
  size_t need = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  return back + 1 >= need ? n : n - back - 1;
}

}  // namespace

GbkWriter::GbkWriter(std::ostream& target) : target_(target) {
  UErrorCode status = U_ZERO_ERROR;
  converter_ = ucnv_open("GBK", &status);
  if (U_FAILURE(status)) {
    converter_ = nullptr;
    error_ = fmt::format("无法打开 GBK 编码转换器（{}）", u_errorName(status));
    return;
  }
  ucnv_setFromUCallBack(converter_, UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
}

GbkWriter::~GbkWriter() {
  if (converter_) ucnv_close(converter_);
}

std::streambuf::int_type GbkWriter::overflow(int_type ch) {
  if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
  pending_ += traits_type::to_char_type(ch);
  if (pending_.size() >= kChunk && !convert(false)) return traits_type::eof();
  return ch;
}

std::streamsize GbkWriter::xsputn(const char* s, std::streamsize n) {
  pending_.append(s, static_cast<size_t>(n));
  if (pending_.size() >= kChunk && !convert(false)) return 0;
  return n;
}

int GbkWriter::sync() {
  if (!convert(false)) return -1;
  target_.flush();
  return target_ ? 0 : -1;
}

bool GbkWriter::finish() {
  if (!convert(true)) return false;
  target_.flush();
  if (!target_ && error_.empty()) error_ = "写入失败";
  return error_.empty();
}

bool GbkWriter::convert(bool all) {
  if (!error_.empty() || !converter_) return false;
  size_t size = all ? pending_.size() : completePrefix(pending_);
  if (size == 0) return true;
  UErrorCode status = U_ZERO_ERROR;
  std::vector<UChar> utf16(size + 1);
  int32_t length = 0;
  u_strFromUTF8(utf16.data(), static_cast<int32_t>(utf16.size()), &length, pending_.data(), static_cast<int32_t>(size),
                &status);
  if (U_FAILURE(status)) {
    error_ = fmt::format("第{}行附近的文字不是有效的 UTF-8，无法转为 GBK", line_);
    return false;
  }
  std::vector<char> out(static_cast<size_t>(length) * 2 + 16);
  status = U_ZERO_ERROR;
  int32_t written = ucnv_fromUChars(converter_, out.data(), static_cast<int32_t>(out.size()), utf16.data(), length, &status);
  if (U_FAILURE(status)) {
    // Find the character: the first code point that does not convert alone.
    long line = line_;
    for (int32_t i = 0; i < length;) {
      UChar32 c;
      int32_t start = i;
      U16_NEXT(utf16.data(), i, length, c);
      if (c == '\n') ++line;
      char probe[8];
      UErrorCode one = U_ZERO_ERROR;
      ucnv_reset(converter_);
      ucnv_fromUChars(converter_, probe, sizeof probe, utf16.data() + start, i - start, &one);
      if (U_FAILURE(one)) {
        std::string utf8;
        char buffer[4];
        int32_t n = 0;
        UBool bad = false;
        U8_APPEND(reinterpret_cast<uint8_t*>(buffer), n, 4, c, bad);
        (void)bad;  // c came from valid UTF-16: always encodable
        utf8.assign(buffer, static_cast<size_t>(n));
        error_ = fmt::format("第{}行的“{}”（U+{:04X}）无法用 GBK 编码；请用默认的 UTF-8（--output-encoding utf8）", line,
                             utf8, static_cast<unsigned>(c));
        return false;
      }
    }
    error_ = fmt::format("第{}行附近的文字无法用 GBK 编码（{}）", line_, u_errorName(status));
    return false;
  }
  target_.write(out.data(), written);
  line_ += std::count(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(size), '\n');
  pending_.erase(0, size);
  if (!target_) {
    error_ = "写入失败";
    return false;
  }
  return true;
}

}  // namespace defen

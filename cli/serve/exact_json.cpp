#include "cli/serve/exact_json.h"

#include "compiler/io/json_nesting.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace defen::serve {

namespace {

using Json = nlohmann::ordered_json;

// A DOM builder for nlohmann's SAX interface, the same as the library's own
// except for number_float.
class DecimalKeepingBuilder {
 public:
  DecimalKeepingBuilder(Json& root, const std::string& text) : root_(root), text_(text) {}

  bool null() { return put(nullptr); }
  bool boolean(bool b) { return put(b); }
  bool number_integer(Json::number_integer_t v) { return put(v); }
  bool number_unsigned(Json::number_unsigned_t v) { return put(v); }
  bool number_float(Json::number_float_t, const Json::string_t& text) { return put(text); }
  bool string(Json::string_t& s) { return put(s); }
  bool binary(Json::binary_t& b) { return put(Json::binary(b)); }

  bool start_object(std::size_t) { return open(Json::object()); }
  bool key(Json::string_t& k) {
    key_ = k;
    return true;
  }
  bool end_object() { return close(); }
  bool start_array(std::size_t) { return open(Json::array()); }
  bool end_array() { return close(); }

  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) {
    // Not only parse_error arrives here: a number out of double range comes
    // as out_of_range (406), which must not be read as a parse_error.
    if (e.id == 406) {
      // The parser stands just past the number: point at its first digit.
      std::size_t start = std::min(position, text_.size());
      auto inNumber = [](char c) { return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'; };
      while (start > 0 && inNumber(text_[start - 1])) --start;
      throw JsonTextError(start + 1, "数字超出范围", "a number is out of range");
    }
    std::string what = e.what();
    if (what.size() > 300) what = what.substr(0, 300) + "…";
    throw JsonTextError(position, "语法错误", what);
  }

 private:
  // Places a value where the parser is: the root, an array's next element or
  // an object's member under the last key. Returns where it now lives.
  Json* place(Json value) {
    if (stack_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    Json& parent = *stack_.back();
    if (parent.is_array()) {
      parent.push_back(std::move(value));
      return &parent.back();
    }
    Json& slot = parent[key_];
    slot = std::move(value);
    return &slot;
  }
  bool put(Json value) {
    place(std::move(value));
    return true;
  }
  bool open(Json container) {
    stack_.push_back(place(std::move(container)));
    return true;
  }
  bool close() {
    stack_.pop_back();
    return true;
  }

  Json& root_;
  const std::string& text_;
  std::vector<Json*> stack_;
  Json::string_t key_;
};

}  // namespace

nlohmann::ordered_json parseKeepingDecimals(const std::string& text) {
  if (auto at = jsonNestingExceededAt(text))
    throw JsonTextError(*at + 1, fmt::format("嵌套超过 {} 层", kMaxJsonNesting),
                        fmt::format("nested deeper than {} levels", kMaxJsonNesting));
  Json root;
  DecimalKeepingBuilder builder(root, text);
  Json::sax_parse(text, &builder);
  return root;
}

}  // namespace defen::serve

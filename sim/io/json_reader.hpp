#pragma once
// Reading JSON import files (CityFlow roadnet and flow) so that every problem becomes one located
// ImportError instead of an nlohmann exception, an assert or a crash:
//   FILE:LINE:COL: error: JSON syntax: ...            (the parser could not read the text)
//   FILE: error: at /roads/3/lanes/0/width: expected ..., found ...   (the text is JSON, the
//                                                                      structure is wrong)
// Syntax errors carry a line and column because the text is what the user must fix; structural
// errors carry a JSON pointer (RFC 6901) because after parsing only the tree is left, and a pointer
// names a place in the tree exactly.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace citytwin::json_input {

// Reads and parses `file`. Refuses, with an ImportError naming the limit, a file larger than
// kMaxImportFileBytes (checked before reading) and nesting deeper than kMaxImportDepth (checked
// while parsing, located at the bracket that goes too deep). Syntax errors and empty files are
// reported as FILE:LINE:COL.
nlohmann::json parse_file(const std::filesystem::path& file);

// How a value reads in a message: 12, -3.5, "road_1", true, null, an object, an array.
std::string describe(const nlohmann::json& value);

// The shortest text that reads back as `x` (15, 0.5, 1e-09), for numbers in messages.
std::string format_number(double x);

// One value of a parsed document with the file it came from and its JSON pointer, so that any check
// on it can fail with a located message. Cheap to copy; refers to the document, which must outlive
// it.
class JsonValue {
 public:
  // The document root (pointer "").
  JsonValue(const std::filesystem::path& file, const nlohmann::json& root);

  const nlohmann::json& raw() const { return *value_; }
  const std::string& pointer() const { return pointer_; }
  const std::filesystem::path& file() const { return *file_; }

  // "FILE: error: at POINTER: what" (the root reads "at the top level").
  [[noreturn]] void fail(std::string_view what) const;
  // fail("expected <expectation>, found <describe(value)>").
  [[noreturn]] void expected(std::string_view expectation) const;

  // Objects. `expectation` says what the value should have been ("a road (an object)").
  void require_object(std::string_view expectation) const;
  // The member `key` of this object; fails with `missing key "key"` when absent.
  JsonValue member(std::string_view key) const;
  std::optional<JsonValue> find(std::string_view key) const;

  // Arrays: checks the type and returns the size (refusing more than kMaxImportElements).
  std::size_t require_array(std::string_view expectation) const;
  JsonValue operator[](std::size_t index) const;  // after require_array; index < size

  // Scalars. Each checks type and range and fails with "expected <expectation>, found ...".
  std::string string(std::string_view expectation) const;  // a non-empty string
  bool boolean(std::string_view expectation) const;
  double number(std::string_view expectation) const;        // finite
  double positive(std::string_view expectation) const;      // finite, > 0
  double non_negative(std::string_view expectation) const;  // finite, >= 0
  // An integer (JSON number without fraction or exponent) in [0, limit), e.g. a lane index.
  std::uint64_t index(std::uint64_t limit, std::string_view expectation) const;

 private:
  JsonValue(const std::filesystem::path* file, const nlohmann::json* value, std::string pointer)
      : file_(file), value_(value), pointer_(std::move(pointer)) {}

  const std::filesystem::path* file_;
  const nlohmann::json* value_;
  std::string pointer_;
};

}  // namespace citytwin::json_input

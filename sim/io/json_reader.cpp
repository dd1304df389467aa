#include "sim/io/json_reader.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <iterator>
#include <system_error>

#include "sim/io/import_report.hpp"

namespace citytwin::json_input {
namespace {

// Thrown from the parser callback to stop at the first bracket that nests too deep; caught in
// parse_file, which then finds that bracket in the text to give its line and column.
struct TooDeep {};

struct TextPosition {
  std::size_t line = 1;
  std::size_t column = 1;
};

// Line and column (1-based) of byte `offset` of `text`. Columns count characters, not bytes:
// UTF-8 continuation bytes (10xxxxxx) do not start a character, so an editor's column matches.
TextPosition position_of(const std::string& text, std::size_t offset) {
  TextPosition at;
  const std::size_t end = std::min(offset, text.size());
  for (std::size_t i = 0; i < end; ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '\n') {
      ++at.line;
      at.column = 1;
    } else if ((byte & 0xC0) != 0x80) {
      ++at.column;
    }
  }
  return at;
}

[[noreturn]] void fail_at(const std::filesystem::path& file, TextPosition at,
                          std::string_view what) {
  throw ImportError(file.string() + ":" + std::to_string(at.line) + ":" +
                    std::to_string(at.column) + ": error: " + std::string(what));
}

// Calls visit(offset) for every byte outside JSON strings until it returns true; returns that
// offset, or text.size() when it never does. Used to find, after the parser has given up, the
// place its error concerns.
template <typename Visit>
std::size_t scan_outside_strings(const std::string& text, Visit visit) {
  bool in_string = false;
  bool escaped = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (visit(i)) {
      return i;
    }
  }
  return text.size();
}

// Offset of the first '{' or '[' that opens nesting level kMaxImportDepth + 1.
std::size_t find_too_deep_bracket(const std::string& text) {
  std::size_t depth = 0;
  return scan_outside_strings(text, [&](std::size_t i) {
    const char c = text[i];
    if (c == '{' || c == '[') return ++depth > kMaxImportDepth;
    if ((c == '}' || c == ']') && depth > 0) --depth;
    return false;
  });
}

// Offset of the first `token` outside strings.
std::size_t find_outside_strings(const std::string& text, std::string_view token) {
  return scan_outside_strings(
      text, [&](std::size_t i) { return text.compare(i, token.size(), token) == 0; });
}

// nlohmann's what() reads "[json.exception.parse_error.101] parse error at line 3, column 5:
// syntax error while parsing ...": keep only the description, the position is computed here.
std::string parse_error_description(const std::string& what) {
  const std::size_t column = what.find(", column ");
  std::size_t start = column == std::string::npos ? what.find("parse error") : column;
  start = start == std::string::npos ? std::string::npos : what.find(": ", start);
  return start == std::string::npos ? what : what.substr(start + 2);
}

std::string escape_pointer_token(std::string_view key) {
  std::string token;
  for (const char c : key) {
    if (c == '~') {
      token += "~0";
    } else if (c == '/') {
      token += "~1";
    } else {
      token += c;
    }
  }
  return token;
}

}  // namespace

nlohmann::json parse_file(const std::filesystem::path& file) {
  std::error_code error;
  const std::uintmax_t size = std::filesystem::file_size(file, error);
  if (error) throw ImportError(file.string() + ": error: cannot read the file: " + error.message());
  if (size > kMaxImportFileBytes) {
    throw ImportError(file.string() + ": error: the file is " + std::to_string(size) +
                      " bytes, more than the import limit of " +
                      std::to_string(kMaxImportFileBytes) + " bytes");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ImportError(file.string() + ": error: cannot open the file");
  std::string text(static_cast<std::size_t>(size), '\0');
  in.read(text.data(), static_cast<std::streamsize>(size));
  text.resize(static_cast<std::size_t>(in.gcount()));

  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    fail_at(file, position_of(text, text.size()), "the file is empty, expected a JSON document");
  }

  // The callback sees each object/array start with the depth of its parent (0 at the top), so the
  // new value's nesting level is depth + 1.
  const auto limit_depth = [](int depth, nlohmann::json::parse_event_t event, nlohmann::json&) {
    if ((event == nlohmann::json::parse_event_t::object_start ||
         event == nlohmann::json::parse_event_t::array_start) &&
        static_cast<std::size_t>(depth) + 1 > kMaxImportDepth) {
      throw TooDeep{};
    }
    return true;
  };
  try {
    return nlohmann::json::parse(text, limit_depth);
  } catch (const TooDeep&) {
    fail_at(
        file, position_of(text, find_too_deep_bracket(text)),
        "nesting deeper than the import limit of " + std::to_string(kMaxImportDepth) + " levels");
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte counts the characters read; the last of them ends the offending token (the position
    // nlohmann itself names), or the input has ended there.
    const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
    fail_at(file, position_of(text, offset), "JSON syntax: " + parse_error_description(e.what()));
  } catch (const nlohmann::json::out_of_range& e) {
    // A number too large for a double ("1e999") is refused after lexing, with no position; the
    // message quotes the literal, whose first occurrence outside strings is the culprit.
    const std::string what = e.what();
    const std::size_t open = what.find('\'');
    const std::size_t close = open == std::string::npos ? open : what.find('\'', open + 1);
    if (close == std::string::npos) throw ImportError(file.string() + ": error: JSON: " + what);
    const std::string literal = what.substr(open + 1, close - open - 1);
    fail_at(file, position_of(text, find_outside_strings(text, literal)),
            "JSON number " + literal + " is out of the range of a double");
  } catch (const nlohmann::json::exception& e) {
    throw ImportError(file.string() + ": error: JSON: " + e.what());
  }
}

std::string format_number(double x) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, x);
  return std::string(buffer, result.ptr);
}

std::string describe(const nlohmann::json& value) {
  using Type = nlohmann::json::value_t;
  switch (value.type()) {
    case Type::object:
      return "an object";
    case Type::array:
      return "an array";
    case Type::string: {
      const std::string& text = value.get_ref<const std::string&>();
      constexpr std::size_t kShown = 40;
      const nlohmann::json shown = text.size() > kShown ? text.substr(0, kShown) + "..." : text;
      return shown.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
    case Type::number_float: {
      const double x = value.get<double>();
      if (std::isnan(x)) return "nan";
      if (std::isinf(x)) return x > 0 ? "inf" : "-inf";  // dump() would print null
      return format_number(x);
    }
    case Type::null:
      return "null";
    case Type::discarded:
      return "nothing";
    default:  // boolean, integers
      return value.dump();
  }
}

JsonValue::JsonValue(const std::filesystem::path& file, const nlohmann::json& root)
    : file_(&file), value_(&root) {}

void JsonValue::fail(std::string_view what) const {
  const std::string where = pointer_.empty() ? "the top level" : pointer_;
  throw ImportError(file_->string() + ": error: at " + where + ": " + std::string(what));
}

void JsonValue::expected(std::string_view expectation) const {
  fail("expected " + std::string(expectation) + ", found " + describe(*value_));
}

void JsonValue::require_object(std::string_view expectation) const {
  if (!value_->is_object()) expected(expectation);
}

JsonValue JsonValue::member(std::string_view key) const {
  std::optional<JsonValue> found = find(key);
  if (!found) fail("missing key \"" + std::string(key) + "\"");
  return *found;
}

std::optional<JsonValue> JsonValue::find(std::string_view key) const {
  if (!value_->is_object()) expected("an object");
  const auto it = value_->find(key);
  if (it == value_->end()) return std::nullopt;
  return JsonValue(file_, &*it, pointer_ + "/" + escape_pointer_token(key));
}

std::size_t JsonValue::require_array(std::string_view expectation) const {
  if (!value_->is_array()) expected(expectation);
  if (value_->size() > kMaxImportElements) {
    fail("the array has " + std::to_string(value_->size()) +
         " elements, more than the import limit of " + std::to_string(kMaxImportElements));
  }
  return value_->size();
}

JsonValue JsonValue::operator[](std::size_t index) const {
  return JsonValue(file_, &(*value_)[index], pointer_ + "/" + std::to_string(index));
}

std::string JsonValue::string(std::string_view expectation) const {
  if (!value_->is_string() || value_->get_ref<const std::string&>().empty()) {
    expected(expectation);
  }
  return value_->get<std::string>();
}

bool JsonValue::boolean(std::string_view expectation) const {
  if (!value_->is_boolean()) expected(expectation);
  return value_->get<bool>();
}

double JsonValue::number(std::string_view expectation) const {
  if (!value_->is_number()) expected(expectation);
  const double x = value_->get<double>();
  if (!std::isfinite(x)) expected(expectation);
  return x;
}

double JsonValue::positive(std::string_view expectation) const {
  const double x = number(expectation);
  if (!(x > 0.0)) expected(expectation);
  return x;
}

double JsonValue::non_negative(std::string_view expectation) const {
  const double x = number(expectation);
  if (!(x >= 0.0)) expected(expectation);
  return x;
}

std::uint64_t JsonValue::index(std::uint64_t limit, std::string_view expectation) const {
  if (value_->is_number_unsigned()) {
    const auto i = value_->get<std::uint64_t>();
    if (i < limit) return i;
  }
  expected(expectation);  // negative, fractional, out of range or not a number
}

}  // namespace citytwin::json_input

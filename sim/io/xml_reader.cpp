#include "sim/io/xml_reader.hpp"

#include <expat.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <exception>
#include <fstream>
#include <memory>
#include <system_error>
#include <unordered_map>
#include <vector>

namespace citytwin::xml {
namespace {

constexpr std::size_t kChunkBytes = 1 << 16;

std::string format_limit(std::size_t value) {
  return std::to_string(value);
}

// Everything the expat callbacks need; expat passes it back as user data.
struct ParseState {
  XML_Parser parser = nullptr;
  const std::string* file = nullptr;
  Handler* handler = nullptr;
  std::size_t depth = 0;
  std::unordered_map<std::string, std::size_t> counts;
  std::vector<std::string> open;  // names of the elements not yet closed, for end-of-file errors
  std::exception_ptr error;       // thrown by the handler; rethrown once expat has returned

  Location here() const {
    return {static_cast<std::size_t>(XML_GetCurrentLineNumber(parser)),
            static_cast<std::size_t>(XML_GetCurrentColumnNumber(parser)) + 1};
  }
};

// The callbacks catch everything: C++ exceptions must not unwind through expat's C frames.
void XMLCALL on_start(void* data, const XML_Char* name, const XML_Char** attributes) {
  auto* state = static_cast<ParseState*>(data);
  if (state->error) return;
  try {
    ++state->depth;
    const Location where = state->here();
    if (state->depth > kMaxImportDepth) {
      fail_at(*state->file, where, std::string("element ") + name,
              "nesting depth " + std::to_string(state->depth),
              "at most " + format_limit(kMaxImportDepth) + " (import limit)");
    }
    std::size_t& count = state->counts[name];
    if (++count > kMaxImportElements) {
      fail_at(*state->file, where, std::string("element ") + name,
              "more than " + format_limit(kMaxImportElements) + " <" + name + "> elements",
              "at most " + format_limit(kMaxImportElements) + " (import limit)");
    }
    state->open.emplace_back(name);
    state->handler->start(Element(*state->file, name, attributes, where, state->depth));
  } catch (...) {
    state->error = std::current_exception();
    XML_StopParser(state->parser, XML_FALSE);
  }
}

void XMLCALL on_end(void* data, const XML_Char* name) {
  auto* state = static_cast<ParseState*>(data);
  if (state->error) return;
  try {
    --state->depth;
    if (!state->open.empty()) state->open.pop_back();
    state->handler->end(name);
  } catch (...) {
    state->error = std::current_exception();
    XML_StopParser(state->parser, XML_FALSE);
  }
}

// Expat's own words, with what a person needs for the common cases (an empty file, a tag left
// open, text that is not XML at all).
std::string describe_syntax_error(const ParseState& state, XML_Error code) {
  if (code == XML_ERROR_NO_ELEMENTS) {
    if (state.open.empty()) return "no element (empty file?)";
    return "the end of the file with " + tag(state.open.back()) + " still open";
  }
  return quote(XML_ErrorString(code)) + " (expat)";
}

struct ParserDeleter {
  void operator()(XML_ParserStruct* parser) const { XML_ParserFree(parser); }
};

}  // namespace

void fail_at(const std::string& file, Location where, std::string_view what, std::string_view found,
             std::string_view expected) {
  std::string message =
      file + ":" + std::to_string(where.line) + ":" + std::to_string(where.column) + ": error: ";
  message.append(what).append(": found ").append(found).append(", expected ").append(expected);
  throw ImportError(message);
}

std::string quote(std::string_view text) {
  // Built with append: GCC 12 warns falsely (-Wrestrict) on "literal" + std::string chains.
  constexpr std::size_t kMax = 60;
  std::string out;
  out.reserve(std::min(text.size(), kMax) + 5);
  out.append(1, '"').append(text.substr(0, kMax));
  if (text.size() > kMax) out.append("...");
  out.append(1, '"');
  return out;
}

std::string tag(std::string_view name) {
  std::string out;
  out.append(1, '<').append(name).append(1, '>');
  return out;
}

std::optional<double> parse_number(std::string_view text) {
  // from_chars takes no leading '+' or whitespace; SUMO writes neither, and a stray one is an
  // error.
  double value = 0.0;
  const char* first = text.data();
  const char* last = first + text.size();
  const auto [end, ec] = std::from_chars(first, last, value);
  if (ec != std::errc{} || end != last || text.empty() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::optional<std::string_view> Element::get(std::string_view attribute) const {
  for (const char** a = attributes_; a != nullptr && a[0] != nullptr; a += 2) {
    if (attribute == a[0]) return std::string_view(a[1]);
  }
  return std::nullopt;
}

std::vector<std::string_view> Element::attribute_names() const {
  std::vector<std::string_view> names;
  for (const char** a = attributes_; a != nullptr && a[0] != nullptr; a += 2)
    names.emplace_back(a[0]);
  return names;
}

std::string_view Element::required(std::string_view attribute) const {
  const auto value = get(attribute);
  if (!value) fail(attribute, "nothing", "the required attribute");
  return *value;
}

namespace {
std::string number_expectation(std::optional<double> min, bool min_exclusive) {
  if (!min) return "a number";
  std::string bound = std::to_string(*min);
  // "0.000000" reads badly; numbers in limits are small integers.
  if (*min == std::floor(*min)) bound = std::to_string(static_cast<long long>(*min));
  return std::string("a number ") + (min_exclusive ? "> " : ">= ") + bound;
}
}  // namespace

double Element::number(std::string_view attribute, std::optional<double> min,
                       bool min_exclusive) const {
  const std::string_view text = required(attribute);
  const auto value = parse_number(text);
  const bool below = value && min && (min_exclusive ? !(*value > *min) : !(*value >= *min));
  if (!value || below) fail(attribute, quote(text), number_expectation(min, min_exclusive));
  return *value;
}

std::optional<double> Element::optional_number(std::string_view attribute,
                                               std::optional<double> min,
                                               bool min_exclusive) const {
  if (!get(attribute)) return std::nullopt;
  return number(attribute, min, min_exclusive);
}

std::size_t Element::index(std::string_view attribute) const {
  const std::string_view text = required(attribute);
  std::size_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || text.empty()) {
    fail(attribute, quote(text), "an integer >= 0");
  }
  return value;
}

void Element::fail(std::string_view attribute, std::string_view found,
                   std::string_view expected) const {
  std::string what(name_);
  if (!attribute.empty()) what.append(" ").append(attribute);
  fail_at(*file_, where_, what, found, expected);
}

void read_file(const std::filesystem::path& file, Handler& handler) {
  const std::string name = file.string();
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) throw ImportError(name + ": error: cannot read the file: " + ec.message());
  if (size > kMaxImportFileBytes) {
    throw ImportError(name + ": error: file size: found " + std::to_string(size) +
                      " bytes, expected at most " + std::to_string(kMaxImportFileBytes) +
                      " (import limit)");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ImportError(name + ": error: cannot open the file");

  std::unique_ptr<XML_ParserStruct, ParserDeleter> parser(XML_ParserCreate(nullptr));
  if (!parser) throw ImportError(name + ": error: out of memory creating the XML parser");
  ParseState state;
  state.parser = parser.get();
  state.file = &name;
  state.handler = &handler;
  XML_SetUserData(parser.get(), &state);
  XML_SetElementHandler(parser.get(), on_start, on_end);

  std::vector<char> buffer(kChunkBytes);
  for (;;) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const std::streamsize got = in.gcount();
    if (in.bad()) throw ImportError(name + ": error: read failed");
    const bool last = got < static_cast<std::streamsize>(buffer.size());
    const XML_Status status =
        XML_Parse(parser.get(), buffer.data(), static_cast<int>(got), last ? XML_TRUE : XML_FALSE);
    if (state.error) std::rethrow_exception(state.error);
    if (status != XML_STATUS_OK) {
      fail_at(name, state.here(), "XML",
              describe_syntax_error(state, XML_GetErrorCode(parser.get())), "well-formed XML");
    }
    if (last) break;
  }
}

}  // namespace citytwin::xml

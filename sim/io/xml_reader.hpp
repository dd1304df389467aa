#pragma once
// A small streaming XML reader over expat for the importers: it hands each start tag (name,
// attributes, 1-based line and column) and each end tag to a handler, enforces the import limits
// (file size, nesting depth, elements of one kind) and turns every problem into an ImportError
// located at FILE:LINE:COL. Streaming, because SUMO networks of whole cities are hundreds of MB and
// a DOM would hold them several times over.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/io/import_report.hpp"

namespace citytwin::xml {

// Where something is in the file (both 1-based, as editors count).
struct Location {
  std::size_t line = 0;
  std::size_t column = 0;
};

// "FILE:LINE:COL: error: <what>: found <found>, expected <expected>" — the one error form of the
// XML importers, also for checks made after the whole file was read (with a stored Location).
[[noreturn]] void fail_at(const std::string& file, Location where, std::string_view what,
                          std::string_view found, std::string_view expected);

// `text` in double quotes, shortened to 60 characters, for "found ..." parts of messages.
std::string quote(std::string_view text);
// "<name>", for root element messages.
std::string tag(std::string_view name);

// A start tag. Valid only during the handler call (attribute views point into expat's buffer).
class Element {
 public:
  Element(const std::string& file, std::string_view name, const char** attributes, Location where,
          std::size_t depth)
      : file_(&file), name_(name), attributes_(attributes), where_(where), depth_(depth) {}

  std::string_view name() const { return name_; }
  Location where() const { return where_; }
  std::size_t depth() const { return depth_; }  // 1 = the root element
  const std::string& file() const { return *file_; }

  std::optional<std::string_view> get(std::string_view attribute) const;
  // Names of all attributes, in file order (for reporting what an importer ignores).
  std::vector<std::string_view> attribute_names() const;
  // The attribute's value; an ImportError when it is absent.
  std::string_view required(std::string_view attribute) const;
  // A finite number ("12abc", "nan", "inf" and "" are errors), at least `min` when given.
  double number(std::string_view attribute, std::optional<double> min = std::nullopt,
                bool min_exclusive = false) const;
  std::optional<double> optional_number(std::string_view attribute,
                                        std::optional<double> min = std::nullopt,
                                        bool min_exclusive = false) const;
  // A non-negative integer.
  std::size_t index(std::string_view attribute) const;

  // ImportError "FILE:L:C: error: <element> <attribute>: found X, expected Y".
  [[noreturn]] void fail(std::string_view attribute, std::string_view found,
                         std::string_view expected) const;

 private:
  const std::string* file_;
  std::string_view name_;
  const char** attributes_;
  Location where_;
  std::size_t depth_;
};

class Handler {
 public:
  virtual ~Handler() = default;
  virtual void start(const Element& element) = 0;
  virtual void end(std::string_view /*name*/) {}
};

// Reads `file` and calls `handler` for every element. Exceptions thrown by the handler pass through
// unchanged (they are carried around expat's C frames, never unwound through them).
void read_file(const std::filesystem::path& file, Handler& handler);

// Number parsing shared with the importers' own checks: the whole text must be a finite number.
std::optional<double> parse_number(std::string_view text);

}  // namespace citytwin::xml

#include "sim/scenario/decode_context.hpp"

#include <system_error>

#include "sim/scenario/diagnostics.hpp"

namespace citytwin::scenario_detail {

void fail_at(const yaml::Node& file_of, yaml::Position at, std::string_view key_path,
             const std::string& message) {
  throw ScenarioError(file_of.file ? file_of.file->string() : std::string("<scenario>"), at.line,
                      at.column, std::string(key_path), message);
}

void fail_at(const yaml::Node& node, std::string_view key_path, const std::string& message) {
  fail_at(node, node.position, key_path, message);
}

const std::string& scalar_text(const yaml::Node& node, std::string_view key_path,
                               std::string_view expected) {
  if (node.kind != yaml::Kind::kScalar) {
    fail_at(node, key_path,
            "expected " + std::string(expected) + ", found " + std::string(kind_phrase(node.kind)));
  }
  return node.scalar;
}

std::filesystem::path resolve_path(const yaml::Node& node, const std::string& written) {
  const std::filesystem::path path(written);
  if (path.is_absolute() || !node.file) return path.lexically_normal();
  const std::filesystem::path base = std::filesystem::absolute(*node.file).parent_path();
  return (base / path).lexically_normal();
}

std::string join_path(std::string_view parent, std::string_view key) {
  if (parent.empty()) return std::string(key);
  return std::string(parent) + "." + std::string(key);
}

MappingReader::MappingReader(const yaml::Node& node, std::string key_path,
                             std::initializer_list<std::string_view> known_keys)
    : MappingReader(node, std::move(key_path),
                    std::span<const std::string_view>(known_keys.begin(), known_keys.size())) {}

MappingReader::MappingReader(const yaml::Node& node, std::string key_path,
                             std::span<const std::string_view> known)
    : node_(node), path_(std::move(key_path)) {
  if (node.kind != yaml::Kind::kMapping) {
    fail_at(node, path_, "expected a mapping, found " + std::string(kind_phrase(node.kind)));
  }
  for (const yaml::Entry& entry : node.entries) {
    bool is_known = false;
    for (std::string_view candidate : known) is_known = is_known || candidate == entry.key;
    if (!is_known) {
      fail_at(node, entry.key_position, path_,
              "unknown key '" + entry.key + "'" + did_you_mean(entry.key, known));
    }
  }
}

const yaml::Node* MappingReader::value(std::string_view key) const {
  const yaml::Entry* entry = node_.find(key);
  return entry != nullptr ? entry->value.get() : nullptr;
}

const yaml::Node& MappingReader::require(std::string_view key) const {
  const yaml::Node* node = value(key);
  if (node == nullptr) fail_at(node_, path_, "missing required key '" + std::string(key) + "'");
  return *node;
}

void MappingReader::read_text(std::string_view key, std::string& out) const {
  if (const yaml::Node* node = value(key)) out = scalar_text(*node, path_of(key), "a text");
}

void MappingReader::read_bool(std::string_view key, bool& out) const {
  const yaml::Node* node = value(key);
  if (node == nullptr) return;
  const std::string path = path_of(key);
  const auto parsed = parse_bool(scalar_text(*node, path, "true or false"));
  if (!parsed.ok()) fail_at(*node, path, parsed.error);
  out = parsed.value;
}

void MappingReader::read_quantity(std::string_view key, Dimension dimension, const Bounds& bounds,
                                  double& out) const {
  const yaml::Node* node = value(key);
  if (node == nullptr) return;
  const std::string path = path_of(key);
  const std::string expected = "a " + std::string(dimension_name(dimension));
  const auto parsed = parse_quantity(scalar_text(*node, path, expected), dimension, bounds);
  if (!parsed.ok()) fail_at(*node, path, parsed.error);
  out = parsed.value;
}

void MappingReader::read_factor(std::string_view key, const Bounds& bounds, double& out) const {
  const yaml::Node* node = value(key);
  if (node == nullptr) return;
  const std::string path = path_of(key);
  const auto parsed = parse_factor(scalar_text(*node, path, "a number"), bounds);
  if (!parsed.ok()) fail_at(*node, path, parsed.error);
  out = parsed.value;
}

void MappingReader::read_path(std::string_view key, bool must_exist,
                              std::filesystem::path& out) const {
  const yaml::Node* node = value(key);
  if (node == nullptr) return;
  const std::string path = path_of(key);
  const std::string& written = scalar_text(*node, path, "a path");
  if (written.empty()) fail_at(*node, path, "expected a path, found an empty text");
  out = resolve_path(*node, written);
  if (must_exist) require_file(*node, path, "file", out);
}

std::uint64_t MappingReader::count(const yaml::Node& node, std::string_view key_path,
                                   std::uint64_t min, std::uint64_t max) {
  const auto parsed = parse_count(scalar_text(node, key_path, "a whole number"), min, max);
  if (!parsed.ok()) fail_at(node, key_path, parsed.error);
  return parsed.value;
}

std::size_t MappingReader::choose(const yaml::Node& node, std::string_view key_path,
                                  std::span<const std::string_view> names) {
  const std::string& text = scalar_text(node, key_path, "one of " + join_names(names));
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == text) return i;
  }
  fail_at(node, key_path,
          "expected one of " + join_names(names) + ", found '" + text + "'" +
              did_you_mean(text, names));
}

std::vector<const yaml::Node*> one_or_many(const yaml::Node& node, std::string_view key_path) {
  std::vector<const yaml::Node*> items;
  if (node.kind == yaml::Kind::kSequence) {
    for (std::size_t i = 0; i < node.items.size(); ++i) {
      const yaml::Node& item = *node.items[i];
      scalar_text(item, std::string(key_path) + "[" + std::to_string(i) + "]", "a path");
      items.push_back(&item);
    }
  } else {
    scalar_text(node, key_path, "a path or a sequence of paths");
    items.push_back(&node);
  }
  return items;
}

void require_file(const yaml::Node& node, std::string_view key_path, std::string_view what,
                  const std::filesystem::path& resolved) {
  std::error_code error;
  const auto status = std::filesystem::status(resolved, error);
  if (!std::filesystem::exists(status)) {
    fail_at(node, key_path,
            std::string(what) + " '" + node.scalar +
                "' not found (relative paths start at the folder of the file that names them)");
  }
  if (!std::filesystem::is_regular_file(status)) {
    fail_at(node, key_path, std::string(what) + " '" + node.scalar + "' is not a regular file");
  }
}

}  // namespace citytwin::scenario_detail

#pragma once
// Helpers shared by the decoders: read one mapping of the merged YAML tree, check its keys against
// the ones the schema knows, and turn values into typed fields — every failure a located error.
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/scenario/units.hpp"
#include "sim/scenario/yaml_document.hpp"

namespace citytwin::scenario_detail {

[[noreturn]] void fail_at(const yaml::Node& node, std::string_view key_path,
                          const std::string& message);
[[noreturn]] void fail_at(const yaml::Node& file_of, yaml::Position at, std::string_view key_path,
                          const std::string& message);

// The text of a scalar node, or an "expected ..., found a mapping" error.
const std::string& scalar_text(const yaml::Node& node, std::string_view key_path,
                               std::string_view expected);

// A path written in `node`, made absolute against the directory of the file that wrote it.
std::filesystem::path resolve_path(const yaml::Node& node, const std::string& written);

// "a.b" + "c" -> "a.b.c"; "" + "c" -> "c".
std::string join_path(std::string_view parent, std::string_view key);

class MappingReader {
 public:
  // Throws unless `node` is a mapping whose keys are all in `known_keys`.
  MappingReader(const yaml::Node& node, std::string key_path,
                std::initializer_list<std::string_view> known_keys);
  MappingReader(const yaml::Node& node, std::string key_path,
                std::span<const std::string_view> known_keys);

  const yaml::Node& node() const { return node_; }
  const std::string& path() const { return path_; }
  std::string path_of(std::string_view key) const { return join_path(path_, key); }

  const yaml::Entry* find(std::string_view key) const { return node_.find(key); }
  const yaml::Node* value(std::string_view key) const;
  // Missing key: error at this mapping's position.
  const yaml::Node& require(std::string_view key) const;

  // Each reader leaves `out` untouched when the key is absent.
  void read_text(std::string_view key, std::string& out) const;
  void read_bool(std::string_view key, bool& out) const;
  void read_quantity(std::string_view key, Dimension dimension, const Bounds& bounds,
                     double& out) const;
  void read_factor(std::string_view key, const Bounds& bounds, double& out) const;
  template <typename Integer>
  void read_count(std::string_view key, std::uint64_t min, std::uint64_t max, Integer& out) const {
    if (const yaml::Node* node = value(key)) {
      out = static_cast<Integer>(count(*node, path_of(key), min, max));
    }
  }
  // One of `choices` (name, value) pairs; unknown names get a did-you-mean hint.
  template <typename Enum>
  void read_choice(std::string_view key,
                   std::initializer_list<std::pair<std::string_view, Enum>> choices,
                   Enum& out) const {
    const yaml::Node* node = value(key);
    if (node == nullptr) return;
    std::vector<std::string_view> names;
    for (const auto& choice : choices) names.push_back(choice.first);
    const std::size_t index = choose(*node, path_of(key), names);
    out = std::data(choices)[index].second;
  }
  // A path resolved against the writing file's directory; must_exist checks it is a regular file.
  void read_path(std::string_view key, bool must_exist, std::filesystem::path& out) const;

  static std::uint64_t count(const yaml::Node& node, std::string_view key_path, std::uint64_t min,
                             std::uint64_t max);
  static std::size_t choose(const yaml::Node& node, std::string_view key_path,
                            std::span<const std::string_view> names);

 private:
  const yaml::Node& node_;
  std::string path_;
};

// A scalar or a sequence of scalars (for keys such as `include` and `demand.files`).
std::vector<const yaml::Node*> one_or_many(const yaml::Node& node, std::string_view key_path);

// Checks a path names an existing regular file; `what` is e.g. "network file".
void require_file(const yaml::Node& node, std::string_view key_path, std::string_view what,
                  const std::filesystem::path& resolved);

}  // namespace citytwin::scenario_detail

#pragma once
// Our own YAML tree, built from yaml-cpp's event stream so that every node and every mapping key
// keeps its position (yaml-cpp's YAML::Node forgets where keys were written). The parser is the
// first line of defence against hostile or broken files: it enforces size, depth, node-count and
// alias limits, refuses binary or non-UTF-8 input, duplicate keys and multiple documents, and turns
// every yaml-cpp exception into a located ScenarioError.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace citytwin::yaml {

struct Position {
  int line = 1;  // 1-based
  int column = 1;
};

enum class Kind : std::uint8_t { kNull, kScalar, kSequence, kMapping };

// "an empty value", "a text", "a sequence", "a mapping" — for "expected X, found Y" messages.
std::string_view kind_phrase(Kind kind);

struct Node;
using NodePtr = std::shared_ptr<const Node>;

struct Entry {
  std::string key;
  Position key_position;
  NodePtr value;
};

// Immutable once built; aliases share the anchored subtree, which is why nodes are shared_ptrs.
struct Node {
  Kind kind = Kind::kNull;
  Position position;
  // The file that wrote this node: errors point at it and relative paths resolve against it, which
  // stays right after include/variant merging mixes nodes from several files.
  std::shared_ptr<const std::filesystem::path> file;
  std::string scalar;               // kScalar
  std::vector<NodePtr> items;       // kSequence
  std::vector<Entry> entries;       // kMapping, in file order
  std::uint64_t expanded_size = 1;  // nodes counted with every alias expanded
  int height = 0;                   // container levels below and including this node

  const Entry* find(std::string_view key) const;
};

struct Limits {
  std::uint64_t max_file_bytes = 8u << 20;
  int max_depth = 32;
  std::uint64_t max_nodes = 1'000'000;           // as written
  std::uint64_t max_expanded_nodes = 1'000'000;  // with aliases expanded ("billion laughs")
  std::uint64_t max_aliases = 64;
  std::size_t max_scalar_bytes = 64u << 10;
};

// Parses one YAML document. Returns nullptr for a file with no document (empty or only comments).
// `file` is the name used in error messages and stored in every node. Throws ScenarioError.
NodePtr parse_yaml(std::string_view text, std::shared_ptr<const std::filesystem::path> file,
                   const Limits& limits = {});

// Deep merge: mappings merge key by key (overlay wins, base key order kept, new keys appended);
// anything else in the overlay replaces the base value wholesale (sequences are not concatenated).
NodePtr merge(const NodePtr& base, const NodePtr& overlay);

// A copy of a mapping without the given key (used to strip `include` and `variants`).
NodePtr without_key(const NodePtr& mapping, std::string_view key);

}  // namespace citytwin::yaml

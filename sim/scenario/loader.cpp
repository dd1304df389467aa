#include "sim/scenario/loader.hpp"

#include <xxhash.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <optional>
#include <system_error>
#include <vector>

#include "sim/scenario/decode.hpp"
#include "sim/scenario/decode_context.hpp"
#include "sim/scenario/yaml_document.hpp"

namespace citytwin {
namespace {

using scenario_detail::fail_at;
using yaml::NodePtr;

// Counted in include steps: the top file may include a file that includes ... eight times over.
constexpr std::size_t kMaxIncludeDepth = 8;

class ScenarioReader {
 public:
  // Reads `display` (or takes `text` when given), then its includes; returns the merged mapping.
  NodePtr read(const std::filesystem::path& display, std::optional<std::string_view> text) {
    std::string owned;
    if (!text) {
      owned = read_file(display);
      text = owned;
    }
    hash_input_ += std::to_string(text->size()) + ':';
    hash_input_.append(text->data(), text->size());

    auto file = std::make_shared<const std::filesystem::path>(display);
    NodePtr root = yaml::parse_yaml(*text, file, limits_);
    if (!root || root->kind == yaml::Kind::kNull) {
      throw ScenarioError(display.string(), 1, 1, "",
                          "the file holds no scenario (expected a mapping with at least 'name')");
    }
    if (root->kind != yaml::Kind::kMapping) {
      fail_at(*root, "",
              "expected a mapping of scenario keys at the top level, found " +
                  std::string(yaml::kind_phrase(root->kind)));
    }
    const yaml::Entry* include = root->find("include");
    if (include == nullptr) return root;

    stack_.push_back(identity(display));
    NodePtr merged;
    for (const yaml::Node* item : scenario_detail::one_or_many(*include->value, "include")) {
      merged = yaml::merge(merged, read_include(*item));
    }
    stack_.pop_back();
    return yaml::merge(merged, yaml::without_key(root, "include"));
  }

  std::string hash(std::string_view variant) {
    hash_input_ += "variant:";
    hash_input_ += variant;
    char text[17];
    std::snprintf(
        text, sizeof text, "%016llx",
        static_cast<unsigned long long>(XXH3_64bits(hash_input_.data(), hash_input_.size())));
    return text;
  }

 private:
  static std::filesystem::path identity(const std::filesystem::path& path) {
    std::error_code error;
    auto canonical = std::filesystem::weakly_canonical(path, error);
    return error ? std::filesystem::absolute(path).lexically_normal() : canonical;
  }

  NodePtr read_include(const yaml::Node& item) {
    const std::filesystem::path resolved = scenario_detail::resolve_path(item, item.scalar);
    scenario_detail::require_file(item, "include", "included file", resolved);
    const std::filesystem::path id = identity(resolved);
    if (std::find(stack_.begin(), stack_.end(), id) != stack_.end()) {
      std::string chain;
      for (const auto& path : stack_) chain += path.filename().string() + " -> ";
      fail_at(item, "include", "include cycle: " + chain + id.filename().string());
    }
    if (stack_.size() > kMaxIncludeDepth) {
      fail_at(item, "include",
              "includes nested deeper than " + std::to_string(kMaxIncludeDepth) + " files");
    }
    // Show included files by a path that still makes sense to the reader of the error.
    const std::filesystem::path display =
        (item.file ? item.file->parent_path() / item.scalar : std::filesystem::path(item.scalar))
            .lexically_normal();
    return read(std::filesystem::path(item.scalar).is_absolute() ? resolved : display,
                std::nullopt);
  }

  std::string read_file(const std::filesystem::path& path) const {
    const std::string name = path.string();
    std::error_code error;
    const auto status = std::filesystem::status(path, error);
    if (!std::filesystem::exists(status)) throw ScenarioError(name, 0, 0, "", "file not found");
    if (!std::filesystem::is_regular_file(status)) {
      throw ScenarioError(name, 0, 0, "", "not a regular file");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ScenarioError(name, 0, 0, "", "cannot open the file");
    // Read at most one byte past the limit: enough to refuse an oversize file without slurping it.
    std::string bytes(limits_.max_file_bytes + 1, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    if (bytes.size() > limits_.max_file_bytes) {
      throw ScenarioError(
          name, 0, 0, "",
          "file too large (more than " + std::to_string(limits_.max_file_bytes) + " bytes)");
    }
    return bytes;
  }

  yaml::Limits limits_;
  std::vector<std::filesystem::path> stack_;
  std::string hash_input_;
};

std::vector<std::string> variant_names(const yaml::Node* variants) {
  std::vector<std::string> names;
  if (variants == nullptr) return names;
  for (const yaml::Entry& entry : variants->entries) names.push_back(entry.key);
  return names;
}

// Picks the overlay of `name` from the `variants` mapping; nullptr for the baseline.
NodePtr select_variant(const yaml::Entry* variants, const std::string& top_file,
                       const std::string& name) {
  if (variants != nullptr && variants->value->kind != yaml::Kind::kMapping) {
    fail_at(*variants->value, "variants",
            "expected a mapping of variant names to overlays, found " +
                std::string(yaml::kind_phrase(variants->value->kind)));
  }
  if (name.empty()) return nullptr;
  const std::vector<std::string> names =
      variant_names(variants != nullptr ? variants->value.get() : nullptr);
  const auto found = variants != nullptr ? variants->value->find(name) : nullptr;
  if (found == nullptr) {
    if (names.empty()) {
      throw ScenarioError(top_file, 0, 0, "",
                          "unknown variant '" + name + "': the scenario defines no variants");
    }
    const std::vector<std::string_view> views(names.begin(), names.end());
    fail_at(*variants->value, variants->key_position, "variants",
            "unknown variant '" + name + "'" + did_you_mean(name, views) +
                "; available: " + join_names(views));
  }
  const std::string path = "variants." + name;
  if (found->value->kind != yaml::Kind::kMapping) {
    fail_at(*found->value, path,
            "expected a mapping of keys to override, found " +
                std::string(yaml::kind_phrase(found->value->kind)));
  }
  for (std::string_view forbidden : {"include", "variants"}) {
    if (const yaml::Entry* entry = found->value->find(forbidden)) {
      fail_at(*found->value, entry->key_position, path,
              "'" + std::string(forbidden) + "' cannot be used inside a variant");
    }
  }
  return found->value;
}

// Every variant is decoded too, so a typo in one fails today and not on the day someone runs it.
void check_other_variants(const NodePtr& merged, const yaml::Entry* variants,
                          const std::string& top_file, const std::string& applied,
                          const FamilyRegistry& families) {
  if (variants == nullptr) return;
  const NodePtr base = yaml::without_key(merged, "variants");
  for (const yaml::Entry& entry : variants->value->entries) {
    if (entry.key == applied) continue;
    try {
      Scenario ignored;
      scenario_detail::decode_scenario(
          *yaml::merge(base, select_variant(variants, top_file, entry.key)), families, ignored);
    } catch (const ScenarioError& error) {
      if (error.key_path().starts_with("variants.")) throw;  // already names the variant
      throw ScenarioError(error.file(), error.line(), error.column(), error.key_path(),
                          error.message() + " (in variant '" + entry.key + "')");
    }
  }
}

Scenario load(const std::filesystem::path& file, std::optional<std::string_view> text,
              const FamilyRegistry& families, const LoadOptions& options) {
  ScenarioReader reader;
  const NodePtr merged = reader.read(file, text);
  const yaml::Entry* variants = merged->find("variants");
  const NodePtr overlay = select_variant(variants, file.string(), options.variant);
  const NodePtr effective = yaml::merge(yaml::without_key(merged, "variants"), overlay);

  Scenario scenario;
  scenario_detail::decode_scenario(*effective, families, scenario);
  check_other_variants(merged, variants, file.string(), options.variant, families);
  scenario.file = std::filesystem::absolute(file).lexically_normal();
  scenario.variants = variant_names(variants != nullptr ? variants->value.get() : nullptr);
  scenario.applied_variant = options.variant;
  scenario.content_hash = reader.hash(options.variant);
  return scenario;
}

}  // namespace

Scenario load_scenario(const std::filesystem::path& file, const FamilyRegistry& families,
                       const LoadOptions& options) {
  return load(file, std::nullopt, families, options);
}

Scenario load_scenario_from_string(std::string_view yaml, const std::filesystem::path& pretend_file,
                                   const FamilyRegistry& families, const LoadOptions& options) {
  return load(pretend_file, yaml, families, options);
}

std::span<const std::string_view> kernel_scenario_keys() {
  return scenario_detail::kernel_scenario_keys();
}

}  // namespace citytwin

#pragma once
// Loads a scenario YAML file into the plain structs of schema.hpp: reads the file and its includes,
// applies the chosen variant, checks every key and value, and converts units to SI. Every problem
// is a ScenarioError located at FILE:LINE:COL with the key path. Keys: scenarios/README.md.
// The kernel decodes its own sections (name, description, source, simulation, network, demand,
// outputs); every other top-level key belongs to a family of `families`, which decodes it into
// Scenario::sections. The app's families: agents/families.hpp (with load_scenario overloads that
// pass them).
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/schema.hpp"

namespace citytwin {

class FamilyRegistry;

struct LoadOptions {
  std::string variant;  // name under `variants:`; empty = the baseline
};

// Throws ScenarioError.
Scenario load_scenario(const std::filesystem::path& file, const FamilyRegistry& families,
                       const LoadOptions& options = {});

// As load_scenario, for text already in memory: `pretend_file` names it in errors and its folder
// anchors relative paths (includes, network and demand files, output directory).
Scenario load_scenario_from_string(std::string_view yaml, const std::filesystem::path& pretend_file,
                                   const FamilyRegistry& families, const LoadOptions& options = {});

// The top-level keys the kernel owns (including `include` and `variants`): no family may claim
// them.
std::span<const std::string_view> kernel_scenario_keys();

}  // namespace citytwin

#pragma once
// Loads a scenario YAML file into the plain structs of schema.hpp: reads the file and its includes,
// applies the chosen variant, checks every key and value, and converts units to SI. Every problem
// is a ScenarioError located at FILE:LINE:COL with the key path. Keys: scenarios/README.md.
#include <filesystem>
#include <string>
#include <string_view>

#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/schema.hpp"

namespace citytwin {

struct LoadOptions {
  std::string variant;  // name under `variants:`; empty = the baseline
};

// Throws ScenarioError.
Scenario load_scenario(const std::filesystem::path& file, const LoadOptions& options = {});

// As load_scenario, for text already in memory: `pretend_file` names it in errors and its folder
// anchors relative paths (includes, network and demand files, output directory).
Scenario load_scenario_from_string(std::string_view yaml, const std::filesystem::path& pretend_file,
                                   const LoadOptions& options = {});

}  // namespace citytwin

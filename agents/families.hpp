#pragma once
// The families this build of citytwin runs, and the loader and builder entry points that use
// them. The kernel keeps no list of families: this is the list (agents/families.cpp).
#include <filesystem>
#include <memory>
#include <string_view>

#include "agents/world_builder.hpp"
#include "sim/family/family_registry.hpp"
#include "sim/scenario/loader.hpp"

namespace citytwin {

// Adds every built-in family, one line each, in the order their systems are built.
void register_builtin_families(FamilyRegistry& registry);

// The built-in families, registered once (thread-safe).
const FamilyRegistry& builtin_families();

// load_scenario / load_scenario_from_string with the built-in families.
Scenario load_scenario(const std::filesystem::path& file, const LoadOptions& options = {});
Scenario load_scenario_from_string(std::string_view yaml, const std::filesystem::path& pretend_file,
                                   const LoadOptions& options = {});

// build_world with the built-in families.
std::unique_ptr<World> build_world(const Scenario& scenario, const WorldOverrides& overrides = {},
                                   ImportReport* report = nullptr);

}  // namespace citytwin

#pragma once
// Decoders from the merged YAML tree (includes and the chosen variant already applied) to the
// plain structs of schema.hpp. One function per top-level section; each checks every key, converts
// units to SI and enforces limits. Cross-section checks live in decode_scenario().
#include <span>
#include <string_view>

#include "sim/family/family_registry.hpp"
#include "sim/scenario/schema.hpp"
#include "sim/scenario/yaml_document.hpp"

namespace citytwin::scenario_detail {

// Fills every field of `scenario` the file can set (not file/variants/content_hash): the kernel's
// sections, then every section of `families` in registration order (written or not, so a family
// always finds its section).
void decode_scenario(const yaml::Node& root, const FamilyRegistry& families, Scenario& scenario);

// The top-level keys decode_scenario reads itself, plus `include` and `variants` (the loader's).
std::span<const std::string_view> kernel_scenario_keys();

void decode_network(const yaml::Node& node, NetworkSpec& network);
// `simulation` is already decoded: demand windows are checked against its duration.
void decode_demand(const yaml::Node& node, const SimulationSpec& simulation, DemandSpec& demand);

// "90 s", "0.5 s" — for messages that quote decoded values back.
std::string format_seconds(double seconds);

// Upper bound shared by every time of day or duration in a scenario.
inline constexpr double kMaxDurationSeconds = 30.0 * 24 * 3600;

}  // namespace citytwin::scenario_detail

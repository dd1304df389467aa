#include "agents/families.hpp"

#include "agents/signals/signals_family.hpp"
#include "agents/traffic/traffic_family.hpp"

namespace citytwin {

void register_builtin_families(FamilyRegistry& registry) {
  // Signals first: their systems were always built before traffic's (the step order, and with it
  // the state hashes, follow the order systems are added).
  registry.add(signals_family());
  registry.add(traffic_family());
}

const FamilyRegistry& builtin_families() {
  static const FamilyRegistry registry = [] {
    FamilyRegistry built;
    register_builtin_families(built);
    return built;
  }();
  return registry;
}

Scenario load_scenario(const std::filesystem::path& file, const LoadOptions& options) {
  return load_scenario(file, builtin_families(), options);
}

Scenario load_scenario_from_string(std::string_view yaml, const std::filesystem::path& pretend_file,
                                   const LoadOptions& options) {
  return load_scenario_from_string(yaml, pretend_file, builtin_families(), options);
}

std::unique_ptr<World> build_world(const Scenario& scenario, const WorldOverrides& overrides,
                                   ImportReport* report) {
  return build_world(scenario, builtin_families(), overrides, report);
}

}  // namespace citytwin

#include "tools/cli/validate_command.hpp"

#include <cstdio>

#include "agents/families.hpp"
#include "agents/traffic/vehicle_type_spec.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "tools/cli/exit_codes.hpp"

namespace citytwin::cli {
namespace {

void check(const std::filesystem::path& file, const std::string& variant) {
  const Scenario scenario = load_scenario(file, LoadOptions{variant});
  ImportReport report;
  const auto network = build_network(scenario, &report);
  const DemandSpec demand = build_demand(scenario, *network, run_seed(scenario, {}), &report);
  // build_world also checks the vehicle types the demand defines (names, values): so does this.
  std::vector<std::string> type_names;
  try {
    vehicle_types_with(demand.vehicle_types, type_names);
  } catch (const VehicleTypeError& e) {
    throw BuildError(e.what());
  }
  std::printf(
      "ok: %s%s%s — %zu nodes, %zu links, %zu lanes, %zu signal groups, %zu trips from files\n",
      file.string().c_str(), variant.empty() ? "" : " variant ", variant.c_str(),
      network->nodes().size(), network->links().size(), network->lanes().size(),
      network->signal_groups().size(), demand.trips.size() - scenario.demand.trips.size());
}

}  // namespace

int validate_command(const std::filesystem::path& scenario, const std::string& variant) {
  try {
    if (!variant.empty()) {
      check(scenario, variant);
      return kExitOk;
    }
    // No variant named: the baseline and every variant must be valid.
    check(scenario, "");
    for (const auto& name : load_scenario(scenario).variants) check(scenario, name);
    return kExitOk;
  } catch (const ScenarioError& e) {
    std::fprintf(stderr, "%s\n", e.what());
  } catch (const BuildError& e) {
    std::fprintf(stderr, "%s: error: %s\n", scenario.string().c_str(), e.what());
  } catch (const std::exception& e) {
    // Network validation failures from generators are bad input too (the spec produced them).
    std::fprintf(stderr, "%s: error: %s\n", scenario.string().c_str(), e.what());
  }
  return kExitBadInput;
}

}  // namespace citytwin::cli

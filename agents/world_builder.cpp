#include "agents/world_builder.hpp"

#include <cmath>

#include "agents/traffic/demand.hpp"
#include "sim/core/rng.hpp"
#include "sim/io/importers.hpp"
#include "sim/network/corridor_generator.hpp"
#include "sim/network/grid_generator.hpp"
#include "sim/network/network_builder.hpp"

namespace citytwin {
namespace {

// Demand files are told apart by name: CityFlow flows are JSON, SUMO routes XML.
bool is_json(const std::filesystem::path& file) {
  return file.extension() == ".json";
}

}  // namespace

std::shared_ptr<const Network> build_network(const Scenario& scenario, ImportReport* report) {
  ImportReport local;
  ImportReport& r = report != nullptr ? *report : local;
  try {
    switch (scenario.network.format) {
      case NetworkFormat::kGrid:
        return std::make_shared<const Network>(generate_grid(scenario.network.grid));
      case NetworkFormat::kCorridor:
        return std::make_shared<const Network>(generate_corridor(scenario.network.corridor));
      case NetworkFormat::kCityFlow:
        return std::make_shared<const Network>(import_cityflow_roadnet(scenario.network.file, r));
      case NetworkFormat::kSumo:
        return std::make_shared<const Network>(import_sumo_network(scenario.network.file, r));
      case NetworkFormat::kOsm:
        break;
    }
  } catch (const ImportError& e) {
    throw BuildError(e.what());
  } catch (const NetworkError& e) {
    throw BuildError(e.what());
  }
  throw BuildError("network file '" + scenario.network.file.string() +
                   "': OSM files are converted first: run `citytwin import osm FILE.osm -o "
                   "OUT.yaml` (needs SUMO's netconvert) and run the scenario it writes");
}

namespace {

// demand.scale applies to vehicles from files too (scaled_copies, keyed by the vehicle's index
// among the imported ones).
void scale_imported_trips(DemandSpec& demand, std::size_t first_imported, std::uint64_t seed) {
  if (demand.scale == 1.0) return;
  std::vector<TripSpec> scaled(demand.trips.begin(),
                               demand.trips.begin() + static_cast<std::ptrdiff_t>(first_imported));
  for (std::size_t k = first_imported; k < demand.trips.size(); ++k) {
    const std::size_t copies = scaled_copies(
        demand.scale, seed, demand_rng_agent(DemandSource::kTrip, 0x3FFFFFFFu), k - first_imported);
    for (std::size_t c = 0; c < copies; ++c) scaled.push_back(demand.trips[k]);
  }
  demand.trips = std::move(scaled);
}

}  // namespace

std::uint64_t run_seed(const Scenario& scenario, const WorldOverrides& overrides) {
  return overrides.seed.value_or(scenario.simulation.seed);
}

DemandSpec build_demand(const Scenario& scenario, const Network& network, std::uint64_t seed,
                        ImportReport* report) {
  ImportReport local;
  ImportReport& r = report != nullptr ? *report : local;
  DemandSpec demand = scenario.demand;
  try {
    for (const auto& file : scenario.demand.files) {
      if (is_json(file)) {
        import_cityflow_flow(file, network, demand, r, scenario.simulation.duration);
      } else {
        import_sumo_routes(file, network, seed, demand, r);
      }
    }
  } catch (const ImportError& e) {
    throw BuildError(e.what());
  }
  scale_imported_trips(demand, scenario.demand.trips.size(), seed);
  return demand;
}

std::unique_ptr<World> build_world(const Scenario& scenario, const FamilyRegistry& families,
                                   const WorldOverrides& overrides, ImportReport* report) {
  WorldConfig config;
  config.step_seconds = scenario.simulation.step;
  config.seed = run_seed(scenario, overrides);
  config.threads = overrides.threads.value_or(scenario.simulation.threads);
  config.record_interval = scenario.outputs.interval;
  config.publish_every = overrides.publish_every;

  auto world = std::make_unique<World>(config, build_network(scenario, report));
  FamilyBuildContext context{*world, config.seed, report};
  for (const FamilyRegistration& family : families.families()) {
    if (family.build) family.build(scenario, context);
  }
  world->start();
  return world;
}

}  // namespace citytwin

#include "agents/world_builder.hpp"

#include <cmath>

#include "agents/signals/traffic_signals.hpp"
#include "agents/traffic/demand.hpp"
#include "agents/traffic/traffic_system.hpp"
#include "agents/traffic/vehicle_type_spec.hpp"
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
        import_cityflow_flow(file, network, demand, r);
      } else {
        import_sumo_routes(file, network, demand, r);
      }
    }
  } catch (const ImportError& e) {
    throw BuildError(e.what());
  }
  scale_imported_trips(demand, scenario.demand.trips.size(), seed);
  return demand;
}

std::unique_ptr<World> build_world(const Scenario& scenario, const WorldOverrides& overrides,
                                   ImportReport* report) {
  WorldConfig config;
  config.step_seconds = scenario.simulation.step;
  config.seed = run_seed(scenario, overrides);
  config.threads = overrides.threads.value_or(scenario.simulation.threads);
  config.record_interval = scenario.outputs.interval;
  config.publish_every = overrides.publish_every;

  auto world = std::make_unique<World>(config, build_network(scenario, report));
  world->emplace_system<TrafficSignals>(world->shared_network(), scenario.signals.fixed_time,
                                          scenario.signals.control == SignalControl::kFromNetwork);

  // Departures view the demand's strings until the traffic system has resolved them.
  const DemandSpec demand = build_demand(scenario, world->network(), config.seed, report);
  std::vector<Departure> departures;
  try {
    departures =
        generate_departures(demand, world->network(), config.seed, scenario.simulation.duration);
  } catch (const DemandError& e) {
    throw BuildError(e.what());
  }
  std::vector<std::string> type_names;
  std::vector<VehicleType> types;
  try {
    types = vehicle_types_with(demand.vehicle_types, type_names);
  } catch (const VehicleTypeError& e) {
    throw BuildError(e.what());
  }
  try {
    TrafficConfig traffic;
    traffic.reroute_interval = scenario.routing.reroute_interval;
    traffic.kpi_window = scenario.outputs.interval;
    world->emplace_system<TrafficSystem>(world->shared_network(), std::move(types),
                                         std::move(type_names), std::move(departures), traffic);
  } catch (const std::invalid_argument& e) {
    throw BuildError(e.what());
  }
  world->start();
  return world;
}

}  // namespace citytwin

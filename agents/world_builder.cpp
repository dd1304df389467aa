#include "agents/world_builder.hpp"

#include "agents/signals/fixed_time_signals.hpp"
#include "agents/traffic/demand.hpp"
#include "agents/traffic/traffic_system.hpp"
#include "sim/network/corridor_generator.hpp"
#include "sim/network/grid_generator.hpp"

namespace citytwin {

std::shared_ptr<const Network> build_network(const Scenario& scenario) {
  switch (scenario.network.format) {
    case NetworkFormat::kGrid:
      return std::make_shared<const Network>(generate_grid(scenario.network.grid));
    case NetworkFormat::kCorridor:
      return std::make_shared<const Network>(generate_corridor(scenario.network.corridor));
    case NetworkFormat::kCityFlow:
    case NetworkFormat::kSumo:
    case NetworkFormat::kOsm:
      break;
  }
  throw BuildError("network file '" + scenario.network.file.string() +
                   "': this build of citytwin reads only generated networks (grid, corridor); "
                   "the CityFlow, SUMO and OSM importers are not part of it yet");
}

std::unique_ptr<World> build_world(const Scenario& scenario, const WorldOverrides& overrides) {
  WorldConfig config;
  config.step_seconds = scenario.simulation.step;
  config.seed = overrides.seed.value_or(scenario.simulation.seed);
  config.threads = overrides.threads.value_or(scenario.simulation.threads);
  config.record_interval = scenario.outputs.interval;
  config.publish_every = overrides.publish_every;

  auto world = std::make_unique<World>(config, build_network(scenario));
  auto& signals =
      world->emplace_system<FixedTimeSignals>(world->shared_network(), scenario.signals.fixed_time);

  std::vector<Departure> departures;
  try {
    departures = generate_departures(scenario.demand, world->network(), config.seed,
                                     scenario.simulation.duration);
  } catch (const DemandError& e) {
    throw BuildError(e.what());
  }
  std::vector<VehicleType> types;
  std::vector<std::string> type_names;
  for (std::size_t c = 0; c < kVehicleClassCount; ++c) {
    const auto vehicle_class = static_cast<VehicleClass>(c);
    types.push_back(default_vehicle_type(vehicle_class));
    type_names.emplace_back(vehicle_class_name(vehicle_class));
  }
  try {
    TrafficConfig traffic;
    traffic.reroute_interval = scenario.routing.reroute_interval;
    traffic.kpi_window = scenario.outputs.interval;
    world->emplace_system<TrafficSystem>(world->shared_network(), std::move(types),
                                         std::move(type_names), std::move(departures), &signals,
                                         traffic);
  } catch (const std::invalid_argument& e) {
    throw BuildError(e.what());
  }
  world->start();
  return world;
}

}  // namespace citytwin

#include "agents/traffic/traffic_family.hpp"

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "agents/traffic/demand.hpp"
#include "agents/traffic/routing_section.hpp"
#include "agents/traffic/traffic_section.hpp"
#include "agents/traffic/traffic_system.hpp"
#include "agents/traffic/vehicle_agent_kinds.hpp"
#include "agents/traffic/vehicle_type_spec.hpp"
#include "agents/world_builder.hpp"
#include "sim/step/world.hpp"

namespace citytwin {
namespace {

void build_traffic(const Scenario& scenario, FamilyBuildContext& context) {
  World& world = context.world;
  // Departures view the demand's strings until the traffic system has resolved them.
  const DemandSpec demand = build_demand(scenario, world.network(), context.seed, context.report);
  std::vector<Departure> departures;
  try {
    std::size_t unroutable = 0;
    departures = generate_departures(demand, world.network(), context.seed,
                                     scenario.simulation.duration, &unroutable);
    if (unroutable > 0 && context.report != nullptr) {
      context.report->skipped.push_back(std::to_string(unroutable) +
                                        " trips without a route skipped (demand.unroutable: skip)");
    }
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
    const RoutingSpec routing = routing_section(scenario);
    traffic.reroute_interval = routing.reroute_interval;
    traffic.route_departures_on_current_times =
        routing.departures == RoutingSpec::Departures::kCurrentTimes;
    const TrafficSpec section = traffic_section(scenario);
    traffic.teleport_after = section.teleport_after;
    traffic.gridlock_after = section.gridlock_after;
    traffic.missed_turn_after = section.missed_turn_after;
    traffic.gridlock_teleport =
        section.gridlock_resolution == TrafficSpec::GridlockResolution::kTeleport;
    traffic.kpi_window = scenario.outputs.interval;
    traffic.driver_seed = context.seed;
    world.emplace_system<TrafficSystem>(world.shared_network(), std::move(types),
                                        std::move(type_names), std::move(departures), traffic);
  } catch (const std::invalid_argument& e) {
    throw BuildError(e.what());
  }
}

// vehicle:ID, the id TrafficSystem gives a vehicle (trips.csv's id).
std::optional<InspectTarget> resolve_vehicle(const std::string& name, const Network&) {
  std::size_t used = 0;
  unsigned long id = 0;
  try {
    id = std::stoul(name, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == name.size() && used > 0 && id <= 0xFFFFFFFEul) {
    // Any class: the traffic system describes the id whatever kind it is given, and names it.
    return InspectTarget::agent(vehicle_agent_kind(VehicleClass::kCar),
                                static_cast<std::uint32_t>(id));
  }
  return std::nullopt;
}

}  // namespace

FamilyRegistration traffic_family() {
  FamilyRegistration family;
  family.name = "traffic";
  family.sections.push_back(scenario_section<RoutingSpec>(kRoutingSectionKey, decode_routing));
  family.sections.push_back(scenario_section<TrafficSpec>(kTrafficSectionKey, decode_traffic));
  family.build = build_traffic;
  // Titles, units and scales come with the snapshot (TrafficSystem declares its columns).
  for (const char* column : {"vehicles", "mean_speed_mps", "throughput_veh_h", "total_delay_s"}) {
    family.kpi_plots.push_back(KpiPlot{column});
  }
  family.inspect_kinds.push_back({"vehicle", "vehicle:ID", "vehicle:42", resolve_vehicle});
  return family;
}

}  // namespace citytwin

#include "agents/traffic/routing_section.hpp"

#include "sim/scenario/decode.hpp"
#include "sim/scenario/decode_context.hpp"

namespace citytwin {
namespace {

using scenario_detail::fail_at;
using scenario_detail::format_seconds;
using scenario_detail::MappingReader;

constexpr Bounds kRerouteInterval{0.0, 86400.0, true, "between 0 s (off) and 24 h"};

}  // namespace

void decode_routing(const yaml::Node& node, const Scenario& scenario, RoutingSpec& routing) {
  const SimulationSpec& simulation = scenario.simulation;
  const MappingReader reader(node, "routing", {"reroute_interval", "departures"});
  using Departures = RoutingSpec::Departures;
  reader.read_choice("departures",
                     {std::pair{std::string_view("free_flow"), Departures::kFreeFlow},
                      std::pair{std::string_view("current_times"), Departures::kCurrentTimes}},
                     routing.departures);
  reader.read_quantity("reroute_interval", Dimension::kDuration, kRerouteInterval,
                       routing.reroute_interval);
  if (const yaml::Node* interval = reader.value("reroute_interval");
      interval != nullptr && routing.reroute_interval > 0.0 &&
      routing.reroute_interval < simulation.step) {
    fail_at(*interval, "routing.reroute_interval",
            "interval (" + format_seconds(routing.reroute_interval) +
                ") is shorter than one step (" + format_seconds(simulation.step) + ")");
  }
}

RoutingSpec routing_section(const Scenario& scenario) {
  return scenario.sections.get_or_default<RoutingSpec>(kRoutingSectionKey);
}

}  // namespace citytwin

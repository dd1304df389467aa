#include "agents/traffic/traffic_section.hpp"

#include "sim/scenario/decode.hpp"
#include "sim/scenario/decode_context.hpp"

namespace citytwin {
namespace {

using scenario_detail::fail_at;
using scenario_detail::format_seconds;
using scenario_detail::MappingReader;

constexpr Bounds kTeleportAfter{0.0, 86400.0, true, "between 0 s (off) and 24 h"};

}  // namespace

void decode_traffic(const yaml::Node& node, const Scenario& scenario, TrafficSpec& traffic) {
  const SimulationSpec& simulation = scenario.simulation;
  const MappingReader reader(node, "traffic", {"teleport_after"});
  reader.read_quantity("teleport_after", Dimension::kDuration, kTeleportAfter,
                       traffic.teleport_after);
  // Waiting is counted in whole steps: a limit under one step would teleport every vehicle that
  // stops once.
  if (const yaml::Node* after = reader.value("teleport_after");
      after != nullptr && traffic.teleport_after > 0.0 &&
      traffic.teleport_after < simulation.step) {
    fail_at(*after, "traffic.teleport_after",
            "time (" + format_seconds(traffic.teleport_after) + ") is shorter than one step (" +
                format_seconds(simulation.step) + ")");
  }
}

TrafficSpec traffic_section(const Scenario& scenario) {
  return scenario.sections.get_or_default<TrafficSpec>(kTrafficSectionKey);
}

}  // namespace citytwin

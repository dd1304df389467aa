#include "agents/traffic/traffic_section.hpp"

#include <string>
#include <string_view>
#include <utility>

#include "sim/scenario/decode.hpp"
#include "sim/scenario/decode_context.hpp"

namespace citytwin {
namespace {

using scenario_detail::fail_at;
using scenario_detail::format_seconds;
using scenario_detail::MappingReader;

constexpr Bounds kTeleportAfter{0.0, 86400.0, true, "between 0 s (off) and 24 h"};
constexpr Bounds kMissedTurnAfter{0.0, 3600.0, true, "between 0 s (at once) and 1 h"};

}  // namespace

void decode_traffic(const yaml::Node& node, const Scenario& scenario, TrafficSpec& traffic) {
  const SimulationSpec& simulation = scenario.simulation;
  const MappingReader reader(
      node, "traffic",
      {"teleport_after", "gridlock_after", "gridlock_resolution", "missed_turn_after"});
  reader.read_quantity("teleport_after", Dimension::kDuration, kTeleportAfter,
                       traffic.teleport_after);
  reader.read_quantity("missed_turn_after", Dimension::kDuration, kMissedTurnAfter,
                       traffic.missed_turn_after);
  reader.read_quantity("gridlock_after", Dimension::kDuration, kTeleportAfter,
                       traffic.gridlock_after);
  using Resolution = TrafficSpec::GridlockResolution;
  reader.read_choice("gridlock_resolution",
                     {std::pair{std::string_view("none"), Resolution::kNone},
                      std::pair{std::string_view("teleport"), Resolution::kTeleport}},
                     traffic.gridlock_resolution);
  // Waiting is counted in whole steps: a limit under one step would act on every vehicle that
  // stops once.
  for (const auto& [key, value] : {std::pair{"teleport_after", traffic.teleport_after},
                                   std::pair{"gridlock_after", traffic.gridlock_after}}) {
    const yaml::Node* after = reader.value(key);
    if (after != nullptr && value > 0.0 && value < simulation.step) {
      fail_at(*after, std::string("traffic.") + key,
              "time (" + format_seconds(value) + ") is shorter than one step (" +
                  format_seconds(simulation.step) + ")");
    }
  }
}

TrafficSpec traffic_section(const Scenario& scenario) {
  return scenario.sections.get_or_default<TrafficSpec>(kTrafficSectionKey);
}

}  // namespace citytwin

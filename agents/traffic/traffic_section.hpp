#pragma once
// The traffic family's `traffic:` section: how road traffic resolves vehicles stuck at a line or
// for good (keys: scenarios/README.md, "traffic").
#include "sim/scenario/schema.hpp"
#include "sim/scenario/yaml_document.hpp"

namespace citytwin {

struct TrafficSpec {
  // s a vehicle may stand first on its lane before it is teleported further along its route
  // (SUMO's --time-to-teleport); 0 = never (the default: see README, "Teleports").
  double teleport_after = 0.0;
  // s: a cycle of front vehicles each standing this long waiting on the next (room, yield, lane
  // change) is a gridlock, counted (gridlocks_detected); 0 = not looked for.
  double gridlock_after = 0.0;
  // What a gridlock found gets: nothing but the count, or a teleport of one of its vehicles.
  enum class GridlockResolution { kNone, kTeleport };
  GridlockResolution gridlock_resolution = GridlockResolution::kNone;
  // s a vehicle halted at the line in a lane that does not go its way waits for a gap before it
  // takes a turn its lane allows and re-routes (a missed turn); 0 = at once.
  double missed_turn_after = 60.0;
};

inline constexpr const char* kTrafficSectionKey = "traffic";

// The scenario's traffic section: its defaults when the file writes none.
TrafficSpec traffic_section(const Scenario& scenario);

// Decodes `traffic:` (the simulation section is decoded: times are checked against the step);
// every error located at FILE:LINE:COL (ScenarioError).
void decode_traffic(const yaml::Node& node, const Scenario& scenario, TrafficSpec& traffic);

}  // namespace citytwin

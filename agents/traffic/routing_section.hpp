#pragma once
// The traffic family's `routing:` section: route choice during the run (keys:
// scenarios/README.md, "routing").
#include "sim/scenario/schema.hpp"
#include "sim/scenario/yaml_document.hpp"

namespace citytwin {

struct RoutingSpec {
  // s between re-routing rounds on current link travel times; 0 = routes stay as chosen at
  // departure (free-flow shortest paths).
  double reroute_interval = 0.0;
  // How a departing vehicle's route is chosen: on free-flow times, or on the travel times of the
  // last few minutes (SUMO's routing of <trip>s at insertion: its rerouting device's smoothed
  // edge speeds).
  enum class Departures { kFreeFlow, kCurrentTimes };
  Departures departures = Departures::kFreeFlow;
};

inline constexpr const char* kRoutingSectionKey = "routing";

// The scenario's routing section: its defaults when the file writes none.
RoutingSpec routing_section(const Scenario& scenario);

// Decodes `routing:` (the simulation section is decoded: the interval is checked against the
// step); every error located at FILE:LINE:COL (ScenarioError).
void decode_routing(const yaml::Node& node, const Scenario& scenario, RoutingSpec& routing);

}  // namespace citytwin

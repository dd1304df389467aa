#pragma once
#include <vector>

#include "render/dashboards.hpp"
#include "sim/scenario/schema.hpp"
#include "sim/step/world.hpp"

namespace citytwin::viewer {

// The what-if knobs the viewer offers for a scenario's world, each declared here in a few lines
// next to the system API it drives. Read the world only before the simulation thread starts
// (initial values); the knobs' Commands run on the simulation thread between steps.
//   - demand x (departures still to come): TrafficSystem::set_demand_scale
//   - signal cycle and offset: FixedTimeSignals::set_plan (fixed-time control only)
std::vector<render::Knob> make_what_if_knobs(const Scenario& scenario, const World& world);

}  // namespace citytwin::viewer

#pragma once
#include <cstdint>
#include <span>

#include "sim/network/network.hpp"
#include "sim/view/world_view.hpp"

namespace citytwin {

// The traffic system's overlays, one value per link from the vehicles on its lanes (vehicles
// inside junction boxes count for no link):
//
// - "congestion": space-mean speed as a percentage of the link's speed limit. This is what a
//   planner reads first: it is the measure of the HCM urban-street level of service (A above
//   85 %, F at 30 % or below), it does not depend on the number of lanes or the link length, and
//   it is comparable between a 30 km/h street and a 70 km/h arterial, which a raw speed is not.
//   Links without vehicles have no value (NaN): an empty link is not evidence of free flow.
// - "density": vehicles per km per lane (jam density is about 140 at 7 m per stopped car); it
//   shows where the vehicles are, the supply side a speed ratio hides.
//
// `lane_of_slot` holds each vehicle's lane (values >= the network's lane count are junction
// connections and are skipped), `speed_of_slot` its speed in m/s. One serial pass in slot order:
// the result depends only on the state, never on the thread count, and nothing in the simulation
// is written.
void add_link_traffic_fields(const Network& network, std::span<const std::uint32_t> lane_of_slot,
                             std::span<const double> speed_of_slot, WorldView& view);

}  // namespace citytwin

#pragma once
// Checks a PedestrianSpec against the road network and assembles the PedestrianNetwork: element
// lengths, one walking-graph vertex per walking area and per free end, edges with their
// adjacency, the connections each crosswalk is crossed by and the signal groups it is tied to
// (crosswalk_rules.hpp). Bad input throws NetworkError naming the element.
#include "sim/network/network.hpp"
#include "sim/network/pedestrian_spec.hpp"

namespace citytwin {

PedestrianNetwork assemble_pedestrian_network(const Network& roads, const PedestrianSpec& spec);

}  // namespace citytwin

#pragma once
// Building blocks shared by the synthetic network generators (grid, corridor): two-way roads with
// a junction box cut out at each junction end, and SUMO-like lane-to-lane wiring of a junction.
#include <span>
#include <vector>

#include "sim/network/network_builder.hpp"

namespace citytwin::generator {

// Extra room beyond the crossing road's half-width at each junction end of a link, so turning
// paths have a plausible radius instead of pivoting on a corner.
inline constexpr double kJunctionCornerRadius = 3.0;  // metres

// Distance from a junction's centre to where a link ends (or starts) when the crossing road has
// `crossing_lanes` lanes per direction.
inline double junction_setback(std::uint32_t crossing_lanes) {
  return crossing_lanes * NetworkBuilder::kDefaultLaneWidth + kJunctionCornerRadius;
}

// The links touching each node, in the order they were added (ascending ids).
struct NodeLinks {
  std::vector<LinkId> incoming;
  std::vector<LinkId> outgoing;
};

struct RoadEnd {
  NodeId node;
  double setback;  // metres cut off the road at this end (0 at boundary nodes)
};

// Adds the links a->b then b->a (named "<a>-><b>", "<b>-><a>") on the straight centre line between
// the two nodes, shortened by each end's setback, and records them in `links_of_node`.
void add_two_way_road(NetworkBuilder& builder, std::vector<NodeLinks>& links_of_node, RoadEnd a,
                      RoadEnd b, std::uint32_t lanes, double speed_limit);

// Connects every incoming link of `node` to every outgoing one except its own reverse (no
// U-turns). Lane use follows SUMO's defaults: the rightmost lane turns right or goes straight, the
// leftmost turns left or goes straight, middle lanes go straight (one lane does all three).
// Straight: lane i -> lane min(i, out-1), surplus target lanes fed from the leftmost lane. Right
// turns land on the rightmost target lane, left turns on the leftmost.
// Fringe cases, so that no lane is a dead end and every lane is reachable: an approach with no
// straight movement shares all its lanes among its turns; a link nothing feeds straight receives
// turns on all its lanes.
// At kSignal nodes four signal groups are created, in this order: NS_through (north/south-bound
// straight and right), NS_left, EW_through, EW_left; the axis is that of the incoming link.
void wire_junction(NetworkBuilder& builder, NodeId node, const NodeLinks& links);

}  // namespace citytwin::generator

#pragma once
// A pedestrian layer for road networks whose source has none (generated grids and corridors,
// CityFlow roadnets, SUMO nets built without sidewalks):
// - a sidewalk along the right of every link (a two-way road is two links, so both sides of the
//   road), and along the left too where the link is one-way (no link back), `sidewalk_width`
//   wide, beside the outer lane;
// - at every node that is not kBoundary, one walking area per corner between two neighbouring
//   arms (arms = the links to one neighbour node, ordered counter-clockwise by direction), and a
//   crosswalk across every arm, kerb to kerb, `crosswalk_setback` inside the junction from the
//   lane ends, joining the two corners beside that arm; a dead end (one arm) gets one walking area
//   joining its sidewalks and no crosswalk;
// - at kBoundary nodes sidewalks end free (the network's edge, not a place to cross).
// Signal groups and crossed connections are added by the assembler (crosswalk_rules.hpp).
#include "sim/network/network.hpp"
#include "sim/network/pedestrian_spec.hpp"

namespace citytwin {

PedestrianSpec derive_pedestrian_spec(const Network& roads, const PedestrianDimensions& dims = {});

}  // namespace citytwin

#pragma once
#include <cstdint>
#include <vector>

#include "sim/network/network.hpp"

namespace citytwin::render {

// A building footprint beside a road: an oriented rectangle, purely for the picture (so the view
// reads as a city, not a wiring diagram). Networks carry no buildings; these are placed from the
// road layout alone, the same for the same network on every machine.
struct Building {
  Vec2 centre;
  double heading = 0.0;        // rad, the road's direction at the frontage
  double half_frontage = 0.0;  // m, along the road
  double half_depth = 0.0;     // m, away from the road
  std::uint8_t shade = 0;      // picks a roof colour
};

struct BuildingStyle {
  double setback = 2.0;        // m between the sidewalk's outer edge and the facade
  double clearance = 3.5;      // m every footprint keeps from any lane edge
  double min_frontage = 12.0;  // m
  double max_frontage = 32.0;  // m
  double min_depth = 10.0;     // m
  double max_depth = 28.0;     // m
  double gap = 3.0;            // m between neighbours along a road
  double end_margin = 12.0;    // m kept free at both ends of a link (junction areas)
  std::uint8_t shades = 4;
  int rows = 2;          // rows of footprints behind one another (the second where clear)
  double row_gap = 4.0;  // m between a row's back and the next row's front
};

// Footprints along the outer (right) side of every link, beyond its sidewalk: frontage, depth
// and gaps vary from a hash of (link, position), and a footprint that would come within
// `clearance` of any lane or overlap one already placed is left out. Deterministic (no RNG
// state, fixed order), O(links x length / frontage) with a spatial index of lane samples.
std::vector<Building> place_buildings(const Network& network, double sidewalk_width,
                                      const BuildingStyle& style = {});

// The four corners (counter-clockwise) of a footprint.
std::vector<Vec2> building_corners(const Building& building);

}  // namespace citytwin::render

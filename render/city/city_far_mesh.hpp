#pragma once
#include "render/city/city_geometry.hpp"
#include "sim/network/network.hpp"

namespace citytwin::render {

// Below this many pixels per lane (3.2 m) the city is drawn from the far mesh and signal heads
// are left out: lanes, sidewalks and heads are all sub-pixel there and only cost lavapipe
// triangle setup (at 1M vehicles, a quarter of a million sub-pixel triangles a frame).
inline constexpr double kMinLanePixels = 0.5;
inline constexpr double kReferenceLaneWidth = 3.2;  // m
bool use_far_city_mesh(double pixels_per_metre);

// The static layer for far zooms, in the same layer layout as build_city_mesh: one strip per link
// as wide as all its lanes (instead of one per lane), each junction area of `full` as its
// bounding box, no sidewalks, markings or stop lines.
CityMesh build_far_city_mesh(const Network& network, const CityMesh& full);

// Appends one strip covering all lanes of `link` side by side (nothing for a link without lanes).
void append_link_band(std::vector<CityVertex>& out, const Network& network, LinkId link,
                      Rgba8 colour);

}  // namespace citytwin::render

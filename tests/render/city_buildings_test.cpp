#include "render/city/city_buildings.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "render/render_fixtures.hpp"
#include "sim/network/grid_generator.hpp"

namespace citytwin::render {
namespace {

// Distance from p to the segment ab.
double segment_distance(Vec2 p, Vec2 a, Vec2 b) {
  const Vec2 ab = b - a;
  const double len2 = dot(ab, ab);
  const double t = len2 > 0.0 ? std::clamp(dot(p - a, ab) / len2, 0.0, 1.0) : 0.0;
  return distance(p, a + ab * t);
}

// Smallest distance between a footprint's outline (corners and edge points) and a polyline.
double footprint_distance(const Building& b, std::span<const Vec2> line) {
  const auto corners = building_corners(b);
  double best = 1e300;
  for (std::size_t c = 0; c < 4; ++c) {
    for (int k = 0; k <= 8; ++k) {  // points along each edge
      const Vec2 p = corners[c] + (corners[(c + 1) % 4] - corners[c]) * (k / 8.0);
      for (std::size_t i = 0; i + 1 < line.size(); ++i) {
        best = std::min(best, segment_distance(p, line[i], line[i + 1]));
      }
    }
  }
  return best;
}

const Network& grid_3x3() {
  static const Network network = generate_grid(GridSpec{.rows = 3,
                                                        .cols = 3,
                                                        .spacing = 200.0,
                                                        .attach_length = 150.0,
                                                        .lanes = 2,
                                                        .speed_limit = 13.89,
                                                        .signalised = true});
  return network;
}

TEST(CityBuildings, LineTheRoadsWithoutTouchingAnyLaneOrEachOther) {
  const Network& net = grid_3x3();
  const BuildingStyle style;
  const auto buildings = place_buildings(net, 2.5, style);
  // 24 inner-block sides of ~170 m plus the fringe roads: dozens of footprints.
  ASSERT_GT(buildings.size(), 60u);
  for (const Building& b : buildings) {
    EXPECT_GE(2.0 * b.half_frontage, style.min_frontage - 1e-9);
    EXPECT_LE(2.0 * b.half_frontage, style.max_frontage + 1e-9);
    for (LaneId lane = 0; lane < net.lanes().size(); ++lane) {
      // Sampled clearance (2 m samples) is checked exactly here, with 0.5 m of slack for the
      // sampling.
      EXPECT_GT(footprint_distance(b, net.lane_shape(lane)),
                net.lane(lane).width * 0.5 + style.clearance - 0.5)
          << "a building on lane " << lane;
    }
  }
  for (std::size_t i = 0; i < buildings.size(); ++i) {
    for (std::size_t j = i + 1; j < buildings.size(); ++j) {
      const double centres = distance(buildings[i].centre, buildings[j].centre);
      const double reach = std::hypot(buildings[i].half_frontage, buildings[i].half_depth) +
                           std::hypot(buildings[j].half_frontage, buildings[j].half_depth);
      if (centres > reach) continue;
      // Close pairs: no corner of one lies inside the other.
      for (const Vec2 c : building_corners(buildings[j])) {
        const Vec2 along{std::cos(buildings[i].heading), std::sin(buildings[i].heading)};
        const Vec2 d = c - buildings[i].centre;
        const bool inside = std::abs(dot(d, along)) < buildings[i].half_frontage - 1e-6 &&
                            std::abs(cross(along, d)) < buildings[i].half_depth - 1e-6;
        EXPECT_FALSE(inside) << i << " and " << j << " overlap";
      }
    }
  }
}

TEST(CityBuildings, SameNetworkSameBuildings) {
  const auto a = place_buildings(grid_3x3(), 2.5);
  const auto b = place_buildings(grid_3x3(), 2.5);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].centre, b[i].centre);
    EXPECT_EQ(a[i].half_depth, b[i].half_depth);
    EXPECT_EQ(a[i].shade, b[i].shade);
  }
}

TEST(CityBuildings, WiderClearanceLeavesFewer) {
  BuildingStyle wide;
  wide.clearance = 100.0;  // more than both rows' setbacks: nothing fits beside a road
  EXPECT_TRUE(place_buildings(grid_3x3(), 2.5, wide).empty());
}

}  // namespace
}  // namespace citytwin::render

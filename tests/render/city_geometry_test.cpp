#include "render/city/city_geometry.hpp"

#include <gtest/gtest.h>

#include "render/frame_renderer.hpp"
#include "render/render_fixtures.hpp"

namespace citytwin::render {
namespace {

using testing::small_grid;

double distance_to_polyline(Vec2 p, std::span<const Vec2> line) {
  double best = 1e300;
  for (std::size_t i = 0; i + 1 < line.size(); ++i) {
    const Vec2 d = line[i + 1] - line[i];
    const double t = std::clamp(dot(p - line[i], d) / dot(d, d), 0.0, 1.0);
    best = std::min(best, distance(p, line[i] + d * t));
  }
  return best;
}

Vec2 as_vec(const CityVertex& v) {
  return {v.x, v.y};
}

TEST(CityGeometry, OneQuadPerLaneSegmentAsWideAsTheLane) {
  const Network& net = small_grid();
  const CityMesh mesh = build_city_mesh(net);
  std::size_t segments = 0;
  for (const Lane& lane : net.lanes()) segments += lane.point_count - 1;
  ASSERT_EQ(mesh.triangle_count(CityLayer::kAsphalt), 2 * segments);

  // Lanes are laid down in id order, six vertices per segment: left_i, right_i, left_i+1, ...
  const auto asphalt = mesh.layer(CityLayer::kAsphalt);
  std::size_t v = 0;
  for (LaneId id = 0; id < net.lanes().size(); ++id) {
    const Lane& lane = net.lane(id);
    const auto shape = net.lane_shape(id);
    for (std::uint32_t s = 0; s + 1 < lane.point_count; ++s, v += 6) {
      const Vec2 left = as_vec(asphalt[v]);
      const Vec2 right = as_vec(asphalt[v + 1]);
      EXPECT_NEAR(distance(left, right), lane.width, 1e-3) << "lane " << id;
      // Both edges half a width from the lane's centre line, left edge on the left.
      EXPECT_NEAR(distance_to_polyline(left, shape), lane.width / 2, 1e-3);
      EXPECT_NEAR(distance_to_polyline(right, shape), lane.width / 2, 1e-3);
      EXPECT_GT(cross(shape[s + 1] - shape[s], left - shape[s]), 0.0);
      EXPECT_EQ(asphalt[v].colour, palette::kAsphalt);
    }
  }
}

TEST(CityGeometry, LayersHaveTheExpectedCounts) {
  const Network& net = small_grid();
  const CityMesh mesh = build_city_mesh(net);
  // The network's pedestrian layer: one quad per sidewalk (straight, one per two-way link), and a
  // fan over each corner's walking area (its outline's convex hull less two triangles).
  const PedestrianNetwork& ped = net.pedestrians();
  ASSERT_EQ(ped.sidewalks().size(), net.links().size());
  std::size_t corner_triangles = 0;
  for (const WalkingArea& area : ped.walking_areas()) {
    const auto outline = ped.shape(area.outline);
    corner_triangles += convex_hull({outline.begin(), outline.end()}).size() - 2;
  }
  EXPECT_GT(corner_triangles, 0u);
  EXPECT_EQ(mesh.triangle_count(CityLayer::kSidewalk),
            2 * ped.sidewalks().size() + corner_triangles);
  // A stop line across every lane that ends at a signalised junction.
  std::size_t stop_lanes = 0;
  for (const Lane& lane : net.lanes()) {
    if (lane.connection_count > 0 &&
        net.node(net.link(lane.link).to).control == NodeControl::kSignal) {
      ++stop_lanes;
    }
  }
  EXPECT_EQ(stop_lanes, 4u * 4u * 2u);  // 4 junctions x 4 approaches x 2 lanes
  // Plus the zebra stripes of the pedestrian layer's crosswalks: one per arm of each junction,
  // 12.8 m kerb to kerb (2 + 2 lanes of 3.2 m) at a 1 m pitch: 12 stripes, two triangles each
  // (as many as the renderer drew when it invented 3 stripes per lane end).
  EXPECT_EQ(ped.crosswalks().size(), 4u * 4u);
  EXPECT_EQ(mesh.triangle_count(CityLayer::kStopLine),
            2 * stop_lanes + 2 * 12 * ped.crosswalks().size());
  // A filled polygon (at least a quad) over each of the four junctions, none at boundary nodes.
  EXPECT_GE(mesh.triangle_count(CityLayer::kJunction), 4u * 2u);
  EXPECT_GT(mesh.triangle_count(CityLayer::kMarking), 0u);
  EXPECT_EQ(mesh.vertices.size() % 3, 0u);
  EXPECT_EQ(mesh.layer_start.back(), mesh.vertices.size());
}

TEST(CityGeometry, JunctionAreasCoverTheNodesAndStayNearThem) {
  const Network& net = small_grid();
  const CityMesh mesh = build_city_mesh(net);
  const auto junction = mesh.layer(CityLayer::kJunction);
  for (const CityVertex& v : junction) {
    double nearest = 1e300;
    for (const Node& node : net.nodes()) {
      if (node.control == NodeControl::kSignal) {
        nearest = std::min(nearest, distance(as_vec(v), node.position));
      }
    }
    // Junction box of a 2+2-lane crossing: half-width 6.4 m plus corner radius 3 m.
    EXPECT_LT(nearest, 14.0);
  }
  EXPECT_EQ(junction.front().colour, palette::kJunction);
}

TEST(CityGeometry, MarkingsLieOnTheRoadAndDashesAreShort) {
  const Network& net = small_grid();
  const CityMesh mesh = build_city_mesh(net);
  const CityStyle style;
  std::size_t dashed = 0;
  const auto markings = mesh.layer(CityLayer::kMarking);
  for (std::size_t t = 0; t < markings.size(); t += 3) {
    if (markings[t].colour != palette::kLaneMarking) continue;
    ++dashed;
    for (std::size_t k = 0; k < 3; ++k) {
      // Every lane marking vertex is within a road (2 lanes each way of 3.2 m around the centre).
      double nearest = 1e300;
      for (LinkId l = 0; l < net.links().size(); ++l) {
        nearest =
            std::min(nearest, distance_to_polyline(as_vec(markings[t + k]), net.link_shape(l)));
      }
      EXPECT_LE(nearest, 2 * 3.2 + 1e-3);
    }
    EXPECT_LE(distance(as_vec(markings[t]), as_vec(markings[t + 2])), style.dash_length + 1e-3);
  }
  EXPECT_GT(dashed, 0u);
}

TEST(CityGeometry, ConvexHullDropsInteriorAndCollinearPoints) {
  const auto hull =
      convex_hull({{0, 0}, {2, 0}, {1, 0}, {2, 2}, {0, 2}, {1, 1}, {0.5, 1.5}, {0, 0}});
  ASSERT_EQ(hull.size(), 4u);
  double area = 0.0;  // counter-clockwise: positive shoelace area
  for (std::size_t i = 0; i < hull.size(); ++i) area += cross(hull[i], hull[(i + 1) % hull.size()]);
  EXPECT_DOUBLE_EQ(area / 2, 4.0);
}

TEST(CityGeometry, SubPolylineKeepsInteriorCorners) {
  const std::vector<Vec2> l{{0, 0}, {10, 0}, {10, 10}};
  const auto part = sub_polyline(l, 5.0, 15.0);
  ASSERT_EQ(part.size(), 3u);
  EXPECT_EQ(part[0], (Vec2{5, 0}));
  EXPECT_EQ(part[1], (Vec2{10, 0}));
  EXPECT_EQ(part[2], (Vec2{10, 5}));
  EXPECT_DOUBLE_EQ(polyline_length(sub_polyline(l, -3.0, 99.0)), 20.0);
}

TEST(CityGeometry, MarkingsAreLeftOutWhenThinnerThanAFractionOfAPixel) {
  EXPECT_FALSE(layer_visible(CityLayer::kMarking, 0.2));  // whole-city view of a 3 km grid
  EXPECT_TRUE(layer_visible(CityLayer::kMarking, 4.0));
  EXPECT_TRUE(layer_visible(CityLayer::kAsphalt, 0.01));
  EXPECT_TRUE(layer_visible(CityLayer::kJunction, 0.01));
}

}  // namespace
}  // namespace citytwin::render

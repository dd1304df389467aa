// The far static layer (one strip per link, no sidewalks or markings), without Vulkan.
#include "render/city/city_far_mesh.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "render/frame_renderer.hpp"
#include "render/render_fixtures.hpp"

namespace citytwin::render {
namespace {

TEST(CityFarMesh, OneStripPerLinkCoveringAllItsLanesAndABoxPerJunction) {
  const Network& net = testing::small_grid();
  const CityMesh full = build_city_mesh(net);
  const CityMesh far = build_far_city_mesh(net, full);
  EXPECT_EQ(far.triangle_count(CityLayer::kSidewalk), 0u);
  EXPECT_EQ(far.triangle_count(CityLayer::kMarking), 0u);
  EXPECT_EQ(far.triangle_count(CityLayer::kStopLine), 0u);
  // Each of the four junction areas as one box (two triangles) covering its fan.
  ASSERT_EQ(far.triangle_count(CityLayer::kJunction), 4u * 2u);
  const auto boxes = far.layer(CityLayer::kJunction);
  for (const CityVertex& v : full.layer(CityLayer::kJunction)) {
    bool covered = false;
    for (std::size_t b = 0; b < boxes.size(); b += 6) {
      covered |=
          v.x >= boxes[b].x && v.x <= boxes[b + 2].x && v.y >= boxes[b].y && v.y <= boxes[b + 2].y;
    }
    EXPECT_TRUE(covered) << v.x << "," << v.y;
  }
  // Straight links: one quad each, as wide as the link's lanes together (2 x 3.2 m).
  const auto asphalt = far.layer(CityLayer::kAsphalt);
  ASSERT_EQ(asphalt.size(), 6 * net.links().size());
  for (LinkId l = 0; l < net.links().size(); ++l) {
    const CityVertex& left = asphalt[6 * l];
    const CityVertex& right = asphalt[6 * l + 1];
    EXPECT_NEAR(std::hypot(left.x - right.x, left.y - right.y), 6.4, 1e-3) << l;
    // Both lanes' centre lines lie inside the band: 1.6 m and 4.8 m from its right edge.
    const Link& link = net.link(l);
    for (std::uint16_t i = 0; i < 2; ++i) {
      const Vec2 mid = testing::along_lane(net, link.first_lane + i, 0.5).position;
      // Distance to the band's left edge (the line through left_0 and left_1).
      const Vec2 a{left.x, left.y};
      const Vec2 b{asphalt[6 * l + 2].x, asphalt[6 * l + 2].y};
      const double to_left = std::abs(cross(b - a, mid - a)) / length(b - a);
      EXPECT_NEAR(to_left, i == 0 ? 4.8 : 1.6, 1e-3) << "link " << l << " lane " << i;
    }
  }
}

TEST(CityFarMesh, FarBelowHalfAPixelPerLaneAndThenNoSignalHeads) {
  EXPECT_TRUE(use_far_city_mesh(0.1));   // 0.32 px lanes
  EXPECT_FALSE(use_far_city_mesh(0.2));  // 0.64 px lanes
  EXPECT_FALSE(signal_heads_visible(0.1));
  EXPECT_TRUE(signal_heads_visible(0.2));
}

}  // namespace
}  // namespace citytwin::render

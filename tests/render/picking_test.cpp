#include "render/agents/picking.hpp"

#include <gtest/gtest.h>

#include "sim/network/grid_generator.hpp"
#include "support/view_kinds.hpp"

namespace citytwin::render {
namespace {

// 1 pixel per metre, world origin at the middle of a 200 x 200 target.
Camera unit_camera() {
  Camera c;
  c.centre = {0.0, 0.0};
  c.pixels_per_metre = 1.0;
  c.width = 200;
  c.height = 200;
  return c;
}

WorldView two_agents() {
  WorldView view;
  view.agent_kinds = test_kinds::test_agent_kinds();
  view.add_agent(7, test_kinds::kCar, 10.0f, 0.0f, 0.0f, 5.0f, 0);
  view.add_agent(9, test_kinds::kBus, 20.0f, 0.0f, 0.0f, 5.0f, 0);
  return view;
}

TEST(Picking, NearestAgentWithinTheRadiusWins) {
  const Camera camera = unit_camera();
  const WorldView view = two_agents();
  const Vec2 near_first = world_to_pixel(camera, {13.0, 1.0});
  EXPECT_EQ(pick_agent(view, camera, near_first, 8.0), std::optional<std::size_t>(0));
  const Vec2 near_second = world_to_pixel(camera, {17.0, -1.0});
  EXPECT_EQ(pick_agent(view, camera, near_second, 8.0), std::optional<std::size_t>(1));
  const Vec2 far_away = world_to_pixel(camera, {60.0, 40.0});
  EXPECT_EQ(pick_agent(view, camera, far_away, 8.0), std::nullopt);
}

TEST(Picking, TheRadiusIsInPixelsSoZoomingOutWidensItInMetres) {
  Camera camera = unit_camera();
  const WorldView view = two_agents();
  const Vec2 cursor = world_to_pixel(camera, {10.0, 30.0});  // 30 m from agent 7
  EXPECT_EQ(pick_agent(view, camera, cursor, 8.0), std::nullopt);
  camera.pixels_per_metre = 0.2;  // 8 px = 40 m
  EXPECT_EQ(pick_agent(view, camera, world_to_pixel(camera, {10.0, 30.0}), 8.0),
            std::optional<std::size_t>(0));
}

TEST(Picking, JunctionAreaPicksItsNodeWhenNoAgentIsNear) {
  GridSpec spec;
  spec.rows = 1;
  spec.cols = 1;
  spec.lanes = 2;
  const Network network = generate_grid(spec);
  const NodeId junction = network.find_node("J_r0_c0");
  ASSERT_NE(junction, kNoId);
  Camera camera = unit_camera();
  camera.centre = network.node(junction).position;
  camera.pixels_per_metre = 20.0;  // zoomed in: 8 px are only 0.4 m
  const Vec2 inside_box = world_to_pixel(camera, network.node(junction).position + Vec2{3.0, -2.0});
  const WorldView empty;
  const InspectTarget target = pick(empty, network, camera, inside_box);
  EXPECT_EQ(target, InspectTarget::node(junction));
  // An agent under the cursor is preferred to the junction it stands in.
  WorldView one;
  one.agent_kinds = test_kinds::test_agent_kinds();
  one.add_agent(3, test_kinds::kTruck, static_cast<float>(network.node(junction).position.x + 3.0),
                static_cast<float>(network.node(junction).position.y - 2.0), 0.0f, 0.0f, 1);
  EXPECT_EQ(pick(one, network, camera, inside_box), InspectTarget::agent(test_kinds::kTruck, 3));
  // Far from everything: nothing.
  camera.centre = network.node(junction).position + Vec2{500.0, 500.0};
  EXPECT_EQ(pick(empty, network, camera, {100.0, 100.0}).kind, InspectTarget::Kind::kNone);
}

TEST(Picking, FindAgentMatchesKindAndId) {
  const WorldView view = two_agents();
  EXPECT_EQ(find_agent(view, InspectTarget::agent(test_kinds::kBus, 9)),
            std::optional<std::size_t>(1));
  EXPECT_EQ(find_agent(view, InspectTarget::agent(test_kinds::kCar, 9)), std::nullopt);
  EXPECT_EQ(find_agent(view, InspectTarget::node(7)), std::nullopt);
}

}  // namespace
}  // namespace citytwin::render

#include <gtest/gtest.h>

#include <set>

#include "render/agents/agent_instances.hpp"
#include "render/city/signal_heads.hpp"
#include "render/render_fixtures.hpp"
#include "support/view_kinds.hpp"

namespace citytwin::render {
namespace {

using testing::small_grid;

TEST(AgentInstances, OneOrientedRectanglePerVehicleSizedByKind) {
  WorldView view;
  view.agent_kinds = test_kinds::test_agent_kinds();
  view.add_agent(7, test_kinds::kCar, 10.0f, 20.0f, 1.0f, 0.0f, 0);
  view.add_agent(8, test_kinds::kBus, 30.0f, 40.0f, -2.0f, 13.89f, 0);
  view.add_agent(9, test_kinds::kSensor, 0.0f, 0.0f, 0.0f, 0.0f, 0);  // infrastructure: own layer
  view.add_agent(10, test_kinds::kRobot, 5.0f, 5.0f, 0.5f, 1.0f, 2);
  std::vector<QuadInstance> out;
  append_agent_instances(view, {}, out);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].x, 10.0f);
  EXPECT_EQ(out[0].y, 20.0f);
  EXPECT_EQ(out[0].heading, 1.0f);
  EXPECT_FLOAT_EQ(out[0].half_length, 2.25f);
  EXPECT_FLOAT_EQ(out[0].half_width, 0.9f);
  EXPECT_FLOAT_EQ(out[1].half_length, 6.0f);
  EXPECT_EQ(out[0].colour, speed_colour(0.0f, 13.89f));
  EXPECT_EQ(out[1].colour, speed_colour(13.89f, 13.89f));
  EXPECT_EQ(out[2].colour, test_kinds::kRobotLoaded);  // state 2: loaded
}

TEST(AgentInstances, KindsColouredByStateUseTheirStatesColours) {
  const auto kinds = test_kinds::test_agent_kinds();
  const AgentKindStyle& robot = *kinds->find(test_kinds::kRobot);
  const AgentStyle view_style;
  EXPECT_EQ(agent_colour(robot, 0.0f, 0, view_style), test_kinds::kRobotIdle);
  EXPECT_EQ(agent_colour(robot, 0.0f, 1, view_style), test_kinds::kRobotToPickup);
  EXPECT_EQ(agent_colour(robot, 9.0f, 3, view_style), test_kinds::kRobotCharging);  // not by speed
  EXPECT_EQ(agent_colour(robot, 0.0f, 200, view_style), robot.colour);              // past the list
  const AgentKindStyle& car = *kinds->find(test_kinds::kCar);
  EXPECT_EQ(agent_colour(car, 0.0f, 3, view_style), speed_colour(0.0f, view_style.reference_speed));
}

TEST(AgentInstances, AKindWithoutAStyleIsDrawnPlainNotLost) {
  WorldView view;  // no agent_kinds: built by hand
  view.add_agent(1, agent_kind("nobody.declared.this"), 3.0f, 4.0f, 0.0f, 5.0f, 0);
  std::vector<QuadInstance> out;
  append_agent_instances(view, {}, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].colour, palette::kUnstyled);
  EXPECT_FLOAT_EQ(out[0].half_length, 1.0f);
}

TEST(AgentInstances, SpeedColourGoesFromRedThroughYellowToGreen) {
  const Rgba8 stopped = speed_colour(0.0f, 10.0f);
  const Rgba8 half = speed_colour(5.0f, 10.0f);
  const Rgba8 full = speed_colour(10.0f, 10.0f);
  EXPECT_GT(stopped.r, 200);
  EXPECT_LT(stopped.g, 60);
  EXPECT_GT(half.r, 200);
  EXPECT_GT(half.g, 200);
  EXPECT_LT(full.r, 60);
  EXPECT_GT(full.g, 180);
  EXPECT_EQ(speed_colour(25.0f, 10.0f), full);     // clamped
  EXPECT_EQ(speed_colour(-1.0f, 10.0f), stopped);  // clamped
}

TEST(SignalHeads, OneHeadPerSignalisedLaneAndGroupJustPastTheStopLine) {
  const Network& net = small_grid();
  const auto heads = place_signal_heads(net);
  std::set<std::pair<LaneId, SignalGroupId>> expected;
  for (const Connection& c : net.connections()) {
    if (c.signal_group != kNoId) expected.insert({c.from_lane, c.signal_group});
  }
  ASSERT_EQ(heads.size(), expected.size());
  for (const SignalHead& h : heads) {
    // Each head is near the end of a lane that has a connection of its group.
    bool found = false;
    for (const auto& [lane, group] : expected) {
      if (group != h.group) continue;
      const Vec2 end = net.lane_shape(lane).back();
      if (distance(end, Vec2{h.x, h.y}) < 3.0) found = true;
    }
    EXPECT_TRUE(found) << "head of group " << h.group << " at " << h.x << "," << h.y;
    EXPECT_GT(h.half_size, 0.3f);
  }
}

TEST(SignalHeads, ColouredByTheViewsSignalState) {
  const Network& net = small_grid();
  const auto heads = place_signal_heads(net);
  WorldView view;
  view.signal_state.assign(net.signal_groups().size(), SignalState::kRed);
  view.signal_state[heads[0].group] = SignalState::kGreen;
  std::vector<QuadInstance> out;
  append_signal_instances(heads, view, out);
  ASSERT_EQ(out.size(), heads.size());
  for (std::size_t i = 0; i < heads.size(); ++i) {
    EXPECT_EQ(out[i].colour,
              heads[i].group == heads[0].group ? palette::kSignalGreen : palette::kSignalRed);
  }
  view.signal_state.clear();  // no signal system: heads are dark
  out.clear();
  append_signal_instances(heads, view, out);
  EXPECT_EQ(out[0].colour, palette::kSignalOff);
}

}  // namespace
}  // namespace citytwin::render

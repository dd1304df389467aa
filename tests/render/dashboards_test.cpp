// The dashboards' data side (no ImGui frame needed): KPI history ring and snapshot interpolation.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "render/dashboards/dashboards.hpp"
#include "render/view_interpolation.hpp"
#include "support/view_kinds.hpp"

namespace citytwin::render {
namespace {

TEST(KpiHistory, KeepsTheLatestSamplesAsARingForPlotLines) {
  KpiHistory history(4);
  const std::vector<std::string> names{"vehicles", "mean_speed_mps"};
  for (int t = 0; t < 6; ++t) {
    const std::vector<double> values{double(t), 10.0 + t};
    history.add(5.0 * t, names, values);
  }
  EXPECT_EQ(history.size(), 4u);
  const auto s = history.series("vehicles");
  ASSERT_EQ(s.values.size(), 4u);
  // Oldest first when read from `offset` on: samples 2, 3, 4, 5.
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(s.values[(s.offset + i) % 4], float(2 + i));
  }
  EXPECT_EQ(history.latest("mean_speed_mps"), 15.0f);
  EXPECT_EQ(history.first_time(), 10.0);
  EXPECT_EQ(history.last_time(), 25.0);
  EXPECT_TRUE(history.series("unknown").values.empty());
  EXPECT_TRUE(std::isnan(history.latest("unknown")));
}

TEST(KpiHistory, ARestartedRunClearsTheHistory) {
  KpiHistory history(8);
  const std::vector<std::string> names{"vehicles"};
  history.add(0.0, names, std::vector<double>{1.0});
  history.add(5.0, names, std::vector<double>{2.0});
  history.add(0.0, names, std::vector<double>{7.0});  // time went back
  EXPECT_EQ(history.size(), 1u);
  EXPECT_EQ(history.latest("vehicles"), 7.0f);
}

WorldView two_agents(float x0, float heading0, float x1, float heading1) {
  WorldView v;
  v.agent_kinds = test_kinds::test_agent_kinds();
  v.add_agent(3, test_kinds::kCar, x0, 0.0f, heading0, 10.0f, 0);
  v.add_agent(8, test_kinds::kCar, x1, 5.0f, heading1, 0.0f, 0);
  return v;
}

TEST(ViewInterpolation, MovesMatchedAgentsAndTurnsTheShortWay) {
  constexpr float kPi = std::numbers::pi_v<float>;
  WorldView previous = two_agents(0.0f, 0.9f * kPi, 100.0f, 0.0f);
  WorldView next = two_agents(10.0f, -0.9f * kPi, 100.0f, 0.0f);
  next.add_agent(9, test_kinds::kBus, 50.0f, 50.0f, 1.0f, 3.0f, 0);  // new this step
  next.step = 7;
  next.time = 7.0;
  WorldView out;
  out.agent_kinds = test_kinds::test_agent_kinds();
  interpolate_view(previous, next, 0.25f, out);
  ASSERT_EQ(out.agent_count(), 3u);
  EXPECT_FLOAT_EQ(out.x[0], 2.5f);
  // From 0.9 pi to -0.9 pi the short way is +0.2 pi through pi, not -1.8 pi.
  EXPECT_NEAR(out.heading[0], 0.95f * kPi, 1e-5);
  EXPECT_FLOAT_EQ(out.speed[0], 10.0f);
  EXPECT_FLOAT_EQ(out.x[1], 100.0f);
  EXPECT_FLOAT_EQ(out.x[2], 50.0f);  // only in next: drawn where next has it
  EXPECT_EQ(out.step, 7);
  WorldView whole;
  whole.agent_kinds = test_kinds::test_agent_kinds();
  interpolate_view(previous, next, 1.0f, whole);
  EXPECT_EQ(whole.x, next.x);
  EXPECT_EQ(whole.heading, next.heading);
}

TEST(ViewInterpolation, AgentsThatLeftAreNotMatchedToOthers) {
  WorldView previous;
  previous.agent_kinds = test_kinds::test_agent_kinds();
  previous.add_agent(1, test_kinds::kCar, 0.0f, 0.0f, 0.0f, 0.0f, 0);
  previous.add_agent(2, test_kinds::kCar, 500.0f, 0.0f, 0.0f, 0.0f, 0);
  WorldView next;
  next.agent_kinds = test_kinds::test_agent_kinds();
  next.add_agent(2, test_kinds::kCar, 510.0f, 0.0f, 0.0f, 0.0f, 0);
  WorldView out;
  out.agent_kinds = test_kinds::test_agent_kinds();
  interpolate_view(previous, next, 0.5f, out);
  ASSERT_EQ(out.agent_count(), 1u);
  EXPECT_FLOAT_EQ(out.x[0], 505.0f);
}

}  // namespace
}  // namespace citytwin::render

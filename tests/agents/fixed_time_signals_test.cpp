#include "agents/signals/fixed_time_signals.hpp"

#include <gtest/gtest.h>

#include "sim/network/grid_generator.hpp"

namespace citytwin {
namespace {

std::shared_ptr<const Network> grid(std::uint32_t rows, std::uint32_t cols) {
  GridSpec spec;
  spec.rows = rows;
  spec.cols = cols;
  spec.lanes = 2;
  return std::make_shared<const Network>(generate_grid(spec));
}

SignalGroupId group_named(const Network& net, NodeId node, std::string_view name) {
  for (SignalGroupId g : net.node(node).signal_groups) {
    if (net.signal_group(g).name == name) return g;
  }
  ADD_FAILURE() << "no group " << name;
  return kNoId;
}

TEST(FixedTimeSignals, TwoStagePlanMatchesTheSumoStaticProgramme) {
  // 42 s green + 3 s amber per stage, 90 s cycle: NS green [0, 42), amber [42, 45), red until 90;
  // EW red until 45, green [45, 87), amber [87, 90).
  const auto net = grid(1, 1);
  FixedTimePlanSpec plan{90, 42, 3, 0, 0};
  FixedTimeSignals signals(net, plan);
  const NodeId j = net->find_node("J_r0_c0");
  const auto ns = group_named(*net, j, "NS_through");
  const auto ew = group_named(*net, j, "EW_left");
  EXPECT_EQ(signals.cycle(j), 90.0);
  EXPECT_EQ(signals.state_at(ns, 0.0), SignalState::kGreen);
  EXPECT_EQ(signals.state_at(ns, 41.9), SignalState::kGreen);
  EXPECT_EQ(signals.state_at(ns, 42.0), SignalState::kAmber);
  EXPECT_EQ(signals.state_at(ns, 45.0), SignalState::kRed);
  EXPECT_EQ(signals.state_at(ns, 89.9), SignalState::kRed);
  EXPECT_EQ(signals.state_at(ns, 90.0), SignalState::kGreen);
  EXPECT_EQ(signals.state_at(ew, 44.9), SignalState::kRed);
  EXPECT_EQ(signals.state_at(ew, 45.0), SignalState::kGreen);
  EXPECT_EQ(signals.state_at(ew, 87.5), SignalState::kAmber);
}

TEST(FixedTimeSignals, NoTwoStagesAreEverGreenTogether) {
  const auto net = grid(2, 2);
  FixedTimeSignals signals(net, FixedTimePlanSpec{60, 25, 3, 2, 7});
  for (double t = 0; t < 240; t += 0.5) {
    for (const auto& node : net->nodes()) {
      int green_stages_mask = 0;
      for (SignalGroupId g : node.signal_groups) {
        if (signals.state_at(g, t) == SignalState::kGreen) {
          green_stages_mask |= 1 << net->signal_group(g).stage;
        }
      }
      ASSERT_TRUE(green_stages_mask == 0 || green_stages_mask == 1 || green_stages_mask == 2)
          << "t=" << t << " node " << node.name;
    }
  }
}

TEST(FixedTimeSignals, AllRedFollowsAmberAndGreenIsFittedToTheCycle) {
  const auto net = grid(1, 1);
  // Cycle 60 over two stages: 30 s per stage = 25 s green + 3 s amber + 2 s all-red.
  FixedTimeSignals signals(net, FixedTimePlanSpec{60, 99, 3, 2, 0});
  const NodeId j = net->find_node("J_r0_c0");
  const auto ns = group_named(*net, j, "NS_through");
  const auto ew = group_named(*net, j, "EW_through");
  EXPECT_EQ(signals.state_at(ns, 24.9), SignalState::kGreen);
  EXPECT_EQ(signals.state_at(ns, 25.0), SignalState::kAmber);
  EXPECT_EQ(signals.state_at(ns, 28.5), SignalState::kRed);  // all-red: both directions red
  EXPECT_EQ(signals.state_at(ew, 28.5), SignalState::kRed);
  EXPECT_EQ(signals.state_at(ew, 30.0), SignalState::kGreen);
}

TEST(FixedTimeSignals, OffsetsShiftSuccessiveJunctionsForAGreenWave) {
  const auto net = grid(1, 3);
  FixedTimeSignals signals(net, FixedTimePlanSpec{90, 42, 3, 0, 20});
  const NodeId j0 = net->find_node("J_r0_c0");
  const NodeId j1 = net->find_node("J_r0_c1");
  const NodeId j2 = net->find_node("J_r0_c2");
  EXPECT_EQ(signals.offset(j0), 0.0);
  EXPECT_EQ(signals.offset(j1), 20.0);
  EXPECT_EQ(signals.offset(j2), 40.0);
  const auto g0 = group_named(*net, j0, "EW_through");
  const auto g1 = group_named(*net, j1, "EW_through");
  for (double t = 0; t < 180; t += 1) {
    EXPECT_EQ(signals.state_at(g0, t), signals.state_at(g1, t - 20.0)) << t;
  }
}

}  // namespace
}  // namespace citytwin

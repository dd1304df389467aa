#include "agents/signals/traffic_signals.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "sim/network/grid_generator.hpp"
#include "sim/network/network_builder.hpp"

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

TEST(TrafficSignals, TwoStagePlanMatchesTheSumoStaticProgramme) {
  // 42 s green + 3 s amber per stage, 90 s cycle: NS green [0, 42), amber [42, 45), red until 90;
  // EW red until 45, green [45, 87), amber [87, 90).
  const auto net = grid(1, 1);
  FixedTimePlanSpec plan{90, 42, 3, 0, 0};
  TrafficSignals signals(net, plan);
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

TEST(TrafficSignals, NoTwoStagesAreEverGreenTogether) {
  const auto net = grid(2, 2);
  TrafficSignals signals(net, FixedTimePlanSpec{60, 25, 3, 2, 7});
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

TEST(TrafficSignals, AllRedFollowsAmberAndGreenIsFittedToTheCycle) {
  const auto net = grid(1, 1);
  // Cycle 60 over two stages: 30 s per stage = 25 s green + 3 s amber + 2 s all-red.
  TrafficSignals signals(net, FixedTimePlanSpec{60, 99, 3, 2, 0});
  const NodeId j = net->find_node("J_r0_c0");
  const auto ns = group_named(*net, j, "NS_through");
  const auto ew = group_named(*net, j, "EW_through");
  EXPECT_EQ(signals.state_at(ns, 24.9), SignalState::kGreen);
  EXPECT_EQ(signals.state_at(ns, 25.0), SignalState::kAmber);
  EXPECT_EQ(signals.state_at(ns, 28.5), SignalState::kRed);  // all-red: both directions red
  EXPECT_EQ(signals.state_at(ew, 28.5), SignalState::kRed);
  EXPECT_EQ(signals.state_at(ew, 30.0), SignalState::kGreen);
}

TEST(TrafficSignals, OffsetsShiftSuccessiveJunctionsForAGreenWave) {
  const auto net = grid(1, 3);
  TrafficSignals signals(net, FixedTimePlanSpec{90, 42, 3, 0, 20});
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

TEST(TrafficSignals, SetPlanReplacesTheStagePlanAsIfItHadAlwaysRun) {
  const auto net = grid(1, 3);
  TrafficSignals changed(net, FixedTimePlanSpec{90, 42, 3, 0, 0});
  const FixedTimePlanSpec shorter{60, 0, 3, 0, 21.6};
  changed.set_plan(shorter);
  const TrafficSignals reference(net, shorter);
  EXPECT_EQ(changed.plan().cycle, 60.0);
  for (const auto& node : net->nodes()) {
    const NodeId n = net->find_node(node.name);
    EXPECT_EQ(changed.cycle(n), reference.cycle(n)) << node.name;
    EXPECT_EQ(changed.offset(n), reference.offset(n)) << node.name;
  }
  for (SignalGroupId g = 0; g < net->signal_groups().size(); ++g) {
    for (double t = 0; t < 240; t += 0.5) {
      ASSERT_EQ(changed.state_at(g, t), reference.state_at(g, t)) << "group " << g << " t=" << t;
    }
  }
}

TEST(TrafficSignals, SetPlanRejectsAPlanWithoutGreenAndKeepsTheOldOne) {
  const auto net = grid(1, 1);
  TrafficSignals signals(net, FixedTimePlanSpec{90, 42, 3, 0, 0});
  const NodeId j = net->find_node("J_r0_c0");
  // Two stages in 6 s with 3 s amber each: no green left.
  EXPECT_THROW(signals.set_plan(FixedTimePlanSpec{6, 0, 3, 0, 0}), std::invalid_argument);
  EXPECT_THROW(signals.set_plan(FixedTimePlanSpec{90, 42, -1, 0, 0}), std::invalid_argument);
  EXPECT_THROW(signals.set_plan(FixedTimePlanSpec{std::nan(""), 42, 3, 0, 0}),
               std::invalid_argument);
  EXPECT_EQ(signals.cycle(j), 90.0);
  EXPECT_EQ(signals.plan().amber, 3.0);
}

// One signalised node with two groups and a program of its own: 30 s A green, 5 s A amber, 0 s
// (skipped), 25 s B green; offset 10 s.
std::shared_ptr<const Network> node_with_program(std::vector<NetworkBuilder::ProgramPhase> phases,
                                                 double offset) {
  NetworkBuilder b;
  const NodeId w = b.add_node("W", {-100, 0}, NodeControl::kBoundary);
  const NodeId s = b.add_node("S", {0, -100}, NodeControl::kBoundary);
  const NodeId j = b.add_node("J", {0, 0}, NodeControl::kSignal);
  const NodeId e = b.add_node("E", {100, 0}, NodeControl::kBoundary);
  const LinkId wj = b.add_link("WJ", w, j, 1, 13.9);
  const LinkId sj = b.add_link("SJ", s, j, 1, 13.9);
  const LinkId je = b.add_link("JE", j, e, 1, 13.9);
  const SignalGroupId a = b.add_signal_group(j, "A");
  const SignalGroupId bg = b.add_signal_group(j, "B", 1);
  b.add_connection(b.lane(wj, 0), b.lane(je, 0), Turn::kStraight, a);
  b.add_connection(b.lane(sj, 0), b.lane(je, 0), Turn::kRight, bg);
  b.add_signal_program(j, "J-program", offset, std::move(phases));
  return std::make_shared<const Network>(b.build());
}

TEST(TrafficSignals, NetworkProgramsRunWhenAskedAndTheStagePlanOtherwise) {
  using S = SignalState;
  const auto net = node_with_program({{30, {S::kGreen, S::kRed}},
                                      {5, {S::kAmber, S::kRed}},
                                      {0, {S::kRed, S::kRed}},
                                      {25, {S::kRed, S::kGreen}}},
                                     10.0);
  const NodeId j = net->find_node("J");
  ASSERT_NE(net->node(j).program, kNoId);
  EXPECT_EQ(net->signal_program(net->node(j).program).cycle, 60.0);

  FixedTimePlanSpec plan{90, 42, 3, 0, 0};
  TrafficSignals programmed(net, plan, /*use_network_programs=*/true);
  EXPECT_TRUE(programmed.runs_network_program(j));
  EXPECT_EQ(programmed.cycle(j), 60.0);
  // t + offset: t = 0 -> 10 s into the cycle.
  EXPECT_EQ(programmed.state_at(0, 0.0), S::kGreen);
  EXPECT_EQ(programmed.state_at(0, 19.9), S::kGreen);
  EXPECT_EQ(programmed.state_at(0, 20.0), S::kAmber);
  EXPECT_EQ(programmed.state_at(1, 24.9), S::kRed);
  EXPECT_EQ(programmed.state_at(1, 25.0), S::kGreen);  // the 0 s phase is skipped
  EXPECT_EQ(programmed.state_at(1, 49.9), S::kGreen);
  EXPECT_EQ(programmed.state_at(0, 50.0), S::kGreen);  // next cycle
  EXPECT_EQ(programmed.state_at(0, -10.0), S::kGreen);

  TrafficSignals staged(net, plan);
  EXPECT_FALSE(staged.runs_network_program(j));
  EXPECT_EQ(staged.cycle(j), 90.0);
  EXPECT_EQ(staged.state_at(0, 0.0), S::kGreen);
  EXPECT_EQ(staged.state_at(1, 0.0), S::kRed);
}

TEST(TrafficSignals, ControllerKnobSwitchesBetweenStagePlanAndNetworkPrograms) {
  using S = SignalState;
  const auto net = node_with_program({{30, {S::kGreen, S::kRed}}, {30, {S::kRed, S::kGreen}}}, 0.0);
  const NodeId j = net->find_node("J");
  FixedTimePlanSpec plan{90, 42, 3, 0, 0};
  TrafficSignals signals(net, plan);
  KnobList list(signals.name());
  signals.declare_knobs(list);
  const auto& knobs = list.knobs();
  ASSERT_EQ(knobs.size(), 3u);
  EXPECT_EQ(knobs[0].label, "signal control");
  ASSERT_TRUE(knobs[0].is_choice());
  EXPECT_DOUBLE_EQ(knobs[0].value, 0.0);  // the stage plan
  EXPECT_EQ(knobs[1].label, "stage-plan cycle");
  EXPECT_DOUBLE_EQ(knobs[1].value, 90.0);

  knobs[0].apply(signals, 1.0);
  EXPECT_TRUE(signals.uses_network_programs());
  EXPECT_TRUE(signals.runs_network_program(j));
  EXPECT_EQ(signals.cycle(j), 60.0);
  EXPECT_EQ(signals.state_at(1, 35.0), S::kGreen);  // the program's second phase
  // The same knobs whichever controller runs (a UI builds its widgets once), with new values.
  KnobList after(signals.name());
  signals.declare_knobs(after);
  ASSERT_EQ(after.knobs().size(), 3u);
  EXPECT_DOUBLE_EQ(after.knobs()[0].value, 1.0);

  after.knobs()[0].apply(signals, 0.0);
  EXPECT_FALSE(signals.runs_network_program(j));
  EXPECT_EQ(signals.cycle(j), 90.0);
}

TEST(TrafficSignals, CycleKnobFitsGreenAndRejectsCyclesWithoutGreen) {
  const auto net = grid(1, 1);
  TrafficSignals signals(net, FixedTimePlanSpec{90, 42, 3, 0, 0});
  KnobList list(signals.name());
  signals.declare_knobs(list);
  ASSERT_EQ(list.knobs().size(), 2u);  // no programs: no controller choice
  const KnobSpec& cycle = list.knobs()[0];
  cycle.apply(signals, 60.4);
  EXPECT_EQ(signals.cycle(net->find_node("J_r0_c0")), 60.0);
  FixedTimePlanSpec tight = signals.plan();
  tight.amber = 20.0;
  signals.set_plan(tight);
  EXPECT_THROW(cycle.apply(signals, 30.0), std::invalid_argument);  // 2 stages x 20 s amber
  EXPECT_EQ(signals.cycle(net->find_node("J_r0_c0")), 60.0);
  TrafficSignals plain(net, FixedTimePlanSpec{90, 42, 3, 0, 0});
  EXPECT_THROW(plain.set_use_network_programs(true), std::invalid_argument);
}

TEST(TrafficSignals, MalformedProgramsAreRefusedByTheBuilder) {
  using S = SignalState;
  EXPECT_THROW(node_with_program({{30, {S::kGreen}}}, 0), NetworkError);  // one state, two groups
  EXPECT_THROW(node_with_program({}, 0), NetworkError);
  EXPECT_THROW(node_with_program({{0, {S::kGreen, S::kRed}}}, 0), NetworkError);
  EXPECT_THROW(node_with_program({{-1, {S::kGreen, S::kRed}}, {5, {S::kRed, S::kRed}}}, 0),
               NetworkError);
}

// Every signalised junction has a controller behind the one interface, and deciding through it
// gives exactly the fixed-time plan's indications.
TEST(TrafficSignals, EachJunctionsControllerDecidesThroughTheInterfaceAsThePlanSays) {
  const auto net = grid(2, 3);
  TrafficSignals signals(net, FixedTimePlanSpec{60, 25, 3, 2, 7});
  for (NodeId n = 0; n < net->nodes().size(); ++n) {
    const Node& node = net->node(n);
    SignalController* controller = const_cast<SignalController*>(signals.controller(n));
    if (node.control != NodeControl::kSignal) {
      EXPECT_EQ(controller, nullptr) << node.name;
      continue;
    }
    ASSERT_NE(controller, nullptr) << node.name;
    EXPECT_EQ(controller->kind(), "fixed time");
    EXPECT_FALSE(controller->needs_observations());
    std::vector<SignalState> decided(node.signal_groups.size());
    for (double t = 0; t < 120; t += 1.0) {
      controller->decide(ControllerInputs{t, 1.0, nullptr}, decided);
      for (std::size_t k = 0; k < decided.size(); ++k) {
        EXPECT_EQ(decided[k], signals.state_at(node.signal_groups[k], t)) << node.name << " " << t;
      }
    }
  }
}

}  // namespace
}  // namespace citytwin

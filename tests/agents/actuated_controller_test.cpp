// ActuatedController on one junction with two approaches and SUMO's netgenerate layout of an
// actuated program (green 5-50 s, yellow 3 s, green 5-50 s, yellow 3 s), fed LaneObservations by
// hand: a green lasts its minimum without traffic, is extended while vehicles pass the loop less
// than max-gap (3 s) apart, ends at the first larger gap, and at its maximum under continuous
// demand; yellows keep their 3 s.
#include "agents/signals/actuated_controller.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <vector>

#include "agents/families.hpp"
#include "agents/signals/signals_section.hpp"
#include "agents/signals/traffic_signals.hpp"
#include "sim/network/grid_generator.hpp"
#include "sim/network/network_builder.hpp"
#include "sim/network/stage_plan.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "support/scratch_dir.hpp"

namespace citytwin {
namespace {

using S = SignalState;

struct Junction {
  std::shared_ptr<const Network> net;
  NodeId node = kNoId;
  LaneId west = kNoId;   // served by phase 0
  LaneId south = kNoId;  // served by phase 2
};

Junction junction(double max_gap = 3.0) {
  NetworkBuilder b;
  const NodeId w = b.add_node("W", {-300, 0}, NodeControl::kBoundary);
  const NodeId s = b.add_node("S", {0, -300}, NodeControl::kBoundary);
  const NodeId j = b.add_node("J", {0, 0}, NodeControl::kSignal);
  const NodeId e = b.add_node("E", {300, 0}, NodeControl::kBoundary);
  const LinkId wj = b.add_link("WJ", w, j, 1, 13.89);
  const LinkId sj = b.add_link("SJ", s, j, 1, 13.89);
  const LinkId je = b.add_link("JE", j, e, 1, 13.89);
  const SignalGroupId a = b.add_signal_group(j, "A");
  const SignalGroupId bg = b.add_signal_group(j, "B", 1);
  b.add_connection(b.lane(wj, 0), b.lane(je, 0), Turn::kStraight, a);
  b.add_connection(b.lane(sj, 0), b.lane(je, 0), Turn::kRight, bg);
  std::vector<NetworkBuilder::ProgramPhase> phases{{42, {S::kGreen, S::kRed}, 5, 50},
                                                   {3, {S::kAmber, S::kRed}},
                                                   {42, {S::kRed, S::kGreen}, 5, 50},
                                                   {3, {S::kRed, S::kAmber}}};
  SignalActuation actuation;
  actuation.max_gap = max_gap;
  b.add_signal_program(j, "J actuated", 0.0, std::move(phases), actuation);
  Junction out;
  const Network net = b.build();
  out.node = net.find_node("J");
  out.west = net.link(net.find_link("WJ")).first_lane;
  out.south = net.link(net.find_link("SJ")).first_lane;
  out.net = std::make_shared<const Network>(net);
  return out;
}

// Observations of one step: a vehicle standing over each loop in `over` (none elsewhere).
void observe(LaneObservations& seen, const ActuatedController& c, double time,
             const std::vector<LaneId>& over) {
  std::fill(seen.first_vehicle.begin(), seen.first_vehicle.end(), 0u);
  seen.front_to_end.clear();
  seen.length.clear();
  seen.speed.clear();
  for (LaneId lane = 0; lane + 1 < seen.first_vehicle.size(); ++lane) {
    seen.first_vehicle[lane + 1] = seen.first_vehicle[lane];
    if (std::find(over.begin(), over.end(), lane) == over.end()) continue;
    for (const auto& loop : c.loops()) {
      if (loop.lane != lane) continue;
      seen.front_to_end.push_back(loop.distance - 1.0);  // its body covers the loop
      seen.length.push_back(5.0);
      seen.speed.push_back(0.0);
      ++seen.first_vehicle[lane + 1];
    }
  }
  seen.time = time;
}

// Steps 1 s at a time from 0 to `until`; `demand(t)` lists the lanes with a vehicle over their
// loop in the step ending at t. Returns when each phase started, in order.
struct PhaseLog {
  std::vector<std::pair<std::uint32_t, double>> starts;  // (phase, time)
};
template <class Demand>
PhaseLog run(const Junction& j, double until, Demand demand) {
  ActuatedController c(*j.net, j.node,
                       ActuatedController::program_plan(*j.net, j.net->node(j.node).program));
  LaneObservations seen(j.net->lanes().size());
  std::vector<S> groups(2);
  PhaseLog out;
  std::uint32_t last = 99;
  for (double t = 0.0; t <= until; t += 1.0) {
    ControllerInputs inputs{t, 1.0, &seen};
    c.decide(inputs, groups);
    if (c.phase() != last) out.starts.emplace_back(c.phase(), c.phase_started());
    last = c.phase();
    observe(seen, c, t + 1.0, demand(t + 1.0));
  }
  return out;
}

// Duration of the k-th run of phase p.
double duration_of(const PhaseLog& r, std::uint32_t p, int k) {
  for (std::size_t i = 0; i + 1 < r.starts.size(); ++i) {
    if (r.starts[i].first == p && k-- == 0) return r.starts[i + 1].second - r.starts[i].second;
  }
  ADD_FAILURE() << "phase " << p << " did not run that often";
  return -1.0;
}

TEST(ActuatedController, PlacesOneLoopPerIncomingLaneAtDetectorGapTimesSpeed) {
  const Junction j = junction();
  ActuatedController c(*j.net, j.node,
                       ActuatedController::program_plan(*j.net, j.net->node(j.node).program));
  ASSERT_EQ(c.loops().size(), 2u);
  // min(2 s x 13.89 m/s = 27.8 m, (5 s / 2 s + 0.5) x 7.5 m = 22.5 m): the passing-time cap.
  for (const auto& loop : c.loops()) EXPECT_DOUBLE_EQ(loop.distance, 22.5);
  EXPECT_EQ(c.loops_of_phase(0).size(), 1u);
  EXPECT_EQ(c.loops()[c.loops_of_phase(0)[0]].lane, j.west);
  EXPECT_EQ(c.loops_of_phase(1).size(), 0u);  // yellow: fixed
  EXPECT_EQ(c.loops()[c.loops_of_phase(2)[0]].lane, j.south);
  EXPECT_EQ(c.kind(), "actuated");
  EXPECT_TRUE(c.needs_observations());
}

TEST(ActuatedController, WithoutDemandGreensEndAtMinDurAndYellowsKeepTheirDuration) {
  const Junction j = junction();
  const PhaseLog r = run(j, 200, [](double) { return std::vector<LaneId>{}; });
  // Every green its minDur, the first one too (as in SUMO 1.15: 0-5 s, 8-13 s, 16-21 s...).
  EXPECT_DOUBLE_EQ(duration_of(r, 0, 0), 5.0);
  EXPECT_DOUBLE_EQ(duration_of(r, 1, 0), 3.0);
  EXPECT_DOUBLE_EQ(duration_of(r, 2, 0), 5.0);
  EXPECT_DOUBLE_EQ(duration_of(r, 3, 0), 3.0);
  EXPECT_DOUBLE_EQ(duration_of(r, 0, 1), 5.0);
  EXPECT_DOUBLE_EQ(duration_of(r, 2, 3), 5.0);
}

TEST(ActuatedController, ContinuousDemandExtendsAGreenToMaxDur) {
  const Junction j = junction();
  const PhaseLog r = run(j, 400, [&](double) { return std::vector<LaneId>{j.west, j.south}; });
  EXPECT_DOUBLE_EQ(duration_of(r, 2, 0), 50.0);
  EXPECT_DOUBLE_EQ(duration_of(r, 0, 1), 50.0);
  EXPECT_DOUBLE_EQ(duration_of(r, 3, 0), 3.0);
  EXPECT_DOUBLE_EQ(duration_of(r, 1, 1), 3.0);
}

TEST(ActuatedController, GapsBelowMaxGapExtendAndTheFirstLongerGapEndsTheGreen) {
  const Junction j = junction();
  // West: a vehicle over the loop every 3rd second (gaps of 2 s < 3 s) until t = 90, then none.
  const PhaseLog r = run(j, 300, [&](double t) {
    const auto k = static_cast<long>(t);
    return (k % 3 == 0 && t <= 90.0) ? std::vector<LaneId>{j.west} : std::vector<LaneId>{};
  });
  // The first green is stretched to maxDur (50 s); then yellow, the idle south green (minDur)
  // and its yellow.
  EXPECT_DOUBLE_EQ(duration_of(r, 0, 0), 50.0);
  ASSERT_GE(r.starts.size(), 10u);
  EXPECT_DOUBLE_EQ(r.starts[4].second, 61.0);
  // The second, from 61 s: the last vehicle is over the loop at 90 s (gap 0: detector-gap, 2 s
  // more), at 92 s the gap is 2 s (one more second), at 93 s it reaches max-gap: it ends there.
  EXPECT_DOUBLE_EQ(duration_of(r, 0, 1), 32.0);
  EXPECT_DOUBLE_EQ(r.starts[8].second, 104.0);
  EXPECT_DOUBLE_EQ(duration_of(r, 0, 2), 5.0);
}

TEST(ActuatedController, ALargerMaxGapKeepsTheSameDemandGoing) {
  // Vehicles every 4 s: above SUMO's default 3 s gap (green ends at minDur), below a 5 s one.
  const auto every4 = [](const Junction& j) {
    return [&j](double t) {
      return static_cast<long>(t) % 4 == 0 ? std::vector<LaneId>{j.west} : std::vector<LaneId>{};
    };
  };
  const Junction tight = junction(3.0);
  const Junction loose = junction(5.0);
  EXPECT_LT(duration_of(run(tight, 300, every4(tight)), 0, 1), 10.0);
  EXPECT_DOUBLE_EQ(duration_of(run(loose, 300, every4(loose)), 0, 1), 50.0);
}

// `signals.control: actuated`: citytwin's stages of a generated grid run actuated, each green
// min_green..max_green then amber; without traffic every green lasts min_green.
TEST(ActuatedController, StagePlanRunsActuatedOnGeneratedGrids) {
  GridSpec spec;
  spec.rows = 2;
  spec.cols = 2;
  spec.lanes = 1;
  const auto net = std::make_shared<const Network>(generate_grid(spec));
  const ActuatedPlanSpec actuated{7.0, 40.0, 3.0, 2.0};
  TrafficSignals signals(net, FixedTimePlanSpec{}, false, actuated);
  std::size_t checked = 0;
  for (NodeId n = 0; n < net->nodes().size(); ++n) {
    if (net->node(n).control != NodeControl::kSignal) continue;
    ASSERT_NE(signals.controller(n), nullptr);
    EXPECT_EQ(signals.controller(n)->kind(), "actuated");
    ++checked;
  }
  ASSERT_EQ(checked, 4u);
  const NodeId n = net->find_node("J_r0_c0");
  ASSERT_NE(n, kNoId);
  const PhaseTimings timings{7.0, 40.0, 3.0, 0.0};
  ActuatedController c(
      *net, n,
      ActuatedController::stage_plan(*net, n, stage_count(*net, n), timings, SignalActuation{}));
  EXPECT_FALSE(c.loops().empty());
  LaneObservations seen(net->lanes().size());
  std::vector<S> groups(net->node(n).signal_groups.size());
  std::vector<double> starts;
  for (double t = 0.0; t <= 60.0; t += 1.0) {
    const std::uint64_t before = c.phase_starts();
    c.decide(ControllerInputs{t, 1.0, &seen}, groups);
    if (c.phase_starts() != before) starts.push_back(t);
  }
  // Two stages: green 7 s, amber 3 s, green 7 s, amber 3 s, ...
  ASSERT_GE(starts.size(), 5u);
  EXPECT_DOUBLE_EQ(starts[0], 0.0);
  EXPECT_DOUBLE_EQ(starts[1], 7.0);
  EXPECT_DOUBLE_EQ(starts[2], 10.0);
  EXPECT_DOUBLE_EQ(starts[3], 17.0);
  EXPECT_DOUBLE_EQ(starts[4], 20.0);
}

// A planner's switch: corridor_small with `signals.control: actuated` decodes the green range and
// gap, and every junction runs actuated; a green range the wrong way round is an error.
TEST(ActuatedController, ScenarioSwitchesTheStagePlanToActuated) {
  const std::filesystem::path corridor =
      std::filesystem::path(CITYTWIN_SOURCE_DIR) / "scenarios" / "corridor_small.yaml";
  std::ifstream in(corridor);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string fixed = "  control: fixed_time\n";
  const auto at = text.find(fixed);
  ASSERT_NE(at, std::string::npos);
  const testing::ScratchDir scratch;
  const auto write = [&](const std::string& actuated) {
    std::string yaml = text;
    yaml.replace(at, fixed.size(), "  control: actuated\n  actuated:\n" + actuated);
    const auto file = scratch.path() / "corridor_actuated.yaml";
    std::ofstream(file) << yaml;
    return file;
  };
  const Scenario scenario =
      load_scenario(write("    min_green: 7 s\n    max_green: 40 s\n    max_gap: 2.5 s\n"));
  const SignalsSpec signals = signals_section(scenario);
  EXPECT_EQ(signals.control, SignalControl::kActuated);
  EXPECT_DOUBLE_EQ(signals.actuated.min_green, 7.0);
  EXPECT_DOUBLE_EQ(signals.actuated.max_green, 40.0);
  EXPECT_DOUBLE_EQ(signals.actuated.max_gap, 2.5);
  EXPECT_DOUBLE_EQ(signals.actuated.detector_gap, 2.0);
  auto world = build_world(scenario, WorldOverrides{.threads = 2});
  const auto& ts = dynamic_cast<const TrafficSignals&>(*world->find_system("signals"));
  std::size_t actuated = 0;
  for (NodeId n = 0; n < world->network().nodes().size(); ++n) {
    const SignalController* c = ts.controller(n);
    actuated += c != nullptr && c->kind() == "actuated";
  }
  EXPECT_EQ(actuated, 4u);  // the corridor's four junctions
  for (int s = 0; s < 300; ++s) world->step();

  EXPECT_THROW(load_scenario(write("    min_green: 20 s\n    max_green: 10 s\n")), ScenarioError);
}

}  // namespace
}  // namespace citytwin

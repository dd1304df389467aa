// ActuatedController on one junction with two approaches and SUMO's netgenerate layout of an
// actuated program (green 5-50 s, yellow 3 s, green 5-50 s, yellow 3 s), fed LaneObservations by
// hand: a green lasts its minimum without traffic, is extended while vehicles pass the loop less
// than max-gap (3 s) apart, ends at the first larger gap, and at its maximum under continuous
// demand; yellows keep their 3 s.
#include "agents/signals/actuated_controller.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "sim/network/network_builder.hpp"

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

}  // namespace
}  // namespace citytwin

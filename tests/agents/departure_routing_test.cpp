// Routing at departure (TrafficConfig::route_departures_on_current_times, scenario key
// routing.departures): on free-flow times every vehicle takes the shortest way even when it is
// queued solid; on the link speeds of the last minutes (as SUMO routes <trip>s when it inserts
// them) departures turn to the detour once the short way is slower.
#include <gtest/gtest.h>

#include <memory>

#include "agents/traffic_fixtures.hpp"
#include "integration/determinism_harness.hpp"

namespace citytwin {
namespace {

// From O to D, a short way through a signal that is green for one stage of six, and a detour
// half as long again through the same signal's other approach (also one stage of six, but empty).
//
//   O ─entry─► X ──────short (400 m)──────► Y ─exit─► D
//               └─up (300 m)─► U ─over (300 m)─┘
struct TwoWays {
  Network network;

  TwoWays() {
    NetworkBuilder b;
    const double v = testing::kUrbanSpeedLimit;
    const NodeId o = b.add_node("O", {0.0, 0.0}, NodeControl::kBoundary);
    const NodeId x = b.add_node("X", {200.0, 0.0});
    const NodeId u = b.add_node("U", {400.0, 300.0});
    const NodeId y = b.add_node("Y", {600.0, 0.0}, NodeControl::kSignal);
    const NodeId d = b.add_node("D", {800.0, 0.0}, NodeControl::kBoundary);
    const LinkId entry = b.add_link("entry", o, x, 1, v, std::vector<Vec2>{{0, 0}, {190, 0}});
    const LinkId shortcut = b.add_link("short", x, y, 1, v, std::vector<Vec2>{{210, 0}, {590, 0}});
    const LinkId up = b.add_link("up", x, u, 1, v, std::vector<Vec2>{{205, 8}, {395, 295}});
    const LinkId over = b.add_link("over", u, y, 1, v, std::vector<Vec2>{{405, 295}, {595, 8}});
    const LinkId exit = b.add_link("exit", y, d, 1, v, std::vector<Vec2>{{610, 0}, {800, 0}});
    const SignalGroupId from_short = b.add_signal_group(y, "from_short", 0);
    const SignalGroupId from_over = b.add_signal_group(y, "from_over", 1);
    for (std::uint8_t stage = 2; stage < 6; ++stage) {
      b.add_signal_group(y, "other_" + std::to_string(stage), stage);
    }
    b.add_connection(b.lane(entry, 0), b.lane(shortcut, 0), Turn::kStraight);
    b.add_connection(b.lane(entry, 0), b.lane(up, 0), Turn::kLeft);
    b.add_connection(b.lane(up, 0), b.lane(over, 0), Turn::kRight);
    b.add_connection(b.lane(shortcut, 0), b.lane(exit, 0), Turn::kStraight, from_short);
    b.add_connection(b.lane(over, 0), b.lane(exit, 0), Turn::kRight, from_over);
    network = b.build();
  }
};

// 0.2 veh/s from O to D for 30 minutes (the short way's green passes about 0.08 veh/s).
std::unique_ptr<testing::TrafficWorld> two_ways_world(bool on_current_times, unsigned threads) {
  DemandSpec demand;
  FlowSpec flow;
  flow.name = "o_to_d";
  flow.from = "O";
  flow.to = "D";
  flow.rate = 0.2;
  flow.headways = Headways::kUniform;
  demand.flows.push_back(flow);
  TrafficConfig config;
  config.route_departures_on_current_times = on_current_times;
  return testing::make_traffic_world(TwoWays().network, demand, testing::urban_plan(), 1800.0, 1.0,
                                     threads, 7, config);
}

// Trips completed by way of the detour (four links: entry, up, over, exit) and in all.
std::pair<std::size_t, std::size_t> detour_trips(bool on_current_times) {
  auto w = two_ways_world(on_current_times, 1);
  for (int s = 0; s < 1800; ++s) w->world->step();
  std::size_t detours = 0;
  for (const TripRecord& trip : w->traffic->trips()) detours += trip.route_links == 4 ? 1 : 0;
  return {detours, w->traffic->trips().size()};
}

TEST(DepartureRouting, OnFreeFlowTimesEveryoneQueuesOnTheShortWay) {
  const auto [detours, trips] = detour_trips(false);
  EXPECT_GT(trips, 50u);
  EXPECT_EQ(detours, 0u);
}

TEST(DepartureRouting, OnCurrentTimesDeparturesTakeTheDetourOnceTheShortWayIsSlower) {
  const auto [detours, trips] = detour_trips(true);
  const auto [free_flow_detours, free_flow_trips] = detour_trips(false);
  EXPECT_GT(detours, trips / 4) << detours << " of " << trips << " trips by the detour";
  // Spreading over both ways gets more of them through the signal.
  EXPECT_GT(trips, free_flow_trips);
}

TEST(DepartureRouting, TheRoutesChosenAreTheSameWhateverTheThreadCount) {
  testing::expect_same_trail_on_1_2_8_threads(
      [](unsigned threads) { return std::move(two_ways_world(true, threads)->world); }, 1200, 100);
}

}  // namespace
}  // namespace citytwin

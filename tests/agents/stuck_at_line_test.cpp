// Vehicles halted at the line in a lane that does not go their way (TrafficConfig::
// missed_turn_after and TrafficSystem::swap_stuck_fronts): two such fronts side by side, each in
// the lane the other needs, trade lanes instead of blocking each other for ever; a driver who can
// still change lanes waits for a gap before it takes a missed turn, and one abreast of the vehicle
// it must get behind drops back on the way, so on a loaded grid missed turns are rare.
#include <gtest/gtest.h>

#include <memory>

#include "agents/traffic_fixtures.hpp"

namespace citytwin {
namespace {

// A two-lane approach whose right lane only turns right and whose left lane only turns left,
// into two dead-end exits (no missed turn can lead anywhere):
//
//                 ▲ exit_left
//   B_in ══════ J
//                 ▼ exit_right
struct ForkedApproach {
  Network network;
  LinkId approach = kNoId;
  LinkId exit_left = kNoId;
  LinkId exit_right = kNoId;

  explicit ForkedApproach(double approach_metres) {
    NetworkBuilder b;
    const NodeId in = b.add_node("B_in", {0.0, 0.0}, NodeControl::kBoundary);
    const double x = approach_metres + 10.0;  // the junction
    const NodeId junction = b.add_node("J", {x, 0.0});
    const NodeId left = b.add_node("B_left", {x, 300.0}, NodeControl::kBoundary);
    const NodeId right = b.add_node("B_right", {x, -300.0}, NodeControl::kBoundary);
    const std::vector<Vec2> approach_shape = {{0.0, 0.0}, {approach_metres, 0.0}};
    const std::vector<Vec2> left_shape = {{x, 10.0}, {x, 300.0}};
    const std::vector<Vec2> right_shape = {{x, -10.0}, {x, -300.0}};
    approach = b.add_link("approach", in, junction, 2, testing::kUrbanSpeedLimit, approach_shape);
    exit_left = b.add_link("exit_left", junction, left, 1, testing::kUrbanSpeedLimit, left_shape);
    exit_right =
        b.add_link("exit_right", junction, right, 1, testing::kUrbanSpeedLimit, right_shape);
    b.add_connection(b.lane(approach, 0), b.lane(exit_right, 0), Turn::kRight);
    b.add_connection(b.lane(approach, 1), b.lane(exit_left, 0), Turn::kLeft);
    network = b.build();
  }
};

// The fork with traffic and no demand: vehicles are placed by hand, at the line.
struct ForkedWorld {
  ForkedApproach fork;
  std::unique_ptr<World> world;
  TrafficSystem* traffic = nullptr;
  LaneId right_lane = kNoId;
  double line = 0.0;  // m, the stop line's position on the approach's lanes

  explicit ForkedWorld(double approach_metres) : fork(approach_metres) {
    world = std::make_unique<World>(testing::test_world_config(1.0, 2),
                                    std::make_shared<const Network>(fork.network));
    world->emplace_system<TrafficSignals>(world->shared_network(), testing::urban_plan());
    traffic = &world->emplace_system<TrafficSystem>(world->shared_network(), testing::car_types(),
                                                    testing::car_type_names(),
                                                    std::vector<Departure>{}, TrafficConfig{});
    world->start();
    right_lane = fork.network.link(fork.approach).first_lane;
    line = fork.network.lane(right_lane).length;
  }
  // A standing vehicle 1 m before the line of `lane` heading for `exit`.
  bool place_at_line(LaneId lane, LinkId exit) {
    return traffic->place_vehicle(fork.approach, exit, lane, line - 1.0, 0.0, 0);
  }
  void step_until_arrived(std::uint64_t vehicles, int seconds) {
    for (int k = 0; k < seconds && traffic->arrived() < vehicles; ++k) world->step();
  }
};

TEST(StuckAtLine, TwoFrontsEachInTheLaneTheOtherNeedsSwapAndBothComplete) {
  ForkedWorld w(200.0);
  // Side by side at the line, standing: the left turner in the right lane, the right turner in
  // the left lane. Neither can change (the other is in the way) nor re-route (dead ends).
  ASSERT_TRUE(w.place_at_line(w.right_lane, w.fork.exit_left));
  ASSERT_TRUE(w.place_at_line(w.right_lane + 1, w.fork.exit_right));
  w.step_until_arrived(2, 120);
  EXPECT_EQ(w.traffic->arrived(), 2u) << "both fronts still blocking each other after 120 s";
  EXPECT_EQ(w.traffic->lane_swaps(), 1u);
  EXPECT_EQ(w.traffic->reroutes(), 0u);
  EXPECT_GE(w.traffic->min_gap(), 0.0);
}

TEST(StuckAtLine, OnALaneShorterThanItsEntryZoneADriverInTheWrongLaneChangesWhenNobodyArrives) {
  // 12 m: the whole lane lies in the stretch where nobody changes, because a vehicle arriving
  // from the junction could not see the changer. Nobody arrives here: the change is safe.
  ForkedWorld w(12.0);
  ASSERT_TRUE(w.place_at_line(w.right_lane, w.fork.exit_left));
  w.step_until_arrived(1, 60);
  EXPECT_EQ(w.traffic->arrived(), 1u) << "still standing in the right lane after 60 s";
  EXPECT_EQ(w.traffic->reroutes(), 0u);
}

TEST(StuckAtLine, TwoDriversAbreastEachInTheLaneTheOtherNeedsSortThemselvesOutOnTheMove) {
  // Identical vehicles side by side at the same speed stay side by side (nothing dawdles): each
  // blocked the other's gap all the way down the approach, both stopped at the line and had to
  // swap there (on a loaded grid: missed turns). Now the right one drops back.
  ForkedWorld w(300.0);
  const double speed = 12.0;
  ASSERT_TRUE(
      w.traffic->place_vehicle(w.fork.approach, w.fork.exit_left, w.right_lane, 30.0, speed, 0));
  ASSERT_TRUE(w.traffic->place_vehicle(w.fork.approach, w.fork.exit_right, w.right_lane + 1, 30.0,
                                       speed, 0));
  w.step_until_arrived(2, 120);
  ASSERT_EQ(w.traffic->arrived(), 2u);
  EXPECT_EQ(w.traffic->reroutes(), 0u);
  EXPECT_EQ(w.traffic->lane_swaps(), 0u);
  for (const TripRecord& trip : w.traffic->trips()) {
    EXPECT_EQ(trip.stops, 0u) << "vehicle " << trip.id << " stopped on the way";
  }
  EXPECT_GE(w.traffic->min_gap(), 0.0);
}

// A feeder into a short two-lane approach (OSM cuts roads into such pieces), which lands
// everyone in its right lane; the right lane turns onto a 900 m detour, the left lane onto the
// 224 m way to the same destination:
//
//   B_in ══ feeder ══ J1 ═ approach ═ J2 ══ short (left) ══ D ══ final ══ B_out
//                                       ╚══ detour (right) ══╝
struct ShortApproach {
  Network network;
  LinkId feeder = kNoId;
  LinkId approach = kNoId;
  LinkId final_link = kNoId;

  explicit ShortApproach(double approach_metres) {
    NetworkBuilder b;
    const double x = 160.0 + approach_metres;  // the approach's end
    const double xd = x + 210.0;               // D
    const NodeId in = b.add_node("B_in", {0.0, 0.0}, NodeControl::kBoundary);
    const NodeId j1 = b.add_node("J1", {155.0, 0.0});
    const NodeId j2 = b.add_node("J2", {x + 5.0, 0.0});
    const NodeId d = b.add_node("D", {xd, 100.0});
    const NodeId out = b.add_node("B_out", {xd + 200.0, 100.0}, NodeControl::kBoundary);
    const double v = testing::kUrbanSpeedLimit;
    const std::vector<Vec2> feeder_shape = {{0.0, 0.0}, {150.0, 0.0}};
    const std::vector<Vec2> approach_shape = {{160.0, 0.0}, {x, 0.0}};
    const std::vector<Vec2> short_shape = {{x + 10.0, 0.0}, {xd, 100.0}};
    const std::vector<Vec2> detour_shape = {
        {x + 10.0, -10.0}, {x + 10.0, -300.0}, {xd, -300.0}, {xd, 90.0}};
    const std::vector<Vec2> final_shape = {{xd + 10.0, 100.0}, {xd + 200.0, 100.0}};
    feeder = b.add_link("feeder", in, j1, 1, v, feeder_shape);
    approach = b.add_link("approach", j1, j2, 2, v, approach_shape);
    const LinkId short_way = b.add_link("short", j2, d, 1, v, short_shape);
    const LinkId detour = b.add_link("detour", j2, d, 1, v, detour_shape);
    final_link = b.add_link("final", d, out, 1, v, final_shape);
    b.add_connection(b.lane(feeder, 0), b.lane(approach, 0), Turn::kStraight);
    b.add_connection(b.lane(approach, 0), b.lane(detour, 0), Turn::kRight);
    b.add_connection(b.lane(approach, 1), b.lane(short_way, 0), Turn::kLeft);
    b.add_connection(b.lane(short_way, 0), b.lane(final_link, 0), Turn::kStraight);
    b.add_connection(b.lane(detour, 0), b.lane(final_link, 0), Turn::kLeft);
    network = b.build();
  }
};

// One vehicle from the feeder to `final`, placed after `offset` steps (lane changes go left on
// even steps and right on odd ones): its trip.
struct ShortApproachTrip {
  bool arrived = false;
  std::uint64_t reroutes = 0;
  TripRecord trip;
};

ShortApproachTrip drive_short_approach(const ShortApproach& net, int offset) {
  World world(testing::test_world_config(1.0, 2), std::make_shared<const Network>(net.network));
  auto& traffic = world.emplace_system<TrafficSystem>(world.shared_network(), testing::car_types(),
                                                      testing::car_type_names(),
                                                      std::vector<Departure>{}, TrafficConfig{});
  world.start();
  for (int k = 0; k < offset; ++k) world.step();
  const LaneId feeder_lane = net.network.link(net.feeder).first_lane;
  EXPECT_TRUE(traffic.place_vehicle(net.feeder, net.final_link, feeder_lane, 60.0, 10.0, 0));
  for (int k = 0; k < 120 && traffic.arrived() < 1; ++k) world.step();
  ShortApproachTrip out;
  out.arrived = traffic.arrived() == 1;
  out.reroutes = traffic.reroutes();
  if (!traffic.trips().empty()) out.trip = traffic.trips()[0];
  EXPECT_GE(traffic.min_gap(), 0.0);
  return out;
}

TEST(StuckAtLine, OnAShortLaneADriverWaitsForItsSideOfTheChangeInsteadOfMissingTheTurn) {
  // 12 m, shorter than the stretch at a lane's start where changes need the way in to be clear.
  // A driver that reached its line on a step of the wrong side was counted as having no way at
  // all and sent on the detour (Shenzhen Nanshan: 3,370 missed turns in 2 h; 332 since); it now
  // waits for the next step and changes. Both parities of arrival are run.
  const ShortApproach net(12.0);
  for (int offset = 0; offset < 2; ++offset) {
    const ShortApproachTrip t = drive_short_approach(net, offset);
    EXPECT_TRUE(t.arrived) << "offset " << offset;
    EXPECT_EQ(t.reroutes, 0u) << "offset " << offset << ": took the detour";
    EXPECT_LT(t.trip.distance, 600.0) << "offset " << offset;
  }
}

TEST(StuckAtLine, OnAShortLaneADriverChangesOnTheMoveWhenNobodyComesInBehind) {
  // 40 m at 50 km/h: beyond the 18.7 m where a vehicle entering from the junction could not see
  // a changer, only a car's length is left before the stretch where a driver could reach the line
  // within the step. Changes there used to wait for the line (a stop, then nosing in; Nanshan's
  // short links: 332 missed turns in 2 h); a driver with nobody coming in behind it now changes
  // on the way (107).
  const ShortApproach net(40.0);
  for (int offset = 0; offset < 2; ++offset) {
    const ShortApproachTrip t = drive_short_approach(net, offset);
    EXPECT_TRUE(t.arrived) << "offset " << offset;
    EXPECT_EQ(t.reroutes, 0u) << "offset " << offset;
    EXPECT_EQ(t.trip.stops, 0u) << "offset " << offset << ": stopped at the line to change";
  }
}

// A 23 m two-lane link on an 80 km/h road (Nanshan's 293326333#15): its left lane turns left, its
// right lane right, into dead ends. Before it, a two-lane link feeds each lane straight on.
struct ShortTwoLaneLink {
  Network network;
  LinkId up = kNoId;
  LinkId link = kNoId;
  LinkId exit_left = kNoId;

  ShortTwoLaneLink() {
    NetworkBuilder b;
    const double v = 80.0 / 3.6;
    const NodeId in = b.add_node("B_in", {0.0, 0.0}, NodeControl::kBoundary);
    const NodeId j1 = b.add_node("J1", {105.0, 0.0});
    const NodeId j2 = b.add_node("J2", {138.0, 0.0});
    const NodeId left = b.add_node("B_left", {138.0, 300.0}, NodeControl::kBoundary);
    const NodeId right = b.add_node("B_right", {138.0, -300.0}, NodeControl::kBoundary);
    const std::vector<Vec2> up_shape = {{0.0, 0.0}, {100.0, 0.0}};
    const std::vector<Vec2> link_shape = {{110.0, 0.0}, {133.0, 0.0}};
    const std::vector<Vec2> left_shape = {{138.0, 10.0}, {138.0, 300.0}};
    const std::vector<Vec2> right_shape = {{138.0, -10.0}, {138.0, -300.0}};
    up = b.add_link("up", in, j1, 2, v, up_shape);
    link = b.add_link("short", j1, j2, 2, v, link_shape);
    exit_left = b.add_link("exit_left", j2, left, 1, v, left_shape);
    const LinkId exit_right = b.add_link("exit_right", j2, right, 1, v, right_shape);
    b.add_connection(b.lane(up, 0), b.lane(link, 0), Turn::kStraight);
    b.add_connection(b.lane(up, 1), b.lane(link, 1), Turn::kStraight);
    b.add_connection(b.lane(link, 0), b.lane(exit_right, 0), Turn::kRight);
    b.add_connection(b.lane(link, 1), b.lane(exit_left, 0), Turn::kLeft);
    network = b.build();
  }
};

TEST(StuckAtLine, ADriverStuckAtTheLineChangesInFrontOfAQueueStandingBehindTheLane) {
  // The driver stands at the line of the 23 m lane's right lane and needs the left one; the
  // vehicles coming into the left lane stand in a queue at the end of the link before. They
  // cannot reach the driver within a step (the first moves less than a metre), so the driver
  // changes in front of them. It used to be held back as if the other came in at 1.2x the
  // limit, 28.7 m a step: on Nanshan, a driver stood 734 s beside the queue of the lane it needed.
  const ShortTwoLaneLink net;
  World world(testing::test_world_config(1.0, 2), std::make_shared<const Network>(net.network));
  auto& traffic = world.emplace_system<TrafficSystem>(world.shared_network(), testing::car_types(),
                                                      testing::car_type_names(),
                                                      std::vector<Departure>{}, TrafficConfig{});
  world.start();
  const LaneId right_lane = net.network.link(net.link).first_lane;
  const LaneId up_left = net.network.link(net.up).first_lane + 1;
  ASSERT_TRUE(traffic.place_vehicle(net.link, net.exit_left, right_lane, 22.0, 0.0, 0));
  for (const double front : {99.0, 92.0, 85.0, 78.0}) {
    ASSERT_TRUE(traffic.place_vehicle(net.up, net.exit_left, up_left, front, 0.0, 0));
  }
  for (int k = 0; k < 120 && traffic.arrived() < 5; ++k) world.step();
  ASSERT_EQ(traffic.arrived(), 5u);
  EXPECT_EQ(traffic.trips()[0].id, 0u) << "the queue behind went first";
  EXPECT_EQ(traffic.reroutes(), 0u);
  EXPECT_GE(traffic.min_gap(), 0.0);
}

struct GridRun {
  std::uint64_t arrived = 0;
  std::uint64_t inserted = 0;
  std::uint64_t reroutes = 0;
};

GridRun run_loaded_grid(double missed_turn_after) {
  TrafficConfig config;
  config.missed_turn_after = missed_turn_after;
  auto w = testing::make_traffic_world(generate_grid(testing::small_grid(5, 3)),
                                       testing::random_demand(6000.0, 400.0), testing::urban_plan(),
                                       1200.0, 1.0, 2, 7, config);
  while (w->now() < 2400.0) w->world->step();
  return {w->traffic->arrived(), w->traffic->inserted(), w->traffic->reroutes()};
}

TEST(StuckAtLine, OnALoadedGridMissedTurnsAreRareAndWaitingForAGapLosesNoTrips) {
  const GridRun at_once = run_loaded_grid(0.0);
  const GridRun patient = run_loaded_grid(60.0);
  std::cout << "missed turns at once " << at_once.reroutes << " of " << at_once.inserted
            << " (arrived " << at_once.arrived << "), after 60 s " << patient.reroutes << " of "
            << patient.inserted << " (arrived " << patient.arrived << ")\n";
  ASSERT_GT(at_once.inserted, 1500u);
  // Measured at once 75 of 2,011 (patient 41) while drivers abreast of the vehicle they had to
  // get behind never dropped back (join_queue_accel); since, 1 (patient 0), and still under 10 at
  // 16,000 veh/h: so few that waiting for a gap has nothing left to show here.
  EXPECT_LT(static_cast<double>(at_once.reroutes), 0.01 * static_cast<double>(at_once.inserted));
  EXPECT_LE(patient.reroutes, at_once.reroutes);
  // Waiting at the line holds the lane behind: it may cost a few trips, not many (2 %).
  EXPECT_GE(static_cast<double>(patient.arrived), 0.98 * static_cast<double>(at_once.arrived));
}

}  // namespace
}  // namespace citytwin

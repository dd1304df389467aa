// Vehicle types that keep to their route's lanes (MobilParams::keeps_route_lanes, set for
// CityFlow's vehicles): stuck behind a slow vehicle, such a driver does not pass it in a lane that
// turns elsewhere, however far from the line; a driver without the setting does (SUMO LC2013
// allows that until 200 m before the lane's end).
#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "agents/traffic_fixtures.hpp"

namespace citytwin {
namespace {

// A two-lane, 600 m approach: the right lane turns right, the left lane turns left.
struct TwoWayApproach {
  Network network;
  LinkId approach = kNoId;
  LinkId exit_right = kNoId;

  TwoWayApproach() {
    NetworkBuilder b;
    const NodeId in = b.add_node("B_in", {0.0, 0.0}, NodeControl::kBoundary);
    const NodeId junction = b.add_node("J", {610.0, 0.0});
    const NodeId left = b.add_node("B_left", {610.0, 300.0}, NodeControl::kBoundary);
    const NodeId right = b.add_node("B_right", {610.0, -300.0}, NodeControl::kBoundary);
    const std::vector<Vec2> approach_shape = {{0.0, 0.0}, {600.0, 0.0}};
    const std::vector<Vec2> left_shape = {{610.0, 10.0}, {610.0, 300.0}};
    const std::vector<Vec2> right_shape = {{610.0, -10.0}, {610.0, -300.0}};
    const double v = testing::kUrbanSpeedLimit;
    approach = b.add_link("approach", in, junction, 2, v, approach_shape);
    const LinkId exit_left = b.add_link("exit_left", junction, left, 1, v, left_shape);
    exit_right = b.add_link("exit_right", junction, right, 1, v, right_shape);
    b.add_connection(b.lane(approach, 0), b.lane(exit_right, 0), Turn::kRight);
    b.add_connection(b.lane(approach, 1), b.lane(exit_left, 0), Turn::kLeft);
    network = b.build();
  }
};

// Steps a driver bound right, at 50 km/h, 100 m behind a vehicle crawling at 1 m/s in the right
// lane, with `queued` more vehicles standing at the line ahead of it (7 m apart); whether it ever
// left the right lane in the first 20 s.
bool passes_in_the_turn_lane(bool keeps_route_lanes, int queued = 0) {
  const TwoWayApproach net;
  std::vector<VehicleType> types = testing::car_types();
  types[0].mobil.keeps_route_lanes = keeps_route_lanes;
  World world(testing::test_world_config(1.0, 2), std::make_shared<const Network>(net.network));
  auto& traffic =
      world.emplace_system<TrafficSystem>(world.shared_network(), types, testing::car_type_names(),
                                          std::vector<Departure>{}, TrafficConfig{});
  world.start();
  const LaneId right_lane = net.network.link(net.approach).first_lane;
  for (int k = 0; k < queued; ++k) {
    EXPECT_TRUE(
        traffic.place_vehicle(net.approach, net.exit_right, right_lane, 599.5 - 7.0 * k, 0.0, 0));
  }
  EXPECT_TRUE(traffic.place_vehicle(net.approach, net.exit_right, right_lane, 150.0, 1.0, 0));
  EXPECT_TRUE(traffic.place_vehicle(net.approach, net.exit_right, right_lane, 50.0,
                                    testing::kUrbanSpeedLimit, 0));
  bool left_it = false;
  for (int k = 0; k < 20; ++k) {
    world.step();
    const auto& s = traffic.vehicles().slots();
    // The crawler and the driver (the last two placed; the queue leaves through the junction).
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s.id[i] >= static_cast<std::uint32_t>(queued)) left_it |= s.track[i] != right_lane;
    }
  }
  EXPECT_GE(traffic.min_gap(), 0.0);
  return left_it;
}

TEST(RouteLanes, ADriverWhoKeepsToItsRouteLanesQueuesBehindTheSlowVehicle) {
  EXPECT_FALSE(passes_in_the_turn_lane(true));
}

TEST(RouteLanes, ADriverWithoutTheSettingPassesInTheTurnLaneFarFromTheLine) {
  EXPECT_TRUE(passes_in_the_turn_lane(false));
}

// The room to come back counts from the tail of what is ahead in its lane, not from the line (SUMO
// LC2013 takes the lane's occupation off the distance): behind a 280 m queue the driver 550 m
// from the line keeps its lane. Drivers who overtook long queues in the turning lanes and cut back
// in at the front blocked the turners (Hangzhou's west entry: turns took 400 s longer than in
// SUMO).
TEST(RouteLanes, ADriverBehindALongQueueDoesNotPassItInTheTurnLane) {
  EXPECT_FALSE(passes_in_the_turn_lane(false, 40));
}

}  // namespace
}  // namespace citytwin

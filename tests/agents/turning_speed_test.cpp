// A turn slower than its road (SUMO's turning speeds, Connection::speed_limit): the driver brakes
// ahead, comfortably, reaches the line no faster than the turn allows and keeps to it through the
// junction; without a turning speed the same turn is driven at the road's limit.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "agents/traffic_fixtures.hpp"

namespace citytwin {
namespace {

// 300 m approach, a right turn at a priority junction, 300 m exit; 50 km/h roads.
Network right_turn(double turning_speed) {
  NetworkBuilder b;
  const NodeId in = b.add_node("B_in", {0.0, 0.0}, NodeControl::kBoundary);
  const NodeId junction = b.add_node("J", {310.0, 0.0});
  const NodeId out = b.add_node("B_out", {310.0, -310.0}, NodeControl::kBoundary);
  const std::vector<Vec2> approach_shape = {{0.0, 0.0}, {300.0, 0.0}};
  const std::vector<Vec2> exit_shape = {{310.0, -10.0}, {310.0, -310.0}};
  const double v = testing::kUrbanSpeedLimit;
  const LinkId approach = b.add_link("approach", in, junction, 1, v, approach_shape);
  const LinkId exit = b.add_link("exit", junction, out, 1, v, exit_shape);
  b.add_connection(b.lane(approach, 0), b.lane(exit, 0), Turn::kRight, kNoId, turning_speed);
  return b.build();
}

struct TurnDrive {
  double fastest_in_turn = 0.0;  // m/s, on the junction path
  double hardest_braking = 0.0;  // m/s², positive
  bool arrived = false;
};

TurnDrive drive_through(double turning_speed) {
  const Network net = right_turn(turning_speed);
  World world(testing::test_world_config(1.0, 2), std::make_shared<const Network>(net));
  auto& traffic = world.emplace_system<TrafficSystem>(world.shared_network(), testing::car_types(),
                                                      testing::car_type_names(),
                                                      std::vector<Departure>{}, TrafficConfig{});
  world.start();
  const LinkId approach = net.find_link("approach");
  const LinkId exit = net.find_link("exit");
  const double v = testing::kUrbanSpeedLimit;
  EXPECT_TRUE(traffic.place_vehicle(approach, exit, net.link(approach).first_lane, 20.0, v, 0));
  TurnDrive out;
  double previous = v;
  for (int k = 0; k < 120 && traffic.arrived() == 0; ++k) {
    world.step();
    const auto& s = traffic.vehicles().slots();
    if (s.size() == 0) break;
    out.hardest_braking = std::max(out.hardest_braking, previous - s.speed[0]);
    previous = s.speed[0];
    if (s.track[0] >= net.lanes().size()) {
      out.fastest_in_turn = std::max(out.fastest_in_turn, s.speed[0]);
    }
  }
  out.arrived = traffic.arrived() == 1;
  return out;
}

TEST(TurningSpeed, ADriverSlowsToTheTurnsSpeedComfortablyAhead) {
  const TurnDrive slow = drive_through(5.0);
  EXPECT_TRUE(slow.arrived);
  EXPECT_GT(slow.fastest_in_turn, 0.0);
  // Tolerance 0.5 m/s: IDM above its desired speed slows at b, so it closes in from above.
  EXPECT_LE(slow.fastest_in_turn, 5.5);
  // Braking ahead at about IDM's comfortable 1.5 m/s², not at the line.
  EXPECT_LE(slow.hardest_braking, 2.5);
}

TEST(TurningSpeed, WithoutATurningSpeedTheTurnIsDrivenAtTheRoadsLimit) {
  const TurnDrive plain = drive_through(0.0);
  EXPECT_TRUE(plain.arrived);
  EXPECT_GT(plain.fastest_in_turn, 0.9 * testing::kUrbanSpeedLimit);
}

}  // namespace
}  // namespace citytwin

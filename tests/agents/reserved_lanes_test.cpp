// Lanes reserved for some road classes (bus lanes, bus-only streets): routes, lane choice, lane
// changes and insertion keep every vehicle on lanes its class may use, and buses still use them.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "agents/traffic/route_trees.hpp"
#include "agents/traffic/router.hpp"
#include "agents/traffic_fixtures.hpp"
#include "integration/determinism_harness.hpp"

namespace citytwin {
namespace {

// A two-lane entry; straight on, a bus-only street (600 m), else a detour through D (about
// 1,000 m); a two-lane exit whose kerb lane is a bus lane. The entry's kerb lane goes only onto
// the bus street.
struct BusStreet {
  Network network;
  LinkId entry = kNoId, busway = kNoId, detour_in = kNoId, detour_out = kNoId, exit = kNoId;

  BusStreet() {
    NetworkBuilder b;
    const double v = testing::kUrbanSpeedLimit;
    const NodeId a = b.add_node("A", {0.0, 0.0}, NodeControl::kBoundary);
    const NodeId j1 = b.add_node("J1", {300.0, 0.0});
    const NodeId d = b.add_node("D", {600.0, 400.0});
    const NodeId j2 = b.add_node("J2", {900.0, 0.0});
    const NodeId out = b.add_node("B", {1200.0, 0.0}, NodeControl::kBoundary);
    entry = b.add_link("entry", a, j1, 2, v);
    busway = b.add_link("busway", j1, j2, 1, v);
    detour_in = b.add_link("detour_in", j1, d, 1, v);
    detour_out = b.add_link("detour_out", d, j2, 1, v);
    exit = b.add_link("exit", j2, out, 2, v);
    b.set_lane_road_classes(b.lane(busway, 0), road_class_bit(RoadClass::kBus));
    b.set_lane_road_classes(b.lane(exit, 0), road_class_bit(RoadClass::kBus));
    b.add_connection(b.lane(entry, 0), b.lane(busway, 0), Turn::kStraight);
    b.add_connection(b.lane(entry, 1), b.lane(busway, 0), Turn::kStraight);
    b.add_connection(b.lane(entry, 1), b.lane(detour_in, 0), Turn::kLeft);
    b.add_connection(b.lane(detour_in, 0), b.lane(detour_out, 0), Turn::kRight);
    b.add_connection(b.lane(busway, 0), b.lane(exit, 0), Turn::kStraight);
    b.add_connection(b.lane(busway, 0), b.lane(exit, 1), Turn::kStraight);
    b.add_connection(b.lane(detour_out, 0), b.lane(exit, 0), Turn::kRight);
    b.add_connection(b.lane(detour_out, 0), b.lane(exit, 1), Turn::kRight);
    network = b.build();
  }
};

TEST(ReservedLanes, CarsAreRoutedAroundABusStreetAndBusesThroughIt) {
  const BusStreet net;
  ASSERT_TRUE(has_reserved_lanes(net.network));
  const std::vector<LinkId> through = {net.entry, net.busway, net.exit};
  const std::vector<LinkId> around = {net.entry, net.detour_in, net.detour_out, net.exit};
  Router::Workspace workspace;
  std::vector<LinkId> route;
  ASSERT_TRUE(
      Router(net.network, RoadClass::kPassenger).find_route(net.entry, net.exit, workspace, route));
  EXPECT_EQ(route, around);
  ASSERT_TRUE(
      Router(net.network, RoadClass::kBus).find_route(net.entry, net.exit, workspace, route));
  EXPECT_EQ(route, through);
  ASSERT_TRUE(Router(net.network).find_route(net.entry, net.exit, workspace, route));
  EXPECT_EQ(route, through);  // without a class: every lane
  RouteTrees car_trees(net.network, RoadClass::kPassenger);
  ASSERT_TRUE(car_trees.route(net.entry, net.exit, route));
  EXPECT_EQ(route, around);
  RouteTrees bus_trees(net.network, RoadClass::kBus);
  ASSERT_TRUE(bus_trees.route(net.entry, net.exit, route));
  EXPECT_EQ(route, through);
  // A passenger car cannot reach the bus street at all.
  EXPECT_FALSE(Router(net.network, RoadClass::kPassenger)
                   .find_route(net.entry, net.busway, workspace, route));
}

// Cars and buses from the entry to the exit for `seconds`; the world on `threads` threads.
struct MixedTraffic {
  BusStreet net;
  DemandSpec demand;
  std::unique_ptr<World> world;
  TrafficSystem* traffic = nullptr;

  explicit MixedTraffic(unsigned threads, double seconds = 900.0) {
    demand.flows.push_back(
        {"cars", "entry", "exit", 600.0 / 3600.0, 0.0, 0.0, Headways::kPoisson, "car"});
    demand.flows.push_back(
        {"buses", "entry", "exit", 60.0 / 3600.0, 0.0, 0.0, Headways::kPoisson, "bus"});
    world = std::make_unique<World>(testing::test_world_config(1.0, threads),
                                    std::make_shared<const Network>(net.network));
    auto departures = generate_departures(demand, world->network(), 11, seconds);
    traffic = &world->emplace_system<TrafficSystem>(
        world->shared_network(),
        std::vector<VehicleType>{default_vehicle_type(VehicleClass::kCar),
                                 default_vehicle_type(VehicleClass::kBus)},
        std::vector<std::string>{"car", "bus"}, std::move(departures), TrafficConfig{});
    world->start();
  }
};

TEST(ReservedLanes, NoCarEverDrivesOnALaneReservedForBusesAndEveryTripArrives) {
  MixedTraffic mixed(2);
  const Network& network = mixed.world->network();
  std::size_t bus_steps_on_reserved = 0;
  for (int k = 0; k < 1500; ++k) {
    mixed.world->step();
    const auto& s = mixed.traffic->vehicles().slots();
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (mixed.traffic->layout().is_connection(s.track[i])) continue;
      const Lane& lane = network.lane(s.track[i]);  // lane tracks are numbered as lanes
      const bool bus = s.type[i] == 1;
      if (!bus) {
        ASSERT_TRUE(lane.allows(RoadClass::kPassenger))
            << "a car on lane " << lane.index_on_link << " of " << network.link(lane.link).name;
      } else if (!lane.allows(RoadClass::kPassenger)) {
        ++bus_steps_on_reserved;
      }
    }
  }
  EXPECT_GT(bus_steps_on_reserved, 0u);
  // Every departure arrived (the demand stops at 900 s), cars the long way round.
  EXPECT_EQ(mixed.traffic->arrived(), mixed.traffic->inserted());
  EXPECT_GT(mixed.traffic->arrived(), 100u);
  double car_distance = 1e9, bus_distance = 0.0;
  for (const TripRecord& trip : mixed.traffic->trips()) {
    if (trip.type == 0) car_distance = std::min(car_distance, trip.distance);
    if (trip.type == 1) bus_distance = std::max(bus_distance, trip.distance);
  }
  EXPECT_GT(car_distance, bus_distance + 200.0);
}

TEST(ReservedLanes, MixedTrafficOnReservedLanesIsTheSameOn1And2And8Threads) {
  testing::expect_same_trail_on_1_2_8_threads(
      [](unsigned threads) { return std::move(MixedTraffic(threads).world); }, 600, 60);
}

}  // namespace
}  // namespace citytwin

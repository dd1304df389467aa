// Drivers of one vehicle type differ as SUMO's do (DriverSpread, agents/traffic/vehicle_type.hpp):
// each draws a speed factor, and dawdling lowers the speed they hold. Reference: SUMO 1.15, 400
// vehicles of its DEFAULT_VEHTYPE (speedFactor normc(1,0.1,0.2,2), sigma 0.5), departing 400 s
// apart (so none meets another) with departSpeed "max" on a 100 m + 5,000 m + 100 m one-lane road
// at 13.89 m/s (tests/data/capacity/README.md): route speed mean 13.36 m/s, standard deviation
// 1.35 m/s between vehicles; with sigma 0: 14.00 and 1.35 m/s. Tolerance: mean ±2 % (about three
// standard errors of the two samples together), deviation ±15 %.
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "agents/traffic/traffic_system.hpp"
#include "agents/traffic/vehicle_type_spec.hpp"
#include "agents/traffic_fixtures.hpp"
#include "sim/io/importers.hpp"
#include "sim/network/network_builder.hpp"

namespace citytwin {
namespace {

const std::string kData = std::string(CITYTWIN_TEST_DATA_DIR) + "/capacity/";

VehicleType sumo_default_type() {
  ImportReport report;
  const Network net = import_sumo_network(kData + "sumo_sat.net.xml", report);
  DemandSpec demand;
  import_sumo_routes(kData + "sumo_sat_default.rou.xml", net, 1, demand, report);
  EXPECT_EQ(demand.vehicle_types.size(), 1u);
  return make_vehicle_type(demand.vehicle_types.at(0));
}

struct SpeedSample {
  double mean = 0.0;
  double deviation = 0.0;
};

// Route speeds (distance / duration) of `vehicles` lone trips over the reference road.
SpeedSample lone_route_speeds(const VehicleType& type, int vehicles, std::uint64_t seed,
                              unsigned threads = 1) {
  NetworkBuilder b;
  const NodeId a = b.add_node("a", {0.0, 0.0}, NodeControl::kBoundary);
  const NodeId m1 = b.add_node("m1", {100.0, 0.0}, NodeControl::kPriority);
  const NodeId m2 = b.add_node("m2", {5100.0, 0.0}, NodeControl::kPriority);
  const NodeId z = b.add_node("z", {5200.0, 0.0}, NodeControl::kBoundary);
  const std::vector<Vec2> in_shape = {{0.0, 0.0}, {100.0, 0.0}};
  const std::vector<Vec2> main_shape = {{100.0, 0.0}, {5100.0, 0.0}};
  const std::vector<Vec2> out_shape = {{5100.0, 0.0}, {5200.0, 0.0}};
  const LinkId in = b.add_link("in", a, m1, 1, 13.89, in_shape);
  const LinkId main = b.add_link("main", m1, m2, 1, 13.89, main_shape);
  const LinkId out = b.add_link("out", m2, z, 1, 13.89, out_shape);
  b.add_connection(b.lane(in, 0), b.lane(main, 0), Turn::kStraight);
  b.add_connection(b.lane(main, 0), b.lane(out, 0), Turn::kStraight);
  auto network = std::make_shared<const Network>(b.build());
  std::vector<Departure> departures(static_cast<std::size_t>(vehicles));
  for (int k = 0; k < vehicles; ++k) {
    departures[k].time = 400.0 * k;
    departures[k].origin = in;
    departures[k].destination = out;
    departures[k].sequence = static_cast<std::uint32_t>(k);
    departures[k].vehicle_type = "imported";
  }
  WorldConfig world_config = testing::test_world_config(1.0, threads);
  world_config.seed = seed;
  World world(world_config, network);
  TrafficConfig config;
  config.driver_seed = seed;
  auto& traffic = world.emplace_system<TrafficSystem>(
      world.shared_network(), std::vector<VehicleType>{type}, std::vector<std::string>{"imported"},
      std::move(departures), config);
  world.start();
  while (world.clock().now() < 400.0 * vehicles + 600.0) world.step();
  const auto& trips = traffic.trips();
  EXPECT_EQ(trips.size(), static_cast<std::size_t>(vehicles));
  SpeedSample sample;
  for (const TripRecord& t : trips) sample.mean += t.distance / t.duration();
  sample.mean /= static_cast<double>(trips.size());
  for (const TripRecord& t : trips) {
    const double d = t.distance / t.duration() - sample.mean;
    sample.deviation += d * d;
  }
  sample.deviation = std::sqrt(sample.deviation / static_cast<double>(trips.size()));
  return sample;
}

TEST(DriverSpread, SumoDefaultDriversCruiseAndSpreadAsSumos) {
  const VehicleType type = sumo_default_type();
  EXPECT_EQ(type.drivers.speed_factor, 1.0);
  EXPECT_EQ(type.drivers.speed_deviation, 0.1);
  EXPECT_EQ(type.drivers.dawdling, 0.5);
  const SpeedSample s = lone_route_speeds(type, 4000, 1);
  std::cout << "[ measured ] route speed " << s.mean << " m/s, sd " << s.deviation
            << " (SUMO 13.36, 1.35)\n";
  EXPECT_NEAR(s.mean, 13.36, 0.02 * 13.36);
  EXPECT_NEAR(s.deviation, 1.35, 0.15 * 1.35);

  VehicleType no_dawdling = type;
  no_dawdling.drivers.dawdling = 0.0;
  const SpeedSample d = lone_route_speeds(no_dawdling, 4000, 1);
  std::cout << "[ measured ] without dawdling " << d.mean << " m/s, sd " << d.deviation
            << " (SUMO sigma 0: 14.00, 1.35)\n";
  EXPECT_NEAR(d.mean, 14.00, 0.02 * 14.00);
  EXPECT_NEAR(d.deviation, 1.35, 0.15 * 1.35);
}

TEST(DriverSpread, FactorsFollowTheSeedNotTheThreads) {
  const VehicleType type = sumo_default_type();
  const SpeedSample one = lone_route_speeds(type, 50, 7, 1);
  const SpeedSample eight = lone_route_speeds(type, 50, 7, 8);
  EXPECT_EQ(one.mean, eight.mean);
  EXPECT_EQ(one.deviation, eight.deviation);
  const SpeedSample other_seed = lone_route_speeds(type, 50, 8, 1);
  EXPECT_NE(one.mean, other_seed.mean);
}

TEST(DriverSpread, DriversAlikeDriveAtTheLimit) {
  VehicleType type = sumo_default_type();
  type.drivers = DriverSpread{};
  const SpeedSample s = lone_route_speeds(type, 20, 1);
  EXPECT_NEAR(s.mean, 13.89, 0.01 * 13.89);
  EXPECT_LT(s.deviation, 0.05);
}

}  // namespace
}  // namespace citytwin

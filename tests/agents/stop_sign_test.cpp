// Stop signs and all-way stops (Connection::stop_first; SUMO's connection states 's' and 'w'): a
// vehicle halts at the line before it enters, then gives way as the junction's rules say. The
// reference is SUMO 1.15 on the same files (tests/data/stop_sign/README.md): a lone vehicle on
// the minor road brakes to 0 at the line, stands one step and goes on, 48 s for the trip.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "agents/traffic/demand.hpp"
#include "agents/traffic/vehicle_type_spec.hpp"
#include "agents/traffic_fixtures.hpp"
#include "integration/determinism_harness.hpp"
#include "sim/io/importers.hpp"

namespace citytwin {
namespace {

const std::string kData = std::string(CITYTWIN_TEST_DATA_DIR) + "/stop_sign/";

struct StopJunction {
  Network network;
  VehicleType type;  // the lone vehicle's: SUMO's default with sigma 0 and speedDev 0
  ImportReport report;

  explicit StopJunction(const std::string& net_file) {
    network = import_sumo_network(kData + net_file, report);
    DemandSpec demand;
    import_sumo_routes(kData + "lone_minor.rou.xml", network, 1, demand, report);
    type = make_vehicle_type(demand.vehicle_types.at(0));
  }
  bool stop_first(const std::string& from, const std::string& to) const {
    for (const Connection& c : network.connections()) {
      if (network.link(network.lane(c.from_lane).link).name == from &&
          network.link(network.lane(c.to_lane).link).name == to) {
        return c.stop_first;
      }
    }
    ADD_FAILURE() << "no connection " << from << " -> " << to;
    return false;
  }
};

struct LoneTrip {
  double duration = 0.0;
  double slowest_before_junction = 1e9;  // m/s, over the last 30 m of the approach
};

LoneTrip drive_alone(const StopJunction& j, const std::string& from, const std::string& to) {
  World world(testing::test_world_config(1.0), std::make_shared<const Network>(j.network));
  Departure d;
  d.origin = j.network.find_link(from);
  d.destination = j.network.find_link(to);
  d.vehicle_type = "t";
  auto& traffic =
      world.emplace_system<TrafficSystem>(world.shared_network(), std::vector<VehicleType>{j.type},
                                          std::vector<std::string>{"t"}, std::vector<Departure>{d});
  world.start();
  LoneTrip trip;
  const LaneId approach = j.network.link(d.origin).first_lane;
  while (traffic.trips().empty() && world.clock().now() < 200.0) {
    world.step();
    const auto& s = traffic.vehicles().slots();
    if (s.size() == 1 && s.track[0] == approach &&
        s.position[0] > j.network.lane(approach).length - 30.0) {
      trip.slowest_before_junction = std::min(trip.slowest_before_junction, s.speed[0]);
    }
  }
  EXPECT_EQ(traffic.trips().size(), 1u);
  if (!traffic.trips().empty()) trip.duration = traffic.trips()[0].duration();
  return trip;
}

TEST(StopSigns, SumosStopAndAllWayStopStatesMakeVehiclesStopFirst) {
  const StopJunction minor_stop("priority_stop.net.xml");
  EXPECT_TRUE(minor_stop.stop_first("sc", "cn"));
  EXPECT_TRUE(minor_stop.stop_first("sc", "ce"));
  EXPECT_FALSE(minor_stop.stop_first("we", "ce"));
  for (const std::string& line : minor_stop.report.approximated) {
    EXPECT_EQ(line.find("do not stop"), std::string::npos) << line;
  }
  const StopJunction all_way("allway_stop.net.xml");
  EXPECT_TRUE(all_way.stop_first("sc", "cn"));
  EXPECT_TRUE(all_way.stop_first("we", "ce"));
}

// Tolerance ±10 % of SUMO's 48 s: IDM closes in on the line more gently than Krauss brakes.
TEST(StopSigns, ALoneDriverHaltsAtTheStopLineAndTakesAboutSumosTime) {
  for (const char* net : {"priority_stop.net.xml", "allway_stop.net.xml"}) {
    const LoneTrip minor = drive_alone(StopJunction(net), "sc", "cn");
    EXPECT_LT(minor.slowest_before_junction, 1.0) << net;
    EXPECT_NEAR(minor.duration, 48.0, 4.8) << net;
  }
  // The major road of a priority junction with stop signs on the minor one: no stop.
  const LoneTrip major = drive_alone(StopJunction("priority_stop.net.xml"), "we", "ce");
  EXPECT_GT(major.slowest_before_junction, 10.0);
}

// Traffic from all four arms through the all-way stop: the same run on 1, 2 and 8 threads, and
// every vehicle through.
struct AllWayTraffic {
  StopJunction junction{"allway_stop.net.xml"};
  DemandSpec demand;
  std::unique_ptr<World> world;
  TrafficSystem* traffic = nullptr;

  explicit AllWayTraffic(unsigned threads) {
    for (const auto& [from, to] : {std::pair{"we", "cn"}, std::pair{"sc", "ce"}}) {
      demand.flows.push_back(
          {std::string(from) + to, from, to, 200.0 / 3600.0, 0.0, 600.0, Headways::kPoisson, "t"});
    }
    world = std::make_unique<World>(testing::test_world_config(1.0, threads),
                                    std::make_shared<const Network>(junction.network));
    auto departures = generate_departures(demand, world->network(), 5, 900.0);
    traffic = &world->emplace_system<TrafficSystem>(
        world->shared_network(), std::vector<VehicleType>{junction.type},
        std::vector<std::string>{"t"}, std::move(departures), TrafficConfig{});
    world->start();
  }
};

TEST(StopSigns, AnAllWayStopIsTheSameOn1And2And8ThreadsAndLetsEveryoneThrough) {
  testing::expect_same_trail_on_1_2_8_threads(
      [](unsigned threads) { return std::move(AllWayTraffic(threads).world); }, 900, 60);
  AllWayTraffic traffic(2);
  for (int k = 0; k < 900; ++k) traffic.world->step();
  EXPECT_GT(traffic.traffic->arrived(), 40u);
  EXPECT_EQ(traffic.traffic->arrived(), traffic.traffic->inserted());
}

}  // namespace
}  // namespace citytwin

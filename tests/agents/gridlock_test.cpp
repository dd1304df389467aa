// Gridlock detection (TrafficConfig::gridlock_after): a ring of four one-lane links, each full of
// standing vehicles whose next link is the next one on the ring, is a cycle of fronts each
// waiting for room on the next lane. It is found and counted once while it lasts; with the
// teleport resolution one of its vehicles is teleported each time it locks; the results do not
// depend on the thread count.
#include <gtest/gtest.h>

#include <iostream>

#include "agents/traffic_fixtures.hpp"

namespace citytwin {
namespace {

// Vehicles stand this far apart, bumper to bumper: the car's minimum gap and 1 cm, so none
// creeps up more than a centimetre.
double spacing() {
  const VehicleType car = testing::car_types()[0];
  return car.length + car.idm.min_gap + 0.01;
}
constexpr int kPerSide = 16;
// Each side fits kPerSide such cars exactly, the first 0.5 m before the line, the last with its
// rear at the lane start: no side has room for one more (junction paths are empty).
double side_length() {
  return 0.5 + testing::car_types()[0].length + (kPerSide - 1) * spacing() + 1e-6;
}

// Four priority junctions at the corners of a square, one link a side counter-clockwise, each
// lane turning into the next side (the only movement at its corner, so nobody yields).
Network ring() {
  const double side = side_length();
  NetworkBuilder b;
  const Vec2 corners[4] = {{0.0, 0.0}, {side, 0.0}, {side, side}, {0.0, side}};
  NodeId nodes[4];
  for (int k = 0; k < 4; ++k) {
    nodes[k] = b.add_node("C" + std::to_string(k), corners[k], NodeControl::kPriority);
  }
  LinkId links[4];
  for (int k = 0; k < 4; ++k) {
    links[k] = b.add_link("side" + std::to_string(k), nodes[k], nodes[(k + 1) % 4], 1,
                          testing::kUrbanSpeedLimit);
  }
  for (int k = 0; k < 4; ++k) {
    b.add_connection(b.lane(links[k], 0), b.lane(links[(k + 1) % 4], 0), Turn::kLeft);
  }
  return b.build();
}

FixedTimePlanSpec no_signals() {
  FixedTimePlanSpec plan;
  plan.cycle = 600.0;
  return plan;
}

struct Ring {
  Ring(double gridlock_after, bool teleport, unsigned threads = 1) {
    world = std::make_unique<World>(testing::test_world_config(1.0, threads),
                                    std::make_shared<const Network>(ring()));
    world->emplace_system<TrafficSignals>(world->shared_network(), no_signals());
    TrafficConfig config;
    config.gridlock_after = gridlock_after;
    config.gridlock_teleport = teleport;
    traffic = &world->emplace_system<TrafficSystem>(world->shared_network(), testing::car_types(),
                                                    testing::car_type_names(),
                                                    std::vector<Departure>{}, config);
    world->start();
    // Every side full, standing, each vehicle bound two sides on.
    const Network& net = world->network();
    for (LinkId k = 0; k < 4; ++k) {
      const LaneId lane = net.link(k).first_lane;
      for (int v = 0; v < kPerSide; ++v) {
        const double front = net.lane(lane).length - 0.5 - v * spacing();
        EXPECT_TRUE(traffic->place_vehicle(k, (k + 2) % 4, lane, front, 0.0, 0));
        ++placed;
      }
    }
  }
  void run_until(double t) {
    while (world->clock().now() < t - 1e-9) {
      world->step();
      ASSERT_EQ(traffic->inserted(),
                traffic->arrived() + traffic->vehicles().size() + traffic->in_transit());
      ASSERT_GE(traffic->min_gap(), 0.0);
    }
  }
  std::unique_ptr<World> world;
  TrafficSystem* traffic = nullptr;
  std::uint64_t placed = 0;
};

TEST(Gridlock, AFullRingIsOneGridlockCountedOnceAndWithoutResolutionStaysLocked) {
  Ring r(60.0, false);
  ASSERT_GT(r.placed, 40u);
  r.run_until(50.0);
  EXPECT_EQ(r.traffic->gridlocks_detected(), 0u);  // nobody has stood 60 s yet
  r.run_until(900.0);
  EXPECT_EQ(r.traffic->gridlocks_detected(), 1u);
  EXPECT_EQ(r.traffic->gridlocks_resolved(), 0u);
  EXPECT_EQ(r.traffic->teleported(), 0u);
  EXPECT_EQ(r.traffic->arrived(), 0u);
}

TEST(Gridlock, WithoutDetectionNothingIsCounted) {
  Ring r(0.0, false);
  r.run_until(300.0);
  EXPECT_EQ(r.traffic->gridlocks_detected(), 0u);
  EXPECT_EQ(r.traffic->arrived(), 0u);
}

TEST(Gridlock, TheTeleportResolutionTakesOneVehicleOutOfTheCycleAtATime) {
  Ring r(60.0, true);
  r.run_until(1800.0);
  std::cout << "[ measured ] ring of " << r.placed
            << " vehicles, 1800 s: " << r.traffic->gridlocks_detected() << " gridlocks detected, "
            << r.traffic->gridlocks_resolved() << " resolved, " << r.traffic->arrived()
            << " arrived\n";
  // Each teleport frees one car length; the ring moves up and, still over-full, locks again
  // after a while: a new gridlock each time, each resolved by one teleport.
  EXPECT_GE(r.traffic->gridlocks_detected(), 2u);
  EXPECT_EQ(r.traffic->gridlocks_resolved(), r.traffic->gridlocks_detected());
  EXPECT_EQ(r.traffic->teleported(), r.traffic->gridlocks_resolved());
  // The teleported vehicles found no room anywhere ahead on the full ring: they arrived at the
  // end of their routes, and their trips say so.
  EXPECT_GE(r.traffic->arrived(), r.traffic->teleported());
  std::uint64_t teleported_trips = 0;
  for (const TripRecord& trip : r.traffic->trips()) teleported_trips += trip.teleports;
  EXPECT_EQ(teleported_trips, r.traffic->teleported());
}

TEST(Gridlock, ResolvingGridlocksGivesTheSameRunOnOneTwoAndEightThreads) {
  std::uint64_t hashes[3];
  std::uint64_t resolved[3];
  const unsigned threads[3] = {1, 2, 8};
  for (int k = 0; k < 3; ++k) {
    Ring r(30.0, true, threads[k]);
    r.run_until(900.0);
    hashes[k] = r.world->state_hash();
    resolved[k] = r.traffic->gridlocks_resolved();
  }
  EXPECT_GT(resolved[0], 0u);
  for (int k = 1; k < 3; ++k) {
    EXPECT_EQ(hashes[k], hashes[0]) << threads[k] << " threads";
    EXPECT_EQ(resolved[k], resolved[0]) << threads[k] << " threads";
  }
}

}  // namespace
}  // namespace citytwin

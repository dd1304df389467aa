// Two vehicles entering one lane from two junction paths in the same step (SUMO nets often let
// both merging movements go at once: no foes between them in <request>). Each path moves against
// the start-of-step state of the lane, so without the serial merge pass both would land on the
// same spot of the exit lane.
#include <gtest/gtest.h>

#include <memory>

#include "agents/traffic_fixtures.hpp"
#include "integration/determinism_harness.hpp"

namespace citytwin {
namespace {

// A symmetric Y: two one-lane approaches of equal length meet at J, whose right of way is the
// source's and declares no foes, so neither movement yields to the other.
//
//   A_in ─┐
//          J ── exit ──► B_out
//   B_in ─┘
struct SymmetricMerge {
  Network network;
  LinkId north = kNoId;
  LinkId south = kNoId;
  LinkId exit = kNoId;

  SymmetricMerge() {
    NetworkBuilder b;
    const NodeId a_in = b.add_node("A_in", {0.0, 120.0}, NodeControl::kBoundary);
    const NodeId b_in = b.add_node("B_in", {0.0, -120.0}, NodeControl::kBoundary);
    const NodeId junction = b.add_node("J", {200.0, 0.0});
    const NodeId out = b.add_node("B_out", {600.0, 0.0}, NodeControl::kBoundary);
    north = b.add_link("north", a_in, junction, 1, testing::kUrbanSpeedLimit,
                       std::vector<Vec2>{{0.0, 120.0}, {190.0, 6.0}});
    south = b.add_link("south", b_in, junction, 1, testing::kUrbanSpeedLimit,
                       std::vector<Vec2>{{0.0, -120.0}, {190.0, -6.0}});
    exit = b.add_link("exit", junction, out, 1, testing::kUrbanSpeedLimit,
                      std::vector<Vec2>{{210.0, 0.0}, {600.0, 0.0}});
    b.add_connection(b.lane(north, 0), b.lane(exit, 0), Turn::kRight);
    b.add_connection(b.lane(south, 0), b.lane(exit, 0), Turn::kLeft);
    b.set_right_of_way_from_source(junction);
    network = b.build();
  }
};

struct MergeWorld {
  SymmetricMerge merge;
  std::unique_ptr<World> world;
  TrafficSystem* traffic = nullptr;

  explicit MergeWorld(unsigned threads) {
    world = std::make_unique<World>(testing::test_world_config(1.0, threads),
                                    std::make_shared<const Network>(merge.network));
    traffic = &world->emplace_system<TrafficSystem>(world->shared_network(), testing::car_types(),
                                                    testing::car_type_names(),
                                                    std::vector<Departure>{}, TrafficConfig{});
    world->start();
  }
  // Both `metres` before the start of the exit lane (their junction paths differ a little: the
  // lanes sit right of their links' centre lines), at the same speed: the two reach the exit in
  // the same step.
  void place_twins(double metres, double speed) {
    const Network& net = merge.network;
    for (ConnectionId c = 0; c < net.connections().size(); ++c) {
      const LaneId lane = net.connection(c).from_lane;
      const double path = traffic->layout().length(traffic->layout().connection_track(c));
      const double at = net.lane(lane).length + path - metres;
      ASSERT_TRUE(traffic->place_vehicle(net.lane(lane).link, merge.exit, lane, at, speed, 0));
    }
  }
  // The vehicles on junction paths now.
  int on_paths() const {
    const VehicleSlots& s = traffic->vehicles().slots();
    int count = 0;
    for (std::size_t i = 0; i < s.size(); ++i) count += traffic->layout().is_connection(s.track[i]);
    return count;
  }
};

TEST(MergeOverlap, TwinsEnteringOneLaneInTheSameStepEndUpOneBehindTheOther) {
  MergeWorld w(2);
  w.place_twins(50.0, 12.0);
  for (int step = 0; step < 60 && w.traffic->arrived() < 2; ++step) {
    w.world->step();
    ASSERT_GE(w.traffic->min_gap(), 0.0) << "the twins overlap after " << step + 1 << " s";
  }
  EXPECT_EQ(w.traffic->arrived(), 2u);
  // The pass did the work: both did reach the exit in one step.
  EXPECT_EQ(w.traffic->merges_held_back(), 1u);
}

TEST(MergeOverlap, WithoutRoomOnTheLaneTheRearTwinIsHeldBackOnItsPath) {
  // Slow twins are barely into the exit when they reach it: no room for the rear one there.
  MergeWorld w(1);
  w.place_twins(30.0, 3.0);
  bool held_on_path = false;
  for (int step = 0; step < 120 && w.traffic->arrived() < 2; ++step) {
    const std::uint64_t before = w.traffic->merges_held_back();
    w.world->step();
    ASSERT_GE(w.traffic->min_gap(), 0.0) << "the twins overlap after " << step + 1 << " s";
    if (w.traffic->merges_held_back() > before) held_on_path = w.on_paths() == 1;
  }
  EXPECT_EQ(w.traffic->merges_held_back(), 1u);
  EXPECT_TRUE(held_on_path);
  EXPECT_EQ(w.traffic->arrived(), 2u);
}

TEST(MergeOverlap, TheHeldBackVehicleIsTheSameWhateverTheThreadCount) {
  testing::expect_same_trail_on_1_2_8_threads(
      [](unsigned threads) {
        MergeWorld w(threads);
        w.place_twins(50.0, 12.0);
        return std::move(w.world);
      },
      40, 1);
}

}  // namespace
}  // namespace citytwin

// TrafficSystem::place_vehicle (warm starts, benchmarks, tests): a vehicle is refused where it
// would overlap one already driving on the lane or one placed before it in the same step, and only
// there; its own lane's pending placements are what it is checked against.
#include <gtest/gtest.h>

#include "agents/traffic_fixtures.hpp"

namespace citytwin {
namespace {

struct PlacedGrid {
  std::unique_ptr<testing::TrafficWorld> world = testing::make_traffic_world(
      generate_grid(testing::small_grid(2)), DemandSpec{}, testing::urban_plan(), 0.0);
  LinkId origin = kNoId;
  LinkId destination = kNoId;

  PlacedGrid() {
    // An entry link from a boundary node and an exit link to another one.
    const Network& net = world->network();
    for (LinkId l = 0; l < net.links().size(); ++l) {
      const bool from_boundary = net.node(net.link(l).from).control == NodeControl::kBoundary;
      const bool to_boundary = net.node(net.link(l).to).control == NodeControl::kBoundary;
      if (from_boundary && origin == kNoId) origin = l;
      if (to_boundary && destination == kNoId && origin != kNoId &&
          net.link(l).to != net.link(origin).from) {
        destination = l;
      }
    }
  }
  LaneId lane(std::uint32_t k) const { return world->network().link(origin).first_lane + k; }
  bool place(LaneId lane, double front) {
    return world->traffic->place_vehicle(origin, destination, lane, front, 0.0, 0);
  }
};

TEST(PlaceVehicle, RefusesAnOverlapWithAVehiclePlacedBeforeOnTheSameLaneOnly) {
  PlacedGrid g;
  ASSERT_NE(g.origin, kNoId);
  ASSERT_NE(g.destination, kNoId);
  const double length = g.world->traffic->type(0).length;
  EXPECT_TRUE(g.place(g.lane(0), 100.0));
  EXPECT_FALSE(g.place(g.lane(0), 100.0 + 0.5 * length));  // its rear inside the first one
  EXPECT_FALSE(g.place(g.lane(0), 100.0 - 0.5 * length));  // its front inside the first one
  EXPECT_TRUE(g.place(g.lane(1), 100.0));                  // the lane beside is free
  EXPECT_TRUE(g.place(g.lane(0), 100.0 - length - 1.0));   // behind, with a gap
  EXPECT_TRUE(g.place(g.lane(0), 100.0 + length + 1.0));   // ahead, with a gap
  EXPECT_FALSE(g.place(g.lane(1), 100.0 + 0.25 * length));
  EXPECT_EQ(g.world->traffic->inserted(), 4u);
}

TEST(PlaceVehicle, RefusesAnOverlapWithAVehicleAlreadyDriving) {
  PlacedGrid g;
  const double length = g.world->traffic->type(0).length;
  ASSERT_TRUE(g.place(g.lane(0), 100.0));
  g.world->world->step();  // it joins the network (standing start: it barely moves)
  const VehicleLanes& lanes = g.world->traffic->vehicles();
  ASSERT_EQ(lanes.size(), 1u);
  const LaneId here = lanes.slots().track[0];  // it may have changed lanes toward its turn
  const LaneId other = here == g.lane(0) ? g.lane(1) : g.lane(0);
  const double front = lanes.slots().position[0];
  EXPECT_FALSE(g.place(here, front - 0.5 * length));
  EXPECT_TRUE(g.place(here, front - length - 1.0));
  // The vehicle just placed is checked too (the step's repack emptied the earlier list).
  EXPECT_FALSE(g.place(here, front - length - 1.5));
  EXPECT_TRUE(g.place(other, front));
}

}  // namespace
}  // namespace citytwin

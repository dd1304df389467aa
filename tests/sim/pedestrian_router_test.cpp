// Walking times over the pedestrian layer against hand computation.
#include "sim/network/pedestrian_router.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "sim/network/grid_generator.hpp"
#include "sim/network/network_builder.hpp"

namespace citytwin {
namespace {

Network grid(bool signalised) {
  return generate_grid(GridSpec{.rows = 2,
                                .cols = 2,
                                .spacing = 100.0,
                                .attach_length = 50.0,
                                .lanes = 2,
                                .speed_limit = 13.89,
                                .signalised = signalised});
}

constexpr double kSpeed = 1.34;

TEST(PedestrianRouter, AlongOneSidewalkTakesItsLengthOverTheWalkingSpeed) {
  const Network net = grid(false);
  const PedestrianRouter router(net);
  const Sidewalk& s = net.pedestrians().sidewalks()[0];
  const WalkRoute route = router.route(s.from_vertex, s.to_vertex);
  ASSERT_TRUE(route.found);
  EXPECT_NEAR(route.time, s.length / kSpeed, 1e-9);
  EXPECT_NEAR(route.length, s.length, 1e-9);
  ASSERT_EQ(route.edges.size(), 1u);
  EXPECT_EQ(route.edges[0], s.edge);
}

TEST(PedestrianRouter, SignalisedCrossingAddsTheExpectedWait) {
  const Network net = grid(true);
  WalkingParams params;
  params.assumed_cycle = 90.0;
  const PedestrianRouter router(net, params);
  const Crosswalk& c = net.pedestrians().crosswalks()[0];
  // Two equal stages of a 90 s cycle, green in one: red 45 s, wait 45^2 / (2 * 90) = 11.25 s.
  EXPECT_NEAR(router.crossing_wait(0), 11.25, 1e-12);
  const WalkRoute route = router.route(c.from_vertex, c.to_vertex);
  ASSERT_TRUE(route.found);
  EXPECT_NEAR(route.time, 12.8 / kSpeed + 11.25, 1e-9);
  EXPECT_NEAR(route.length, 12.8, 1e-9);
}

TEST(PedestrianRouter, UnsignalisedCrossingsCostWalkingOnly) {
  const Network net = grid(false);
  const PedestrianRouter router(net);
  const Crosswalk& c = net.pedestrians().crosswalks()[0];
  EXPECT_EQ(router.crossing_wait(0), 0.0);
  EXPECT_NEAR(router.route(c.to_vertex, c.from_vertex).time, 12.8 / kSpeed, 1e-9);
}

TEST(PedestrianRouter, CrossingDirectlyBeatsGoingRound) {
  // Going round the junction instead crosses its three other arms: never quicker.
  const Network net = grid(true);
  WalkingParams params;
  params.assumed_cycle = 1000.0;  // wait 125 s per crossing
  const PedestrianRouter router(net, params);
  const Crosswalk& c = net.pedestrians().crosswalks()[0];
  const WalkRoute route = router.route(c.from_vertex, c.to_vertex);
  ASSERT_TRUE(route.found);
  EXPECT_NEAR(route.time, 12.8 / kSpeed + 125.0, 1e-9);  // still direct: going round crosses 3
  params.assumed_cycle = 90.0;
  params.walking_speed = 0.1;  // so slow that waiting is nothing: shortest distance
  const PedestrianRouter slow(net, params);
  EXPECT_NEAR(slow.route(c.from_vertex, c.to_vertex).length, 12.8, 1e-9);
}

TEST(PedestrianRouter, PositionsOnEdgesWalkPartsOfThem) {
  const Network net = grid(false);
  const PedestrianRouter router(net);
  const Sidewalk& s = net.pedestrians().sidewalks()[0];
  // Same edge: the distance between the two points.
  const WalkRoute same = router.route(WalkPosition{s.edge, 10.0}, WalkPosition{s.edge, 30.0});
  ASSERT_TRUE(same.found);
  EXPECT_NEAR(same.time, 20.0 / kSpeed, 1e-9);
  // From a point on the sidewalk to a point 2 m into the crosswalk at its end corner.
  const auto& ped = net.pedestrians();
  const WalkVertexId corner = s.to_vertex;
  WalkEdgeId crossing = kNoId;
  for (const WalkEdgeId e : ped.edges_at(corner)) {
    if (ped.edges()[e].kind == WalkEdgeKind::kCrosswalk) {
      crossing = e;
      break;
    }
  }
  ASSERT_NE(crossing, kNoId);
  const double into =
      ped.edges()[crossing].from == corner ? 2.0 : ped.edges()[crossing].length - 2.0;
  const WalkRoute r = router.route(WalkPosition{s.edge, 10.0}, WalkPosition{crossing, into});
  ASSERT_TRUE(r.found);
  EXPECT_NEAR(r.length, s.length - 10.0 + 2.0, 1e-9);
  EXPECT_NEAR(r.time, (s.length - 10.0 + 2.0) / kSpeed, 1e-9);
  ASSERT_EQ(r.edges.size(), 2u);
}

TEST(PedestrianRouter, UnreachableAndDeterministic) {
  NetworkBuilder b;
  const NodeId a = b.add_node("A", {0, 0}, NodeControl::kBoundary);
  const NodeId z = b.add_node("Z", {100, 0}, NodeControl::kBoundary);
  b.add_link("A->Z", a, z, 1, 10.0);
  b.add_link("Z->A", z, a, 1, 10.0);
  const Network net = b.build();
  const PedestrianRouter router(net);
  // Two sidewalks on opposite sides of a road with no crosswalk: no way across.
  const auto& s = net.pedestrians().sidewalks();
  EXPECT_FALSE(router.route(s[0].from_vertex, s[1].from_vertex).found);

  const Network g = grid(true);
  const PedestrianRouter r1(g), r2(g);
  const auto& ped = g.pedestrians();
  const WalkRoute one =
      r1.route(ped.sidewalks().front().from_vertex, ped.sidewalks().back().to_vertex);
  const WalkRoute two =
      r2.route(ped.sidewalks().front().from_vertex, ped.sidewalks().back().to_vertex);
  ASSERT_TRUE(one.found);
  EXPECT_EQ(one.edges, two.edges);
  EXPECT_EQ(one.time, two.time);
}

}  // namespace
}  // namespace citytwin

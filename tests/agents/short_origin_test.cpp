// Trips that start on a lane shorter than a car (OSM nets cut roads into pieces of a few metres,
// and random trips start on them): the lane takes one vehicle at a time, when it is empty, the
// car sticking out behind its start as SUMO inserts it. Before, they waited to enter for ever
// (207 of the 1,684 trips on SUMO's DRT net).
#include <gtest/gtest.h>

#include <memory>

#include "agents/traffic_fixtures.hpp"

namespace citytwin {
namespace {

//   O ─spur (3 m)─► J ──road (300 m)──► D
Network spur_then_road() {
  NetworkBuilder b;
  const double v = testing::kUrbanSpeedLimit;
  const NodeId o = b.add_node("O", {0.0, 0.0}, NodeControl::kBoundary);
  const NodeId j = b.add_node("J", {13.0, 0.0});
  const NodeId d = b.add_node("D", {323.0, 0.0}, NodeControl::kBoundary);
  const LinkId spur = b.add_link("spur", o, j, 1, v, std::vector<Vec2>{{0.0, 0.0}, {3.0, 0.0}});
  const LinkId road = b.add_link("road", j, d, 1, v, std::vector<Vec2>{{23.0, 0.0}, {323.0, 0.0}});
  b.add_connection(b.lane(spur, 0), b.lane(road, 0), Turn::kStraight);
  return b.build();
}

TEST(ShortOrigin, TripsStartingOnALaneShorterThanACarAllEnterAndArrive) {
  DemandSpec demand;
  FlowSpec flow;
  flow.name = "from_the_spur";
  flow.from = "spur";
  flow.to = "road";
  flow.rate = 0.1;
  flow.end = 300.0;
  flow.headways = Headways::kUniform;
  demand.flows.push_back(flow);
  auto w = testing::make_traffic_world(spur_then_road(), demand, testing::urban_plan(), 300.0);
  ASSERT_GT(w->departures, 20u);
  for (int s = 0; s < 400; ++s) {
    w->world->step();
    ASSERT_GE(w->traffic->min_gap(), 0.0) << "after " << s + 1 << " s";
  }
  EXPECT_EQ(w->traffic->inserted(), w->departures);
  EXPECT_EQ(w->traffic->arrived(), w->departures);
  EXPECT_EQ(w->traffic->waiting_to_insert(), 0u);
}

}  // namespace
}  // namespace citytwin

// The pedestrian layer derived from generated road networks: counts, connectivity, crosswalk
// geometry, the vehicle connections through each crosswalk and its signal groups.
#include "sim/network/pedestrian_derivation.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>

#include "sim/network/corridor_generator.hpp"
#include "sim/network/grid_generator.hpp"
#include "sim/network/network_builder.hpp"
#include "sim/network/pedestrian_router.hpp"

namespace citytwin {
namespace {

Network grid(bool signalised, std::uint32_t lanes = 2) {
  return generate_grid(GridSpec{.rows = 2,
                                .cols = 2,
                                .spacing = 100.0,
                                .attach_length = 50.0,
                                .lanes = lanes,
                                .speed_limit = 13.89,
                                .signalised = signalised});
}

bool runs_north_south(const Network& net, LinkId link) {
  const Vec2 d = net.node(net.link(link).to).position - net.node(net.link(link).from).position;
  return std::abs(d.y) > std::abs(d.x);
}

TEST(PedestrianDerivation, GridCounts) {
  const Network net = grid(true);
  const PedestrianNetwork& ped = net.pedestrians();
  // 4 inner roads + 8 fringe roads, two links each, every link two-way: one sidewalk per link.
  EXPECT_EQ(net.links().size(), 24u);
  EXPECT_EQ(ped.sidewalks().size(), 24u);
  // Four 4-arm junctions: a crosswalk per arm and a walking area per corner; none at boundaries.
  EXPECT_EQ(ped.crosswalks().size(), 16u);
  EXPECT_EQ(ped.walking_areas().size(), 16u);
  EXPECT_TRUE(ped.footpaths().empty());
  // Vertices: the corners plus the 16 sidewalk ends at the 8 boundary nodes.
  EXPECT_EQ(ped.vertices().size(), 16u + 16u);
  EXPECT_EQ(ped.edges().size(), 24u + 16u);
  for (const Sidewalk& s : ped.sidewalks()) {
    EXPECT_EQ(s.side, LinkSide::kRight);
    EXPECT_DOUBLE_EQ(s.width, 2.5);
    // Along the link, its length less nothing: the sidewalk runs beside the whole link.
    EXPECT_NEAR(s.length, net.link(s.link).length, 1e-9);
  }
  for (const Crosswalk& c : ped.crosswalks()) {
    EXPECT_DOUBLE_EQ(c.width, 3.0);
    EXPECT_NEAR(c.length, 4 * 3.2, 1e-9);  // kerb to kerb over 2 + 2 lanes
    EXPECT_EQ(ped.crossed_links(c).size(), 2u);
    EXPECT_EQ(net.node(c.node).control, NodeControl::kSignal);
  }
}

TEST(PedestrianDerivation, SidewalksLieBesideTheOuterLane) {
  const Network net = grid(false);
  for (const Sidewalk& s : net.pedestrians().sidewalks()) {
    const Lane& kerb_lane = net.lane(net.link(s.link).first_lane);
    const Vec2 lane_start = net.lane_shape(net.link(s.link).first_lane).front();
    const Vec2 walk_start = net.pedestrians().shape(s.shape).front();
    EXPECT_NEAR(distance(lane_start, walk_start), kerb_lane.width / 2 + s.width / 2, 1e-9);
  }
}

TEST(PedestrianDerivation, EverySidewalkReachesEveryOther) {
  for (const bool signalised : {false, true}) {
    const Network net = grid(signalised);
    const PedestrianRouter router(net);
    const auto& ped = net.pedestrians();
    const auto times = router.times_from(ped.sidewalks().front().from_vertex);
    for (const Sidewalk& s : ped.sidewalks()) {
      EXPECT_TRUE(std::isfinite(times[s.from_vertex]));
      EXPECT_TRUE(std::isfinite(times[s.to_vertex]));
    }
  }
}

TEST(PedestrianDerivation, CornersJoinTheSidewalksAndCrosswalksBesideThem) {
  const Network net = grid(true);
  const auto& ped = net.pedestrians();
  for (const WalkingArea& area : ped.walking_areas()) {
    // Each corner of a 4-arm junction: the sidewalk arriving on one side, the one leaving on
    // the other, and the two crosswalks of the arms it lies between.
    std::size_t sidewalks = 0, crosswalks = 0;
    for (const WalkEdgeId e : ped.edges_at(area.vertex)) {
      (ped.edges()[e].kind == WalkEdgeKind::kSidewalk ? sidewalks : crosswalks)++;
    }
    EXPECT_EQ(sidewalks, 2u);
    EXPECT_EQ(crosswalks, 2u);
    EXPECT_LT(distance(area.position, net.node(area.node).position), 15.0);
  }
}

TEST(PedestrianDerivation, CrosswalksAreCrossedByTheMovementsOfTheirArm) {
  const Network net = grid(true);
  const auto& ped = net.pedestrians();
  for (const Crosswalk& c : ped.crosswalks()) {
    const auto links = ped.crossed_links(c);
    const auto crossed = ped.crossed_connections(c);
    // 2-lane approaches: into the arm 2 straight + 1 right + 1 left, out of it the same.
    EXPECT_EQ(crossed.size(), 8u);
    for (const ConnectionId id : crossed) {
      const Connection& con = net.connection(id);
      const LinkId in = net.lane(con.from_lane).link, out = net.lane(con.to_lane).link;
      EXPECT_TRUE(std::find(links.begin(), links.end(), in) != links.end() ||
                  std::find(links.begin(), links.end(), out) != links.end());
    }
  }
}

TEST(PedestrianDerivation, SignalisedCrosswalksWalkWithTheParallelThroughStage) {
  const Network net = grid(true);
  const auto& ped = net.pedestrians();
  for (const Crosswalk& c : ped.crosswalks()) {
    const auto groups = ped.signal_groups(c);
    ASSERT_EQ(groups.size(), 1u);
    // A crosswalk across a north-south arm walks east-west, with the east-west through stage.
    const bool ns_arm = runs_north_south(net, ped.crossed_links(c)[0]);
    EXPECT_EQ(net.signal_group(groups[0]).name, ns_arm ? "EW_through" : "NS_through");
    // No straight movement green with the crosswalk crosses it; the turns that do yield.
    const std::uint8_t stage = net.signal_group(groups[0]).stage;
    std::size_t yielding = 0;
    for (const ConnectionId id : ped.crossed_connections(c)) {
      const Connection& con = net.connection(id);
      if (net.signal_group(con.signal_group).stage != stage) continue;
      EXPECT_NE(con.turn, Turn::kStraight);
      ++yielding;
    }
    EXPECT_EQ(yielding, 2u);  // the right turn into the arm and the left turn into it
  }
}

TEST(PedestrianDerivation, UnsignalisedCrosswalksHaveNoSignalGroups) {
  const Network net = grid(false);
  for (const Crosswalk& c : net.pedestrians().crosswalks()) {
    EXPECT_TRUE(net.pedestrians().signal_groups(c).empty());
    EXPECT_FALSE(net.pedestrians().crossed_connections(c).empty());
  }
}

TEST(PedestrianDerivation, CorridorCounts) {
  const Network net = generate_corridor(CorridorSpec{.junctions = 3,
                                                     .spacing = 200.0,
                                                     .attach_length = 100.0,
                                                     .lanes = 2,
                                                     .side_lanes = 1,
                                                     .speed_limit = 13.89,
                                                     .side_speed_limit = 8.33,
                                                     .signalised = true});
  const auto& ped = net.pedestrians();
  EXPECT_EQ(ped.sidewalks().size(), net.links().size());
  EXPECT_EQ(ped.crosswalks().size(), 3u * 4u);
  EXPECT_EQ(ped.walking_areas().size(), 3u * 4u);
  for (const Crosswalk& c : ped.crosswalks()) EXPECT_EQ(ped.signal_groups(c).size(), 1u);
}

TEST(PedestrianDerivation, OneWayLinksGetBothSidesAndDeadEndsJoinThem) {
  NetworkBuilder b;
  const NodeId a = b.add_node("A", {0, 0}, NodeControl::kBoundary);
  const NodeId m = b.add_node("M", {100, 0}, NodeControl::kPriority);
  const NodeId z = b.add_node("Z", {200, 0}, NodeControl::kPriority);  // dead end
  const LinkId am = b.add_link("A->M", a, m, 1, 10.0);
  const LinkId mz = b.add_link("M->Z", m, z, 1, 10.0);
  const LinkId zm = b.add_link("Z->M", z, m, 1, 10.0);
  b.add_connection(b.lane(am, 0), b.lane(mz, 0), Turn::kStraight);
  b.add_connection(b.lane(zm, 0), b.lane(mz, 0), Turn::kUTurn);
  const Network net = b.build();
  const auto& ped = net.pedestrians();
  // A->M is one-way: both its sides; M->Z and Z->M one each.
  EXPECT_EQ(ped.sidewalks().size(), 4u);
  // M: two arms, two corners, two crosswalks. Z: one arm, one corner joining its two sidewalks.
  EXPECT_EQ(ped.walking_areas().size(), 3u);
  EXPECT_EQ(ped.crosswalks().size(), 2u);
  const PedestrianRouter router(net);
  const auto times = router.times_from(ped.sidewalks()[0].from_vertex);
  for (const Sidewalk& s : ped.sidewalks()) EXPECT_TRUE(std::isfinite(times[s.to_vertex]));
}

TEST(PedestrianDerivation, WidthsComeFromTheDimensions) {
  NetworkBuilder b;
  const NodeId a = b.add_node("A", {0, 0}, NodeControl::kBoundary);
  const NodeId z = b.add_node("Z", {100, 0}, NodeControl::kBoundary);
  b.add_link("A->Z", a, z, 1, 10.0);
  b.add_link("Z->A", z, a, 1, 10.0);
  b.set_pedestrian_dimensions({.sidewalk_width = 2.0, .crosswalk_width = 4.0});
  const Network net = b.build();
  ASSERT_EQ(net.pedestrians().sidewalks().size(), 2u);
  EXPECT_DOUBLE_EQ(net.pedestrians().sidewalks()[0].width, 2.0);
  EXPECT_TRUE(net.pedestrians().crosswalks().empty());
}

TEST(PedestrianAssembly, BadElementsAreNamed) {
  NetworkBuilder b;
  const NodeId a = b.add_node("A", {0, 0}, NodeControl::kBoundary);
  const NodeId z = b.add_node("Z", {100, 0}, NodeControl::kBoundary);
  b.add_link("A->Z", a, z, 1, 10.0);
  PedestrianSpec spec;
  spec.sidewalks.push_back({.link = 7, .width = 2.0, .shape = {{0, 0}, {1, 0}}});
  b.set_pedestrians(spec);
  EXPECT_THROW(
      {
        try {
          b.build();
        } catch (const NetworkError& e) {
          EXPECT_NE(std::string(e.what()).find("sidewalk 0 is along unknown link id 7"),
                    std::string::npos)
              << e.what();
          throw;
        }
      },
      NetworkError);
  spec.sidewalks[0] = {.link = 0, .width = 2.0, .shape = {{0, 0}}};
  b.set_pedestrians(spec);
  EXPECT_THROW(b.build(), NetworkError);
  spec.sidewalks[0] = {.link = 0, .width = 2.0, .shape = {{0, 0}, {5, 0}}, .to_area = 3};
  b.set_pedestrians(spec);
  EXPECT_THROW(b.build(), NetworkError);
}

}  // namespace
}  // namespace citytwin

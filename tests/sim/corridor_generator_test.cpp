#include "sim/network/corridor_generator.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "sim/network/network_builder.hpp"
#include "tests/sim/network_properties.hpp"

namespace citytwin {
namespace {

using namespace citytwin::testing;

CorridorSpec five_junctions() {
  CorridorSpec spec;
  spec.junctions = 5;
  spec.spacing = 400.0;
  spec.attach_length = 300.0;
  spec.lanes = 2;
  spec.side_lanes = 1;
  return spec;
}

LaneId lane_id(const Network& net, const Lane& lane) {
  return static_cast<LaneId>(&lane - net.lanes().data());
}

TEST(CorridorGenerator, CountsNamesAndLanes) {
  const CorridorSpec spec = five_junctions();
  const Network net = generate_corridor(spec);
  const std::size_t n = spec.junctions;
  EXPECT_EQ(net.nodes().size(), n + 2 + 2 * n);
  EXPECT_EQ(net.links().size(), 2 * (n + 1) + 2 * 2 * n);
  EXPECT_EQ(net.signal_groups().size(), 4 * n);

  EXPECT_EQ(net.node(net.find_node("J_c2")).position, (Vec2{800.0, 0.0}));
  EXPECT_EQ(net.node(net.find_node("B_W")).position, (Vec2{-300.0, 0.0}));
  EXPECT_EQ(net.node(net.find_node("B_E")).position, (Vec2{1900.0, 0.0}));
  EXPECT_EQ(net.node(net.find_node("B_N_c4")).position, (Vec2{1600.0, 300.0}));
  EXPECT_EQ(net.node(net.find_node("B_S_c0")).position, (Vec2{0.0, -300.0}));

  const Link& arterial = net.link(net.find_link("J_c1->J_c2"));
  EXPECT_EQ(arterial.lane_count, 2);
  EXPECT_DOUBLE_EQ(arterial.speed_limit, spec.speed_limit);
  const Link& side = net.link(net.find_link("B_N_c3->J_c3"));
  EXPECT_EQ(side.lane_count, 1);
  EXPECT_DOUBLE_EQ(side.speed_limit, spec.side_speed_limit);
  EXPECT_NE(net.find_link("J_c4->B_E"), kNoId);
  EXPECT_NE(net.find_link("J_c0->B_S_c0"), kNoId);

  // The arterial loses the side street's width at each junction end, and vice versa.
  EXPECT_NEAR(net.lane(arterial.first_lane).length, 400.0 - 2 * (1 * 3.2 + 3.0), 1e-9);
  EXPECT_NEAR(net.lane(side.first_lane).length, 300.0 - (2 * 3.2 + 3.0), 1e-9);
}

TEST(CorridorGenerator, StructuralProperties) {
  const Network net = generate_corridor(five_junctions());
  expect_valid_generated_network(net);
  expect_boundaries_strongly_connected(net);
}

TEST(CorridorGenerator, LaneAssignmentAcrossDifferentLaneCounts) {
  const Network net = generate_corridor(five_junctions());
  const LaneId side_lane_north = net.link(net.find_link("J_c2->B_N_c2")).first_lane;
  const LaneId side_lane_south = net.link(net.find_link("J_c2->B_S_c2")).first_lane;

  // Eastbound arterial (2 lanes) into J_c2: lane 0 straight + right (south), lane 1 straight +
  // left.
  const Link& east_in = net.link(net.find_link("J_c1->J_c2"));
  const LinkId east_out = net.find_link("J_c2->J_c3");
  for (const Lane& lane : net.lanes_of(net.find_link("J_c1->J_c2"))) {
    std::set<Turn> turns;
    for (const Connection& c : net.connections_from(lane_id(net, lane))) {
      turns.insert(c.turn);
      if (c.turn == Turn::kStraight) {
        EXPECT_EQ(net.lane(c.to_lane).link, east_out);
        EXPECT_EQ(net.lane(c.to_lane).index_on_link, lane.index_on_link);
      }
      if (c.turn == Turn::kRight) {
        EXPECT_EQ(c.to_lane, side_lane_south);
      }
      if (c.turn == Turn::kLeft) {
        EXPECT_EQ(c.to_lane, side_lane_north);
      }
    }
    const Turn side_turn = lane.index_on_link == 0 ? Turn::kRight : Turn::kLeft;
    EXPECT_EQ(turns, (std::set<Turn>{Turn::kStraight, side_turn})) << lane.index_on_link;
  }
  EXPECT_EQ(east_in.lane_count, 2);

  // The single-lane side street does all three; turns onto the arterial pick its edge lanes.
  const Link& south_in = net.link(net.find_link("B_S_c2->J_c2"));
  std::set<Turn> turns;
  for (const Connection& c : net.connections_from(south_in.first_lane)) {
    turns.insert(c.turn);
    const Lane& target = net.lane(c.to_lane);
    if (c.turn == Turn::kRight) {  // northbound turning right goes east
      EXPECT_EQ(target.link, east_out);
      EXPECT_EQ(target.index_on_link, 0);
    }
    if (c.turn == Turn::kLeft) {
      EXPECT_EQ(net.link(target.link).name, "J_c2->J_c1");
      EXPECT_EQ(target.index_on_link, 1);
    }
  }
  EXPECT_EQ(turns, (std::set<Turn>{Turn::kStraight, Turn::kLeft, Turn::kRight}));
}

TEST(CorridorGenerator, ArterialMovementsAreInEastWestGroups) {
  const Network net = generate_corridor(five_junctions());
  for (const Connection& c : net.connections()) {
    const Link& in = net.link(net.lane(c.from_lane).link);
    const bool from_arterial = in.lane_count == 2;
    const std::string& group = net.signal_group(c.signal_group).name;
    EXPECT_EQ(group.starts_with("EW"), from_arterial) << in.name << " in " << group;
    EXPECT_EQ(group.ends_with("left"), c.turn == Turn::kLeft) << in.name << " in " << group;
  }
}

TEST(CorridorGenerator, SingleJunctionUnsignalised) {
  CorridorSpec spec = five_junctions();
  spec.junctions = 1;
  spec.signalised = false;
  const Network net = generate_corridor(spec);
  EXPECT_EQ(net.nodes().size(), 5u);
  EXPECT_EQ(net.node(net.find_node("J_c0")).control, NodeControl::kPriority);
  EXPECT_TRUE(net.signal_groups().empty());
  expect_valid_generated_network(net);
  expect_boundaries_strongly_connected(net);
}

TEST(CorridorGenerator, RejectsImpossibleSpecs) {
  CorridorSpec spec;
  spec.junctions = 0;
  EXPECT_THROW((void)generate_corridor(spec), NetworkError);
  spec = CorridorSpec{};
  spec.attach_length = 0.0;
  EXPECT_THROW((void)generate_corridor(spec), NetworkError);
  spec = CorridorSpec{};
  spec.side_lanes = 0;
  EXPECT_THROW((void)generate_corridor(spec), NetworkError);
  spec = CorridorSpec{};
  spec.spacing = 10.0;
  EXPECT_THROW((void)generate_corridor(spec), NetworkError);
  spec = CorridorSpec{};
  spec.side_speed_limit = 0.0;
  EXPECT_THROW((void)generate_corridor(spec), NetworkError);
}

}  // namespace
}  // namespace citytwin

#include "sim/network/grid_generator.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "sim/network/generator_common.hpp"
#include "sim/network/network_builder.hpp"
#include "tests/sim/network_properties.hpp"

namespace citytwin {
namespace {

using namespace citytwin::testing;

GridSpec ten_by_ten() {
  GridSpec spec;
  spec.rows = 10;
  spec.cols = 10;
  spec.spacing = 300.0;
  spec.attach_length = 250.0;
  spec.lanes = 3;
  spec.signalised = true;
  return spec;
}

// The connections from `link`'s lanes at its end node, as (lane index -> target link name, turn).
std::multimap<int, std::pair<std::string, Turn>> movements_of(const Network& net, LinkId link) {
  std::multimap<int, std::pair<std::string, Turn>> out;
  for (const Lane& lane : net.lanes_of(link)) {
    const LaneId id = static_cast<LaneId>(&lane - net.lanes().data());
    for (const Connection& c : net.connections_from(id)) {
      out.insert({lane.index_on_link, {net.link(net.lane(c.to_lane).link).name, c.turn}});
    }
  }
  return out;
}

TEST(GridGenerator, CountsFor10x10With3Lanes) {
  const GridSpec spec = ten_by_ten();
  const Network net = generate_grid(spec);
  const std::size_t rows = 10, cols = 10;
  EXPECT_EQ(net.nodes().size(), rows * cols + 2 * (rows + cols));
  EXPECT_EQ(net.links().size(),
            2 * (rows * (cols - 1) + cols * (rows - 1)) + 2 * 2 * (rows + cols));
  EXPECT_EQ(net.lanes().size(), net.links().size() * 3);
  EXPECT_EQ(net.signal_groups().size(), rows * cols * 4);
  std::size_t boundary = 0;
  for (const Node& n : net.nodes()) {
    if (n.control == NodeControl::kBoundary) {
      ++boundary;
      EXPECT_EQ(n.incoming.size(), 1u) << n.name;
      EXPECT_EQ(n.outgoing.size(), 1u) << n.name;
    } else {
      EXPECT_EQ(n.control, NodeControl::kSignal) << n.name;
      EXPECT_EQ(n.incoming.size(), 4u) << n.name;  // attachments give every junction four arms
    }
  }
  EXPECT_EQ(boundary, 2 * (rows + cols));
}

TEST(GridGenerator, NamesAndPositions) {
  const Network net = generate_grid(ten_by_ten());
  const NodeId j = net.find_node("J_r2_c3");
  ASSERT_NE(j, kNoId);
  EXPECT_EQ(net.node(j).position, (Vec2{900.0, 600.0}));  // x = col * spacing, y = row * spacing
  EXPECT_EQ(net.node(net.find_node("B_S_c3")).position, (Vec2{900.0, -250.0}));
  EXPECT_EQ(net.node(net.find_node("B_N_c0")).position, (Vec2{0.0, 2700.0 + 250.0}));
  EXPECT_EQ(net.node(net.find_node("B_W_r9")).position, (Vec2{-250.0, 2700.0}));
  EXPECT_EQ(net.node(net.find_node("B_E_r0")).position, (Vec2{2700.0 + 250.0, 0.0}));
  EXPECT_EQ(net.find_node("B_N_c10"), kNoId);
  for (const char* name : {"J_r0_c0->J_r0_c1", "J_r0_c1->J_r0_c0", "J_r4_c4->J_r5_c4",
                           "B_W_r0->J_r0_c0", "J_r9_c9->B_E_r9", "B_N_c5->J_r9_c5"}) {
    const LinkId l = net.find_link(name);
    ASSERT_NE(l, kNoId) << name;
    const Link& link = net.link(l);
    EXPECT_EQ(net.node(link.from).name + "->" + net.node(link.to).name, name);
  }
  EXPECT_EQ(net.node(net.find_node("B_E_r3")).control, NodeControl::kBoundary);
}

TEST(GridGenerator, StructuralProperties) {
  const Network net = generate_grid(ten_by_ten());
  expect_valid_generated_network(net);
  expect_boundaries_strongly_connected(net);
}

TEST(GridGenerator, LaneLengthsMatchSpacingMinusJunctionBoxes) {
  const GridSpec spec = ten_by_ten();
  const Network net = generate_grid(spec);
  const double setback = generator::junction_setback(spec.lanes);
  for (LaneId id = 0; id < net.lanes().size(); ++id) {
    const Lane& lane = net.lane(id);
    const Link& link = net.link(lane.link);
    const bool to_boundary = is_boundary(net, link.to) || is_boundary(net, link.from);
    const double expected = to_boundary ? spec.attach_length - setback : spec.spacing - 2 * setback;
    EXPECT_NEAR(lane.length, expected, 1e-9) << link.name;
    EXPECT_NEAR(lane.length, to_boundary ? spec.attach_length : spec.spacing,
                0.1 * (to_boundary ? spec.attach_length : spec.spacing))
        << link.name;
    EXPECT_DOUBLE_EQ(lane.speed_limit, spec.speed_limit);
  }
}

TEST(GridGenerator, SumoLikeLaneUseAtAnInnerJunction) {
  const Network net = generate_grid(ten_by_ten());
  // Eastbound into J_r5_c5: straight to c6, left (north) to r6, right (south) to r4.
  const auto moves = movements_of(net, net.find_link("J_r5_c4->J_r5_c5"));
  using Move = std::pair<const int, std::pair<std::string, Turn>>;
  const std::multimap<int, std::pair<std::string, Turn>> expected{
      Move{0, {"J_r5_c5->J_r5_c6", Turn::kStraight}}, Move{0, {"J_r5_c5->J_r4_c5", Turn::kRight}},
      Move{1, {"J_r5_c5->J_r5_c6", Turn::kStraight}},
      Move{2, {"J_r5_c5->J_r5_c6", Turn::kStraight}}, Move{2, {"J_r5_c5->J_r6_c5", Turn::kLeft}}};
  EXPECT_EQ(moves, expected);

  // Target lanes: straight keeps the index, right turns land rightmost, left turns leftmost.
  const LinkId in = net.find_link("J_r5_c4->J_r5_c5");
  for (const Lane& lane : net.lanes_of(in)) {
    for (const Connection& c :
         net.connections_from(static_cast<LaneId>(&lane - net.lanes().data()))) {
      const int target = net.lane(c.to_lane).index_on_link;
      if (c.turn == Turn::kStraight) {
        EXPECT_EQ(target, lane.index_on_link);
      }
      if (c.turn == Turn::kRight) {
        EXPECT_EQ(target, 0);
      }
      if (c.turn == Turn::kLeft) {
        EXPECT_EQ(target, 2);
      }
    }
  }
}

TEST(GridGenerator, SignalGroupsByAxisAndTurn) {
  const Network net = generate_grid(ten_by_ten());
  const Node& node = net.node(net.find_node("J_r3_c7"));
  ASSERT_EQ(node.signal_groups.size(), 4u);
  const char* expected_names[] = {"NS_through", "NS_left", "EW_through", "EW_left"};
  for (int g = 0; g < 4; ++g) {
    const SignalGroup& group = net.signal_group(node.signal_groups[g]);
    EXPECT_EQ(group.name, expected_names[g]);
    EXPECT_FALSE(group.connections.empty()) << group.name;
    const bool ns = group.name.starts_with("NS");
    const bool left = group.name.ends_with("left");
    for (ConnectionId c : group.connections) {
      const Connection& conn = net.connection(c);
      EXPECT_EQ(conn.turn == Turn::kLeft, left) << group.name;
      const Link& in = net.link(net.lane(conn.from_lane).link);
      const Vec2 dir = net.node(in.to).position - net.node(in.from).position;
      EXPECT_EQ(std::abs(dir.y) > std::abs(dir.x), ns) << group.name << " " << in.name;
    }
  }
}

TEST(GridGenerator, SingleLaneDoesAllTurns) {
  GridSpec spec;
  spec.rows = 2;
  spec.cols = 2;
  spec.lanes = 1;
  const Network net = generate_grid(spec);
  expect_valid_generated_network(net);
  expect_boundaries_strongly_connected(net);
  std::set<Turn> turns;
  for (const Connection& c :
       net.connections_from(net.link(net.find_link("B_W_r0->J_r0_c0")).first_lane)) {
    turns.insert(c.turn);
  }
  EXPECT_EQ(turns, (std::set<Turn>{Turn::kStraight, Turn::kLeft, Turn::kRight}));
}

TEST(GridGenerator, UnsignalisedUsesPriorityAndNoGroups) {
  GridSpec spec = ten_by_ten();
  spec.rows = 3;
  spec.cols = 4;
  spec.signalised = false;
  const Network net = generate_grid(spec);
  EXPECT_TRUE(net.signal_groups().empty());
  for (const Node& n : net.nodes()) {
    EXPECT_NE(n.control, NodeControl::kSignal) << n.name;
  }
  EXPECT_EQ(net.node(net.find_node("J_r1_c1")).control, NodeControl::kPriority);
  expect_valid_generated_network(net);
  expect_boundaries_strongly_connected(net);
}

TEST(GridGenerator, WithoutAttachmentsFringeCornersStayReachable) {
  GridSpec spec = ten_by_ten();
  spec.rows = 3;
  spec.cols = 3;
  spec.attach_length = 0.0;
  const Network net = generate_grid(spec);
  EXPECT_EQ(net.nodes().size(), 9u);
  EXPECT_EQ(net.links().size(), 2u * (3 * 2 + 3 * 2));
  // Corner J_r0_c0 has no straight movement into its outgoing links; turns fan out instead, so
  // every lane is still reachable (checked by expect_junction_lanes_wired).
  expect_valid_generated_network(net);
  for (LinkId a = 0; a < net.links().size(); ++a) {
    const auto reach = reachable_links(net, a);
    for (LinkId b = 0; b < net.links().size(); ++b) {
      EXPECT_TRUE(reach[b]) << net.link(a).name << " cannot reach " << net.link(b).name;
    }
  }
}

TEST(GridGenerator, DeterministicOutput) {
  const Network a = generate_grid(ten_by_ten());
  const Network b = generate_grid(ten_by_ten());
  ASSERT_EQ(a.connections().size(), b.connections().size());
  for (ConnectionId c = 0; c < a.connections().size(); ++c) {
    EXPECT_EQ(a.connection(c).from_lane, b.connection(c).from_lane);
    EXPECT_EQ(a.connection(c).to_lane, b.connection(c).to_lane);
    EXPECT_EQ(a.connection(c).length, b.connection(c).length);
  }
  for (LinkId l = 0; l < a.links().size(); ++l) EXPECT_EQ(a.link(l).name, b.link(l).name);
}

TEST(GridGenerator, RejectsImpossibleSpecs) {
  GridSpec spec;
  spec.rows = 0;
  EXPECT_THROW((void)generate_grid(spec), NetworkError);
  spec = GridSpec{};
  spec.lanes = 0;
  EXPECT_THROW((void)generate_grid(spec), NetworkError);
  spec = GridSpec{};
  spec.lanes = 3;
  spec.spacing = 20.0;  // junction boxes alone need 2 * (3 * 3.2 + 3) m
  try {
    (void)generate_grid(spec);
    ADD_FAILURE() << "no throw";
  } catch (const NetworkError& e) {
    EXPECT_NE(std::string(e.what()).find("spacing"), std::string::npos) << e.what();
  }
  spec = GridSpec{};
  spec.attach_length = 5.0;
  EXPECT_THROW((void)generate_grid(spec), NetworkError);
  spec = GridSpec{};
  spec.speed_limit = -1.0;
  EXPECT_THROW((void)generate_grid(spec), NetworkError);
}

}  // namespace
}  // namespace citytwin

#include "sim/network/network_builder.hpp"

#include <gtest/gtest.h>

#include <array>
#include <functional>
#include <string>

namespace citytwin {
namespace {

// Builds and expects a NetworkError whose message contains every fragment.
void expect_build_error(const NetworkBuilder& builder,
                        std::initializer_list<std::string> fragments) {
  try {
    (void)builder.build();
    ADD_FAILURE() << "build() did not throw";
  } catch (const NetworkError& e) {
    const std::string message = e.what();
    for (const std::string& f : fragments) {
      EXPECT_NE(message.find(f), std::string::npos) << "'" << f << "' not in: " << message;
    }
  }
}

// A T-shaped network: W -> C -> E and C -> S, two lanes on the W->C link.
struct TeeNetwork {
  NetworkBuilder b;
  NodeId west, centre, east, south;
  LinkId west_in, east_out, south_out, east_in;

  explicit TeeNetwork(NodeControl centre_control = NodeControl::kPriority) {
    west = b.add_node("W", {-100, 0}, NodeControl::kBoundary);
    centre = b.add_node("C", {0, 0}, centre_control);
    east = b.add_node("E", {100, 0}, NodeControl::kBoundary);
    south = b.add_node("S", {0, -100}, NodeControl::kBoundary);
    west_in = b.add_link("W->C", west, centre, 2, 13.9);
    east_out = b.add_link("C->E", centre, east, 1, 13.9);
    south_out = b.add_link("C->S", centre, south, 1, 8.0);
    east_in = b.add_link("E->C", east, centre, 1, 13.9);
  }
};

TEST(NetworkBuilder, LinksAndLanesGeometry) {
  NetworkBuilder b;
  const NodeId a = b.add_node("A", {0, 0});
  const NodeId c = b.add_node("B", {100, 0});
  const LinkId ab = b.add_link("A->B", a, c, 2, 10.0);
  const LinkId ba = b.add_link("B->A", c, a, 2, 10.0);
  const Network net = b.build();

  ASSERT_EQ(net.links().size(), 2u);
  ASSERT_EQ(net.lanes().size(), 4u);
  EXPECT_DOUBLE_EQ(net.link(ab).length, 100.0);
  EXPECT_EQ(net.link(ab).first_lane, 0u);
  EXPECT_EQ(net.link(ba).first_lane, 2u);
  EXPECT_EQ(b.lane(ba, 1), 3u);

  // Eastbound lanes lie south of the centre line; lane 0 (rightmost, kerb side) furthest out.
  const auto lane0 = net.lane_shape(b.lane(ab, 0));
  const auto lane1 = net.lane_shape(b.lane(ab, 1));
  EXPECT_NEAR(lane0[0].y, -4.8, 1e-12);
  EXPECT_NEAR(lane1[0].y, -1.6, 1e-12);
  // Westbound lanes lie north: the two directions share the centre line without overlapping.
  EXPECT_NEAR(net.lane_shape(b.lane(ba, 0))[0].y, 4.8, 1e-12);
  EXPECT_NEAR(net.lane_shape(b.lane(ba, 1))[0].y, 1.6, 1e-12);

  for (const Lane& lane : net.lanes()) {
    EXPECT_DOUBLE_EQ(lane.length, 100.0);
    EXPECT_DOUBLE_EQ(lane.speed_limit, 10.0);
    EXPECT_DOUBLE_EQ(lane.width, 3.2);
  }
  EXPECT_EQ(net.lanes_of(ba).size(), 2u);
  EXPECT_EQ(net.lanes_of(ba)[1].index_on_link, 1);
  EXPECT_DOUBLE_EQ(net.total_lane_length(), 400.0);

  // The bounding box covers the lanes, not just the nodes.
  EXPECT_NEAR(net.min_corner().y, -4.8, 1e-12);
  EXPECT_NEAR(net.max_corner().y, 4.8, 1e-12);
  EXPECT_DOUBLE_EQ(net.min_corner().x, 0.0);
  EXPECT_DOUBLE_EQ(net.max_corner().x, 100.0);
}

TEST(NetworkBuilder, CustomCentreShapeAndLaneWidth) {
  NetworkBuilder b;
  const NodeId a = b.add_node("A", {0, 0});
  const NodeId c = b.add_node("B", {10, 10});
  const std::array<Vec2, 3> shape{Vec2{0, 0}, Vec2{10, 0}, Vec2{10, 10}};
  const LinkId l = b.add_link("A->B", a, c, 1, 5.0, shape, 4.0);
  const Network net = b.build();
  EXPECT_DOUBLE_EQ(net.link(l).length, 20.0);
  ASSERT_EQ(net.link_shape(l).size(), 3u);
  const auto lane = net.lane_shape(net.link(l).first_lane);
  ASSERT_EQ(lane.size(), 3u);
  EXPECT_NEAR(lane[1].x, 12.0, 1e-12);  // outside of the left bend, 2 m off the centre line
  EXPECT_NEAR(lane[1].y, -2.0, 1e-12);
  EXPECT_NEAR(net.lane(0).length, 24.0, 1e-12);
  EXPECT_DOUBLE_EQ(net.lane(0).width, 4.0);
}

TEST(NetworkBuilder, ConnectionsAreSortedIntoCsrAndShaped) {
  TeeNetwork t;
  // Added out of order on purpose.
  t.b.add_connection(t.b.lane(t.west_in, 0), t.b.lane(t.south_out, 0), Turn::kRight);
  t.b.add_connection(t.b.lane(t.east_in, 0), t.b.lane(t.south_out, 0), Turn::kLeft);
  t.b.add_connection(t.b.lane(t.west_in, 1), t.b.lane(t.east_out, 0), Turn::kStraight);
  t.b.add_connection(t.b.lane(t.west_in, 0), t.b.lane(t.east_out, 0), Turn::kStraight);
  const Network net = t.b.build();

  ASSERT_EQ(net.connections().size(), 4u);
  for (std::size_t i = 1; i < net.connections().size(); ++i) {
    const Connection& prev = net.connections()[i - 1];
    const Connection& cur = net.connections()[i];
    EXPECT_TRUE(prev.from_lane < cur.from_lane ||
                (prev.from_lane == cur.from_lane && prev.to_lane < cur.to_lane));
  }
  const auto from_lane0 = net.connections_from(t.b.lane(t.west_in, 0));
  ASSERT_EQ(from_lane0.size(), 2u);
  EXPECT_EQ(from_lane0[0].to_lane, t.b.lane(t.east_out, 0));
  EXPECT_EQ(from_lane0[1].to_lane, t.b.lane(t.south_out, 0));
  EXPECT_EQ(from_lane0[1].turn, Turn::kRight);
  EXPECT_EQ(net.connections_from(t.b.lane(t.west_in, 1)).size(), 1u);
  EXPECT_EQ(net.connections_from(t.b.lane(t.east_out, 0)).size(), 0u);  // ends at a boundary

  for (ConnectionId id = 0; id < net.connections().size(); ++id) {
    const Connection& c = net.connection(id);
    EXPECT_EQ(c.node, t.centre);
    const auto path = net.connection_shape(id);
    const auto from = net.lane_shape(c.from_lane);
    const auto to = net.lane_shape(c.to_lane);
    ASSERT_GE(path.size(), 2u);
    EXPECT_EQ(path.front(), from.back());
    EXPECT_EQ(path.back(), to.front());
    EXPECT_NEAR(c.length, polyline_length(path), 1e-12);
    EXPECT_GE(c.length + 1e-9, distance(path.front(), path.back()));
  }
  // The right turn is a curve (more than two points), not a diagonal cut.
  const ConnectionId right_turn =
      static_cast<ConnectionId>(&from_lane0[1] - net.connections().data());
  EXPECT_GT(net.connection_shape(right_turn).size(), 2u);

  const Node& centre = net.node(t.centre);
  EXPECT_EQ(centre.incoming, (std::vector<LinkId>{t.west_in, t.east_in}));
  EXPECT_EQ(centre.outgoing, (std::vector<LinkId>{t.east_out, t.south_out}));
  EXPECT_EQ(net.find_node("S"), t.south);
  EXPECT_EQ(net.find_node("nowhere"), kNoId);
  EXPECT_EQ(net.find_link("C->S"), t.south_out);
  EXPECT_EQ(net.find_link("S->C"), kNoId);
}

TEST(NetworkBuilder, SignalGroupsCollectTheirConnections) {
  TeeNetwork t(NodeControl::kSignal);
  const SignalGroupId through = t.b.add_signal_group(t.centre, "through");
  const SignalGroupId turns = t.b.add_signal_group(t.centre, "turns");
  t.b.add_connection(t.b.lane(t.west_in, 0), t.b.lane(t.south_out, 0), Turn::kRight, turns);
  t.b.add_connection(t.b.lane(t.west_in, 0), t.b.lane(t.east_out, 0), Turn::kStraight, through);
  t.b.add_connection(t.b.lane(t.east_in, 0), t.b.lane(t.south_out, 0), Turn::kLeft, turns);
  const Network net = t.b.build();

  EXPECT_EQ(net.node(t.centre).signal_groups, (std::vector<SignalGroupId>{through, turns}));
  EXPECT_EQ(net.signal_group(through).name, "through");
  EXPECT_EQ(net.signal_group(through).node, t.centre);
  EXPECT_EQ(net.signal_group(through).connections.size(), 1u);
  ASSERT_EQ(net.signal_group(turns).connections.size(), 2u);
  for (SignalGroupId g : {through, turns}) {
    for (ConnectionId c : net.signal_group(g).connections)
      EXPECT_EQ(net.connection(c).signal_group, g);
  }
  EXPECT_LT(net.signal_group(turns).connections[0], net.signal_group(turns).connections[1]);
}

TEST(NetworkBuilderErrors, Nodes) {
  {
    NetworkBuilder b;
    b.add_node("", {0, 0});
    expect_build_error(b, {"node 0", "empty name"});
  }
  {
    NetworkBuilder b;
    b.add_node("A", {0, 0});
    b.add_node("A", {1, 0});
    expect_build_error(b, {"duplicate node name", "'A'"});
  }
  {
    NetworkBuilder b;
    b.add_node("A", {std::nan(""), 0});
    expect_build_error(b, {"node 'A'", "non-finite"});
  }
}

TEST(NetworkBuilderErrors, Links) {
  auto two_nodes = [] {
    NetworkBuilder b;
    b.add_node("A", {0, 0});
    b.add_node("B", {50, 0});
    return b;
  };
  {
    auto b = two_nodes();
    b.add_link("loop", 0, 0, 1, 10.0);
    expect_build_error(b, {"link 'loop'", "starts and ends at node 'A'"});
  }
  {
    auto b = two_nodes();
    b.add_link("lost", 0, 7, 1, 10.0);
    expect_build_error(b, {"link 'lost'", "ends at unknown node id 7"});
  }
  {
    auto b = two_nodes();
    b.add_link("lost", 9, 1, 1, 10.0);
    expect_build_error(b, {"link 'lost'", "starts at unknown node id 9"});
  }
  {
    auto b = two_nodes();
    b.add_link("empty", 0, 1, 0, 10.0);
    expect_build_error(b, {"link 'empty'", "no lanes"});
  }
  {
    auto b = two_nodes();
    b.add_link("stopped", 0, 1, 1, 0.0);
    expect_build_error(b, {"link 'stopped'", "non-positive speed limit"});
  }
  {
    auto b = two_nodes();
    b.add_link("thin", 0, 1, 1, 10.0, {}, -3.0);
    expect_build_error(b, {"link 'thin'", "non-positive lane width"});
  }
  {
    auto b = two_nodes();
    b.add_link("A->B", 0, 1, 1, 10.0);
    b.add_link("A->B", 1, 0, 1, 10.0);
    expect_build_error(b, {"duplicate link name", "'A->B'"});
  }
  {
    auto b = two_nodes();
    b.add_link("", 0, 1, 1, 10.0);
    expect_build_error(b, {"link 0", "empty name"});
  }
  {
    NetworkBuilder b;
    b.add_node("A", {5, 5});
    b.add_node("B", {5, 5});
    b.add_link("zero", 0, 1, 1, 10.0);
    expect_build_error(b, {"link 'zero'", "zero length"});
  }
  {
    auto b = two_nodes();
    const std::array<Vec2, 1> dot{Vec2{1, 1}};
    b.add_link("dot", 0, 1, 1, 10.0, dot);
    expect_build_error(b, {"link 'dot'", "single point"});
  }
  {
    auto b = two_nodes();
    const std::array<Vec2, 2> bad{Vec2{0, 0}, Vec2{INFINITY, 0}};
    b.add_link("inf", 0, 1, 1, 10.0, bad);
    expect_build_error(b, {"link 'inf'", "non-finite shape"});
  }
  {
    auto b = two_nodes();
    const LinkId l = b.add_link("A->B", 0, 1, 2, 10.0);
    EXPECT_THROW((void)b.lane(l, 2), NetworkError);
    EXPECT_THROW((void)b.lane(l + 1, 0), NetworkError);
  }
}

TEST(NetworkBuilderErrors, SignalGroups) {
  {
    TeeNetwork t(NodeControl::kPriority);
    t.b.add_signal_group(t.centre, "g");
    expect_build_error(t.b, {"signal group 'g'", "node 'C'", "not a signal node"});
  }
  {
    TeeNetwork t(NodeControl::kSignal);
    t.b.add_signal_group(t.centre, "g");
    t.b.add_signal_group(t.centre, "g");
    expect_build_error(t.b, {"duplicate signal group 'g'", "node 'C'"});
  }
  {
    TeeNetwork t(NodeControl::kSignal);
    t.b.add_signal_group(42, "g");
    expect_build_error(t.b, {"signal group 'g'", "unknown node id 42"});
  }
}

TEST(NetworkBuilderErrors, Connections) {
  {
    TeeNetwork t;
    // C->E ends at E, C->S starts at C: they do not meet.
    t.b.add_connection(t.b.lane(t.east_out, 0), t.b.lane(t.south_out, 0), Turn::kRight);
    expect_build_error(t.b, {"connection from lane 0 of 'C->E' to lane 0 of 'C->S'",
                             "ends at node 'E'", "starts at node 'C'"});
  }
  {
    TeeNetwork t;
    t.b.add_connection(999, t.b.lane(t.south_out, 0), Turn::kRight);
    expect_build_error(t.b, {"connection 0", "unknown lane id 999"});
  }
  {
    TeeNetwork t;
    t.b.add_connection(t.b.lane(t.west_in, 1), t.b.lane(t.east_out, 0), Turn::kStraight);
    t.b.add_connection(t.b.lane(t.west_in, 1), t.b.lane(t.east_out, 0), Turn::kStraight);
    expect_build_error(t.b, {"duplicate connection from lane 1 of 'W->C' to lane 0 of 'C->E'"});
  }
  {
    TeeNetwork t(NodeControl::kSignal);
    t.b.add_connection(t.b.lane(t.west_in, 0), t.b.lane(t.east_out, 0), Turn::kStraight);
    expect_build_error(t.b, {"lane 0 of 'W->C'", "signal node 'C'", "no signal group"});
  }
  {
    TeeNetwork t(NodeControl::kSignal);
    t.b.add_connection(t.b.lane(t.west_in, 0), t.b.lane(t.east_out, 0), Turn::kStraight, 5);
    expect_build_error(t.b, {"lane 0 of 'W->C'", "unknown signal group id 5"});
  }
  {
    // A group of another signal node.
    TeeNetwork t(NodeControl::kSignal);
    const NodeId other = t.b.add_node("X", {500, 500}, NodeControl::kSignal);
    const SignalGroupId foreign = t.b.add_signal_group(other, "foreign");
    t.b.add_signal_group(t.centre, "own");
    t.b.add_connection(t.b.lane(t.west_in, 0), t.b.lane(t.east_out, 0), Turn::kStraight, foreign);
    expect_build_error(t.b, {"at node 'C'", "signal group 'foreign' of node 'X'"});
  }
}

TEST(NetworkClassifyTurn, ByAngle) {
  const Vec2 east{1, 0};
  EXPECT_EQ(classify_turn(east, {1, 0}), Turn::kStraight);
  EXPECT_EQ(classify_turn(east, {1, 0.3}), Turn::kStraight);  // ~17 degrees
  EXPECT_EQ(classify_turn(east, {0, 1}), Turn::kLeft);        // north: counter-clockwise
  EXPECT_EQ(classify_turn(east, {1, 1}), Turn::kLeft);        // 45 degrees
  EXPECT_EQ(classify_turn(east, {0, -1}), Turn::kRight);
  EXPECT_EQ(classify_turn(east, {-1, -0.8}), Turn::kRight);  // ~141 degrees to the right
  EXPECT_EQ(classify_turn(east, {-1, 0}), Turn::kUTurn);
  EXPECT_EQ(classify_turn(east, {-1, 0.1}), Turn::kUTurn);
  EXPECT_EQ(classify_turn({0, 0}, {0, 1}), Turn::kStraight);
  EXPECT_EQ(classify_turn({0, 5}, {-3, 0}), Turn::kLeft);  // north then west
}

}  // namespace
}  // namespace citytwin

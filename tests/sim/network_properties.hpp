#pragma once
// Structural properties every generated road network must have, shared by the grid and corridor
// generator tests. Each check reports the first offending element (with its name) and stops, so a
// broken generator produces a readable failure instead of thousands of lines.
#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <set>
#include <string>
#include <vector>

#include "sim/network/network.hpp"

namespace citytwin::testing {

inline bool is_boundary(const Network& net, NodeId node) {
  return net.node(node).control == NodeControl::kBoundary;
}

inline std::string lane_name(const Network& net, LaneId lane) {
  return "lane " + std::to_string(net.lane(lane).index_on_link) + " of " +
         net.link(net.lane(lane).link).name;
}

inline void expect_connections_meet_at_their_node(const Network& net) {
  for (const Connection& c : net.connections()) {
    const Link& in = net.link(net.lane(c.from_lane).link);
    const Link& out = net.link(net.lane(c.to_lane).link);
    ASSERT_EQ(in.to, c.node) << lane_name(net, c.from_lane);
    ASSERT_EQ(out.from, c.node) << lane_name(net, c.to_lane);
    ASSERT_FALSE(is_boundary(net, c.node)) << "connection at boundary " << net.node(c.node).name;
  }
}

// Every lane entering a junction leads somewhere and every lane leaving one can be reached;
// lanes ending at boundary nodes lead nowhere (vehicles leave the network there).
inline void expect_junction_lanes_wired(const Network& net) {
  std::vector<int> fed(net.lanes().size(), 0);
  for (const Connection& c : net.connections()) ++fed[c.to_lane];
  for (LaneId lane = 0; lane < net.lanes().size(); ++lane) {
    const Link& link = net.link(net.lane(lane).link);
    if (is_boundary(net, link.to)) {
      ASSERT_EQ(net.connections_from(lane).size(), 0u) << lane_name(net, lane);
    } else {
      ASSERT_GE(net.connections_from(lane).size(), 1u) << lane_name(net, lane);
    }
    if (!is_boundary(net, link.from)) {
      ASSERT_GE(fed[lane], 1) << lane_name(net, lane);
    }
  }
}

inline void expect_no_u_turns(const Network& net) {
  for (const Connection& c : net.connections()) {
    const Link& in = net.link(net.lane(c.from_lane).link);
    const Link& out = net.link(net.lane(c.to_lane).link);
    ASSERT_NE(out.to, in.from) << lane_name(net, c.from_lane) << " -> "
                               << lane_name(net, c.to_lane);
    ASSERT_NE(c.turn, Turn::kUTurn) << lane_name(net, c.from_lane);
  }
}

// At each signal node the groups' member lists partition exactly the node's connections, and
// each connection names the group that lists it. Unsignalised connections carry no group.
inline void expect_signal_groups_partition(const Network& net) {
  for (NodeId n = 0; n < net.nodes().size(); ++n) {
    const Node& node = net.node(n);
    std::multiset<ConnectionId> listed;
    for (SignalGroupId g : node.signal_groups) {
      ASSERT_EQ(net.signal_group(g).node, n);
      for (ConnectionId c : net.signal_group(g).connections) {
        listed.insert(c);
        ASSERT_EQ(net.connection(c).signal_group, g) << node.name;
      }
    }
    std::multiset<ConnectionId> at_node;
    for (ConnectionId c = 0; c < net.connections().size(); ++c) {
      if (net.connection(c).node != n) continue;
      at_node.insert(c);
      if (node.control != NodeControl::kSignal) {
        ASSERT_EQ(net.connection(c).signal_group, kNoId);
      }
    }
    if (node.control == NodeControl::kSignal) {
      ASSERT_EQ(listed, at_node) << node.name;
    }
    if (node.control != NodeControl::kSignal) {
      ASSERT_TRUE(node.signal_groups.empty()) << node.name;
    }
  }
}

// Links reachable from `start` following connections (link level: lane changes along a link are
// allowed, as they are for vehicles).
inline std::vector<bool> reachable_links(const Network& net, LinkId start) {
  std::vector<bool> seen(net.links().size(), false);
  std::deque<LinkId> queue{start};
  seen[start] = true;
  while (!queue.empty()) {
    const LinkId link = queue.front();
    queue.pop_front();
    const Link& l = net.link(link);
    for (LaneId lane = l.first_lane; lane < l.first_lane + l.lane_count; ++lane) {
      for (const Connection& c : net.connections_from(lane)) {
        const LinkId next = net.lane(c.to_lane).link;
        if (!seen[next]) {
          seen[next] = true;
          queue.push_back(next);
        }
      }
    }
  }
  return seen;
}

// From every boundary node a vehicle can reach every other boundary node.
inline void expect_boundaries_strongly_connected(const Network& net) {
  std::vector<NodeId> boundaries;
  for (NodeId n = 0; n < net.nodes().size(); ++n) {
    if (is_boundary(net, n)) boundaries.push_back(n);
  }
  ASSERT_GE(boundaries.size(), 2u);
  for (NodeId from : boundaries) {
    ASSERT_FALSE(net.node(from).outgoing.empty()) << net.node(from).name;
    std::vector<bool> seen(net.links().size(), false);
    for (LinkId start : net.node(from).outgoing) {
      const auto reach = reachable_links(net, start);
      for (std::size_t i = 0; i < reach.size(); ++i) seen[i] = seen[i] || reach[i];
    }
    for (NodeId to : boundaries) {
      if (to == from) continue;
      const auto& in = net.node(to).incoming;
      ASSERT_TRUE(std::any_of(in.begin(), in.end(), [&](LinkId l) { return seen[l]; }))
          << net.node(from).name << " cannot reach " << net.node(to).name;
    }
  }
}

inline double distance_to_segment(Vec2 p, Vec2 a, Vec2 b) {
  const Vec2 ab = b - a;
  const double len2 = dot(ab, ab);
  const double t = len2 > 0.0 ? std::clamp(dot(p - a, ab) / len2, 0.0, 1.0) : 0.0;
  return distance(p, a + ab * t);
}

inline double distance_to_polyline(Vec2 p, std::span<const Vec2> line) {
  double best = distance(p, line.front());
  for (std::size_t i = 1; i < line.size(); ++i) {
    best = std::min(best, distance_to_segment(p, line[i - 1], line[i]));
  }
  return best;
}

// Lanes of a link and of its reverse link keep at least a lane width between their centre lines
// along their whole length (sampled), i.e. the two directions never overlap.
inline void expect_opposite_directions_apart(const Network& net) {
  int pairs = 0;
  for (LinkId a = 0; a < net.links().size(); ++a) {
    const Link& la = net.link(a);
    for (LinkId b : net.node(la.to).outgoing) {
      if (net.link(b).to != la.from) continue;
      ++pairs;
      for (const Lane& lane_a : net.lanes_of(a)) {
        const auto shape_a = net.lane_shape(static_cast<LaneId>(&lane_a - net.lanes().data()));
        for (const Lane& lane_b : net.lanes_of(b)) {
          const auto shape_b = net.lane_shape(static_cast<LaneId>(&lane_b - net.lanes().data()));
          const double min_gap = 0.5 * (lane_a.width + lane_b.width) - 1e-9;
          for (int k = 0; k <= 10; ++k) {
            const Vec2 p = point_at(shape_a, lane_a.length * k / 10.0).position;
            ASSERT_GE(distance_to_polyline(p, shape_b), min_gap) << la.name;
          }
        }
      }
    }
  }
  ASSERT_GT(pairs, 0);
}

inline void expect_valid_generated_network(const Network& net) {
  expect_connections_meet_at_their_node(net);
  expect_junction_lanes_wired(net);
  expect_no_u_turns(net);
  expect_signal_groups_partition(net);
  expect_opposite_directions_apart(net);
}

}  // namespace citytwin::testing

#include "agents/traffic/junction_conflicts.hpp"

#include <algorithm>
#include <cmath>
#include <span>

namespace citytwin {
namespace {

double cross2(Vec2 a, Vec2 b) {
  return a.x * b.y - a.y * b.x;
}

// Proper crossing of two segments (touching end points do not count: paths that share a start or
// an end are handled as same-approach or merge cases).
bool segments_cross(Vec2 p1, Vec2 p2, Vec2 q1, Vec2 q2) {
  const double d1 = cross2(p2 - p1, q1 - p1);
  const double d2 = cross2(p2 - p1, q2 - p1);
  const double d3 = cross2(q2 - q1, p1 - q1);
  const double d4 = cross2(q2 - q1, p2 - q1);
  constexpr double kEps = 1e-9;
  return ((d1 > kEps && d2 < -kEps) || (d1 < -kEps && d2 > kEps)) &&
         ((d3 > kEps && d4 < -kEps) || (d3 < -kEps && d4 > kEps));
}

bool paths_cross(std::span<const Vec2> a, std::span<const Vec2> b) {
  for (std::size_t i = 0; i + 1 < a.size(); ++i) {
    for (std::size_t j = 0; j + 1 < b.size(); ++j) {
      if (segments_cross(a[i], a[i + 1], b[j], b[j + 1])) return true;
    }
  }
  return false;
}

int turn_rank(Turn t) {
  switch (t) {
    case Turn::kStraight:
      return 3;
    case Turn::kRight:
      return 2;
    case Turn::kLeft:
      return 1;
    case Turn::kUTurn:
      return 0;
  }
  return 0;
}

// Heading of travel at the end of a lane (the direction a vehicle enters the junction with).
Vec2 approach_direction(const Network& net, LaneId lane) {
  const auto shape = net.lane_shape(lane);
  const Vec2 d = shape[shape.size() - 1] - shape[shape.size() - 2];
  const double n = length(d);
  return n > 0 ? d * (1.0 / n) : Vec2{};
}

bool yields_at_signal(const Network& net, const Connection& a, const Connection& b) {
  const auto& ga = net.signal_group(a.signal_group);
  const auto& gb = net.signal_group(b.signal_group);
  if (ga.stage != gb.stage) return false;  // the signal separates them
  const int ra = turn_rank(a.turn);
  const int rb = turn_rank(b.turn);
  if (ra != rb) return ra < rb;
  return net.lane(a.from_lane).link > net.lane(b.from_lane).link;  // tie: a fixed, arbitrary rule
}

bool yields_at_priority(const Network& net, const Connection& a, const Connection& b) {
  const Link& la = net.link(net.lane(a.from_lane).link);
  const Link& lb = net.link(net.lane(b.from_lane).link);
  if (la.speed_limit != lb.speed_limit) return la.speed_limit < lb.speed_limit;
  if (la.lane_count != lb.lane_count) return la.lane_count < lb.lane_count;
  const double side =
      cross2(approach_direction(net, a.from_lane), approach_direction(net, b.from_lane));
  if (std::abs(side) > 0.3) return side > 0;  // b comes from a's right
  // Opposing approaches: turning traffic gives way to straight-on traffic.
  return turn_rank(a.turn) < turn_rank(b.turn);
}

}  // namespace

std::vector<MovementConflict> find_movement_conflicts(const Network& net) {
  std::vector<MovementConflict> out;
  std::vector<ConnectionId> at_node;
  std::vector<std::vector<ConnectionId>> by_node(net.nodes().size());
  for (ConnectionId c = 0; c < net.connections().size(); ++c) {
    by_node[net.connection(c).node].push_back(c);
  }
  for (NodeId n = 0; n < net.nodes().size(); ++n) {
    const Node& node = net.node(n);
    const auto& conns = by_node[n];
    if (node.right_of_way_from_source) {
      // The source network's own table (SUMO's <request> rows): its conflicts and yields are
      // what the source simulator runs, where geometry can only guess (and its guesses lock up
      // junctions of equal roads).
      for (ConnectionId a : conns) {
        for (const ConnectionFoe& foe : net.right_of_way(a))
          out.push_back({a, foe.other, foe.yields});
      }
      continue;
    }
    for (ConnectionId a : conns) {
      const Connection& ca = net.connection(a);
      for (ConnectionId b : conns) {
        if (a == b) continue;
        const Connection& cb = net.connection(b);
        if (net.lane(ca.from_lane).link == net.lane(cb.from_lane).link) continue;
        const bool merge = ca.to_lane == cb.to_lane;
        if (!merge && !paths_cross(net.connection_shape(a), net.connection_shape(b))) continue;
        bool yields = false;
        switch (node.control) {
          case NodeControl::kSignal:
            yields = yields_at_signal(net, ca, cb);
            break;
          case NodeControl::kPriority:
          case NodeControl::kBoundary:
            yields = yields_at_priority(net, ca, cb);
            break;
          case NodeControl::kAllWayStop:
            yields = true;
            break;
        }
        out.push_back({a, b, yields});
      }
    }
  }
  return out;  // ordered by (node, connection, other): deterministic
}

}  // namespace citytwin

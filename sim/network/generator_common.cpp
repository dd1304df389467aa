#include "sim/network/generator_common.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <utility>

namespace citytwin::generator {

namespace {

Vec2 link_direction(const NetworkBuilder& builder, LinkId link) {
  return builder.node_position(builder.link_to(link)) -
         builder.node_position(builder.link_from(link));
}

bool runs_north_south(Vec2 direction) {
  return std::abs(direction.y) > std::abs(direction.x);
}

struct Movement {
  LinkId in;
  LinkId out;
  Turn turn;
};

struct LaneRange {
  std::uint32_t first;
  std::uint32_t last;  // inclusive
  std::uint32_t size() const { return last - first + 1; }
};

// Pairs two lane ranges without crossing so that every lane of both takes part: step k of
// max(|a|, |b|) pairs a's and b's lanes at the same fraction of their ranges.
std::vector<std::pair<std::uint32_t, std::uint32_t>> pair_lanes(LaneRange a, LaneRange b) {
  const std::uint32_t steps = std::max(a.size(), b.size());
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  for (std::uint32_t k = 0; k < steps; ++k) {
    pairs.emplace_back(a.first + k * a.size() / steps, b.first + k * b.size() / steps);
  }
  return pairs;
}

}  // namespace

void add_two_way_road(NetworkBuilder& builder, std::vector<NodeLinks>& links_of_node, RoadEnd a,
                      RoadEnd b, std::uint32_t lanes, double speed_limit) {
  const Vec2 pa = builder.node_position(a.node);
  const Vec2 pb = builder.node_position(b.node);
  const Vec2 dir = normalized(pb - pa);
  const Vec2 start = pa + dir * a.setback;
  const Vec2 end = pb - dir * b.setback;
  const std::string name_a = builder.node_name(a.node);
  const std::string name_b = builder.node_name(b.node);

  const std::array<Vec2, 2> forward{start, end};
  const LinkId ab =
      builder.add_link(name_a + "->" + name_b, a.node, b.node, lanes, speed_limit, forward);
  const std::array<Vec2, 2> backward{end, start};
  const LinkId ba =
      builder.add_link(name_b + "->" + name_a, b.node, a.node, lanes, speed_limit, backward);
  links_of_node[a.node].outgoing.push_back(ab);
  links_of_node[b.node].incoming.push_back(ab);
  links_of_node[b.node].outgoing.push_back(ba);
  links_of_node[a.node].incoming.push_back(ba);
}

void wire_junction(NetworkBuilder& builder, NodeId node, const NodeLinks& links) {
  const bool signalised = builder.node_control(node) == NodeControl::kSignal;
  SignalGroupId ns_through = kNoId, ns_left = kNoId, ew_through = kNoId, ew_left = kNoId;
  if (signalised) {
    // Two-stage default plan like SUMO's static programmes: north-south then east-west, left
    // turns green together with the through movements of their axis.
    ns_through = builder.add_signal_group(node, "NS_through", 0);
    ns_left = builder.add_signal_group(node, "NS_left", 0);
    ew_through = builder.add_signal_group(node, "EW_through", 1);
    ew_left = builder.add_signal_group(node, "EW_left", 1);
  }

  std::vector<Movement> movements;
  for (LinkId in : links.incoming) {
    for (LinkId out : links.outgoing) {
      if (builder.link_to(out) == builder.link_from(in)) continue;  // back where it came from
      const Turn turn = classify_turn(link_direction(builder, in), link_direction(builder, out));
      if (turn != Turn::kUTurn) movements.push_back({in, out, turn});
    }
  }
  auto has_movement = [&](auto&& match) {
    return std::any_of(movements.begin(), movements.end(), match);
  };

  for (const Movement& m : movements) {
    const std::uint32_t in_lanes = builder.link_lane_count(m.in);
    const std::uint32_t out_lanes = builder.link_lane_count(m.out);
    SignalGroupId group = kNoId;
    if (signalised) {
      const bool ns = runs_north_south(link_direction(builder, m.in));
      const bool left = m.turn == Turn::kLeft;
      group = ns ? (left ? ns_left : ns_through) : (left ? ew_left : ew_through);
    }
    auto connect = [&](std::uint32_t from_index, std::uint32_t to_index) {
      builder.add_connection(builder.lane(m.in, from_index), builder.lane(m.out, to_index), m.turn,
                             group);
    };

    if (m.turn == Turn::kStraight) {
      for (std::uint32_t i = 0; i < in_lanes; ++i) connect(i, std::min(i, out_lanes - 1));
      for (std::uint32_t j = in_lanes; j < out_lanes; ++j) connect(in_lanes - 1, j);
      continue;
    }

    const bool right = m.turn == Turn::kRight;
    auto from_in_with = [&](Turn turn) {
      return has_movement([&](const Movement& o) { return o.in == m.in && o.turn == turn; });
    };
    // Source lanes: normally the kerb lane turns right and the median lane left. An approach with
    // no straight movement (a fringe corner or a T's stem) shares all its lanes among its turns,
    // the middle lane of an odd count doing both, so no lane is a dead end.
    LaneRange source = right ? LaneRange{0, 0} : LaneRange{in_lanes - 1, in_lanes - 1};
    if (!from_in_with(Turn::kStraight)) {
      const bool other_turn_exists = from_in_with(right ? Turn::kLeft : Turn::kRight);
      if (!other_turn_exists) {
        source = {0, in_lanes - 1};
      } else if (right) {
        source = {0, (in_lanes + 1) / 2 - 1};
      } else {
        source = {in_lanes / 2, in_lanes - 1};
      }
    }
    // Target lanes: the nearest edge lane, unless nothing feeds the link straight; then turns fan
    // out over all its lanes so that each one is reachable.
    LaneRange target = right ? LaneRange{0, 0} : LaneRange{out_lanes - 1, out_lanes - 1};
    if (!has_movement(
            [&](const Movement& o) { return o.out == m.out && o.turn == Turn::kStraight; })) {
      target = {0, out_lanes - 1};
    }
    for (const auto& [from_index, to_index] : pair_lanes(source, target))
      connect(from_index, to_index);
  }
}

}  // namespace citytwin::generator

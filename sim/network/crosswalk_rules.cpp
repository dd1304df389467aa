#include "sim/network/crosswalk_rules.hpp"

#include <algorithm>

namespace citytwin {
namespace {

double orientation(Vec2 a, Vec2 b, Vec2 c) {
  return cross(b - a, c - a);
}

bool within_box(Vec2 a, Vec2 b, Vec2 p) {
  return std::min(a.x, b.x) <= p.x && p.x <= std::max(a.x, b.x) && std::min(a.y, b.y) <= p.y &&
         p.y <= std::max(a.y, b.y);
}

// Closed segments ab and cd share a point (touching counts).
bool segments_meet(Vec2 a, Vec2 b, Vec2 c, Vec2 d) {
  const double o1 = orientation(a, b, c), o2 = orientation(a, b, d);
  const double o3 = orientation(c, d, a), o4 = orientation(c, d, b);
  if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0))) {
    return true;
  }
  return (o1 == 0 && within_box(a, b, c)) || (o2 == 0 && within_box(a, b, d)) ||
         (o3 == 0 && within_box(c, d, a)) || (o4 == 0 && within_box(c, d, b));
}

bool polylines_meet(std::span<const Vec2> p, std::span<const Vec2> q) {
  for (std::size_t i = 0; i + 1 < p.size(); ++i) {
    for (std::size_t j = 0; j + 1 < q.size(); ++j) {
      if (segments_meet(p[i], p[i + 1], q[j], q[j + 1])) return true;
    }
  }
  return false;
}

bool is_green(SignalState s) {
  return s == SignalState::kGreen;
}

}  // namespace

std::vector<ConnectionId> connections_crossing(const Network& roads,
                                               std::span<const ConnectionId> candidates,
                                               std::span<const Vec2> shape, double width) {
  std::vector<ConnectionId> crossed;
  if (shape.size() < 2) return crossed;
  // The band's two long edges and its centre line: a path that enters the band crosses one of
  // them, also when it starts or ends inside it.
  std::vector<Vec2> left(shape.size()), right(shape.size());
  offset_polyline(shape, -width / 2.0, left);
  offset_polyline(shape, width / 2.0, right);
  for (const ConnectionId id : candidates) {
    const auto path = roads.connection_shape(id);
    if (polylines_meet(path, shape) || polylines_meet(path, left) || polylines_meet(path, right)) {
      crossed.push_back(id);
    }
  }
  std::sort(crossed.begin(), crossed.end());
  return crossed;
}

std::vector<SignalGroupId> crosswalk_signal_groups(const Network& roads, NodeId node_id,
                                                   std::span<const ConnectionId> crossed,
                                                   std::span<const SignalState> program_states) {
  const Node& node = roads.node(node_id);
  if (node.control != NodeControl::kSignal) return {};
  auto crosses = [&](ConnectionId c) {
    return std::binary_search(crossed.begin(), crossed.end(), c);
  };
  auto has_straight = [&](SignalGroupId g, bool crossing) {
    const auto& members = roads.signal_group(g).connections;
    return std::any_of(members.begin(), members.end(), [&](ConnectionId c) {
      return roads.connection(c).turn == Turn::kStraight && (!crossing || crosses(c));
    });
  };

  std::vector<SignalGroupId> candidates;
  for (const SignalGroupId g : node.signal_groups) {
    if (!has_straight(g, true)) candidates.push_back(g);
  }

  if (!program_states.empty() && node.program != kNoId) {
    const SignalProgram& program = roads.signal_program(node.program);
    bool ever_green = false;
    for (std::uint32_t k = 0; k < program.phase_count; ++k) {
      if (!is_green(program_states[k])) continue;
      ever_green = true;
      const auto states = roads.phase_states(program, k);
      std::erase_if(candidates, [&](SignalGroupId g) {
        const auto at = std::find(node.signal_groups.begin(), node.signal_groups.end(), g);
        return !is_green(states[at - node.signal_groups.begin()]);
      });
    }
    if (!ever_green) candidates.clear();
  } else {
    // A stage is dirty when a straight movement green in it crosses the crosswalk; a movement
    // green in every stage dirties them all, and a group green in every stage is dirty when any
    // stage is.
    std::vector<bool> dirty_stage(256, false);
    bool any_dirty = false;
    for (const SignalGroupId g : node.signal_groups) {
      if (!has_straight(g, true)) continue;
      const SignalGroup& group = roads.signal_group(g);
      if (group.every_stage) {
        dirty_stage.assign(256, true);
      } else {
        dirty_stage[group.stage] = true;
      }
      any_dirty = true;
    }
    std::erase_if(candidates, [&](SignalGroupId g) {
      const SignalGroup& group = roads.signal_group(g);
      return group.every_stage ? any_dirty : dirty_stage[group.stage];
    });
  }

  std::vector<SignalGroupId> parallel;
  for (const SignalGroupId g : candidates) {
    if (has_straight(g, false)) parallel.push_back(g);
  }
  std::vector<SignalGroupId> tied = parallel.empty() ? candidates : parallel;
  std::sort(tied.begin(), tied.end());
  return tied;
}

}  // namespace citytwin

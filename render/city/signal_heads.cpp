#include "render/city/signal_heads.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace citytwin::render {
namespace {

// Distance past the lane end (the stop line) at which the heads stand, metres.
constexpr double kSetForward = 1.2;
constexpr double kMaxHeadSize = 1.4;

}  // namespace

std::vector<SignalHead> place_signal_heads(const Network& network) {
  std::vector<SignalHead> heads;
  std::vector<SignalGroupId> groups;
  for (LaneId id = 0; id < network.lanes().size(); ++id) {
    groups.clear();
    for (const Connection& c : network.connections_from(id)) {
      if (c.signal_group != kNoId) groups.push_back(c.signal_group);
    }
    if (groups.empty()) continue;
    std::sort(groups.begin(), groups.end());
    groups.erase(std::unique(groups.begin(), groups.end()), groups.end());

    const Lane& lane = network.lane(id);
    const auto shape = network.lane_shape(id);
    const PointOnLine end = point_at(shape, polyline_length(shape));
    const Vec2 forward{std::cos(end.heading), std::sin(end.heading)};
    const Vec2 right = right_normal(forward);
    const double slot = lane.width / static_cast<double>(groups.size());
    const double size = std::min(kMaxHeadSize, slot * 0.8);
    for (std::size_t k = 0; k < groups.size(); ++k) {
      // Groups in id order from the right edge of the lane to the left.
      const double lateral = lane.width * 0.5 - slot * (static_cast<double>(k) + 0.5);
      const Vec2 p = end.position + forward * (kSetForward + size * 0.5) + right * lateral;
      heads.push_back({static_cast<float>(p.x), static_cast<float>(p.y),
                       static_cast<float>(end.heading), static_cast<float>(size * 0.5), groups[k]});
    }
  }
  return heads;
}

Rgba8 signal_colour(SignalState state) {
  switch (state) {
    case SignalState::kRed:
      return palette::kSignalRed;
    case SignalState::kAmber:
      return palette::kSignalAmber;
    case SignalState::kGreen:
      return palette::kSignalGreen;
    case SignalState::kRedAmber:
      return palette::kSignalRedAmber;
    case SignalState::kOff:
      break;
  }
  return palette::kSignalOff;
}

void append_signal_instances(std::span<const SignalHead> heads, const WorldView& view,
                             std::vector<QuadInstance>& out) {
  const double inf = std::numeric_limits<double>::infinity();
  append_signal_instances(heads, view, WorldBox{{-inf, -inf}, {inf, inf}}, out);
}

void append_signal_instances(std::span<const SignalHead> heads, const WorldView& view,
                             const WorldBox& visible, std::vector<QuadInstance>& out) {
  for (const SignalHead& h : heads) {
    if (!visible.contains(h.x, h.y)) continue;
    const SignalState state =
        h.group < view.signal_state.size() ? view.signal_state[h.group] : SignalState::kOff;
    out.push_back({h.x, h.y, h.heading, h.half_size, h.half_size, signal_colour(state)});
  }
}

}  // namespace citytwin::render

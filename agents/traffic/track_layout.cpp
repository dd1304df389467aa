#include "agents/traffic/track_layout.hpp"

#include <algorithm>

#include "agents/traffic/junction_conflicts.hpp"

namespace citytwin {

TrackLayout::TrackLayout(const Network& network)
    : lane_count_(static_cast<std::uint32_t>(network.lanes().size())) {
  const auto lanes = network.lanes();
  const auto connections = network.connections();
  const std::size_t tracks = lanes.size() + connections.size();
  length_.reserve(tracks);
  speed_limit_.reserve(tracks);
  link_.reserve(tracks);
  for (const Lane& lane : lanes) {
    length_.push_back(lane.length);
    speed_limit_.push_back(lane.speed_limit);
    link_.push_back(lane.link);
  }
  for (const Connection& c : connections) {
    // A path through a junction box has no length of zero even when geometry collapses (a
    // zero-length track would let vehicles jump across in no time).
    length_.push_back(std::max(c.length, 0.5));
    // Turning speed: the source network's (SUMO's internal lanes), else the slower of the two
    // lanes' limits.
    const double lanes_limit =
        std::min(network.lane(c.from_lane).speed_limit, network.lane(c.to_lane).speed_limit);
    speed_limit_.push_back(c.speed_limit > 0.0 ? std::min(c.speed_limit, lanes_limit)
                                               : lanes_limit);
    link_.push_back(network.lane(c.to_lane).link);
  }

  const auto found = find_movement_conflicts(network);
  conflict_begin_.assign(connections.size() + 1, 0);
  for (const auto& f : found) ++conflict_begin_[f.connection + 1];
  for (std::size_t c = 0; c < connections.size(); ++c) conflict_begin_[c + 1] += conflict_begin_[c];
  conflicts_.resize(found.size());
  std::vector<std::uint32_t> fill(conflict_begin_.begin(), conflict_begin_.end() - 1);
  for (const auto& f : found) conflicts_[fill[f.connection]++] = {f.other, f.yields};
  into_begin_.assign(lane_count_ + 1, 0);
  for (const Connection& c : connections) ++into_begin_[c.to_lane + 1];
  for (std::uint32_t l = 0; l < lane_count_; ++l) into_begin_[l + 1] += into_begin_[l];
  into_.resize(connections.size());
  std::vector<std::uint32_t> next_into(into_begin_.begin(), into_begin_.end() - 1);
  for (ConnectionId c = 0; c < connections.size(); ++c) {
    into_[next_into[connections[c].to_lane]++] = c;
  }
  build_turn_table(network);
}

void TrackLayout::build_turn_table(const Network& network) {
  const auto links = network.links();
  successor_begin_.assign(links.size() + 1, 0);
  toward_begin_.assign(lane_count_ + 1, 0);
  for (LinkId l = 0; l < links.size(); ++l) {
    // Successors in order of first appearance over the link's lanes and their connections.
    const std::size_t first = successor_.size();
    for (std::uint32_t k = 0; k < links[l].lane_count; ++k) {
      for (const Connection& c : network.connections_from(links[l].first_lane + k)) {
        const LinkId to = network.lane(c.to_lane).link;
        bool seen = false;
        for (std::size_t j = first; j < successor_.size(); ++j) seen = seen || successor_[j] == to;
        if (!seen) successor_.push_back(to);
      }
    }
    successor_begin_[l + 1] = static_cast<std::uint32_t>(successor_.size());
    successor_mask_.resize(successor_.size(), 0);
    for (std::uint32_t k = 0; k < links[l].lane_count; ++k) {
      const LaneId lane = links[l].first_lane + k;
      toward_begin_[lane] = static_cast<std::uint32_t>(toward_.size());
      for (std::size_t j = first; j < successor_.size(); ++j) {
        ConnectionId found = kNoId;
        const auto from_lane = network.connections_from(lane);
        for (std::size_t m = 0; m < from_lane.size() && found == kNoId; ++m) {
          if (network.lane(from_lane[m].to_lane).link == successor_[j]) {
            found = network.lane(lane).first_connection + static_cast<ConnectionId>(m);
          }
        }
        toward_.push_back(found);
        if (found != kNoId && k < 16) {
          successor_mask_[j] = static_cast<std::uint16_t>(successor_mask_[j] | (1u << k));
        }
      }
    }
  }
  toward_begin_[lane_count_] = static_cast<std::uint32_t>(toward_.size());
}

}  // namespace citytwin

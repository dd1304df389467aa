#include "agents/traffic/track_layout.hpp"

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
    // Turning speed: the slower of the two lanes' limits (turn-speed models come later).
    speed_limit_.push_back(
        std::min(network.lane(c.from_lane).speed_limit, network.lane(c.to_lane).speed_limit));
    link_.push_back(network.lane(c.to_lane).link);
  }

  const auto found = find_movement_conflicts(network);
  conflict_begin_.assign(connections.size() + 1, 0);
  for (const auto& f : found) ++conflict_begin_[f.connection + 1];
  for (std::size_t c = 0; c < connections.size(); ++c) conflict_begin_[c + 1] += conflict_begin_[c];
  conflicts_.resize(found.size());
  std::vector<std::uint32_t> fill(conflict_begin_.begin(), conflict_begin_.end() - 1);
  for (const auto& f : found) conflicts_[fill[f.connection]++] = {f.other, f.yields};
}

}  // namespace citytwin

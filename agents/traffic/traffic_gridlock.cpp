// Gridlock detection (TrafficConfig::gridlock_after, scenario key traffic.gridlock_after): every
// gridlock_check seconds, a wait-for graph over the tracks whose front vehicle has stood for at
// least gridlock_after, each linked to the tracks it waits for:
//   - room: a front on a junction path waits for its exit lane, a lane front for its turn's
//     junction path while that holds vehicles, else for the lane the turn leads into, when that
//     has no room for it;
//   - yield: with room ahead, a lane front waits for the conflicting movements it must let go
//     (their junction path while occupied, else their lane while its front wants them);
//   - wrong lane: a front without a turn its way waits for a gap on the neighbour lane toward the
//     lanes that go its way.
// A cycle (found by a depth-first search) is a gridlock: nobody in it can go until someone
// leaves. It is named by its lowest track and counted once while it lasts; the policy
// (traffic.gridlock_resolution) either only counts it or teleports the front vehicle of that
// track, which lets the ones waiting on it go.
//
// Serial, in act with the teleports (traffic_teleport.cpp), over tracks and their waits in
// ascending order: the same result on any thread count. Scratch is kept between looks.
#include <algorithm>

#include "agents/traffic/traffic_system.hpp"

namespace citytwin {

void TrafficSystem::collect_waits(std::uint32_t track, double until) {
  const auto& s = lanes_.slots();
  const std::uint32_t i = lanes_.begin(track);
  if (i == lanes_.end(track)) return;
  const std::uint8_t f = s.flags[i];
  if ((f & kHalted) == 0 || (f & (kArrived | kMoved)) != 0) return;
  if (until - halted_since_[s.id[i]] < config_.gridlock_after) return;
  const VehicleType& type = types_[s.type[i]];
  auto full = [&](std::uint32_t lane) {
    return room_at_start(lane) - type.length < type.idm.min_gap;
  };
  auto occupied = [&](std::uint32_t t) { return lanes_.begin(t) != lanes_.end(t); };
  if (layout_.is_connection(track)) {
    const std::uint32_t out = network_->connection(layout_.connection_of(track)).to_lane;
    if (full(out)) wait_edges_.push_back(out);
    return;
  }
  if (at_destination(s.route[i], s.route_pos[i])) return;  // nothing ahead to wait for
  const ConnectionId c = s.next_conn[i];
  if (c == kNoId) {
    const std::uint32_t index = network_->lane(track).index_on_link;
    const std::uint32_t mask = s.lane_mask[i];
    if (index > 0 && (mask & ((1u << index) - 1u)) != 0) wait_edges_.push_back(track - 1);
    if ((mask >> (index + 1)) != 0) wait_edges_.push_back(track + 1);
    return;
  }
  const std::uint32_t box = layout_.connection_track(c);
  if (occupied(box)) {
    wait_edges_.push_back(box);
    return;
  }
  const std::uint32_t out = network_->connection(c).to_lane;
  if (full(out)) {
    wait_edges_.push_back(out);
    return;
  }
  for (const TrackLayout::Conflict& conflict : layout_.conflicts(c)) {
    const std::uint32_t foe_box = layout_.connection_track(conflict.other);
    if (occupied(foe_box)) {
      wait_edges_.push_back(foe_box);
    } else if (conflict.yields) {
      const std::uint32_t foe_lane = network_->connection(conflict.other).from_lane;
      if (occupied(foe_lane) && lanes_.ends(foe_lane).front_next_conn == conflict.other) {
        wait_edges_.push_back(foe_lane);
      }
    }
  }
}

void TrafficSystem::detect_gridlocks(double until) {
  const std::uint32_t tracks = lanes_.track_count();
  wait_begin_.resize(tracks + 1);
  wait_edges_.clear();
  for (std::uint32_t t = 0; t < tracks; ++t) {
    wait_begin_[t] = static_cast<std::uint32_t>(wait_edges_.size());
    collect_waits(t, until);
  }
  wait_begin_[tracks] = static_cast<std::uint32_t>(wait_edges_.size());
  // Depth-first, iteratively: 0 unvisited, 1 on the current path, 2 done. An edge back to a
  // track on the path closes a cycle made of the path from there.
  walk_mark_.assign(tracks, 0);
  gridlock_keys_.clear();
  for (std::uint32_t root = 0; root < tracks; ++root) {
    if (walk_mark_[root] != 0 || wait_begin_[root] == wait_begin_[root + 1]) continue;
    walk_mark_[root] = 1;
    walk_stack_.push_back({root, wait_begin_[root]});
    while (!walk_stack_.empty()) {
      const std::uint32_t u = walk_stack_.back().first;
      const std::uint32_t next = walk_stack_.back().second;
      if (next == wait_begin_[u + 1]) {
        walk_mark_[u] = 2;
        walk_stack_.pop_back();
        continue;
      }
      ++walk_stack_.back().second;
      const std::uint32_t v = wait_edges_[next];
      if (walk_mark_[v] == 0) {
        walk_mark_[v] = 1;
        walk_stack_.push_back({v, wait_begin_[v]});
      } else if (walk_mark_[v] == 1) {
        std::uint32_t key = v;
        for (std::size_t k = walk_stack_.size(); k-- > 0 && walk_stack_[k].first != v;) {
          key = std::min(key, walk_stack_[k].first);
        }
        gridlock_keys_.push_back(key);
      }
    }
  }
  std::sort(gridlock_keys_.begin(), gridlock_keys_.end());
  gridlock_keys_.erase(std::unique(gridlock_keys_.begin(), gridlock_keys_.end()),
                       gridlock_keys_.end());
  for (const std::uint32_t key : gridlock_keys_) {
    const bool known =
        std::binary_search(previous_gridlock_keys_.begin(), previous_gridlock_keys_.end(), key);
    if (!known) ++gridlocks_detected_;
    if (config_.gridlock_teleport) {
      teleport_front(key, until);
      ++gridlocks_resolved_;
    }
  }
  std::swap(gridlock_keys_, previous_gridlock_keys_);
}

}  // namespace citytwin

// Gridlock detection (TrafficConfig::gridlock_after, scenario key traffic.gridlock_after): every
// gridlock_check seconds, a wait-for graph over the tracks whose front vehicle has stood for at
// least gridlock_after: a front waits for the track it needs room on (the junction path of its
// turn while that holds vehicles, else the lane the turn leads into, or for a vehicle on a
// junction path its exit lane) when that track has no room for it. Every track waits for at most
// one other, so the graph is a set of chains and cycles, found in one pass; a cycle is a gridlock,
// nobody in it can move until someone leaves. A gridlock is counted once, the first time it is
// found (named by its lowest track); the policy (traffic.gridlock_resolution) either only counts
// it, or teleports the front vehicle of its lowest track, which gives the track behind it in the
// cycle room and so releases the rest.
//
// Serial, in act with the teleports (traffic_teleport.cpp), over tracks in ascending order: the
// same result on any thread count. Scratch is sized once per network.
#include <algorithm>

#include "agents/traffic/traffic_system.hpp"

namespace citytwin {

std::uint32_t TrafficSystem::waits_for(std::uint32_t track, double until) const {
  const auto& s = lanes_.slots();
  const std::uint32_t i = lanes_.begin(track);
  if (i == lanes_.end(track)) return kNoId;
  const std::uint8_t f = s.flags[i];
  if ((f & kHalted) == 0 || (f & (kArrived | kMoved)) != 0) return kNoId;
  if (until - halted_since_[s.id[i]] < config_.gridlock_after) return kNoId;
  std::uint32_t target = kNoId;
  if (layout_.is_connection(track)) {
    target = network_->connection(layout_.connection_of(track)).to_lane;
  } else {
    // A missed lane change or the destination lane waits for nobody ahead of it.
    const ConnectionId c = s.next_conn[i];
    if (c == kNoId || at_destination(s.route[i], s.route_pos[i])) return kNoId;
    const std::uint32_t box = layout_.connection_track(c);
    if (lanes_.begin(box) != lanes_.end(box)) return box;  // it waits for the path to clear
    target = network_->connection(c).to_lane;
  }
  const VehicleType& type = types_[s.type[i]];
  return room_at_start(target) - type.length < type.idm.min_gap ? target : kNoId;
}

void TrafficSystem::detect_gridlocks(double until) {
  const std::uint32_t tracks = lanes_.track_count();
  wait_for_.resize(tracks);
  walk_mark_.assign(tracks, 0);
  for (std::uint32_t t = 0; t < tracks; ++t) wait_for_[t] = waits_for(t, until);
  // Walk each chain from its first unvisited track; a walk that comes back to a track it marked
  // itself closed a cycle (a track marked by an earlier walk leads into a known chain or cycle).
  gridlock_keys_.clear();
  std::uint32_t walk = 0;
  for (std::uint32_t t = 0; t < tracks; ++t) {
    if (wait_for_[t] == kNoId || walk_mark_[t] != 0) continue;
    ++walk;
    std::uint32_t u = t;
    while (u != kNoId && walk_mark_[u] == 0) {
      walk_mark_[u] = walk;
      u = wait_for_[u];
    }
    if (u == kNoId || walk_mark_[u] != walk) continue;
    std::uint32_t key = u;
    for (std::uint32_t v = wait_for_[u]; v != u; v = wait_for_[v]) key = std::min(key, v);
    gridlock_keys_.push_back(key);
  }
  std::sort(gridlock_keys_.begin(), gridlock_keys_.end());
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

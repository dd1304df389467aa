// Merges within a step. The drive pass moves junction paths in parallel, each against the
// start-of-step state of the lane it leads into, so two vehicles entering one lane from two paths
// in the same step both stop short of the lane's last vehicle and may end up on top of each other
// (a few vehicle-steps an hour on OSM nets and spiders). A serial pass after the drive puts the
// rear one behind the front one. Only those vehicles change: a rule that made every merging
// vehicle follow the others (SUMO's link leaders) or merely capped it by them throttled every
// merge, not just the few that overlap (spider mean duration +19 % and +9 %).
#include <algorithm>

#include "agents/traffic/traffic_system.hpp"

namespace citytwin {

namespace {
constexpr double kMergeClearance = 1e-3;  // m behind the rear ahead, as at a stop line
}  // namespace

void TrafficSystem::hold_back_merge_overlaps(double dt) {
  const auto& s = lanes_.slots();
  // Entrants per lane this step (stamped, so nothing is cleared): most steps have no lane with
  // two, and then nothing is sorted.
  if (merge_stamp_.size() != layout_.lane_count()) {
    merge_stamp_.assign(layout_.lane_count(), 0);
    merge_count_.assign(layout_.lane_count(), 0);
  }
  const std::uint32_t stamp = ++merge_pass_;
  bool shared = false;
  for (const auto& part : chunk_entrants_) {
    for (const MergeEntrant& e : part) {
      const std::uint32_t lane = s.track[e.slot];
      if (merge_stamp_[lane] != stamp) {
        merge_stamp_[lane] = stamp;
        merge_count_[lane] = 1;
      } else {
        merge_count_[lane] = 2;
        shared = true;
      }
    }
  }
  if (!shared) return;
  entrants_.clear();
  for (const auto& part : chunk_entrants_) {
    for (const MergeEntrant& e : part) {
      if (merge_count_[s.track[e.slot]] == 2) entrants_.push_back(e);
    }
  }
  // By lane, then front first with ties to the lower id (the repack's order): fixed by the state,
  // whatever order the chunks produced them in.
  std::sort(entrants_.begin(), entrants_.end(), [&](const MergeEntrant& a, const MergeEntrant& b) {
    if (s.track[a.slot] != s.track[b.slot]) return s.track[a.slot] < s.track[b.slot];
    if (s.position[a.slot] != s.position[b.slot]) return s.position[a.slot] > s.position[b.slot];
    return s.id[a.slot] < s.id[b.slot];
  });
  for (std::size_t k = 0; k < entrants_.size();) {
    const std::uint32_t lane = s.track[entrants_[k].slot];
    std::uint32_t ahead = entrants_[k].slot;
    double ahead_at = s.position[ahead];  // lane coordinates
    std::size_t j = k + 1;
    for (; j < entrants_.size() && s.track[entrants_[j].slot] == lane; ++j) {
      const MergeEntrant& e = entrants_[j];
      const double allowed = ahead_at - types_[s.type[ahead]].length - kMergeClearance;
      double at = s.position[e.slot];
      if (at > allowed) {
        at = hold_back(e, allowed, s.speed[ahead], dt);
        ++merges_held_back_;
      }
      ahead = e.slot;
      ahead_at = at;
    }
    k = j;
  }
}

double TrafficSystem::hold_back(const MergeEntrant& e, double allowed, double leader_speed,
                                double dt) {
  auto& s = lanes_.slots();
  const std::uint32_t i = e.slot;
  const std::uint32_t id = s.id[i];
  const double old_speed = s.speed[i];
  const double old_v0 = ideal_speed_of(s, i, layout_.speed_limit(s.track[i]));
  double at = allowed;
  if (allowed >= 0.0) {
    s.position[i] = allowed;
  } else {
    // Back onto the path it came from, never behind where it started (whoever follows it there
    // stopped short of that), and the path's length off its distance driven.
    const double length = layout_.length(e.path);
    const double floor = e.start_track == e.path ? e.start_position : 0.0;
    const double on_path = std::max(length + allowed, floor);
    s.track[i] = e.path;
    s.position[i] = on_path;
    --s.route_pos[i];
    trip_distance_[id] -= length;
    refresh_route_cache(s, i);
    at = on_path - length;
  }
  // Still a mover (kMoved): the repack files it under its track, the path included.
  const double v = std::min(old_speed, leader_speed);
  s.speed[i] = v;
  // The step's KPI sums took the speed it had before.
  const double v0 = ideal_speed_of(s, i, layout_.speed_limit(s.track[i]));
  speed_sum_ += v - old_speed;
  time_loss_total_ += dt * (std::max(0.0, 1.0 - v / v0) - std::max(0.0, 1.0 - old_speed / old_v0));
  if (v < config_.halting_speed && (s.flags[i] & kHalted) == 0) {
    s.flags[i] |= kHalted;
    ++trip_stops_[id];
    halted_since_[id] = step_start_;
    ++halted_;
  }
  return at;
}

}  // namespace citytwin

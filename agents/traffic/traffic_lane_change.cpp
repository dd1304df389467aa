// Lane changes: MOBIL for discretionary changes, MOBIL with a growing bias for the mandatory
// changes that reach the lane leading to the next link. Decided on the packed state and applied
// at once; positions do not change, so safety checked against the target lane holds exactly.
// Even steps allow moves to the left only, odd steps to the right only: two vehicles can then
// never move into the same gap from both sides in one step.
#include <cmath>
#include <limits>
#include <optional>

#include "agents/traffic/idm.hpp"
#include "agents/traffic/mobil.hpp"
#include "agents/traffic/traffic_system.hpp"
#include "sim/step/step_context.hpp"

namespace citytwin {
namespace {
constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr double kMinChangeGap = 0.5;   // m, bumper to bumper, on both sides after the change
constexpr double kStuckDistance = 3.0;  // m before the line: a halted vehicle this close is stuck
// m/s², the braking a vehicle coming off a junction may need for a driver that changed into the
// start of its lane (entry_clear_behind).
constexpr double kEntryComfortDecel = 2.0;

// Whether a lane of `mask` lies at `target_index` or beyond it in direction `dir` (lanes from 16
// up are in no mask: they count as such a lane).
bool mask_has_lane_toward(std::uint16_t mask, int target_index, int dir, int lane_count) {
  for (int k = target_index; k >= 0 && k < lane_count; k += dir) {
    if (k >= 16 || (mask & (1u << k)) != 0) return true;
  }
  return false;
}
}  // namespace

void TrafficSystem::decide_lane_changes(const StepContext& context) {
  const int dir = context.clock().step() % 2 == 0 ? +1 : -1;
  wanting_.resize(layout_.lane_count());
  stuck_.resize(layout_.lane_count());
  changing_.resize(layout_.lane_count());
  context.executor().parallel_for(layout_.lane_count(), 256, [&](std::size_t b, std::size_t e) {
    const auto& s = lanes_.slots();
    for (std::size_t t = b; t < e; ++t) {
      const auto track = static_cast<std::uint32_t>(t);
      decide_lane_changes_on(track, dir, context.clock().step_seconds());
      flag_front_without_way(track, context.clock().step_seconds());
      // Who still asks to get out of this lane: followers in the neighbouring lanes look for
      // such vehicles only where there are some (see courtesy_accel).
      std::uint32_t asking = 0;
      std::uint32_t stuck = 0;
      std::uint32_t changing = 0;
      const std::uint8_t* const flags = s.flags.data();
      for (std::uint32_t i = lanes_.begin(track); i < lanes_.end(track); ++i) {
        asking += (flags[i] & (kWantsLeft | kWantsRight)) != 0;
        stuck += (flags[i] & kReroute) != 0;
        changing += (flags[i] & kChanging) != 0;
      }
      wanting_[track] = asking;
      stuck_[track] = stuck;
      changing_[track] = changing;
    }
  });
  reroute_stuck_vehicles(context.executor(), context.clock().now(), context.clock().step_seconds());
}

double TrafficSystem::entry_zone(std::uint32_t lane, double step_seconds) const {
  // Vehicles entering a lane this step (from a junction path, or inserted) may advance up to
  // about a step's travel at the speed limit into it without knowing about a changer: changers
  // keep clear of that stretch.
  return std::max(config_.lane_change_start_margin,
                  1.2 * layout_.speed_limit(lane) * step_seconds + 2.0);
}

void TrafficSystem::flag_front_without_way(std::uint32_t track, double step_seconds) {
  // Why: decide_lane_changes_on only looks at vehicles clear of the lane's entry zone and with a
  // neighbouring lane in the step's direction. On a one-lane link, on a lane shorter than a car
  // plus the entry zone (OSM networks are full of them) or where no lane of the link continues
  // the route, a vehicle at the line that cannot go its way was never flagged: it stood there for
  // ever and its queue locked the network (Shenzhen Nanshan: ~50 such fronts at 1,200 s). No
  // lane change can get it out, so it takes a turn its lane allows (a missed turn).
  if (lanes_.count(track) == 0) return;
  auto& s = lanes_.slots();
  const std::uint32_t i = lanes_.begin(track);
  if (!stuck_at_line(i, track)) return;
  if ((s.flags[i] & kChanging) != 0) return;  // noses into a quiet entry zone (see above)
  const Lane& lane = network_->lane(track);
  const Link& link = network_->link(lane.link);
  const bool in_entry_zone =
      s.position[i] - types_[s.type[i]].length < entry_zone(track, step_seconds);
  // In the entry zone it may still nose in when nobody arrives (decide_lane_changes_on), but only
  // on a step of its side: it is flagged to re-route without kNoWay, so it waits as patiently as
  // any driver that can still change. With kNoWay, arriving on a step of the other side was a
  // missed turn (Nanshan: 3,370 in 2 h, 332 without).
  if (link.lane_count == 1 || s.lane_mask[i] == 0) {
    s.flags[i] |= kReroute | kNoWay;
  } else if (in_entry_zone) {
    s.flags[i] |= kReroute;
  }
}

std::optional<TrafficSystem::Arrival> TrafficSystem::nearest_arrival(ConnectionId c) const {
  const std::uint32_t path = layout_.connection_track(c);
  if (lanes_.count(path) > 0) {
    const TrackEnds& ends = lanes_.ends(path);
    return Arrival{layout_.length(path) - ends.front_position, ends.front_speed, true};
  }
  const std::uint32_t from = network_->connection(c).from_lane;
  if (lanes_.count(from) == 0) return std::nullopt;
  const TrackEnds& ends = lanes_.ends(from);
  return Arrival{layout_.length(from) - ends.front_position + layout_.length(path),
                 ends.front_speed, false};
}

double TrafficSystem::arrival_reach(ConnectionId c, double speed, double step_seconds) const {
  // No further than its speed and the briskest type's acceleration carry it (a queue standing at
  // the end of the lane before moves less than a metre: Nanshan, a driver stood 734 s at the line
  // of a 23 m lane beside such a queue), nor than 1.2x the limit.
  const double limit = 1.2 * layout_.speed_limit(network_->connection(c).from_lane);
  return std::min(limit, speed + 0.5 * max_acceleration_ * step_seconds) * step_seconds + 2.0;
}

bool TrafficSystem::entry_quiet(std::uint32_t lane, double step_seconds) const {
  // Vehicles that enter a lane this step come over a connection into it: from its path, or from
  // the end of its lane when the path is short enough to cross within the step.
  for (const ConnectionId c : layout_.connections_into(lane)) {
    const auto arrival = nearest_arrival(c);
    if (!arrival) continue;
    if (arrival->on_path || arrival->distance < arrival_reach(c, arrival->speed, step_seconds)) {
      return false;
    }
  }
  return true;
}

bool TrafficSystem::entry_clear_behind(std::uint32_t lane, double rear, double step_seconds) const {
  for (const ConnectionId c : layout_.connections_into(lane)) {
    const auto arrival = nearest_arrival(c);
    if (!arrival) continue;
    const double braking = arrival->speed * arrival->speed / (2.0 * kEntryComfortDecel);
    if (rear + arrival->distance < arrival_reach(c, arrival->speed, step_seconds) + braking) {
      return false;
    }
  }
  return true;
}

bool TrafficSystem::stuck_at_line(std::uint32_t slot, std::uint32_t track) const {
  const auto& s = lanes_.slots();
  return !at_destination(s.route[slot], s.route_pos[slot]) && s.next_conn[slot] == kNoId &&
         layout_.length(track) - s.position[slot] < kStuckDistance &&
         s.speed[slot] < config_.halting_speed;
}

bool TrafficSystem::swap_stuck_fronts(std::uint32_t track) {
  // Two fronts halted at the line side by side, each in the lane the other needs, block each
  // other's gap for ever (SUMO's grids: a right turner in the middle lane beside a left turner
  // in the right lane, at a corner where neither lane's own turns lead anywhere). SUMO's lane
  // changer lets such a pair swap; so does this, serially, when both fronts are stuck and each
  // fits ahead of the other lane's second vehicle.
  auto& s = lanes_.slots();
  const std::uint32_t i = lanes_.begin(track);
  const int dir = (s.flags[i] & kWantsLeft) != 0 ? +1 : (s.flags[i] & kWantsRight) != 0 ? -1 : 0;
  if (dir == 0 || !stuck_at_line(i, track)) return false;
  const Lane& lane = network_->lane(track);
  const Link& link = network_->link(lane.link);
  const int target_index = static_cast<int>(lane.index_on_link) + dir;
  if (target_index < 0 || target_index >= static_cast<int>(link.lane_count)) return false;
  const std::uint32_t other = link.first_lane + static_cast<std::uint32_t>(target_index);
  if (lanes_.count(other) == 0) return false;
  const std::uint32_t j = lanes_.begin(other);
  if (!stuck_at_line(j, other)) return false;
  // The other front needs a lane on this side of its own.
  bool wants_this_side = false;
  for (int k = static_cast<int>(lane.index_on_link); k >= 0 && k < 16 && k < link.lane_count;
       k -= dir) {
    wants_this_side = wants_this_side || (s.lane_mask[j] & (1u << k)) != 0;
  }
  if (!wants_this_side) return false;
  auto fits = [&](std::uint32_t front, std::uint32_t into) {
    if (s.position[front] > layout_.length(into)) return false;
    if (lanes_.count(into) < 2) return true;
    const double rear = s.position[front] - types_[s.type[front]].length;
    return rear - s.position[lanes_.begin(into) + 1] >= kMinChangeGap;
  };
  if (!fits(i, other) || !fits(j, track)) return false;
  if (!network_->lane(other).allows(types_[s.type[i]].road_class) ||
      !network_->lane(track).allows(types_[s.type[j]].road_class)) {
    return false;
  }
  lanes_.swap_fronts(track, other);
  for (const std::uint32_t t : {track, other}) {
    const std::uint32_t front = lanes_.begin(t);
    s.flags[front] &= static_cast<std::uint8_t>(~(kReroute | kNoWay | kWantsLeft | kWantsRight));
    refresh_route_cache(s, front);
    lanes_.set_front_next_conn(t, s.next_conn[front]);
  }
  ++lane_swaps_;
  return true;
}

void TrafficSystem::decide_lane_changes_on(std::uint32_t track, int dir, double step_seconds) {
  auto& s = lanes_.slots();
  const auto& net = *network_;
  auto accel_behind = [&](std::uint32_t follower, double leader_rear, double leader_speed,
                          std::uint32_t follower_track) {
    const double v0 = desired_speed(s, follower, layout_.speed_limit(follower_track));
    const double gap = leader_rear - s.position[follower];
    return idm_acceleration(idm_[s.type[follower]], s.speed[follower], v0, gap, leader_speed);
  };
  auto rear = [&](std::uint32_t slot) { return s.position[slot] - types_[s.type[slot]].length; };

  if (lanes_.count(track) == 0) return;
  const Lane& lane = net.lane(track);
  const Link& link = net.link(lane.link);
  const int target_index = static_cast<int>(lane.index_on_link) + dir;
  if (target_index < 0 || target_index >= static_cast<int>(link.lane_count)) return;
  const std::uint32_t target = link.first_lane + static_cast<std::uint32_t>(target_index);

  const double target_entry_zone = entry_zone(target, step_seconds);
  const RoadClasses target_classes = net.lane(target).road_classes;
  const int lane_count = static_cast<int>(link.lane_count);
  std::uint32_t target_cursor = lanes_.begin(target);
  const std::uint32_t target_end = lanes_.end(target);
  // Metres of this lane taken by the vehicles ahead (lengths and gaps; SUMO LC2013's occupation):
  // the room left to come back in, if the driver leaves the lane now, is short of the end by it.
  double occupied_ahead = 0.0;
  for (std::uint32_t i = lanes_.begin(track); i < lanes_.end(track);
       occupied_ahead += types_[s.type[i]].length + types_[s.type[i]].idm.min_gap, ++i) {
    const VehicleType& ty = types_[s.type[i]];
    if ((target_classes & road_class_bit(ty.road_class)) == 0) continue;  // e.g. a bus lane
    const double p = s.position[i];
    const double to_end = layout_.length(track) - p;
    const std::uint32_t route = s.route[i];
    const std::uint16_t rp = s.route_pos[i];
    const bool done = at_destination(route, rp);
    const std::uint16_t continuing = s.lane_mask[i];
    const bool here_continues = done || s.next_conn[i] != kNoId;
    // Continues, but not in a lane the look-ahead prefers (from here the link after next needs
    // more changes than from another lane): move toward the preferred lanes like a mandatory
    // change, except that the vehicle is never stuck (it may go on from this lane).
    const bool strategic = here_continues && !done && lane.index_on_link < 16 &&
                           (continuing & (1u << lane.index_on_link)) == 0;
    // Must leave this lane, and some continuing lane lies in this direction.
    const bool must_change = (!here_continues || strategic) &&
                             mask_has_lane_toward(continuing, target_index, dir, lane_count);
    // In the target's entry zone a vehicle entering from the junction could not see a changer.
    // A driver stuck at the line changes there while nobody can arrive this step (on lanes
    // shorter than a car and that zone, OSM's, nobody could change at all before); a driver that
    // must change does so on the way when whoever comes in behind is far enough back to stop
    // comfortably (OSM's chains of short links left it no step to change before the line:
    // Nanshan 332 missed turns in 2 h, 107 so).
    if (p - ty.length < target_entry_zone &&
        !(stuck_at_line(i, track) && entry_quiet(target, step_seconds)) &&
        !(must_change && entry_clear_behind(target, p - ty.length, step_seconds))) {
      continue;
    }
    const auto wants = static_cast<std::uint8_t>(dir > 0 ? kWantsLeft : kWantsRight);
    s.flags[i] &= static_cast<std::uint8_t>(~wants);

    bool mandatory = false;
    bool stuck = false;
    if (!here_continues || strategic) {
      if (!must_change) continue;  // no continuing lane lies in this direction
      mandatory = true;
      // Held at the line in a lane that does not go its way: unless the gap to change is there
      // right now (checked below), the driver takes a turn this lane allows and finds a new way
      // (a missed turn), rather than block the lane for ever.
      stuck = !strategic && stuck_at_line(i, track);
    } else if (ty.mobil.keeps_route_lanes && !done && target_index < 16 &&
               (layout_.lanes_toward(lane.link,
                                     route_link(route, static_cast<std::uint16_t>(rp + 1))) &
                (1u << target_index)) == 0) {
      // A vehicle type that keeps to its route's lanes (CityFlow's) does not leave them for
      // speed anywhere on the lane.
      continue;
    } else if (target_index < 16 && (continuing & (1u << target_index)) == 0 &&
               to_end - occupied_ahead <
                   config_.keep_lane_near_end +
                       std::max(kMandatoryZoneMin, kMandatoryZoneTime * s.speed[i])) {
      // Would leave a lane that goes its way for one that does not, too close to the end (or to
      // the tail of the queue ahead): the driver must still have the room of a mandatory zone to
      // come back before keep_lane_near_end (otherwise on short links the change back fails in
      // the queue and the turn is missed; behind a long queue, drivers overtook it in the turning
      // lanes and blocked them cutting back in: Hangzhou's west entry, turns +400 s over SUMO).
      continue;
    }
    // The change is applied after this step's motion and a changer may not leave its lane in the
    // same step: a vehicle that could reach the line within the step changes later (or, stuck at
    // the line, noses in from standstill).
    if (!stuck && to_end < s.speed[i] * step_seconds + ty.length) continue;

    // Neighbours in the target lane. Both lanes are ordered front to back, so the first target
    // vehicle at or behind us only moves backwards as we go down our lane: a merge walk, not a
    // search per vehicle.
    while (target_cursor < target_end && s.position[target_cursor] > p) ++target_cursor;
    const std::uint32_t follower = target_cursor;
    const bool has_follower = follower < lanes_.end(target);
    const bool has_leader = follower > lanes_.begin(target);
    const std::uint32_t leader = follower - 1;
    const double gap_ahead = has_leader ? rear(leader) - p : kInfinity;
    const double gap_behind = has_follower ? (p - ty.length) - s.position[follower] : kInfinity;
    if (gap_ahead < kMinChangeGap || gap_behind < kMinChangeGap) {
      // No gap: ask the target lane's followers to open one (see decide_longitudinal_on).
      if (mandatory) s.flags[i] |= wants;
      if (stuck) s.flags[i] |= kReroute;
      continue;
    }
    if (stuck) {
      // Standing at the line with a gap beside it: nose in (the follower there may have to brake
      // hard, which is what happens when a stuck driver finally merges).
      s.flags[i] |= kChanging;
      continue;
    }

    const double v0 = desired_speed(s, i, layout_.speed_limit(track));
    const bool has_own_leader = i > lanes_.begin(track);
    const double own_leader_rear = has_own_leader ? rear(i - 1) : kInfinity;
    const double own_leader_speed = has_own_leader ? s.speed[i - 1] : 0.0;

    MobilInputs in{};
    in.ego_accel_current =
        idm_acceleration(idm_[s.type[i]], s.speed[i], v0, own_leader_rear - p, own_leader_speed);
    in.ego_accel_target = idm_acceleration(idm_[s.type[i]], s.speed[i], v0, gap_ahead,
                                           has_leader ? s.speed[leader] : 0.0);
    if (has_follower) {
      in.new_follower_accel_before =
          has_leader ? accel_behind(follower, rear(leader), s.speed[leader], target)
                     : accel_behind(follower, kInfinity, 0.0, target);
      in.new_follower_accel_after = accel_behind(follower, p - ty.length, s.speed[i], target);
    }
    if (i + 1 < lanes_.end(track)) {
      in.old_follower_accel_before = accel_behind(i + 1, p - ty.length, s.speed[i], track);
      in.old_follower_accel_after = accel_behind(i + 1, own_leader_rear, own_leader_speed, track);
    }

    MobilDecision decision{};
    if (mandatory) {
      // Where the change must be done: the end of this lane, or for a strategic change the end
      // of the next link's lane it lands on (the urgency grows over both).
      const double must_by =
          strategic ? to_end + layout_.length(net.connection(s.next_conn[i]).to_lane) : to_end;
      auto m = mandatory_lane_change(ty.mobil, must_by, s.speed[i], ty.max_decel);
      if (m.urgency == 0.0) {
        // Strategic: a driver who knows the lane ends for its route moves over as soon as it
        // is safe and not much worse, anywhere on the lane, not only in the last metres.
        m.params.politeness = 0.0;
        m.bias = ty.mobil.threshold + 0.5 * ty.mobil.safe_decel;
      }
      decision = mobil_decide(m.params, in, m.bias);
      if (!decision.change) s.flags[i] |= wants;
    } else {
      const double keep_right = dir < 0 ? ty.mobil.right_bias : -ty.mobil.right_bias;
      decision = mobil_decide(ty.mobil, in, keep_right);
    }
    if (decision.change) {
      // Only this vehicle's slot is written. The change is applied after this step's motion
      // (drive), so every phase of the step sees the same packing: no re-pack in between.
      // Followers in the target lane treat the vehicle as their leader from now on
      // (decide_longitudinal_on), so nobody runs into it.
      s.flags[i] |= kChanging;
    }
  }
}

}  // namespace citytwin

// Longitudinal decisions: every vehicle's IDM acceleration behind its leader, where the "leader"
// of the front vehicle of a lane is what lies beyond the stop line (the last vehicle on the
// junction path or the next lane), or the stop line itself when it may not go: red or amber it
// can stop for, no room behind the junction (never block the box), or a conflicting movement it
// must give way to.
#include <algorithm>
#include <cmath>
#include <limits>

#include "agents/traffic/idm.hpp"
#include "agents/traffic/mobil.hpp"
#include "agents/traffic/traffic_system.hpp"
#include "sim/step/step_context.hpp"

namespace citytwin {
namespace {
constexpr double kInfinity = std::numeric_limits<double>::infinity();
// A held vehicle's front may come this close to the line but never reach it (reaching it would
// move it onto the junction path).
constexpr double kLineMargin = 1e-3;
// Behind a leader on another track the limit is summed across track lengths, and crossing into
// that track subtracts them again: the rounding could leave a follower 1e-15 m into the leader's
// rear (Shenzhen Nanshan, a car inserted at the end of a 15.6 m lane). A micrometre of clearance
// is far above that rounding and far below anything a result shows.
constexpr double kCrossTrackClearance = 1e-6;
constexpr double kMinChangeGap = 0.5;  // m, bumper to bumper (as traffic_lane_change.cpp)
constexpr double kPassingSpeed = 2.0;  // m/s: slower neighbours are queueing, not passing
}  // namespace

double TrafficSystem::critical_gap(ConnectionId c) const {
  const Connection& conn = network_->connection(c);
  if (network_->node(conn.node).control == NodeControl::kSignal) {
    return config_.critical_gap_permissive_left;
  }
  switch (conn.turn) {
    case Turn::kRight:
      return config_.critical_gap_minor_right;
    case Turn::kStraight:
      return config_.critical_gap_minor_through;
    default:
      return config_.critical_gap_minor_left;
  }
}

bool TrafficSystem::may_enter(ConnectionId c, std::uint32_t slot, double distance_to_line) const {
  const auto& s = lanes_.slots();
  const Connection& conn = network_->connection(c);
  const VehicleType& ty = types_[s.type[slot]];

  // Something on the crosswalk this movement crosses (or another hold): wait as for red.
  if (blocked_ != nullptr && blocked_->is_blocked(c)) return false;
  if (conn.signal_group != kNoId) {
    const SignalState state = signal_state_[conn.signal_group];
    if (state == SignalState::kRed || state == SignalState::kRedAmber) {
      // Stop, unless the light went from green straight to red this step (no amber: CityFlow's
      // plans, some SUMO programs) and even the hardest braking cannot stop the driver before
      // the line: it goes on, as CityFlow's and SUMO's vehicles do. (Held at the line, it stopped
      // beyond its physical braking, and each green lost its last vehicle or two.)
      const double v = s.speed[slot];
      const bool caught = state == SignalState::kRed && conn.signal_group < shown_before_.size() &&
                          shown_before_[conn.signal_group] == SignalState::kGreen &&
                          v * v > 2.0 * ty.max_decel * distance_to_line;
      if (!caught) return false;
    }
    if (state == SignalState::kAmber) {
      // Stop on amber unless stopping would need more than comfortable braking.
      const double v = s.speed[slot];
      if (v * v <= 2.0 * ty.idm.comfortable_decel * distance_to_line) return false;
    }
  }

  // A stop sign: halt at the line first (the motion pass notes the stop).
  if (conn.stop_first && stopped_at_[s.id[slot]] != stop_key(c, s.route_pos[slot])) return false;

  // Room behind the junction for this vehicle and everyone already on the junction path. A
  // moving vehicle ahead will free at least its braking distance (as SUMO's junction-blocking
  // check assumes): counting it as parked would hold platoons back and halve capacity.
  const std::uint32_t path = layout_.connection_track(c);
  const std::uint32_t to = conn.to_lane;
  double room = layout_.length(to);
  if (lanes_.count(to) > 0) {
    const TrackEnds& ahead = lanes_.ends(to);
    const VehicleType& last_type = types_[ahead.last_type];
    const double v = ahead.last_speed;
    room = std::min(room, ahead.last_position - last_type.length +
                              v * v / (2.0 * last_type.idm.comfortable_decel));
  }
  for (std::uint32_t j = lanes_.begin(path); j < lanes_.end(path); ++j) {
    room -= types_[s.type[j]].length + types_[s.type[j]].idm.min_gap;
  }
  // A lane shorter than the vehicle (OSM nets split roads into pieces of a few metres or less:
  // 111 of the 867 car lanes of SUMO's tools/game/DRT net) can never offer a car length: asking
  // for one held every vehicle bound there at the line for ever. SUMO lets a vehicle stretch over
  // several lanes; here it may go once the short lane is as free as it gets.
  if (room < std::min(ty.length + ty.idm.min_gap, layout_.length(to))) return false;

  for (const auto& conflict : layout_.conflicts(c)) {
    // Someone is in the junction on a crossing or merging path: wait until it has cleared.
    if (lanes_.count(layout_.connection_track(conflict.other)) > 0) return false;
    if (!conflict.yields) continue;
    // Gap acceptance against the first vehicle heading for the priority movement.
    const Connection& other = network_->connection(conflict.other);
    if (other.signal_group != kNoId) {
      const SignalState st = signal_state_[other.signal_group];
      if (st == SignalState::kRed || st == SignalState::kRedAmber) continue;
    }
    const std::uint32_t from = other.from_lane;
    if (lanes_.count(from) == 0) continue;
    const TrackEnds& first = lanes_.ends(from);
    if (first.front_next_conn != conflict.other) continue;
    const double v = first.front_speed;
    if (v < 0.5) continue;  // standing: not approaching
    const double eta = (layout_.length(from) - first.front_position) / v;
    if (eta < critical_gap(c)) return false;
  }
  return true;
}

TrafficSystem::CourtesyLanes TrafficSystem::courtesy_lanes(std::uint32_t track) const {
  CourtesyLanes c;
  const auto& s = lanes_.slots();
  const Lane& lane = network_->lane(track);
  const Link& link = network_->link(lane.link);
  for (int n = 0; n < 2; ++n) {
    const int side = n == 0 ? -1 : +1;
    const int k = static_cast<int>(lane.index_on_link) + side;
    if (k < 0 || k >= static_cast<int>(link.lane_count)) continue;
    const std::uint32_t other = link.first_lane + static_cast<std::uint32_t>(k);
    if (wanting_[other] == 0) continue;
    // From the lane to our right they ask to go left, from the lane to our left to go right.
    const auto flag = static_cast<std::uint8_t>(side < 0 ? kWantsLeft : kWantsRight);
    for (std::uint32_t j = lanes_.begin(other); j < lanes_.end(other); ++j) {
      if ((s.flags[j] & flag) == 0) continue;
      if (c.count[n] == CourtesyLanes::kMaxAsking) break;  // the nearest 64 are plenty
      c.asking[n][c.count[n]++] = j;
    }
    c.active[n] = c.count[n] > 0;
  }
  return c;
}

inline double TrafficSystem::courtesy_accel(std::uint32_t i, double v0, double gap,
                                            double leader_speed, CourtesyLanes& lanes) const {
  // Cooperative merging: a vehicle that must move into this lane and found no gap is treated as
  // a leader by the first vehicle behind it here, so a gap opens (as SUMO's cooperative lane
  // changing does). Called front to back along a lane, so each cursor only advances.
  constexpr double kCourtesyRange = 50.0;  // m behind the asking vehicle's rear
  const auto& s = lanes_.slots();
  double accel = std::numeric_limits<double>::infinity();
  const double p = s.position[i];
  for (int n = 0; n < 2; ++n) {
    if (!lanes.active[n]) continue;
    std::uint32_t& cursor = lanes.cursor[n];
    while (cursor < lanes.count[n] && s.position[lanes.asking[n][cursor]] > p) ++cursor;
    // Asking vehicles ahead of us, nearest first: the first whose rear is ahead of our front.
    for (std::uint32_t a = cursor; a > 0;) {
      const std::uint32_t j = lanes.asking[n][--a];
      const double their_rear = s.position[j] - types_[s.type[j]].length;
      if (their_rear - p > kCourtesyRange) break;
      if (their_rear <= p) continue;
      // IDM rises with the gap and with the leader's speed: an asking vehicle at least as far
      // and as fast as the leader already followed cannot lower the acceleration (skip it).
      if (their_rear - p < gap || s.speed[j] < leader_speed) {
        accel = std::min(
            accel, idm_acceleration(idm_[s.type[i]], s.speed[i], v0, their_rear - p, s.speed[j]));
      }
      break;
    }
  }
  return accel;
}

double TrafficSystem::join_queue_accel(std::uint32_t i, std::uint32_t track, double v0,
                                       std::uint32_t* cursors) const {
  // Why: passing a standing queue in the lane one must enter leaves no gap before the line, and
  // the driver then takes a wrong turn (on the generated grid most missed turns were vehicles
  // that drove past the left-turn queue). Drivers, and SUMO's LC2013, slow down to join the
  // queue's tail instead; the followers in that lane already leave a gap (courtesy_accel).
  // Moving neighbours block just as surely: identical vehicles released side by side at a line
  // drive abreast down the whole link (nothing here dawdles), so one that must change never finds
  // its gap and stops at the line beside the vehicle it needed to get behind (grid p0.3: nearly
  // all of 549 missed turns). So, anywhere on the lane, it drops back behind such a neighbour and
  // follows the target lane's moving vehicle ahead, which opens the gap MOBIL accepts.
  const auto& s = lanes_.slots();
  constexpr double kInf = std::numeric_limits<double>::infinity();
  const double p = s.position[i];
  const double to_end = layout_.length(track) - p;
  const bool near_end = to_end <= std::max(kMandatoryZoneMin, kMandatoryZoneTime * s.speed[i]);
  if (s.next_conn[i] != kNoId || at_destination(s.route[i], s.route_pos[i])) return kInf;
  const Lane& lane = network_->lane(track);
  const Link& link = network_->link(lane.link);
  const int into = static_cast<int>(lane.index_on_link) + ((s.flags[i] & kWantsLeft) != 0 ? 1 : -1);
  if (into < 0 || into >= static_cast<int>(link.lane_count)) return kInf;
  const std::uint32_t target = link.first_lane + static_cast<std::uint32_t>(into);
  // The target lane's vehicles are ordered front to back, and this lane's vehicles are visited
  // front to back: a cursor per side walks to the first one not ahead of us (a merge walk).
  const double* const pos = s.position.data();
  std::uint32_t& lo = cursors[into > static_cast<int>(lane.index_on_link) ? 1 : 0];
  if (lo == kNoId) lo = lanes_.begin(target);
  const std::uint32_t hi = lanes_.end(target);
  while (lo < hi && pos[lo] > p) ++lo;
  // Dropping back has the link still ahead: no harder than comfortable braking (unlike joining a
  // queue near the line).
  const double comfortable = types_[s.type[i]].idm.comfortable_decel;
  double accel = kInf;
  if (lo > lanes_.begin(target)) {
    const std::uint32_t ahead = lo - 1;
    const double ahead_rear = pos[ahead] - types_[s.type[ahead]].length;
    const double gap = std::max(ahead_rear - p, 0.1);
    const double follow = idm_acceleration(idm_[s.type[i]], s.speed[i], v0, gap, s.speed[ahead]);
    // A queue: join its tail near the line whatever it takes; farther back, where our own lane
    // may still move, waiting beside a standing queue would only block it.
    const bool queue = s.speed[ahead] <= std::max(2.0, 0.5 * s.speed[i]);
    if (queue && near_end) return follow;
    if (!queue) accel = std::max(follow, -comfortable);
  }
  if (lo < hi && yields_to_neighbour(i, lo, into > static_cast<int>(lane.index_on_link))) {
    accel = std::min(accel, -comfortable);
  }
  return accel;
}

bool TrafficSystem::yields_to_neighbour(std::uint32_t i, std::uint32_t beside,
                                        bool target_on_left) const {
  // A neighbour not ahead of us that still overlaps us, at least as fast: we drop back to let it
  // pass, unless it asks for our lane too and then drops back itself (it is behind us, or, side by
  // side, it is the one on the right).
  const auto& s = lanes_.slots();
  const double rear = s.position[i] - types_[s.type[i]].length;
  if (rear - s.position[beside] >= kMinChangeGap) return false;
  // Only a moving neighbour passes; one standing in a queue would hold us for ever.
  if (s.speed[beside] < kPassingSpeed || s.speed[beside] + 0.5 < s.speed[i]) return false;
  const auto toward_us = static_cast<std::uint8_t>(target_on_left ? kWantsRight : kWantsLeft);
  if ((s.flags[beside] & toward_us) == 0) return true;
  const bool it_drops_back = s.position[beside] < s.position[i] || !target_on_left;
  return !it_drops_back;
}

void TrafficSystem::decide_longitudinal_on(std::uint32_t track, int dir, std::uint32_t base,
                                           double* accel_out, double* limit_out) const {
  const auto& s = lanes_.slots();
  auto rear = [&](std::uint32_t slot) { return s.position[slot] - types_[s.type[slot]].length; };
  const std::uint32_t first = lanes_.begin(track);
  const std::uint32_t last = lanes_.end(track);
  if (first == last) return;
  const double speed_limit = layout_.speed_limit(track);
  const double* const cap = speed_cap_;  // this step's caps by slot, or none
  // This step's lane changes (decided, applied after motion): vehicles of this lane that
  // change toward `target` also follow their new leader there, and vehicles of this lane
  // follow whoever changes into it from `source`. All lanes are ordered front to back, so both
  // are merge walks.
  std::uint32_t target = kNoId, target_cursor = 0, target_end = 0;
  std::uint32_t source = kNoId, source_cursor = 0, source_end = 0;
  std::uint32_t nearest_merger = kNoId;
  if (!layout_.is_connection(track)) {
    const Lane& lane = network_->lane(track);
    const Link& link = network_->link(lane.link);
    const int into = static_cast<int>(lane.index_on_link) + dir;
    const int from = static_cast<int>(lane.index_on_link) - dir;
    if (into >= 0 && into < static_cast<int>(link.lane_count)) {
      target = link.first_lane + static_cast<std::uint32_t>(into);
      target_cursor = lanes_.begin(target);
      target_end = lanes_.end(target);
    }
    // Only a lane with changers this step can send mergers.
    if (from >= 0 && from < static_cast<int>(link.lane_count) &&
        changing_[link.first_lane + static_cast<std::uint32_t>(from)] > 0) {
      source = link.first_lane + static_cast<std::uint32_t>(from);
      source_cursor = lanes_.begin(source);
      source_end = lanes_.end(source);
    }
  }
  CourtesyLanes courtesy = layout_.is_connection(track) ? CourtesyLanes{} : courtesy_lanes(track);
  // Most lanes have no changer, no merger and nobody asking for a gap this step: behind the
  // front vehicle everyone then just follows the previous slot (the tight loop below gives
  // the very same values as the general one).
  const bool plain = !courtesy.active[0] && !courtesy.active[1] && source == kNoId &&
                     (target == kNoId || changing_[track] == 0);
  std::uint32_t general_end = plain ? first + 1 : last;
  std::uint32_t join_cursors[2] = {kNoId, kNoId};  // right, left neighbour (join_queue_accel)
  if (plain && !layout_.is_connection(track) && wanting_[track] > 0) {
    // Vehicles asking to change lanes may hold back to join a queue (join_queue_accel): the
    // general loop runs down to the last of them, the tight loop takes the rest.
    for (std::uint32_t i = last; i > general_end;) {
      --i;
      if ((s.flags[i] & (kWantsLeft | kWantsRight)) != 0) {
        general_end = i + 1;
        break;
      }
    }
  }

  for (std::uint32_t i = first; i < general_end; ++i) {
    const VehicleType& ty = types_[s.type[i]];
    const double p = s.position[i];
    double gap = kInfinity;
    double leader_speed = 0.0;
    double limit = kInfinity;
    double turn_braking = kInfinity;  // the front's acceleration toward a slower turn (below)
    if (i > first) {
      gap = rear(i - 1) - p;
      leader_speed = s.speed[i - 1];
      limit = rear(i - 1);
    } else {
      const double to_end = layout_.length(track) - p;
      // Beyond the line: the last vehicle of the track ahead, as it was at the start of the
      // step (that track's vehicles may be moving right now, on another worker).
      auto follow_last_of = [&](std::uint32_t ahead_track, double offset) {
        if (lanes_.count(ahead_track) == 0) return false;
        const TrackEnds& ahead = lanes_.ends(ahead_track);
        gap = to_end + offset + (ahead.last_position - types_[ahead.last_type].length);
        leader_speed = ahead.last_speed;
        limit = p + gap - kCrossTrackClearance;
        return true;
      };
      auto hold_at_line = [&] {
        gap = to_end;
        leader_speed = 0.0;
        limit = layout_.length(track) - kLineMargin;
      };
      if (layout_.is_connection(track)) {
        follow_last_of(network_->connection(layout_.connection_of(track)).to_lane, 0.0);
      } else if (!at_destination(s.route[i], s.route_pos[i])) {
        const ConnectionId c = s.next_conn[i];
        if (c != kNoId) {
          // A turn slower than the lane (SUMO's turning speeds): the driver brakes ahead, from
          // where reaching the line at the turn's speed needs its comfortable deceleration, and
          // at the constant deceleration that needs from there. (A lower desired speed would not
          // do: IDM above its desired speed slows at less than b and arrives too fast.)
          // (Drivers that differ take the turn at their own factor of its speed, as SUMO's.)
          const double turn_speed = layout_.speed_limit(layout_.connection_track(c));
          const double turn_limit = drivers_vary_ ? desired_speed(s, i, turn_speed) : turn_speed;
          const double v = s.speed[i];
          if (turn_limit < v) {
            const double needed =
                (v * v - turn_limit * turn_limit) / (2.0 * std::max(to_end, kLineMargin));
            if (needed >= ty.idm.comfortable_decel) turn_braking = -needed;
          }
        }
        if (c == kNoId || !may_enter(c, i, to_end)) {
          hold_at_line();
        } else {
          const std::uint32_t path = layout_.connection_track(c);
          if (!follow_last_of(path, 0.0)) {
            follow_last_of(network_->connection(c).to_lane, layout_.length(path));
          }
        }
      }
    }
    double v0 = desired_speed(s, i, speed_limit);
    if (cap != nullptr) v0 = std::min(v0, cap[i]);
    double accel = std::min(idm_acceleration(idm_[s.type[i]], s.speed[i], v0, gap, leader_speed),
                            turn_braking);
    if (courtesy.active[0] || courtesy.active[1]) {
      accel = std::min(accel, courtesy_accel(i, v0, gap, leader_speed, courtesy));
    }
    if ((s.flags[i] & (kWantsLeft | kWantsRight)) != 0 && !layout_.is_connection(track)) {
      accel = std::min(accel, join_queue_accel(i, track, v0, join_cursors));
    }
    if (source != kNoId) {
      while (source_cursor < source_end && s.position[source_cursor] > p) {
        if ((s.flags[source_cursor] & kChanging) != 0) nearest_merger = source_cursor;
        ++source_cursor;
      }
      if (nearest_merger != kNoId) {
        const double merger_rear = rear(nearest_merger);
        accel = std::min(accel, idm_acceleration(idm_[s.type[i]], s.speed[i], v0, merger_rear - p,
                                                 s.speed[nearest_merger]));
        limit = std::min(limit, merger_rear);
      }
    }
    if ((s.flags[i] & kChanging) != 0 && target != kNoId) {
      while (target_cursor < target_end && s.position[target_cursor] > p) ++target_cursor;
      if (target_cursor > lanes_.begin(target)) {
        const std::uint32_t new_leader = target_cursor - 1;
        const double new_leader_rear = rear(new_leader);
        accel = std::min(accel, idm_acceleration(idm_[s.type[i]], s.speed[i], v0,
                                                 new_leader_rear - p, s.speed[new_leader]));
        limit = std::min(limit, new_leader_rear);
      }
      // A changer stays on its lane this step (the change is applied without a transfer).
      limit = std::min(limit, layout_.length(track) - kLineMargin);
    }
    accel_out[i - base] = accel;
    limit_out[i - base] = std::max(limit, p);  // never backwards
  }
  // The followers' tight loop, with or without this step's speed caps and drivers' own speeds
  // (neither: not a load more).
  auto follow = [&]<bool kCapped, bool kDriversVary>() {
    for (std::uint32_t i = general_end; i < last; ++i) {
      const std::uint8_t type = s.type[i];
      const double p = s.position[i];
      const double leader_rear = rear(i - 1);
      double v0 = kDriversVary ? desired_speed(s, i, speed_limit)
                               : std::min(types_[type].idm.desired_speed, speed_limit);
      if constexpr (kCapped) v0 = std::min(v0, cap[i]);
      accel_out[i - base] =
          idm_acceleration(idm_[type], s.speed[i], v0, leader_rear - p, s.speed[i - 1]);
      limit_out[i - base] = std::max(leader_rear, p);
    }
  };
  if (drivers_vary_) {
    if (cap == nullptr) {
      follow.template operator()<false, true>();
    } else {
      follow.template operator()<true, true>();
    }
  } else if (cap == nullptr) {
    follow.template operator()<false, false>();
  } else {
    follow.template operator()<true, false>();
  }
}

}  // namespace citytwin

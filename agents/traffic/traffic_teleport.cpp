// Teleports, SUMO's time-to-teleport (TrafficConfig::teleport_after, scenario key
// traffic.teleport_after; off unless set). A vehicle that stands first on its lane or junction
// path (kHalted, speed below halting_speed, without a break) for longer than teleport_after is
// taken out of the network and moved on along its route, unseen: it re-enters at the start of the
// next link of its route where a lane has room, as an insertion would place it. A link without
// room it passes at the link's speed limit (the time counts in its trip) and tries the next; past
// the end of its route it arrives there (SUMO removes it at its arrival edge). Its trip stays one
// trip: same id, inserted time and stops, and the record counts its teleports.
//
// Serial, in act after motion and insertion, before the arrivals and the repack: tracks are
// visited in ascending order and vehicles in transit in the order they left, so the result is the
// same whatever the thread count. Nothing here allocates per vehicle in steady state.
#include <algorithm>
#include <limits>

#include "agents/traffic/traffic_system.hpp"

namespace citytwin {

void TrafficSystem::teleport_stuck_vehicles(double until) {
  if (!tracks_waiting()) return;
  const auto& s = lanes_.slots();
  bool prepared = false;
  if (config_.gridlock_after > 0.0 && until + 1e-9 >= next_gridlock_check_) {
    next_gridlock_check_ = until + config_.gridlock_check;
    prepare_entering_rears();
    prepared = true;
    detect_gridlocks(until);
  }
  // The fronts as the step began: a front that neither left its track nor moved off the halt is
  // still first on it (vehicles coming in this step join behind it).
  for (std::uint32_t t = 0; config_.teleport_after > 0.0 && t < lanes_.track_count(); ++t) {
    const std::uint32_t i = lanes_.begin(t);
    if (i == lanes_.end(t)) continue;
    const std::uint8_t f = s.flags[i];
    if ((f & kHalted) == 0 || (f & (kArrived | kMoved)) != 0) continue;
    if (until - halted_since_[s.id[i]] <= config_.teleport_after) continue;
    if (!prepared) {
      prepare_entering_rears();
      prepared = true;
    }
    teleport_front(t, until);
  }
  if (transit_.empty()) return;
  if (!prepared) prepare_entering_rears();
  // Oldest first: a vehicle that has waited in transit longer gets the room first.
  std::size_t kept = 0;
  for (std::size_t k = 0; k < transit_.size(); ++k) {
    Transit transit = transit_[k];
    if (!advance_transit(transit, until)) transit_[kept++] = transit;
  }
  transit_.resize(kept);
}

void TrafficSystem::prepare_entering_rears() {
  collect_entering_rears();
  // Insertion's queued vehicles (and ours) are chained per lane, so each lane checks its own.
  index_pending_places();
}

double TrafficSystem::room_at_start(std::uint32_t lane) const {
  double room = room_behind_motion(lane);
  const VehicleSlots& pending = lanes_.pending_inserts();
  for (std::uint32_t j = placed_head_[lane]; j != kNoId; j = placed_previous_[j]) {
    room = std::min(room, pending.position[j] - types_[pending.type[j]].length);
  }
  return room;
}

void TrafficSystem::teleport_front(std::uint32_t track, double until) {
  auto& s = lanes_.slots();
  const std::uint32_t i = lanes_.begin(track);
  const std::uint32_t id = s.id[i];
  const VehicleType& type = types_[s.type[i]];
  // Why it stood, as SUMO names it: on a lane without a turn its way it missed a lane change;
  // on a junction path, or before a turn whose lane is full, it is in a jam; otherwise it was
  // not let go (signal, priority, a blocked box).
  const ConnectionId c = layout_.is_connection(track) ? kNoId : s.next_conn[i];
  double skipped = layout_.length(track) - s.position[i];
  if (layout_.is_connection(track) || at_destination(s.route[i], s.route_pos[i])) {
    ++teleports_.jam;
  } else if (c == kNoId) {
    ++teleports_.wrong_lane;
  } else {
    const std::uint32_t out = network_->connection(c).to_lane;
    ++(room_at_start(out) - type.length < type.idm.min_gap ? teleports_.jam : teleports_.yield);
    skipped += layout_.length(layout_.connection_track(c));
  }
  // Distance counts to the start of the next link (the junction path it would have taken
  // included), so distance_driven never goes back.
  trip_distance_[id] += s.position[i] + skipped;
  if (trip_teleports_.size() < departures_.size()) trip_teleports_.resize(departures_.size(), 0);
  ++trip_teleports_[id];
  transit_.push_back(
      Transit{id, s.route[i], static_cast<std::uint16_t>(s.route_pos[i] + 1u), s.type[i], until});
  lanes_.take_out(i);
}

bool TrafficSystem::advance_transit(Transit& transit, double until) {
  const VehicleType& type = types_[transit.type];
  while (transit.due <= until + 1e-9) {
    if (transit.pos >= route_length_[transit.route]) {
      // Past its destination: it arrives there.
      trips_.push_back(finish_trip(transit.id, transit.type, until, trip_distance_[transit.id]));
      ++transit_arrivals_;
      return true;
    }
    const LinkId link_id = route_link(transit.route, transit.pos);
    const Link& link = network_->link(link_id);
    // A lane that continues the route if one has room, else any; the roomiest (lowest index on
    // ties), as insertion chooses.
    const bool last = transit.pos + 1u >= route_length_[transit.route];
    const std::uint16_t mask =
        last ? 0xFFFFu
             : layout_.lanes_toward(
                   link_id, route_link(transit.route, static_cast<std::uint16_t>(transit.pos + 1)));
    const std::uint32_t lanes = std::min<std::uint32_t>(link.lane_count, 16);
    const std::uint16_t closed = closed_lanes(link_id, group_of_route(transit.route));
    int best = -1;
    double best_room = 0.0;
    for (int pass = 0; pass < 2 && best < 0; ++pass) {
      for (std::uint32_t k = 0; k < lanes; ++k) {
        if (((closed >> k) & 1u) != 0) continue;  // never onto a lane its class may not use
        if (pass == 0 && ((mask >> k) & 1u) == 0) continue;
        const double room = room_at_start(link.first_lane + k);
        if (room - type.length < type.idm.min_gap) continue;
        if (best < 0 || room > best_room) {
          best = static_cast<int>(k);
          best_room = room;
        }
      }
    }
    if (best >= 0) {
      const std::uint32_t lane = link.first_lane + static_cast<std::uint32_t>(best);
      const double v0 = cruise_speed(type, speed_factor_of(transit.id), layout_.speed_limit(lane));
      VehicleSlots& inserts = lanes_.pending_inserts();
      const std::size_t k = inserts.size();
      inserts.resize(k + 1);
      inserts.id[k] = transit.id;
      inserts.track[k] = lane;
      inserts.position[k] = type.length;
      inserts.speed[k] =
          std::clamp((best_room - type.length - type.idm.min_gap) / type.idm.time_headway, 0.0, v0);
      inserts.route[k] = transit.route;
      inserts.route_pos[k] = transit.pos;
      inserts.type[k] = transit.type;
      inserts.flags[k] = 0;
      refresh_route_cache(inserts, k);
      // Chained like a placement, so the next re-entry on this lane sees it.
      if (placed_head_[lane] == kNoId) placed_lanes_.push_back(lane);
      placed_previous_.push_back(placed_head_[lane]);
      placed_head_[lane] = static_cast<std::uint32_t>(k);
      trip_distance_[transit.id] -= type.length;  // its front starts at type.length
      return true;
    }
    // No room: it passes the link at the speed limit and tries the next one.
    transit.due += link.length /
                   std::max(0.1, cruise_speed(type, speed_factor_of(transit.id), link.speed_limit));
    trip_distance_[transit.id] += link.length;
    ++transit.pos;
  }
  return false;
}

}  // namespace citytwin

// Motion: one parallel pass decides every vehicle's acceleration and integrates it (ballistic,
// clamped so no vehicle passes the rear its leader had at the start of the step), moves vehicles
// across track ends along the route and takes the step's KPI sums; then arrivals.
#include <algorithm>
#include <cmath>

#include "agents/traffic/idm.hpp"
#include "agents/traffic/traffic_system.hpp"
#include "sim/step/step_context.hpp"

namespace citytwin {

std::vector<std::uint32_t> TrafficSystem::drive_chunks(const TrackLayout& layout,
                                                       const Network& network) {
  // Whole links (car-following on a lane reads the start-of-step state of its neighbours:
  // changers, mergers, gap requests), about kTracksPerChunk tracks a chunk, then junction paths
  // (each reads other tracks only through their ends).
  constexpr std::uint32_t kTracksPerChunk = 64;
  std::vector<std::uint32_t> chunks{0};
  for (std::uint32_t t = 0; t < layout.lane_count();) {
    t += network.link(layout.link(t)).lane_count;
    if (t - chunks.back() >= kTracksPerChunk) chunks.push_back(t);
  }
  if (chunks.back() != layout.lane_count()) chunks.push_back(layout.lane_count());
  for (std::uint32_t t = layout.lane_count(); t < layout.track_count();) {
    t = std::min(layout.track_count(), t + kTracksPerChunk);
    chunks.push_back(t);
  }
  return chunks;
}

void TrafficSystem::drive(const StepContext& context) {
  const auto chunks = static_cast<std::uint32_t>(drive_chunks_.size() - 1);
  const int dir = context.clock().step() % 2 == 0 ? +1 : -1;  // this step's lane-change direction
  const double dt = context.clock().step_seconds();
  // Waiting times: teleports, gridlock detection and the patience before a missed turn.
  step_start_ = context.clock().now();
  // Every id a slot can hold is below departures_.size() (copies and placements grow both).
  if (halted_since_.size() < departures_.size()) halted_since_.resize(departures_.size(), 0.0);
  if (stop_signs_ && stopped_at_.size() < departures_.size()) {
    stopped_at_.resize(departures_.size(), ~std::uint64_t{0});
  }
  chunk_sums_.assign(chunks, StepSums{});
  chunk_entrants_.resize(chunks);
  lanes_.begin_classify(chunks);
  context.executor().parallel_for(chunks, 1, [&](std::size_t cb, std::size_t ce) {
    // Decisions for one link at a time, kept in cache until its vehicles move. Grows to the
    // most vehicles on one link, then never allocates again.
    thread_local std::vector<double> accel;
    thread_local std::vector<double> limit;
    thread_local DeferredUpdates deferred;
    for (std::size_t c = cb; c < ce; ++c) {
      StepSums sums;
      deferred.tallies.clear();
      deferred.route_refresh.clear();
      deferred.entrants.clear();
      const std::uint32_t chunk_end = drive_chunks_[c + 1];
      for (std::uint32_t t = drive_chunks_[c]; t < chunk_end;) {
        const std::uint32_t unit_end =
            layout_.is_connection(t) ? t + 1 : t + network_->link(layout_.link(t)).lane_count;
        const std::uint32_t b = lanes_.begin(t);
        const std::uint32_t e = lanes_.end(unit_end - 1);
        if (b < e) {
          if (accel.size() < e - b) {
            accel.resize(e - b);
            limit.resize(e - b);
          }
          for (std::uint32_t u = t; u < unit_end; ++u) {
            decide_longitudinal_on(u, dir, b, accel.data(), limit.data());
          }
          sums.add(integrate_slots(b, e, accel.data(), limit.data(), dir, dt, deferred));
        }
        t = unit_end;
      }
      chunk_sums_[c] = sums;
      chunk_entrants_[c].assign(deferred.entrants.begin(), deferred.entrants.end());
      apply_deferred(deferred);
      lanes_.classify_tracks(static_cast<std::uint32_t>(c), drive_chunks_[c], chunk_end);
    }
  });
  lanes_.end_classify();
  // Summed in chunk order: the same association whatever the thread count.
  StepSums total;
  for (const StepSums& part : chunk_sums_) total.add(part);
  moved_ = lanes_.size();
  speed_sum_ = total.speed;
  time_loss_total_ += total.loss;
  halted_ = static_cast<std::uint64_t>(total.halted);
  hold_back_merge_overlaps(dt);
}

void TrafficSystem::apply_deferred(const DeferredUpdates& deferred) {
  // Each vehicle's events are logged in the order they happened, so its distance gets the very
  // same additions in the same order as if added in place; a vehicle is in one chunk only, so
  // chunks may apply theirs concurrently.
  double* const trip_distance = trip_distance_.data();
  std::uint16_t* const trip_stops = trip_stops_.data();
  // Drive sized it to every vehicle id: the waiting time counts from the step the vehicle came to
  // a halt, as SUMO's does.
  double* const halted_since = halted_since_.empty() ? nullptr : halted_since_.data();
  for (const TripTally& t : deferred.tallies) {
    if (t.new_stop) {
      ++trip_stops[t.id];
      if (halted_since != nullptr) halted_since[t.id] = step_start_;
    } else {
      trip_distance[t.id] += t.distance;
    }
  }
  auto& s = lanes_.slots();
  for (const std::uint32_t slot : deferred.route_refresh) refresh_route_cache(s, slot);
}

TrafficSystem::StepSums TrafficSystem::integrate_slots(std::uint32_t b, std::uint32_t e,
                                                       const double* accel, const double* limit,
                                                       int dir, double dt,
                                                       DeferredUpdates& deferred) {
  auto& s = lanes_.slots();
  StepSums local;
  // Column pointers held in locals: stores through the uint8_t flags may alias anything, so
  // reading through the vectors would reload every base pointer after each flag write.
  double* const speed = s.speed.data();
  double* const position = s.position.data();
  const std::uint32_t* const id = s.id.data();
  std::uint8_t* const flags = s.flags.data();
  std::uint32_t* const track_of = s.track.data();
  std::uint16_t* const route_pos = s.route_pos.data();
  const std::uint32_t* const route = s.route.data();
  const std::uint8_t* const type = s.type.data();
  const VehicleType* const types = types_.data();
  const double halting_speed = config_.halting_speed;
  for (std::uint32_t i = b; i < e; ++i) {
    const VehicleType& ty = types[type[i]];
    const double a = std::clamp(accel[i - b], -ty.max_decel, ty.idm.max_acceleration);
    const Motion m = ballistic_step(speed[i], a, dt);
    const double p = position[i];
    double next = p + m.distance;
    double v = m.speed;
    if (next > limit[i - b]) {
      next = limit[i - b];
      v = std::min(v, (next - p) / dt);
    }
    std::uint8_t f = flags[i];
    if (stop_signs_ && v < kStopSpeed) note_stop_at_line(i, next);
    if (v < halting_speed) {
      if ((f & kHalted) == 0) {
        f |= kHalted;
        deferred.tallies.push_back({id[i], true, 0.0});
      }
    } else {
      f &= static_cast<std::uint8_t>(~kHalted);
    }

    const std::uint32_t here = track_of[i];
    std::uint32_t track = here;
    std::uint16_t rp = route_pos[i];
    while (next >= layout_.length(track)) {
      if (layout_.is_connection(track)) {
        next -= layout_.length(track);
        deferred.tallies.push_back({id[i], false, layout_.length(track)});
        deferred.entrants.push_back({i, track, here, p});
        track = network_->connection(layout_.connection_of(track)).to_lane;
        ++rp;
        continue;
      }
      if (at_destination(route[i], rp)) {
        f |= kArrived;
        break;
      }
      if (track != here) {
        // One lane end per step: decide looked one track past the line it saw, so a vehicle
        // that crossed a whole lane this step (OSM's chains of lanes and paths a few metres
        // long) stops at that lane's end and becomes its front, which sees the queue, the
        // signal and the yield rules there next step. Without this it drove through them
        // into a standing queue two tracks on and overlapped it.
        next = layout_.length(track) - 1e-3;
        break;
      }
      // The cached connection belongs to the lane the vehicle started the step on.
      const ConnectionId c = track == here ? s.next_conn[i] : next_connection(track, route[i], rp);
      if (c == kNoId) {  // cannot happen: held at the line in decide; stay safe anyway
        next = layout_.length(track) - 1e-3;
        break;
      }
      next -= layout_.length(track);
      deferred.tallies.push_back({id[i], false, layout_.length(track)});
      track = layout_.connection_track(c);
    }
    if ((f & kChanging) != 0) {
      f &= static_cast<std::uint8_t>(~kChanging);
      if (track == here && !layout_.is_connection(track)) {  // decide kept it on its lane
        const Lane& lane = network_->lane(track);
        track = network_->link(lane.link).first_lane +
                static_cast<std::uint32_t>(static_cast<int>(lane.index_on_link) + dir);
        // Same link, same route position: only the connection changes (the refresh finds the
        // same lane mask).
        track_of[i] = track;
        deferred.route_refresh.push_back(i);
        f = static_cast<std::uint8_t>((f | kMoved) & ~(kWantsLeft | kWantsRight));
      }
    }
    if (track != track_of[i]) {
      track_of[i] = track;
      route_pos[i] = rp;
      deferred.route_refresh.push_back(i);
      f = static_cast<std::uint8_t>((f | kMoved) & ~(kWantsLeft | kWantsRight));
    }
    flags[i] = f;
    position[i] = next;
    speed[i] = v;
    // Time lost against the driver's ideal speed (SUMO's timeLoss: its factor x the limit).
    const double v0 = ideal_speed_of(s, i, layout_.speed_limit(track));
    local.speed += v;
    local.loss += dt * std::max(0.0, 1.0 - v / v0);
    local.halted += (f & kHalted) ? 1.0 : 0.0;
  }
  return local;
}

void TrafficSystem::note_stop_at_line(std::uint32_t slot, double position) {
  // At (almost) a standstill at the line of a stop sign: it may enter from now on (may_enter).
  // Its own entry only: one worker moves each vehicle.
  auto& s = lanes_.slots();
  const ConnectionId c = s.next_conn[slot];
  if (c == kNoId || !network_->connection(c).stop_first) return;
  const VehicleType& type = types_[s.type[slot]];
  if (layout_.length(s.track[slot]) - position <= type.idm.min_gap + kStopLineReach) {
    stopped_at_[s.id[slot]] = stop_key(c, s.route_pos[slot]);
  }
}

void TrafficSystem::record_arrivals(double now, double step_seconds) {
  auto& s = lanes_.slots();
  if (arrivals_ring_.empty()) {
    arrivals_ring_.assign(
        static_cast<std::size_t>(std::max(1.0, std::round(config_.kpi_window / step_seconds))), 0);
  }
  // Vehicles that arrived out of transit this step (traffic_teleport.cpp) recorded their trips.
  std::uint32_t count = transit_arrivals_;
  transit_arrivals_ = 0;
  for (const std::uint32_t i : lanes_.arrivals()) {
    const std::uint32_t id = s.id[i];
    trips_.push_back(finish_trip(id, s.type[i], now, trip_distance_[id] + s.position[i]));
    ++count;
  }
  arrived_ += count;
  arrivals_in_window_ += count;
  arrivals_in_window_ -= arrivals_ring_[ring_cursor_];
  arrivals_ring_[ring_cursor_] = count;
  ring_cursor_ = (ring_cursor_ + 1) % arrivals_ring_.size();
}

TripRecord TrafficSystem::finish_trip(std::uint32_t id, std::uint8_t type, double now,
                                      double distance) const {
  // Delay and route length refer to the route planned at departure (re-routing changes s.route).
  const std::uint32_t route = departure_route_[id];
  TripRecord trip;
  trip.id = id;
  trip.type = type;
  trip.origin = departures_[id].origin;
  trip.destination = departures_[id].destination;
  trip.depart = departures_[id].time;
  trip.inserted = inserted_at_[id];
  trip.arrive = now;
  // At the driver's own ideal speed, as SUMO's timeLoss counts (its factor x the limits).
  trip.free_flow_time = route_free_flow_[route] / speed_factor_of(id);
  trip.distance = distance;
  trip.stops = trip_stops_[id];
  trip.route_links = route_length_[route];
  trip.teleports = id < trip_teleports_.size() ? trip_teleports_[id] : 0;
  return trip;
}

void TrafficSystem::reduce_kpis(const StepContext& /*context*/) {
  // Speed, halted and time-loss sums were taken while integrating (vehicles that drove this
  // step, arrivals included); here only the counts after insertion and arrival.
  in_network_ = lanes_.size();
  vehicle_updates_ += moved_;
}

}  // namespace citytwin

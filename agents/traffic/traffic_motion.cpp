// Motion: ballistic integration of the decided accelerations, clamped so no vehicle passes the
// rear its leader had at the start of the step; then moves across track ends along the route,
// arrivals, and the per-step KPI reductions.
#include <algorithm>
#include <cmath>

#include "agents/traffic/idm.hpp"
#include "agents/traffic/traffic_system.hpp"
#include "sim/step/step_context.hpp"

namespace citytwin {

void TrafficSystem::integrate(const StepContext& context) {
  auto& s = lanes_.slots();
  const int dir = context.clock().step() % 2 == 0 ? +1 : -1;  // this step's lane-change direction
  const double dt = context.clock().step_seconds();
  // The step's KPI sums are taken in the same pass (one sweep over the vehicles instead of two),
  // with a reduction whose association order depends only on the vehicle count.
  const StepSums sums = context.executor().deterministic_reduce(
      s.size(), 4096, StepSums{},
      [&](std::size_t b, std::size_t e) {
        StepSums local;
        for (std::size_t i = b; i < e; ++i) {
          const VehicleType& ty = types_[s.type[i]];
          const double a = std::clamp(accel_[i], -ty.max_decel, ty.idm.max_acceleration);
          const Motion m = ballistic_step(s.speed[i], a, dt);
          const double p = s.position[i];
          double next = p + m.distance;
          double v = m.speed;
          if (next > limit_[i]) {
            next = limit_[i];
            v = std::min(v, (next - p) / dt);
          }
          s.distance[i] += next - p;
          if (v < config_.halting_speed) {
            if ((s.flags[i] & kHalted) == 0) {
              s.flags[i] |= kHalted;
              ++s.stops[i];
            }
          } else {
            s.flags[i] &= static_cast<std::uint8_t>(~kHalted);
          }

          std::uint32_t track = s.track[i];
          std::uint16_t rp = s.route_pos[i];
          while (next >= layout_.length(track)) {
            if (layout_.is_connection(track)) {
              next -= layout_.length(track);
              track = network_->connection(layout_.connection_of(track)).to_lane;
              ++rp;
              continue;
            }
            if (at_destination(s.route[i], rp)) {
              s.flags[i] |= kArrived;
              break;
            }
            // The cached connection belongs to the lane the vehicle started the step on.
            const ConnectionId c =
                track == s.track[i] ? s.next_conn[i] : next_connection(track, s.route[i], rp);
            if (c == kNoId) {  // cannot happen: held at the line in decide; stay safe anyway
              next = layout_.length(track) - 1e-3;
              break;
            }
            next -= layout_.length(track);
            track = layout_.connection_track(c);
          }
          if ((s.flags[i] & kChanging) != 0) {
            s.flags[i] &= static_cast<std::uint8_t>(~kChanging);
            if (track == s.track[i] &&
                !layout_.is_connection(track)) {  // decide kept it on its lane
              const Lane& lane = network_->lane(track);
              track = network_->link(lane.link).first_lane +
                      static_cast<std::uint32_t>(static_cast<int>(lane.index_on_link) + dir);
              // Same link, same route position: only the connection changes, not the lane mask.
              s.track[i] = track;
              s.next_conn[i] = next_connection(track, s.route[i], rp);
              s.flags[i] =
                  static_cast<std::uint8_t>((s.flags[i] | kMoved) & ~(kWantsLeft | kWantsRight));
            }
          }
          if (track != s.track[i]) {
            s.track[i] = track;
            s.route_pos[i] = rp;
            refresh_route_cache(s, i);
            s.flags[i] =
                static_cast<std::uint8_t>((s.flags[i] | kMoved) & ~(kWantsLeft | kWantsRight));
          }
          s.position[i] = next;
          s.speed[i] = v;
          const double v0 = std::min(ty.idm.desired_speed, layout_.speed_limit(s.track[i]));
          local.speed += v;
          local.loss += dt * std::max(0.0, 1.0 - v / v0);
          local.halted += (s.flags[i] & kHalted) ? 1.0 : 0.0;
        }
        return local;
      },
      [](StepSums a, const StepSums& b) {
        a.speed += b.speed;
        a.loss += b.loss;
        a.halted += b.halted;
        return a;
      });
  moved_ = s.size();
  speed_sum_ = sums.speed;
  time_loss_total_ += sums.loss;
  halted_ = static_cast<std::uint64_t>(sums.halted);
}

void TrafficSystem::record_arrivals(double now, double step_seconds) {
  auto& s = lanes_.slots();
  if (arrivals_ring_.empty()) {
    arrivals_ring_.assign(
        static_cast<std::size_t>(std::max(1.0, std::round(config_.kpi_window / step_seconds))), 0);
  }
  std::uint32_t count = 0;
  for (const std::uint32_t i : lanes_.arrivals()) {
    const std::uint32_t id = s.id[i];
    // Delay and route length refer to the route planned at departure (re-routing changes s.route).
    const std::uint32_t route = departure_route_[id];
    TripRecord trip;
    trip.id = id;
    trip.type = s.type[i];
    trip.origin = departures_[id].origin;
    trip.destination = departures_[id].destination;
    trip.depart = departures_[id].time;
    trip.inserted = inserted_at_[id];
    trip.arrive = now;
    trip.free_flow_time = route_free_flow_[route];
    trip.distance = s.distance[i];
    trip.stops = s.stops[i];
    trip.route_links = route_length_[route];
    trips_.push_back(trip);
    ++count;
  }
  arrived_ += count;
  arrivals_in_window_ += count;
  arrivals_in_window_ -= arrivals_ring_[ring_cursor_];
  arrivals_ring_[ring_cursor_] = count;
  ring_cursor_ = (ring_cursor_ + 1) % arrivals_ring_.size();
}

void TrafficSystem::reduce_kpis(const StepContext& /*context*/) {
  // Speed, halted and time-loss sums were taken while integrating (vehicles that drove this
  // step, arrivals included); here only the counts after insertion and arrival.
  in_network_ = lanes_.size();
  vehicle_updates_ += moved_;
}

}  // namespace citytwin

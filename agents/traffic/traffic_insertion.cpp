// Insertion: due departures wait per origin link, first come first served per lane, until a lane
// of that link that continues their route has room at its start; the waiting count is reported,
// nothing is dropped or teleported.
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "sim/core/rng.hpp"

#include "agents/traffic/traffic_rng_streams.hpp"
#include "agents/traffic/traffic_system.hpp"

namespace citytwin {

void TrafficSystem::declare_knobs(KnobList& knobs) const {
  // On top of the scenario's own demand.scale: 1 = the demand as scheduled.
  knobs.slider<TrafficSystem>("demand x (from now)", "x%.2f", 0.0, kMaxDemandScale, demand_scale_,
                              [](TrafficSystem& traffic, double v) {
                                traffic.set_demand_scale(std::round(v * 100.0) / 100.0);
                              });
}

void TrafficSystem::set_demand_scale(double scale) {
  if (!std::isfinite(scale) || scale < 0.0 || scale > kMaxDemandScale) {
    throw std::invalid_argument("demand scale must be between 0 and " +
                                std::to_string(kMaxDemandScale));
  }
  demand_scale_ = scale;
}

std::uint32_t TrafficSystem::clone_departure(std::uint32_t d) {
  const auto vehicle = static_cast<std::uint32_t>(departures_.size());
  Departure copy = departures_[d];
  departures_.push_back(std::move(copy));
  departure_type_.push_back(departure_type_[d]);
  departure_route_.push_back(departure_route_[d]);
  inserted_at_.push_back(0.0);
  trip_distance_.push_back(0.0);
  trip_stops_.push_back(0);
  if (drivers_vary_) speed_factor_.push_back(draw_speed_factor(vehicle, departure_type_[d]));
  return vehicle;
}

float TrafficSystem::draw_speed_factor(std::uint32_t vehicle, std::uint8_t type) const {
  const DriverSpread& drivers = types_[type].drivers;
  if (!(drivers.speed_deviation > 0.0)) return static_cast<float>(drivers.speed_factor);
  // Redrawn outside the bounds, as SUMO's capped normal; the mean is inside them (the type's
  // checks), so after many misses (a huge deviation) the mean is a fair answer.
  CounterRng rng(config_.driver_seed, kDriverStream, vehicle, 0);
  for (int attempt = 0; attempt < 64; ++attempt) {
    const double factor = drivers.speed_factor + drivers.speed_deviation * rng.normal();
    if (factor >= kMinSpeedFactor && factor <= kMaxSpeedFactor) return static_cast<float>(factor);
  }
  return static_cast<float>(drivers.speed_factor);
}

void TrafficSystem::insert_departures(double until, std::uint64_t seed) {
  // Queue everything due by now (times the demand scale). Placed vehicles and copies are
  // appended after the schedule and never scheduled again.
  while (next_departure_ < scheduled_count_ && departures_[next_departure_].time <= until + 1e-9) {
    const auto d = static_cast<std::uint32_t>(next_departure_++);
    if (config_.route_departures_on_current_times) {
      // Routed now, on the costs of the last minutes (sample_departure_costs); copies share it.
      const Departure& due = departures_[d];
      const std::uint32_t route =
          route_id(group_of_type(departure_type_[d]), due.origin, due.destination, due.via);
      if (route != kNoRoute) departure_route_[d] = route;
    }
    // Its own "agent" key in the demand stream: no other draw uses it.
    const std::size_t copies =
        scaled_copies(demand_scale_, seed, demand_rng_agent(DemandSource::kTrip, 0x3FFFFFFEu), d);
    if (copies == 0) ++departures_dropped_;
    for (std::size_t c = 0; c < copies; ++c) {
      const std::uint32_t vehicle = c == 0 ? d : clone_departure(d);
      if (c > 0) ++departures_added_;
      const LinkId origin = departures_[vehicle].origin;
      if (waiting_[origin].size() == waiting_head_[origin]) {
        const auto at =
            std::lower_bound(links_with_waiting_.begin(), links_with_waiting_.end(), origin);
        if (at == links_with_waiting_.end() || *at != origin) {
          links_with_waiting_.insert(at, origin);
        }
      }
      waiting_[origin].push_back(vehicle);
      ++waiting_count_;
    }
  }

  if (links_with_waiting_.empty()) return;
  collect_entering_rears();
  VehicleSlots& inserts = lanes_.pending_inserts();
  for (std::size_t w = 0; w < links_with_waiting_.size();) {
    const LinkId link_id = links_with_waiting_[w];
    const Link& link = network_->link(link_id);
    auto& queue = waiting_[link_id];
    auto& head = waiting_head_[link_id];
    // Free space at the start of each lane (rear of its last vehicle), updated as we insert.
    double space[16];
    const std::uint32_t lanes = std::min<std::uint32_t>(link.lane_count, 16);
    for (std::uint32_t k = 0; k < lanes; ++k) space[k] = room_behind_motion(link.first_lane + k);
    // First come, first served per lane, as CityFlow's per-lane waiting buffers: a vehicle
    // that finds no room in the lanes that continue its route holds those lanes for itself
    // (nobody behind it may take them), but not the others, so a queue for the through lane
    // does not keep a left-turner behind it from entering its own lane. Stop once every lane
    // is held. Placed vehicles leave the scanned range; the held ones close up behind it in
    // their order.
    const std::uint16_t all_lanes =
        static_cast<std::uint16_t>(lanes >= 16 ? 0xFFFFu : (1u << lanes) - 1u);
    std::uint16_t held = 0;
    std::size_t scan = head;
    std::size_t kept = 0;  // vehicles of [head, scan) that stay queued, packed at their front
    for (; scan < queue.size() && held != all_lanes; ++scan) {
      const std::uint32_t vehicle = queue[scan];
      const VehicleType& type = types_[departure_type_[vehicle]];
      const std::uint32_t route = departure_route_[vehicle];
      // Only lanes that continue the route, the look-ahead's (strategic_lanes) first; within a
      // pass the emptiest (lowest index on ties). Never a lane that does not continue: the
      // vehicle would merge into a standing queue and mostly miss its first turn (Fuhua: ~150
      // of the 174 missed turns left by the look-ahead); CityFlow and SUMO's
      // departLane="best" wait as well.
      // (Lanes its class may not use are in neither: best lanes leave them out.)
      const std::uint16_t preferred = strategic_lanes(route, 0);
      const std::uint16_t continuing =
          (at_destination(route, 0) ? all_lanes
                                    : layout_.lanes_toward(link_id, route_link(route, 1))) &
          static_cast<std::uint16_t>(~closed_lanes(link_id, group_of_route(route)));
      int best = -1;
      for (int pass = 0; pass < 2 && best < 0; ++pass) {
        const std::uint16_t allowed = (pass == 0 ? preferred : continuing) & ~held;
        for (std::uint32_t k = 0; k < lanes; ++k) {
          if ((allowed & (1u << k)) == 0) continue;
          // A lane shorter than a car and its gap (OSM nets cut roads into pieces of a few
          // metres, and trips start on them: 207 of DRT's 1,684 never entered) takes one when
          // it is empty, sticking out behind its start, as SUMO inserts there.
          const double length = layout_.length(link.first_lane + k);
          if (space[k] < std::min(type.length + type.idm.min_gap, length)) continue;
          if (best < 0 || space[k] > space[best]) best = static_cast<int>(k);
        }
      }
      if (best < 0) {
        held = static_cast<std::uint16_t>(held | continuing);
        queue[head + kept++] = vehicle;  // never ahead of `scan`: order is kept
        continue;
      }
      const std::uint32_t lane = link.first_lane + static_cast<std::uint32_t>(best);
      const double gap = space[best] - type.length;
      // Its front at type.length, or short of the end of a shorter lane.
      const double front = std::min(type.length, layout_.length(lane) - 1e-3);
      const double v0 = cruise_speed(type, speed_factor_of(vehicle), layout_.speed_limit(lane));
      // Enter as fast as the gap allows with the desired time headway ("max" depart speed).
      const double speed = std::clamp((gap - type.idm.min_gap) / type.idm.time_headway, 0.0, v0);

      const std::size_t k = inserts.size();
      inserts.resize(k + 1);
      inserts.id[k] = vehicle;
      inserts.track[k] = lane;
      inserts.position[k] = front;
      inserts.speed[k] = speed;
      trip_distance_[vehicle] = -front;  // its distance counts from where its front starts
      inserts.route[k] = route;
      inserts.route_pos[k] = 0;
      trip_stops_[vehicle] = 0;
      inserts.type[k] = departure_type_[vehicle];
      inserts.flags[k] = 0;
      refresh_route_cache(inserts, k);
      inserted_at_[vehicle] = until;
      ++inserted_;
      --waiting_count_;
      space[best] = 0.0;  // its rear is at the lane start now
    }
    // The held vehicles sit at [head, head + kept); move them up against the unscanned rest.
    std::move_backward(queue.begin() + static_cast<std::ptrdiff_t>(head),
                       queue.begin() + static_cast<std::ptrdiff_t>(head + kept),
                       queue.begin() + static_cast<std::ptrdiff_t>(scan));
    head = scan - kept;
    if (head == queue.size()) {
      queue.clear();  // keeps capacity
      head = 0;
      links_with_waiting_.erase(links_with_waiting_.begin() + static_cast<std::ptrdiff_t>(w));
    } else {
      ++w;
    }
  }
}

}  // namespace citytwin

namespace citytwin {

bool TrafficSystem::place_vehicle(LinkId origin, LinkId destination, LaneId lane, double position,
                                  double speed, std::uint8_t type, double now) {
  if (type >= types_.size() || lane >= layout_.lane_count() || layout_.link(lane) != origin) {
    return false;
  }
  const double length = types_[type].length;
  if (position < length || position > layout_.length(lane) || speed < 0.0) return false;
  // Overlap with vehicles driving on the lane or placed before in this step.
  const auto& s = lanes_.slots();
  for (std::uint32_t j = lanes_.begin(lane); j < lanes_.end(lane); ++j) {
    const double front = s.position[j];
    const double rear = front - types_[s.type[j]].length;
    if (position > rear && position - length < front) return false;
  }
  const VehicleSlots& pending = lanes_.pending_inserts();
  index_pending_places();
  for (std::uint32_t j = placed_head_[lane]; j != kNoId; j = placed_previous_[j]) {
    const double front = pending.position[j];
    const double rear = front - types_[pending.type[j]].length;
    if (position > rear && position - length < front) return false;
  }
  if (!network_->lane(lane).allows(types_[type].road_class)) return false;
  const std::uint32_t route = route_id(group_of_type(type), origin, destination, {});
  if (route == kNoRoute) return false;

  const auto vehicle = static_cast<std::uint32_t>(departures_.size());
  Departure d;
  d.time = now;
  d.origin = origin;
  d.destination = destination;
  d.vehicle_type = type_names_[type];
  departures_.push_back(std::move(d));
  departure_type_.push_back(type);
  departure_route_.push_back(route);
  inserted_at_.push_back(now);
  trip_distance_.push_back(-position);
  trip_stops_.push_back(0);
  if (drivers_vary_) speed_factor_.push_back(draw_speed_factor(vehicle, type));

  VehicleSlots& inserts = lanes_.pending_inserts();
  const std::size_t k = inserts.size();
  inserts.resize(k + 1);
  inserts.id[k] = vehicle;
  inserts.track[k] = lane;
  inserts.position[k] = position;
  inserts.speed[k] = speed;
  inserts.route[k] = route;
  inserts.route_pos[k] = 0;
  inserts.type[k] = type;
  inserts.flags[k] = 0;
  refresh_route_cache(inserts, k);
  if (placed_head_[lane] == kNoId) placed_lanes_.push_back(lane);
  placed_previous_.push_back(placed_head_[lane]);
  placed_head_[lane] = static_cast<std::uint32_t>(k);
  ++inserted_;
  return true;
}

void TrafficSystem::collect_entering_rears() {
  const auto& s = lanes_.slots();
  entering_rear_.assign(layout_.lane_count(), std::numeric_limits<double>::infinity());
  for (const std::uint32_t i : lanes_.movers()) {
    if (s.track[i] >= layout_.lane_count()) continue;
    entering_rear_[s.track[i]] =
        std::min(entering_rear_[s.track[i]], s.position[i] - types_[s.type[i]].length);
  }
}

double TrafficSystem::room_behind_motion(std::uint32_t lane) const {
  const auto& s = lanes_.slots();
  double room = std::min(layout_.length(lane), entering_rear_[lane]);
  // The last vehicle that stays on the lane (leavers still sit at the segment's end).
  for (std::uint32_t j = lanes_.end(lane); j > lanes_.begin(lane);) {
    --j;
    if ((s.flags[j] & (kMoved | kArrived)) != 0) continue;
    return std::min(room, s.position[j] - types_[s.type[j]].length);
  }
  return room;
}

void TrafficSystem::index_pending_places() {
  const VehicleSlots& pending = lanes_.pending_inserts();
  if (placed_head_.size() != layout_.lane_count()) placed_head_.assign(layout_.lane_count(), kNoId);
  // The chains cover every pending insert unless a repack consumed them or insertion added some.
  if (placed_repack_ == lanes_.repack_count() && placed_previous_.size() == pending.size()) return;
  placed_repack_ = lanes_.repack_count();
  for (const std::uint32_t lane : placed_lanes_) placed_head_[lane] = kNoId;
  placed_lanes_.clear();
  placed_previous_.clear();
  for (std::uint32_t j = 0; j < pending.size(); ++j) {
    const std::uint32_t lane = pending.track[j];
    if (placed_head_[lane] == kNoId) placed_lanes_.push_back(lane);
    placed_previous_.push_back(placed_head_[lane]);
    placed_head_[lane] = j;
  }
}

}  // namespace citytwin

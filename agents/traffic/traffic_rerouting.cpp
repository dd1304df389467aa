// Re-routing: drivers stuck in a lane that does not go their way take a turn it allows and find
// a new way; optionally, everyone re-plans every few minutes on current link travel times.
// Routes are shared and the route tables grow serially; the costly walks are planned in parallel.
#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "agents/traffic/traffic_system.hpp"

namespace citytwin {
namespace {
// s a driver standing at the line of a short lane in the wrong lane waits for its gap while the
// vehicles behind it could go (see reroute_stuck_vehicles).
constexpr double kShortLaneGrace = 5.0;
}  // namespace

void TrafficSystem::reroute_stuck_vehicles(Executor& executor, double now, double step_seconds) {
  // Only lanes counted in decide_lane_changes hold flagged vehicles (kReroute is set there only);
  // lanes in ascending order visit the slots in ascending order.
  auto& s = lanes_.slots();
  for (std::uint32_t lane = 0; lane < stuck_.size(); ++lane) {
    if (stuck_[lane] != 0 && (s.flags[lanes_.begin(lane)] & (kReroute | kNoWay)) == kReroute) {
      swap_stuck_fronts(lane);
    }
  }
  stuck_slots_.clear();
  // Vehicles placed since the last drive (place_vehicle) have no waiting time yet (drive sizes
  // it); one may already stand stuck at the line on the first step.
  if (halted_since_.size() < departures_.size()) halted_since_.resize(departures_.size(), 0.0);
  for (std::uint32_t lane = 0; lane < stuck_.size(); ++lane) {
    if (stuck_[lane] == 0) continue;
    for (std::uint32_t i = lanes_.begin(lane); i < lanes_.end(lane); ++i) {
      if ((s.flags[i] & kReroute) == 0) continue;
      // A driver who could still change lanes waits at the line for a gap (the target lane's
      // followers are asked to open one) before giving up and taking a turn its lane allows,
      // as long as waiting holds nobody up: nobody behind, or its lane's movements are red.
      // Waiting through its lane's green cost more than the missed turns saved, even where the
      // wanted lane moved too (SUMO's Jinan and Hangzhou files: mean duration +6 % and +10 %).
      // Except briefly on a lane too short to change on before the line (within its entry zone,
      // OSM's chains of short links): its driver had no earlier chance, and the target lane's
      // queue moving off the same green opens the gap (Nanshan on SUMO's routing, 2 h: 91
      // missed turns for 3,353 vehicles, 55 with 5 s).
      const double halted_for = now - halted_since_[s.id[i]];
      const bool short_lane =
          s.position[i] - types_[s.type[i]].length < entry_zone(lane, step_seconds);
      const bool patient = (s.flags[i] & kNoWay) == 0 && (s.flags[i] & kHalted) != 0 &&
                           halted_for < config_.missed_turn_after &&
                           (i + 1 == lanes_.end(lane) || !lane_may_go(lane) ||
                            (short_lane && halted_for < kShortLaneGrace));
      if (patient) {
        s.flags[i] &= static_cast<std::uint8_t>(~kReroute);
        continue;
      }
      stuck_slots_.push_back(i);
    }
  }
  if (stuck_slots_.empty()) return;
  // Trees first, serially: building one is the only write the planning would make.
  for (const std::uint32_t i : stuck_slots_) {
    route_trees_[group_of_route(s.route[i])].prepare(route_destination(s.route[i]));
  }
  // The tree walks and free-flow sums in parallel (read-only; each chunk of vehicles writes its
  // own plans and link buffer), then the route table grows serially in slot order as before, so
  // route ids and every result are the same whatever the thread count.
  constexpr std::uint32_t kVehiclesPerChunk = 8;
  const auto count = static_cast<std::uint32_t>(stuck_slots_.size());
  const std::uint32_t chunks = (count + kVehiclesPerChunk - 1) / kVehiclesPerChunk;
  planned_.resize(static_cast<std::size_t>(count) * kPlannedAttempts);
  if (planned_links_.size() < chunks) planned_links_.resize(chunks);
  executor.parallel_for(chunks, 1, [&](std::size_t b, std::size_t e) {
    thread_local std::vector<LinkId> scratch;
    for (std::size_t c = b; c < e; ++c) {
      planned_links_[c].clear();
      const auto first = static_cast<std::uint32_t>(c) * kVehiclesPerChunk;
      for (std::uint32_t v = first; v < std::min(count, first + kVehiclesPerChunk); ++v) {
        plan_reroute(stuck_slots_[v], static_cast<std::uint32_t>(c),
                     &planned_[static_cast<std::size_t>(v) * kPlannedAttempts], scratch);
      }
    }
  });
  for (std::uint32_t v = 0; v < count; ++v) {
    reroute_stuck_vehicle(stuck_slots_[v],
                          &planned_[static_cast<std::size_t>(v) * kPlannedAttempts]);
  }
}

bool TrafficSystem::lane_may_go(std::uint32_t lane) const {
  const Lane& l = network_->lane(lane);
  for (std::uint32_t k = 0; k < l.connection_count; ++k) {
    const Connection& c = network_->connection(l.first_connection + k);
    if (c.signal_group == kNoId || signal_state_ == nullptr) return true;
    const SignalState state = signal_state_[c.signal_group];
    if (state == SignalState::kGreen || state == SignalState::kAmber) return true;
  }
  return false;
}

void TrafficSystem::plan_reroute(std::uint32_t i, std::uint32_t chunk, PlannedRoute* plans,
                                 std::vector<LinkId>& links) {
  // Mirrors reroute_stuck_vehicle's attempts and route_id's construction on a miss; anything it
  // cannot do read-only (a waypoint search, a tree not built) is left unplanned for route_id.
  const auto& s = lanes_.slots();
  for (std::uint32_t k = 0; k < kPlannedAttempts; ++k) plans[k] = PlannedRoute{};
  const std::uint32_t lane = s.track[i];
  const LinkId here = layout_.link(lane);
  const LinkId destination = route_destination(s.route[i]);
  const std::uint8_t group = group_of_route(s.route[i]);
  const RouteTrees& trees = route_trees_[group];
  const Lane& l = network_->lane(lane);
  auto& out = planned_links_[chunk];
  const std::uint32_t attempts = std::min<std::uint32_t>(l.connection_count, kPlannedAttempts);
  for (std::uint32_t k = 0; k < attempts; ++k) {
    if (!group_may_use(network_->connection(l.first_connection + k), group)) continue;
    const LinkId next = turn_target(l, k);
    // Known already: route_id will find it (the tables only grow), no plan needed.
    const std::uint32_t known =
        known_route(group, here, destination, next == destination ? kNoId : next);
    if (known != kNoRoute) {
      if (route_length_[known] > 1 && route_link(known, 1) == next) return;  // will succeed
      continue;
    }
    if (next == destination) {
      if (!trees.route_if_built(here, destination, links).has_value()) return;
    } else if (routers_[group].connected(here, next)) {
      const std::optional<bool> found = trees.route_if_built(next, destination, links);
      if (!found) return;
      if (*found) links.insert(links.begin(), here);
    } else {
      return;
    }
    PlannedRoute& plan = plans[k];
    plan.planned = true;
    plan.chunk = chunk;
    plan.begin = static_cast<std::uint32_t>(out.size());
    plan.count = static_cast<std::uint32_t>(links.size());
    out.insert(out.end(), links.begin(), links.end());
    const bool usable = !links.empty() && links.size() <= std::numeric_limits<std::uint16_t>::max();
    if (usable) plan.free_flow = routers_[group].free_flow_time(links);
    if (usable && links.size() > 1 && links[1] == next) return;  // this attempt will succeed
  }
}

void TrafficSystem::reroute_stuck_vehicle(std::uint32_t i, const PlannedRoute* plans) {
  auto& s = lanes_.slots();
  // Asking for a gap goes on if no route.
  s.flags[i] &= static_cast<std::uint8_t>(~(kReroute | kNoWay));
  const std::uint32_t lane = s.track[i];
  const LinkId here = layout_.link(lane);
  const LinkId destination = route_destination(s.route[i]);
  const std::uint8_t group = group_of_route(s.route[i]);
  const Lane& l = network_->lane(lane);
  for (std::uint32_t k = 0; k < l.connection_count; ++k) {
    if (!group_may_use(network_->connection(l.first_connection + k), group)) continue;
    const LinkId next = turn_target(l, k);
    const LinkId via[] = {next};
    const PlannedRoute* plan = k < kPlannedAttempts ? &plans[k] : nullptr;
    const std::uint32_t route = next == destination ? route_id(group, here, destination, {}, plan)
                                                    : route_id(group, here, destination, via, plan);
    if (route == kNoRoute || route_link(route, 1) != next) continue;
    s.route[i] = route;
    s.route_pos[i] = 0;
    refresh_route_cache(s, i);
    s.flags[i] &= static_cast<std::uint8_t>(~(kWantsLeft | kWantsRight));
    // Vehicles at conflicting movements see the new turn (they read the track ends).
    if (i == lanes_.begin(lane)) lanes_.set_front_next_conn(lane, s.next_conn[i]);
    ++reroutes_;
    break;
  }
}

void TrafficSystem::reroute_on_current_times() {
  // Serial: routes are shared and the router's cache is not thread-safe. Deterministic: costs come
  // from the packed state, vehicles are visited in slot order.
  const auto& net = *network_;
  auto& s = lanes_.slots();
  const std::size_t links = net.links().size();
  measure_link_speeds();
  link_cost_.resize(links);
  for (LinkId l = 0; l < links; ++l) {
    link_cost_[l] = net.link(l).length / std::max(1.0, link_speed_[l]);
  }
  set_route_costs(link_cost_);  // routes chosen from now on use the new costs

  for (std::uint32_t lane = 0; lane < layout_.lane_count(); ++lane) {
    const LinkId here = layout_.link(lane);
    for (std::uint32_t i = lanes_.begin(lane); i < lanes_.end(lane); ++i) {
      if (at_destination(s.route[i], s.route_pos[i])) continue;
      const LinkId destination = route_destination(s.route[i]);
      const std::uint32_t route = route_id(group_of_route(s.route[i]), here, destination, {});
      if (route == kNoRoute) continue;
      const bool same_next = route_link(route, 1) ==
                             route_link(s.route[i], static_cast<std::uint16_t>(s.route_pos[i] + 1));
      s.route[i] = route;
      s.route_pos[i] = 0;
      refresh_route_cache(s, i);
      if (i == lanes_.begin(lane)) lanes_.set_front_next_conn(lane, s.next_conn[i]);
      dynamic_reroutes_ += same_next ? 0 : 1;
    }
  }
  set_route_costs(departure_costs_);  // departures keep their own costs
}

void TrafficSystem::set_route_costs(std::span<const double> seconds_per_link) {
  for (RouteTrees& trees : route_trees_) trees.set_link_costs(seconds_per_link);
  for (auto& table : route_by_od_) table.clear();
  for (auto& table : route_by_od_via_) table.clear();
}

void TrafficSystem::measure_link_speeds() {
  const auto& s = lanes_.slots();
  const std::size_t links = network_->links().size();
  link_speed_.assign(links, 0.0);  // the sum first
  link_vehicles_.assign(links, 0);
  for (std::uint32_t lane = 0; lane < layout_.lane_count(); ++lane) {
    const LinkId link = layout_.link(lane);
    for (std::uint32_t i = lanes_.begin(lane); i < lanes_.end(lane); ++i) {
      link_speed_[link] += s.speed[i];
      ++link_vehicles_[link];
    }
  }
  for (LinkId l = 0; l < links; ++l) {
    link_speed_[l] =
        link_vehicles_[l] > 0 ? link_speed_[l] / link_vehicles_[l] : network_->link(l).speed_limit;
  }
}

void TrafficSystem::sample_departure_costs(double now, double step_seconds) {
  // Why: SUMO routes each <trip> when it is inserted, on its edges' speeds averaged over the last
  // three minutes; free-flow routes send everyone down the same few streets (netgenerate's grid
  // at 24,000 trips an hour locked within 90 minutes on them: 16,238 trips completed against
  // 21,867-23,070 on current times). Serial, from the packed state: the same on any thread count.
  // Each sample starts new routes, so the route table grows with the departures (shared only
  // within a sample's 10 s).
  const auto every = std::max<std::int64_t>(1, std::llround(kDepartureSpeedSample / step_seconds));
  if (std::llround(now / step_seconds) % every != 0) return;
  const auto& net = *network_;
  const std::size_t links = net.links().size();
  measure_link_speeds();
  departure_speed_samples_.resize(links * kDepartureSpeedSamples);
  double* const row =
      departure_speed_samples_.data() + (departure_samples_taken_ % kDepartureSpeedSamples) * links;
  std::copy(link_speed_.begin(), link_speed_.end(), row);
  ++departure_samples_taken_;
  const std::size_t filled = std::min(departure_samples_taken_, kDepartureSpeedSamples);
  departure_costs_.resize(links);
  for (LinkId l = 0; l < links; ++l) {
    double sum = 0.0;
    for (std::size_t k = 0; k < filled; ++k) sum += departure_speed_samples_[k * links + l];
    departure_costs_[l] = net.link(l).length / std::max(1.0, sum / static_cast<double>(filled));
  }
  set_route_costs(departure_costs_);  // departures from now on take routes on these costs
}

}  // namespace citytwin

// Re-routing: drivers stuck in a lane that does not go their way take a turn it allows and find
// a new way; optionally, everyone re-plans every few minutes on current link travel times.
// Serial by design: routes are shared and the route tables grow here.
#include <algorithm>

#include "agents/traffic/traffic_system.hpp"

namespace citytwin {

void TrafficSystem::reroute_stuck_vehicles() {
  // Serial and in slot order: routes are shared and the route table grows here.
  // Only lanes counted in decide_lane_changes hold flagged vehicles (kReroute is set there only);
  // lanes in ascending order visit the slots in ascending order.
  auto& s = lanes_.slots();
  for (std::uint32_t lane = 0; lane < stuck_.size(); ++lane) {
    if (stuck_[lane] == 0) continue;
    for (std::uint32_t i = lanes_.begin(lane); i < lanes_.end(lane); ++i) {
      if ((s.flags[i] & kReroute) == 0) continue;
      reroute_stuck_vehicle(i);
    }
  }
}

void TrafficSystem::reroute_stuck_vehicle(std::uint32_t i) {
  auto& s = lanes_.slots();
  s.flags[i] &= static_cast<std::uint8_t>(~kReroute);  // asking for a gap goes on if no route
  const std::uint32_t lane = s.track[i];
  const LinkId here = layout_.link(lane);
  const LinkId destination = route_link(s.route[i], route_length_[s.route[i]] - 1u);
  const Lane& l = network_->lane(lane);
  for (std::uint32_t k = 0; k < l.connection_count; ++k) {
    const LinkId next = network_->lane(network_->connection(l.first_connection + k).to_lane).link;
    const LinkId via[] = {next};
    const std::uint32_t route =
        next == destination ? route_id(here, destination, {}) : route_id(here, destination, via);
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
  link_speed_sum_.assign(links, 0.0);
  link_vehicles_.assign(links, 0);
  for (std::uint32_t lane = 0; lane < layout_.lane_count(); ++lane) {
    const LinkId link = layout_.link(lane);
    for (std::uint32_t i = lanes_.begin(lane); i < lanes_.end(lane); ++i) {
      link_speed_sum_[link] += s.speed[i];
      ++link_vehicles_[link];
    }
  }
  link_cost_.resize(links);
  for (LinkId l = 0; l < links; ++l) {
    const Link& link = net.link(l);
    const double speed =
        link_vehicles_[l] > 0 ? link_speed_sum_[l] / link_vehicles_[l] : link.speed_limit;
    link_cost_[l] = link.length / std::max(1.0, speed);
  }
  route_trees_.set_link_costs(link_cost_);
  route_by_od_.clear();  // routes chosen from now on use the new costs
  route_by_od_via_.clear();

  for (std::uint32_t lane = 0; lane < layout_.lane_count(); ++lane) {
    const LinkId here = layout_.link(lane);
    for (std::uint32_t i = lanes_.begin(lane); i < lanes_.end(lane); ++i) {
      if (at_destination(s.route[i], s.route_pos[i])) continue;
      const LinkId destination = route_link(s.route[i], route_length_[s.route[i]] - 1u);
      const std::uint32_t route = route_id(here, destination, {});
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
  route_trees_.set_link_costs({});  // departures keep free-flow routes
  route_by_od_.clear();
  route_by_od_via_.clear();
}

}  // namespace citytwin

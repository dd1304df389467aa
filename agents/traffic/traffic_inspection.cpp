// The traffic system's part of the city view's inspector: a picked vehicle (where it is, its
// trip so far, the route still ahead) and, for a picked junction, the queues on its approaches.
// Runs on publish for one target only, so plain scans over the slots are fine here.
#include <cstdarg>
#include <cstdio>
#include <string>

#include "agents/traffic/traffic_system.hpp"
#include "agents/traffic/vehicle_agent_kinds.hpp"
#include "sim/network/geometry.hpp"
#include "sim/view/inspection.hpp"

namespace citytwin {
namespace {

std::string format(const char* pattern, ...) {
  char text[160];
  va_list args;
  va_start(args, pattern);
  std::vsnprintf(text, sizeof text, pattern, args);
  va_end(args);
  return text;
}

}  // namespace

void TrafficSystem::describe(const InspectTarget& target, Inspection& inspection) const {
  if (target.kind == InspectTarget::Kind::kNode) {
    describe_junction(target.id, inspection);
  } else if (target.kind == InspectTarget::Kind::kAgent &&
             is_vehicle_agent_kind(target.agent_kind)) {
    describe_vehicle(target.id, inspection);
  }
}

void TrafficSystem::describe_junction(NodeId node, Inspection& inspection) const {
  if (node >= network_->nodes().size()) return;
  const auto& s = lanes_.slots();
  for (const LinkId l : network_->node(node).incoming) {
    const Link& link = network_->link(l);
    std::uint32_t vehicles = 0;
    std::uint32_t halted = 0;
    for (LaneId lane = link.first_lane; lane < link.first_lane + link.lane_count; ++lane) {
      vehicles += lanes_.count(lane);
      for (std::uint32_t i = lanes_.begin(lane); i < lanes_.end(lane); ++i) {
        halted += (s.flags[i] & kHalted) != 0;
      }
    }
    inspection.add("approaches", link.name,
                   format("%u vehicles, %u halted (%u lanes)", vehicles, halted, link.lane_count));
  }
}

void TrafficSystem::describe_vehicle(std::uint32_t id, Inspection& inspection) const {
  if (id >= departures_.size()) return;
  const Departure& departure = departures_[id];
  const auto& s = lanes_.slots();
  std::size_t slot = s.size();
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s.id[i] == id) {
      slot = i;
      break;
    }
  }
  const std::uint8_t type = slot < s.size() ? s.type[slot] : departure_type_[id];
  // The picker may not know the class (--inspect vehicle:ID): name it, so views can find it.
  inspection.target.agent_kind = vehicle_agent_kind(types_[type].vehicle_class);
  inspection.title =
      format("%s %u (%s)", std::string(vehicle_class_name(types_[type].vehicle_class)).c_str(), id,
             type_names_[type].c_str());
  inspection.add("trip", "from", network_->link(departure.origin).name);
  inspection.add("trip", "to", network_->link(departure.destination).name);
  inspection.add("trip", "departs", format("%.0f s", departure.time));

  if (slot == s.size()) {
    for (const TripRecord& trip : trips_) {
      if (trip.id != id) continue;
      inspection.add("trip", "arrived", format("%.0f s", trip.arrive));
      inspection.add("trip", "travel time",
                     format("%.0f s (delay %.0f s)", trip.travel_time(), trip.delay()));
      inspection.add("trip", "distance", format("%.0f m, %u stops", trip.distance, trip.stops));
      return;
    }
    inspection.add("trip", "state", "not in the network (waiting to enter or not due yet)");
    return;
  }

  inspection.present = true;
  const std::uint32_t track = s.track[slot];
  const bool on_junction = layout_.is_connection(track);
  const auto shape = on_junction ? network_->connection_shape(layout_.connection_of(track))
                                 : network_->lane_shape(track);
  const PointOnLine p = point_at(shape, s.position[slot]);
  inspection.has_position = true;
  inspection.x = static_cast<float>(p.position.x);
  inspection.y = static_cast<float>(p.position.y);

  inspection.add("trip", "entered", format("%.0f s", inserted_at_[id]));
  inspection.add(
      "trip", "driven",
      format("%.0f m, %u stops", distance_driven(slot), static_cast<unsigned>(trip_stops_[id])));
  if (on_junction) {
    const Connection& c = network_->connection(layout_.connection_of(track));
    inspection.add("now", "on",
                   "junction " + network_->node(c.node).name + " toward " +
                       network_->link(network_->lane(c.to_lane).link).name);
  } else {
    const Lane& lane = network_->lane(track);
    inspection.add("now", "on",
                   format("%s lane %u", network_->link(lane.link).name.c_str(),
                          static_cast<unsigned>(lane.index_on_link)));
  }
  inspection.add("now", "position",
                 format("%.1f m of %.1f m", s.position[slot], layout_.length(track)));
  inspection.add(
      "now", "speed",
      format("%.1f km/h (limit %.0f km/h)", s.speed[slot] * 3.6, layout_.speed_limit(track) * 3.6));
  if (slot + 1 < lanes_.end(track)) {
    const double gap = s.position[slot + 1] - types_[s.type[slot + 1]].length - s.position[slot];
    inspection.add("now", "leader",
                   format("%.1f m ahead at %.1f km/h", gap, s.speed[slot + 1] * 3.6));
  }
  const std::uint8_t flags = s.flags[slot];
  if (flags & kWantsLeft) inspection.add("now", "wants", "to change left (its route turns)");
  if (flags & kWantsRight) inspection.add("now", "wants", "to change right (its route turns)");

  const std::uint32_t route = s.route[slot];
  std::string ahead;
  for (std::uint32_t k = s.route_pos[slot]; k < route_length_[route]; ++k) {
    const std::string& name = network_->link(route_link(route, static_cast<std::uint16_t>(k))).name;
    ahead += (ahead.empty() ? "" : " > ") + name;
  }
  inspection.add("route", format("%u links ahead", route_length_[route] - s.route_pos[slot]),
                 ahead);
}

}  // namespace citytwin

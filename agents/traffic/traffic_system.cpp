#include "agents/traffic/traffic_system.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "agents/traffic/link_congestion.hpp"
#include "agents/traffic/vehicle_agent_kinds.hpp"
#include "sim/core/state_hasher.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/output/timeseries.hpp"
#include "sim/step/step_context.hpp"
#include "sim/view/world_view.hpp"

namespace citytwin {

TrafficSystem::TrafficSystem(std::shared_ptr<const Network> network, std::vector<VehicleType> types,
                             std::vector<std::string> type_names, std::vector<Departure> departures,
                             TrafficConfig config)
    : network_(std::move(network)),
      layout_(*network_),
      types_(std::move(types)),
      type_names_(std::move(type_names)),
      departures_(std::move(departures)),
      config_(config),
      lanes_(layout_.track_count()),
      drive_chunks_(drive_chunks(layout_, *network_)),
      inserted_at_(departures_.size(), 0.0),
      trip_distance_(departures_.size(), 0.0),
      trip_stops_(departures_.size(), 0),
      waiting_(network_->links().size()),
      waiting_head_(network_->links().size(), 0) {
  if (types_.empty() || types_.size() > 255 || types_.size() != type_names_.size()) {
    throw std::invalid_argument("traffic: 1 to 255 vehicle types, each with a name");
  }
  for (const VehicleType& type : types_) {
    idm_.emplace_back(type.idm);
    max_acceleration_ = std::max(max_acceleration_, type.idm.max_acceleration);
    drivers_vary_ = drivers_vary_ || type.drivers.varies();
  }
  set_up_routing_groups();
  for (const Connection& c : network_->connections()) stop_signs_ = stop_signs_ || c.stop_first;
  if (!std::is_sorted(departures_.begin(), departures_.end(),
                      [](const Departure& a, const Departure& b) { return a.time < b.time; })) {
    throw std::invalid_argument("traffic: departures must be sorted by time");
  }
  scheduled_count_ = departures_.size();
  // Resolve every departure's type and route once, up front: the step then never searches.
  departure_type_.reserve(departures_.size());
  departure_route_.reserve(departures_.size());
  for (Departure& d : departures_) {
    const auto it = std::find(type_names_.begin(), type_names_.end(), d.vehicle_type);
    if (it == type_names_.end()) {
      throw std::invalid_argument("traffic: unknown vehicle type '" + std::string(d.vehicle_type) +
                                  "'");
    }
    d.vehicle_type = *it;  // view our own copy of the name from now on, not the caller's spec
    departure_type_.push_back(static_cast<std::uint8_t>(it - type_names_.begin()));
    const std::uint32_t route =
        route_id(group_of_type(departure_type_.back()), d.origin, d.destination, d.via);
    if (route == kNoRoute) {
      throw std::invalid_argument("traffic: no route from link '" + network_->link(d.origin).name +
                                  "' to link '" + network_->link(d.destination).name + "'");
    }
    departure_route_.push_back(route);
  }
  if (drivers_vary_) {
    speed_factor_.reserve(departures_.size());
    for (std::size_t d = 0; d < departures_.size(); ++d) {
      speed_factor_.push_back(draw_speed_factor(static_cast<std::uint32_t>(d), departure_type_[d]));
    }
  }
}

void TrafficSystem::connect(Resources& resources) {
  indications_ = resources.obtain<SignalIndications>(SignalIndications::kName,
                                                     network_->signal_groups().size());
  speed_advice_ = resources.obtain<SpeedAdvice>(SpeedAdvice::kName);
  blockers_ =
      resources.obtain<JunctionBlockers>(JunctionBlockers::kName, network_->connections().size());
  road_vehicles_ = resources.obtain<RoadVehicles>(RoadVehicles::kName);
  observations_ =
      resources.obtain<LaneObservations>(LaneObservations::kName, network_->lanes().size());
}

void TrafficSystem::declare(SystemDeclaration& d) const {
  // decide writes RoadVehicles only when vehicles placed between steps join (a repack).
  d.in(Phase::kDecide, {}, {road_vehicles_})
      .in(Phase::kAct, {indications_, blockers_}, {road_vehicles_, speed_advice_})
      .in(Phase::kExchange, {}, {observations_})
      .kpi("vehicles", {"vehicles in network", "veh", 1.0, 0})
      .kpi("inserted", {"vehicles inserted", "veh", 1.0, 0})
      .kpi("arrived", {"vehicles arrived", "veh", 1.0, +1})
      .kpi("waiting_to_insert", {"waiting to enter", "veh", 1.0, -1})
      .kpi("mean_speed_mps", {"mean speed", "km/h", 3.6, +1})
      .kpi("halted", {"halted vehicles", "veh", 1.0, -1})
      .kpi("throughput_veh_h", {"throughput", "veh/h", 1.0, +1})
      .kpi("total_delay_s", {"total delay", "veh-h", 1.0 / 3600.0, -1});
  for (AgentKindStyle& style : vehicle_agent_kind_styles()) d.agent_kind(std::move(style));
}

void TrafficSystem::run(Phase phase, StepContext& context) {
  const double now = context.clock().now();
  switch (phase) {
    case Phase::kDecide:
      if (config_.reroute_interval > 0.0 && context.clock().step() > 0) {
        const auto every = std::max<std::int64_t>(
            1, std::llround(config_.reroute_interval / context.clock().step_seconds()));
        if (context.clock().step() % every == 0) reroute_on_current_times();
      }
      if (config_.route_departures_on_current_times) {
        sample_departure_costs(now, context.clock().step_seconds());
      }
      // Vehicles placed between steps (place_vehicle) join before anyone decides.
      if (lanes_.pending_inserts().size() > 0) {
        lanes_.repack(context.executor());
        publish_vehicles(context);
      }
      decide_lane_changes(context);
      break;
    case Phase::kAct:
      take_shared_inputs(context);
      drive(context);
      spend_speed_caps(context);
      insert_departures(now + context.clock().step_seconds(), context.seed());
      teleport_stuck_vehicles(now + context.clock().step_seconds());
      record_arrivals(now + context.clock().step_seconds(), context.clock().step_seconds());
      lanes_.repack(context.executor());
      publish_vehicles(context);
      // Debug builds check the no-collision invariant after every step (tests check it in all).
      assert(min_gap() >= -1e-9 && "two vehicles overlap on a track");
      break;
    case Phase::kExchange:
      reduce_kpis(context);
      if (context.has_readers(observations_)) observe_lanes(context);
      break;
    default:
      break;
  }
}

void TrafficSystem::set_up_routing_groups() {
  reserved_lanes_ = has_reserved_lanes(*network_);
  for (const VehicleType& type : types_) {
    const RoadClass road_class = reserved_lanes_ ? type.road_class : RoadClass::kPassenger;
    auto it = std::find(group_class_.begin(), group_class_.end(), road_class);
    if (it == group_class_.end()) it = group_class_.insert(group_class_.end(), road_class);
    type_group_.push_back(static_cast<std::uint8_t>(it - group_class_.begin()));
  }
  routers_.reserve(group_class_.size());
  route_trees_.reserve(group_class_.size());
  for (const RoadClass road_class : group_class_) {
    const auto only = reserved_lanes_ ? std::optional<RoadClass>(road_class) : std::nullopt;
    routers_.emplace_back(*network_, only);
    route_trees_.emplace_back(*network_, only);
  }
  route_by_od_.resize(group_class_.size());
  route_by_od_via_.resize(group_class_.size());
}

std::uint16_t TrafficSystem::closed_lanes(LinkId link_id, std::uint8_t group) const {
  if (!reserved_lanes_) return 0;
  const Link& link = network_->link(link_id);
  std::uint16_t closed = 0;
  for (std::uint32_t k = 0; k < link.lane_count && k < 16; ++k) {
    if (!network_->lane(link.first_lane + k).allows(group_class_[group])) {
      closed = static_cast<std::uint16_t>(closed | 1u << k);
    }
  }
  return closed;
}

std::uint32_t TrafficSystem::route_id(std::uint8_t group, LinkId origin, LinkId destination,
                                      std::span<const LinkId> via, const PlannedRoute* plan) {
  // Waypoint routes of one waypoint (re-routing after a missed turn) are shared too.
  const bool shareable = via.size() <= 1;
  if (shareable) {
    const std::uint32_t known =
        known_route(group, origin, destination, via.empty() ? kNoId : via[0]);
    if (known != kNoRoute) return known;
  }
  Router& router = routers_[group];
  RouteTrees& trees = route_trees_[group];
  std::vector<LinkId>& links = route_scratch_;
  links.clear();
  if (plan != nullptr && plan->planned) {
    const auto& source = planned_links_[plan->chunk];
    links.assign(source.begin() + plan->begin, source.begin() + plan->begin + plan->count);
  } else if (via.empty()) {
    trees.route(origin, destination, links);
  } else if (via.size() == 1 && router.connected(origin, via[0])) {
    // A turn into `via`, then the best way on (re-routing after a missed turn).
    if (trees.route(via[0], destination, links)) links.insert(links.begin(), origin);
  } else {
    Router::Workspace workspace;
    router.find_route_via(origin, via, destination, workspace, links);
  }
  if (links.empty() || links.size() > std::numeric_limits<std::uint16_t>::max()) {
    return kNoRoute;
  }
  const auto id = static_cast<std::uint32_t>(route_begin_.size());
  route_begin_.push_back(static_cast<std::uint32_t>(route_links_.size()));
  route_length_.push_back(static_cast<std::uint16_t>(links.size()));
  route_free_flow_.push_back(plan != nullptr && plan->planned ? plan->free_flow
                                                              : router.free_flow_time(links));
  route_group_.push_back(group);
  route_links_.insert(route_links_.end(), links.begin(), links.end());
  route_best_lanes_.resize(route_links_.size());
  compute_best_lanes(*network_, layout_, links, std::span(route_best_lanes_).last(links.size()), {},
                     reserved_lanes_ ? std::optional(group_class_[group]) : std::nullopt);
  if (shareable) {
    auto& table = via.empty() ? route_by_od_[group] : route_by_od_via_[group][via[0]];
    table.emplace(Router::od_key(origin, destination), id);
  }
  return id;
}

std::uint32_t TrafficSystem::known_route(std::uint8_t group, LinkId origin, LinkId destination,
                                         LinkId via) const {
  const std::uint64_t key = Router::od_key(origin, destination);
  const auto* table = &route_by_od_[group];
  if (via != kNoId) {
    const auto by_via = route_by_od_via_[group].find(via);
    if (by_via == route_by_od_via_[group].end()) return kNoRoute;
    table = &by_via->second;
  }
  const auto it = table->find(key);
  return it == table->end() ? kNoRoute : it->second;
}

ConnectionId TrafficSystem::next_connection(std::uint32_t lane, std::uint32_t route,
                                            std::uint16_t pos) const {
  if (at_destination(route, pos)) return kNoId;
  const auto p1 = static_cast<std::uint16_t>(pos + 1);
  const LinkId next = route_link(route, p1);
  if (layout_.connection_toward(lane, next) == kNoId) return kNoId;  // none at all (a lookup)
  // Candidates: this lane's connections into `next` that the route's road class may use
  // (contiguous, few). Most lanes have one into a given link: no choice to weigh.
  const Lane& from = network_->lane(lane);
  const auto out = network_->connections_from(lane);
  const std::uint8_t group = route_group_[route];
  ConnectionId first = kNoId;
  std::size_t candidates = 0;
  for (std::size_t m = 0; m < out.size() && candidates < 2; ++m) {
    if (network_->lane(out[m].to_lane).link != next || !group_may_use(out[m], group)) continue;
    if (first == kNoId) first = static_cast<ConnectionId>(from.first_connection + m);
    ++candidates;
  }
  if (candidates < 2) return first;
  const std::uint16_t best_lanes = route_best_lanes_[route_begin_[route] + p1].landing;
  ConnectionId best = first;
  std::uint32_t best_cost = lanes_from_mask(
      best_lanes, network_->lane(out[first - from.first_connection].to_lane).index_on_link);
  for (std::size_t m = 0; m < out.size() && best_cost > 0; ++m) {
    const Lane& to = network_->lane(out[m].to_lane);
    if (to.link != next || !group_may_use(out[m], group)) continue;
    const std::uint32_t cost = lanes_from_mask(best_lanes, to.index_on_link);
    if (cost < best_cost) {
      best = static_cast<ConnectionId>(from.first_connection + m);
      best_cost = cost;
    }
  }
  return best;
}

void TrafficSystem::refresh_route_cache(VehicleSlots& s, std::size_t i) const {
  const std::uint32_t track = s.track[i];
  if (layout_.is_connection(track)) {
    s.next_conn[i] = kNoId;
    s.lane_mask[i] = 0;
    return;
  }
  s.lane_mask[i] = strategic_lanes(s.route[i], s.route_pos[i]);
  s.next_conn[i] = next_connection(track, s.route[i], s.route_pos[i]);
}

std::uint32_t TrafficSystem::first_behind(std::uint32_t track, double position) const {
  // Slots are ordered by position descending: binary search for the first one at or behind.
  const auto& pos = lanes_.slots().position;
  auto first = pos.begin() + lanes_.begin(track);
  auto last = pos.begin() + lanes_.end(track);
  auto it = std::partition_point(first, last, [&](double p) { return p > position; });
  return static_cast<std::uint32_t>(it - pos.begin());
}

double TrafficSystem::min_gap() const {
  const auto& s = lanes_.slots();
  double gap = std::numeric_limits<double>::infinity();
  for (std::uint32_t t = 0; t < lanes_.track_count(); ++t) {
    for (std::uint32_t i = lanes_.begin(t) + 1; i < lanes_.end(t); ++i) {
      gap = std::min(gap, s.position[i - 1] - types_[s.type[i - 1]].length - s.position[i]);
    }
  }
  return gap;
}

void TrafficSystem::hash_state(StateHasher& h) const {
  const auto& s = lanes_.slots();
  h.add(demand_scale_);  // a what-if change decides later departures
  h.add(std::span<const std::uint32_t>(s.id));
  h.add(std::span<const std::uint32_t>(s.track));
  h.add(std::span<const double>(s.position));
  h.add(std::span<const double>(s.speed));
  h.add(std::span<const std::uint16_t>(s.route_pos));
  h.add(std::span<const double>(trip_distance_));
  h.add(std::span<const std::uint16_t>(trip_stops_));
  h.add(inserted_);
  h.add(arrived_);
  h.add(waiting_count_);
  h.add(std::span<const std::uint32_t>(s.route));
  h.add(reroutes_);
  h.add(dynamic_reroutes_);
  h.add(time_loss_total_);
  // Only with teleports on, so runs without them keep their hashes.
  if (tracks_waiting()) {
    h.add(teleports_.jam);
    h.add(teleports_.yield);
    h.add(teleports_.wrong_lane);
    for (const Transit& t : transit_) {
      h.add(t.id);
      h.add(t.pos);
      h.add(t.due);
    }
  }
  if (config_.gridlock_after > 0.0) {
    h.add(gridlocks_detected_);
    h.add(gridlocks_resolved_);
  }
}

void TrafficSystem::report_kpis(KpiRow& row) const {
  row.set("vehicles", static_cast<double>(in_network_));
  row.set("inserted", static_cast<double>(inserted_));
  row.set("arrived", static_cast<double>(arrived_));
  row.set("waiting_to_insert", static_cast<double>(waiting_count_));
  row.set("mean_speed_mps", moved_ ? speed_sum_ / static_cast<double>(moved_) : 0.0);
  row.set("halted", static_cast<double>(halted_));
  const double window = config_.kpi_window;
  row.set("throughput_veh_h", static_cast<double>(arrivals_in_window_) * 3600.0 / window);
  row.set("total_delay_s", time_loss_total_);
}

void TrafficSystem::report_totals(Totals& totals) const {
  double travel = 0, duration = 0, delay = 0, stops = 0, distance = 0;
  for (const auto& t : trips_) {
    travel += t.travel_time();
    duration += t.duration();
    delay += t.delay();
    stops += t.stops;
    distance += t.distance;
  }
  const double n = static_cast<double>(trips_.size());
  totals.emplace_back("trips_completed", n);
  totals.emplace_back("vehicles_inserted", static_cast<double>(inserted_));
  totals.emplace_back("vehicles_in_network", static_cast<double>(in_network_));
  totals.emplace_back("vehicles_waiting_to_insert", static_cast<double>(waiting_count_));
  totals.emplace_back("vehicles_teleported", static_cast<double>(teleports_.total()));
  if (tracks_waiting()) {
    totals.emplace_back("teleports_jam", static_cast<double>(teleports_.jam));
    totals.emplace_back("teleports_yield", static_cast<double>(teleports_.yield));
    totals.emplace_back("teleports_wrong_lane", static_cast<double>(teleports_.wrong_lane));
    totals.emplace_back("vehicles_in_transit", static_cast<double>(transit_.size()));
  }
  if (config_.gridlock_after > 0.0) {
    totals.emplace_back("gridlocks_detected", static_cast<double>(gridlocks_detected_));
    totals.emplace_back("gridlocks_resolved", static_cast<double>(gridlocks_resolved_));
  }
  totals.emplace_back("mean_travel_time_s", n ? travel / n : 0.0);
  totals.emplace_back("mean_duration_s", n ? duration / n : 0.0);
  totals.emplace_back("mean_delay_s", n ? delay / n : 0.0);
  totals.emplace_back("mean_stops", n ? stops / n : 0.0);
  totals.emplace_back("mean_distance_m", n ? distance / n : 0.0);
  totals.emplace_back("total_time_loss_s", time_loss_total_);
  totals.emplace_back("vehicle_updates", static_cast<double>(vehicle_updates_));
  totals.emplace_back("reroutes_after_missed_turn", static_cast<double>(reroutes_));
  totals.emplace_back("reroutes_on_travel_times", static_cast<double>(dynamic_reroutes_));
  totals.emplace_back("merges_held_back", static_cast<double>(merges_held_back_));
}

void TrafficSystem::fill_view(WorldView& view) const {
  const auto& s = lanes_.slots();
  for (std::size_t i = 0; i < s.size(); ++i) {
    const std::uint32_t t = s.track[i];
    const auto shape = layout_.is_connection(t)
                           ? network_->connection_shape(layout_.connection_of(t))
                           : network_->lane_shape(t);
    // Draw at the vehicle's centre: half a length behind the front bumper.
    const double centre = std::max(0.0, s.position[i] - 0.5 * types_[s.type[i]].length);
    const PointOnLine p = point_at(shape, centre);
    const AgentKind kind = vehicle_agent_kind(types_[s.type[i]].vehicle_class);
    view.add_agent(s.id[i], kind, static_cast<float>(p.position.x),
                   static_cast<float>(p.position.y), static_cast<float>(p.heading),
                   static_cast<float>(s.speed[i]), (s.flags[i] & kHalted) ? 1 : 0);
  }
  // Lane tracks are numbered as the network's lanes, connections after them (TrackLayout).
  add_link_traffic_fields(*network_, std::span(s.track.data(), s.size()),
                          std::span(s.speed.data(), s.size()), view);
}

void TrafficSystem::write_outputs(const OutputRequest& request) const {
  if (request.trips) {
    write_file_atomically(request.directory / "trips.csv",
                          trips_csv(trips_, *network_, type_names_));
  }
  if (request.tripinfo) {
    write_file_atomically(request.directory / "tripinfo.xml",
                          tripinfo_xml(trips_, *network_, type_names_));
  }
}

}  // namespace citytwin

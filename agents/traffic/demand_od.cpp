// Departure schedules for origin-destination matrices between zones and for explicit trips.
#include <cmath>
#include <limits>
#include <string>

#include "agents/traffic/demand_detail.hpp"
#include "agents/traffic/traffic_rng_streams.hpp"
#include "sim/core/rng.hpp"

namespace citytwin::demand_detail {
namespace {

// Draw counter reserved for rounding a scaled trip count (far above any trip index).
constexpr std::uint64_t kRoundingDraw = std::numeric_limits<std::uint64_t>::max();

const std::vector<std::string>& zone_members(const Generation& g, const std::string& zone,
                                             const std::string& who, std::string_view key) {
  const auto it = g.demand.zones.find(zone);
  if (it == g.demand.zones.end()) {
    throw DemandError(who + ": " + std::string(key) + ": unknown zone '" + zone + "'");
  }
  if (it->second.empty()) {
    throw DemandError(who + ": " + std::string(key) + ": zone '" + zone + "' has no members");
  }
  return it->second;
}

std::vector<LinkId> resolve_zone(const Generation& g, const std::string& zone, Role role,
                                 const std::string& who, std::string_view key) {
  std::vector<LinkId> links;
  for (const std::string& member : zone_members(g, zone, who, key)) {
    links.push_back(g.places.resolve(member, role, who + ": zone '" + zone + "'", key));
  }
  return links;
}

// trips × scale as a whole number: the fraction becomes one more trip with that probability, so
// the expected count is exact (scale 1.5 on 3 trips gives 4 or 5, on average 4.5).
std::uint64_t scaled_count(const Generation& g, std::uint32_t trips, std::uint32_t agent,
                           const std::string& who) {
  const double expected = checked_rate(static_cast<double>(trips), g.demand.scale, who);
  const double whole = std::floor(expected);
  CounterRng rng(g.seed, kDemandStream, agent, kRoundingDraw);
  return static_cast<std::uint64_t>(whole) + (rng.uniform() < expected - whole ? 1 : 0);
}

void generate_od_entry(Generation& g, std::uint32_t index) {
  const OdSpec& od = g.demand.od[index];
  const std::string who =
      "demand.od[" + std::to_string(index) + "] (" + od.from + " -> " + od.to + ")";
  const std::vector<LinkId> origins = resolve_zone(g, od.from, Role::kOrigin, who, "from");
  const std::vector<LinkId> destinations = resolve_zone(g, od.to, Role::kDestination, who, "to");
  const auto pairs = connected_pairs(g.router_for(od.vehicle_type), origins, destinations,
                                     [](LinkId, LinkId) { return true; });
  const std::uint32_t agent = demand_rng_agent(DemandSource::kOd, index);
  const std::uint64_t count = scaled_count(g, od.trips, agent, who);
  const auto [begin, end] = g.window(od.begin, od.end);
  if (count == 0 || begin >= end) return;
  if (pairs.empty()) {
    throw DemandError(who + ": no member of zone '" + od.from +
                      "' has a route to a member of zone '" + od.to + "'");
  }
  g.reserve_more(static_cast<double>(count), who);
  const auto pair_count = static_cast<std::uint32_t>(pairs.size());
  const double span = end - begin;
  const std::size_t first = g.departures.size();
  // Poisson: the arrival times of a Poisson process given its count are sorted uniform draws;
  // cumulative exponential spacings normalised by their total give them in order, in one pass.
  double total = 0.0;
  for (std::uint64_t k = 0; k <= count; ++k) {
    CounterRng rng(g.seed, kDemandStream, agent, k);
    const double spacing = od.headways == Headways::kPoisson ? rng.exponential(1.0) : 1.0;
    total += spacing;
    if (k == count) break;
    const auto [o, d] = pairs[rng.below(pair_count)];
    g.departures.push_back({total,
                            origins[o],
                            destinations[d],
                            DemandSource::kOd,
                            index,
                            static_cast<std::uint32_t>(k),
                            od.vehicle_type,
                            {}});
  }
  for (std::size_t i = first; i < g.departures.size(); ++i) {
    Departure& departure = g.departures[i];
    if (od.headways == Headways::kUniform) {
      departure.time = begin + static_cast<double>(departure.sequence) * span /
                                   static_cast<double>(count);  // k / rate, as for flows
    } else {
      departure.time = begin + span * departure.time / total;
    }
    // Rounding (or a zero spacing) must not push the last trip onto `end`.
    if (!(departure.time < end)) departure.time = std::nextafter(end, begin);
  }
}

}  // namespace

void generate_od(Generation& g) {
  for (std::uint32_t i = 0; i < g.demand.od.size(); ++i) generate_od_entry(g, i);
}

void generate_trips(Generation& g) {
  const auto& trips = g.demand.trips;
  g.reserve_more(static_cast<double>(trips.size()), "demand.trips");
  std::vector<LinkId> via;
  for (std::uint32_t i = 0; i < trips.size(); ++i) {
    const TripSpec& trip = trips[i];
    const std::string who = "demand.trips[" + std::to_string(i) + "]";
    if (!std::isfinite(trip.depart) || trip.depart < 0.0) {
      throw DemandError(who + ": depart must be finite and >= 0, got " +
                        std::to_string(trip.depart));
    }
    // After the simulation ends: not routed (a day's file need not be routed for its first hour).
    if (trip.depart >= g.duration) continue;
    const LinkId origin = g.places.resolve(trip.from, Role::kOrigin, who, "from");
    const LinkId destination = g.places.resolve(trip.to, Role::kDestination, who, "to");
    via.clear();
    for (std::size_t v = 0; v < trip.via.size(); ++v) {
      via.push_back(g.places.resolve_link(trip.via[v], who, "via[" + std::to_string(v) + "]"));
    }
    if (!g.router_for(trip.vehicle_type)
             .find_route_via(origin, via, destination, g.workspace, g.route)) {
      if (g.demand.unroutable == UnroutableTrips::kSkip) {
        ++g.unroutable_skipped;
        continue;
      }
      throw DemandError(who + ": no route from '" + trip.from + "' to '" + trip.to + "'" +
                        (via.empty() ? std::string() : " through every via link in order"));
    }
    g.departures.push_back(
        {trip.depart, origin, destination, DemandSource::kTrip, i, 0, trip.vehicle_type, via});
  }
}

}  // namespace citytwin::demand_detail

#pragma once
// Internals shared by the demand generators (demand.cpp: flows and random demand; demand_od.cpp:
// zones, od matrices and explicit trips). Not part of the public API.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "agents/traffic/demand.hpp"
#include "agents/traffic/router.hpp"

namespace citytwin::demand_detail {

enum class Role : std::uint8_t { kOrigin, kDestination };

// Name -> link resolution for `from`/`to` and zone members, with did-you-mean hints.
class PlaceIndex {
 public:
  explicit PlaceIndex(const Network& network);

  // `who` prefixes errors, e.g. "flow 'north_in'" or "demand.od[2]"; `key` is "from", "to", ...
  LinkId resolve(std::string_view name, Role role, std::string_view who,
                 std::string_view key) const;
  // A link by name only (for `via`).
  LinkId resolve_link(std::string_view name, std::string_view who, std::string_view key) const;

 private:
  [[noreturn]] void fail_unknown(std::string_view name, std::string_view who, std::string_view key,
                                 bool links_only) const;

  const Network& network_;
  std::unordered_map<std::string_view, NodeId> nodes_;
  std::unordered_map<std::string_view, LinkId> links_;
};

// Everything a generator needs while it appends departures.
struct Generation {
  const DemandSpec& demand;
  const Network& network;
  std::uint64_t seed;
  double duration;
  PlaceIndex places;
  Router::Workspace workspace;
  std::vector<LinkId> route;  // scratch
  std::vector<Departure> departures;
  std::size_t unroutable_skipped = 0;  // trips dropped for want of a route (demand.unroutable)

  // [begin, end) of a window clipped to the simulation (end 0 = until the end).
  std::pair<double, double> window(double begin, double end) const;
  // Throws when the schedule would exceed kMaxDepartures.
  void reserve_more(double expected_count, std::string_view who);
  void check_size(std::string_view who) const;
  // Throws "<who>: no route from '<origin>' to '<destination>'" when unreachable for
  // `vehicle_type`.
  void require_route(LinkId origin, LinkId destination, std::string_view vehicle_type,
                     std::string_view who);
  // Routes for vehicles of `vehicle_type`: over the lanes its road class may use where the network
  // reserves some (bus lanes, delivery-only streets), else over every lane. Built on first use.
  const Router& router_for(std::string_view vehicle_type);

  // router_for's state (public only so that Generation stays an aggregate).
  std::optional<bool> reserved_lanes_;
  std::array<std::optional<Router>, kRoadClassCount + 1> routers_;  // last: every lane
};

// Scaled rate (veh/s) checked to be finite and >= 0.
double checked_rate(double rate, double scale, std::string_view who);

// Every (origin, destination) pair, origin from `origins` and destination from `destinations`
// (indices into them), that has a route, is not the same link, and passes `keep`. Load-time cost:
// one graph search per distinct origin.
template <typename Keep>
std::vector<std::pair<std::uint32_t, std::uint32_t>> connected_pairs(
    const Router& router, const std::vector<LinkId>& origins,
    const std::vector<LinkId>& destinations, Keep keep) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  std::vector<std::uint8_t> reachable;
  for (std::uint32_t o = 0; o < origins.size(); ++o) {
    router.reachable_from(origins[o], reachable);
    for (std::uint32_t d = 0; d < destinations.size(); ++d) {
      if (origins[o] != destinations[d] && reachable[destinations[d]] != 0 &&
          keep(origins[o], destinations[d])) {
        pairs.emplace_back(o, d);
      }
    }
  }
  return pairs;
}

void generate_od(Generation& generation);
void generate_trips(Generation& generation);

}  // namespace citytwin::demand_detail

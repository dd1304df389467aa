#pragma once
// Shortest paths on the link graph: link A leads to link B when some connection goes from a lane of
// A to a lane of B.
//
// Cost of a route (seconds) = the cost of every link on it, origin and destination included, plus
// the junction transit between consecutive links. Free-flow link cost = length / speed limit;
// junction transit A -> B = (shortest connection path from a lane of A to a lane of B) / B's speed
// limit (the turning movement belongs to the road it leads onto). set_link_costs() replaces the
// link costs only; junction transits keep their free-flow time, so measured costs should be the
// time spent on the link itself (entry to stop line).
//
// Dijkstra with a binary heap over links. Ties are broken by id: the heap pops equal costs in
// link-id order, and a link reached at exactly its current best cost keeps the predecessor with
// the lower id. Results are a pure function of (network, costs, origin, destination).
#include <cstdint>
#include <optional>
#include <span>
#include <unordered_map>
#include <vector>

#include "sim/network/network.hpp"

namespace citytwin {

// Whether some lane is closed to some road class (a bus lane, a delivery-only street): only then do
// routes and lane choice depend on a vehicle's class.
bool has_reserved_lanes(const Network& network);

// Whether a vehicle of `road_class` may drive connection `c` (both its lanes allow the class).
inline bool connection_allows(const Network& network, const Connection& c, RoadClass road_class) {
  return network.lane(c.from_lane).allows(road_class) && network.lane(c.to_lane).allows(road_class);
}

class Router {
 public:
  // Reusable buffers for one query at a time. Give each thread its own to call find_route()
  // concurrently; after the first query on a network, queries allocate nothing.
  class Workspace {
   private:
    friend class Router;
    struct HeapEntry {
      double cost;
      LinkId link;
    };
    std::vector<double> best_;  // cost to the end of each link, valid where stamp_ == query_
    std::vector<LinkId> predecessor_;
    std::vector<std::uint32_t> stamp_;  // query counter: avoids clearing the arrays per query
    std::vector<HeapEntry> heap_;
    std::vector<LinkId> leg_;  // one leg of find_route_via
    std::uint32_t query_ = 0;
  };

  // `road_class`: routes for vehicles of that class, over the connections whose two lanes it may
  // use (road_class.hpp); none: every connection.
  explicit Router(const Network& network, std::optional<RoadClass> road_class = std::nullopt);

  // One 64-bit key per origin-destination pair, for route caches keyed by OD (this one and the
  // traffic system's shared-route tables).
  static std::uint64_t od_key(LinkId origin, LinkId destination) {
    return (static_cast<std::uint64_t>(origin) << 32) | destination;
  }

  // Links from `origin` to `destination` inclusive; empty when unreachable (or an id is out of
  // range). Cached per OD pair: the span stays valid until set_link_costs() or
  // reset_to_free_flow(). Not thread-safe (mutates the cache); see find_route().
  std::span<const LinkId> route(LinkId origin, LinkId destination);

  // The same route without the cache: thread-safe for concurrent calls with distinct workspaces.
  // Replaces the contents of `out` (empty when unreachable); returns whether a route was found.
  bool find_route(LinkId origin, LinkId destination, Workspace& workspace,
                  std::vector<LinkId>& out) const;

  // A route through the waypoints in order (origin -> via[0] -> ... -> destination), each leg a
  // shortest path, joined so that each waypoint appears once. Empty (false) when a leg is
  // unreachable. Same thread-safety as find_route().
  bool find_route_via(LinkId origin, std::span<const LinkId> via, LinkId destination,
                      Workspace& workspace, std::vector<LinkId>& out) const;

  // Free-flow travel time (s) of a route (link times plus junction transits), whatever costs are
  // set. Throws std::invalid_argument when two consecutive links are not connected.
  double free_flow_time(std::span<const LinkId> route) const;
  // Cost (s) of a route under the current link costs.
  double cost(std::span<const LinkId> route) const;

  // Whether `to` can be entered directly from `from` (some connection joins their lanes).
  bool connected(LinkId from, LinkId to) const;
  // Links reachable from `origin` (origin included): one breadth-first search, for load-time
  // checks such as "which exits can this entry reach". Resizes `out` to the link count.
  void reachable_from(LinkId origin, std::vector<std::uint8_t>& out) const;

  // Re-routing on current conditions: replace every link's cost (s; finite and >= 0; one value per
  // link), e.g. measured mean travel times. Clears the cache. Throws std::invalid_argument.
  void set_link_costs(std::span<const double> seconds_per_link);
  void reset_to_free_flow();

  const Network& network() const { return *network_; }
  std::size_t cached_routes() const { return cache_.size(); }

 private:
  // Successors of each link in compressed rows: successors_[first_successor_[a] ..
  // first_successor_[a + 1]) sorted by link id, with the free-flow junction transit (s) to each.
  struct Successor {
    LinkId link;
    double transit;
  };
  const Successor* find_successor(LinkId from, LinkId to) const;
  double route_cost(std::span<const LinkId> route, std::span<const double> link_costs) const;

  const Network* network_;
  std::vector<std::uint32_t> first_successor_;
  std::vector<Successor> successors_;
  std::vector<double> free_flow_cost_;
  std::vector<double> link_cost_;
  Workspace workspace_;  // for route()
  std::vector<LinkId> scratch_route_;
  std::unordered_map<std::uint64_t, std::vector<LinkId>> cache_;  // key: origin << 32 | destination
};

}  // namespace citytwin

#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <unordered_map>
#include <vector>

#include "sim/network/network.hpp"

namespace citytwin {

// Shortest routes *to* a destination from every link at once: one Dijkstra on the reversed link
// graph per destination gives each link its next hop. Vehicles share few destinations (the exits)
// but start from many places (entries, and wherever they re-route), so this answers every
// route query with a walk instead of a search: routing a million-vehicle warm start or a
// network-wide re-routing round costs one search per exit.
//
// Costs match Router's: a route costs each of its links' travel time (length / speed limit, or the
// measured time set by set_link_costs) plus, between consecutive links, the shortest junction
// path divided by the next link's speed limit. Ties go to the lower next-hop link id.
class RouteTrees {
 public:
  // `road_class`: as Router's (only the connections whose lanes that class may use).
  explicit RouteTrees(const Network& network, std::optional<RoadClass> road_class = std::nullopt);

  // Links from `from` to `destination` inclusive, appended to `out` (cleared first); false when
  // `destination` cannot be reached.
  bool route(LinkId from, LinkId destination, std::vector<LinkId>& out);
  // The same walk, read-only, for concurrent callers: only toward a destination whose tree is
  // built (prepare); nullopt when it is not.
  std::optional<bool> route_if_built(LinkId from, LinkId destination,
                                     std::vector<LinkId>& out) const;
  // Builds the tree toward `destination` now (serially), so route_if_built can use it.
  void prepare(LinkId destination) {
    if (destination < link_time_.size()) tree(destination);
  }

  // Replaces every link's travel time (s); an empty span restores free flow. Drops built trees.
  void set_link_costs(std::span<const double> seconds_per_link);
  std::size_t built_trees() const { return trees_.size(); }

 private:
  const std::vector<LinkId>& tree(LinkId destination);
  static bool walk(const std::vector<LinkId>& next, LinkId from, LinkId destination,
                   std::vector<LinkId>& out);

  struct Predecessor {
    LinkId link;
    double junction_time;  // s through the junction into the link this list belongs to
  };
  const Network& network_;
  std::vector<double> free_flow_time_;
  std::vector<double> link_time_;
  std::vector<std::uint32_t> predecessor_begin_;  // CSR by link
  std::vector<Predecessor> predecessors_;
  std::unordered_map<LinkId, std::vector<LinkId>> trees_;  // destination -> next hop per link
  std::vector<double> distance_;                           // scratch
};

}  // namespace citytwin

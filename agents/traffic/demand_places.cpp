// Place names -> links, and the bookkeeping shared by the demand generators.
#include <algorithm>
#include <cmath>
#include <string>

#include "agents/traffic/demand_detail.hpp"
#include "agents/traffic/vehicle_type_spec.hpp"
#include "sim/scenario/diagnostics.hpp"

namespace citytwin::demand_detail {
namespace {

std::string in_quotes(std::string_view name) {
  return "'" + std::string(name) + "'";
}

std::string prefix(std::string_view who, std::string_view key) {
  return std::string(who) + ": " + std::string(key) + ": ";
}

// "'a', 'b' and 'c'" for messages that list the candidates.
std::string list_links(const Network& network, std::span<const LinkId> links) {
  std::string text;
  for (std::size_t i = 0; i < links.size(); ++i) {
    if (i > 0) text += i + 1 == links.size() ? " and " : ", ";
    text += in_quotes(network.link(links[i]).name);
  }
  return text;
}

}  // namespace

PlaceIndex::PlaceIndex(const Network& network) : network_(network) {
  // emplace keeps the first of duplicate names, matching Network::find_node/find_link.
  for (NodeId id = 0; id < network.nodes().size(); ++id) nodes_.emplace(network.node(id).name, id);
  for (LinkId id = 0; id < network.links().size(); ++id) links_.emplace(network.link(id).name, id);
}

LinkId PlaceIndex::resolve(std::string_view name, Role role, std::string_view who,
                           std::string_view key) const {
  const auto node = nodes_.find(name);
  const auto link = links_.find(name);
  if (node != nodes_.end() && link != links_.end()) {
    throw DemandError(prefix(who, key) + in_quotes(name) +
                      " names both a node and a link; rename one of them in the network");
  }
  if (link != links_.end()) return link->second;
  if (node == nodes_.end()) fail_unknown(name, who, key, false);

  const Node& n = network_.node(node->second);
  const bool origin = role == Role::kOrigin;
  if (n.control != NodeControl::kBoundary) {
    throw DemandError(prefix(who, key) + "node " + in_quotes(name) +
                      " is not a boundary node (vehicles enter and leave the network only at "
                      "boundary nodes); name a link instead");
  }
  const std::vector<LinkId>& links = origin ? n.outgoing : n.incoming;
  if (links.empty()) {
    throw DemandError(prefix(who, key) + "boundary node " + in_quotes(name) + " has no " +
                      (origin ? "outgoing link: vehicles cannot enter there"
                              : "incoming link: vehicles cannot leave there"));
  }
  if (links.size() > 1) {
    throw DemandError(prefix(who, key) + "boundary node " + in_quotes(name) + " has " +
                      std::to_string(links.size()) + (origin ? " outgoing" : " incoming") +
                      " links; name one of them: " + list_links(network_, links));
  }
  return links.front();
}

LinkId PlaceIndex::resolve_link(std::string_view name, std::string_view who,
                                std::string_view key) const {
  const auto link = links_.find(name);
  if (link == links_.end()) fail_unknown(name, who, key, true);
  return link->second;
}

void PlaceIndex::fail_unknown(std::string_view name, std::string_view who, std::string_view key,
                              bool links_only) const {
  std::vector<std::string_view> candidates;
  candidates.reserve(links_.size() + (links_only ? 0 : nodes_.size()));
  // Candidates in id order so the hint (ties go to the first) does not depend on hashing.
  if (!links_only) {
    for (const Node& node : network_.nodes()) {
      if (node.control == NodeControl::kBoundary) candidates.push_back(node.name);
    }
  }
  for (const Link& link : network_.links()) candidates.push_back(link.name);
  throw DemandError(prefix(who, key) + "unknown " + (links_only ? "link " : "place ") +
                    in_quotes(name) +
                    (links_only ? "" : " (expected a boundary node or a link name)") +
                    did_you_mean(name, candidates));
}

std::pair<double, double> Generation::window(double begin, double end) const {
  const double stop = end == 0.0 ? duration : std::min(end, duration);
  return {begin, std::max(begin, stop)};
}

void Generation::reserve_more(double expected_count, std::string_view who) {
  const double total = static_cast<double>(departures.size()) + expected_count;
  if (!(total <= static_cast<double>(kMaxDepartures))) {
    throw DemandError(std::string(who) + ": would create about " +
                      std::to_string(static_cast<long long>(std::min(total, 1e18))) +
                      " departures, more than the limit of " + std::to_string(kMaxDepartures) +
                      "; lower the rate or shorten the simulation");
  }
  // Headroom for Poisson fluctuation (a few sigma) so the vector rarely grows twice.
  departures.reserve(static_cast<std::size_t>(total + 4.0 * std::sqrt(expected_count) + 16.0));
}

void Generation::check_size(std::string_view who) const {
  if (departures.size() >= kMaxDepartures) {
    throw DemandError(std::string(who) + ": more than " + std::to_string(kMaxDepartures) +
                      " departures; lower the rate or shorten the simulation");
  }
}

void Generation::require_route(LinkId origin, LinkId destination, std::string_view vehicle_type,
                               std::string_view who) {
  if (!router_for(vehicle_type).find_route(origin, destination, workspace, route)) {
    throw DemandError(std::string(who) + ": no route from '" + network.link(origin).name +
                      "' to '" + network.link(destination).name + "'");
  }
}

const Router& Generation::router_for(std::string_view vehicle_type) {
  if (!reserved_lanes_) reserved_lanes_ = has_reserved_lanes(network);
  std::size_t index = kRoadClassCount;  // every lane
  if (*reserved_lanes_) {
    // The type's road class: its spec's (or its base's), a built-in class's, else passenger (an
    // unknown name is refused when the traffic system resolves it).
    RoadClass road_class = RoadClass::kPassenger;
    const auto spec =
        std::find_if(demand.vehicle_types.begin(), demand.vehicle_types.end(),
                     [&](const VehicleTypeSpec& t) { return t.name == vehicle_type; });
    if (spec != demand.vehicle_types.end()) {
      try {
        road_class = make_vehicle_type(*spec).road_class;
      } catch (const VehicleTypeError&) {
        // refused with its message where the types are built
      }
    } else {
      for (std::size_t c = 0; c < kVehicleClassCount; ++c) {
        const auto builtin = static_cast<VehicleClass>(c);
        if (vehicle_class_name(builtin) == vehicle_type) {
          road_class = default_vehicle_type(builtin).road_class;
        }
      }
    }
    index = static_cast<std::size_t>(road_class);
  }
  auto& router = routers_[index];
  if (!router) {
    router.emplace(network, index < kRoadClassCount
                                ? std::optional<RoadClass>(static_cast<RoadClass>(index))
                                : std::nullopt);
  }
  return *router;
}

double checked_rate(double rate, double scale, std::string_view who) {
  if (!std::isfinite(rate) || rate < 0.0) {
    throw DemandError(std::string(who) + ": rate must be finite and >= 0, got " +
                      std::to_string(rate));
  }
  if (!std::isfinite(scale) || scale < 0.0) {
    throw DemandError("demand.scale must be finite and >= 0, got " + std::to_string(scale));
  }
  return rate * scale;
}

}  // namespace citytwin::demand_detail

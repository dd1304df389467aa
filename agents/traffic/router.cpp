#include "agents/traffic/router.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace citytwin {
namespace {

// Min-heap order on (cost, link): equal costs pop in link-id order, so settling is deterministic.
struct PopsLater {
  template <typename Entry>
  bool operator()(const Entry& a, const Entry& b) const {
    if (a.cost != b.cost) return a.cost > b.cost;
    return a.link > b.link;
  }
};

double free_flow_link_time(const Link& link) {
  return link.speed_limit > 0.0 ? link.length / link.speed_limit : 0.0;
}

}  // namespace

bool has_reserved_lanes(const Network& network) {
  for (const Lane& lane : network.lanes()) {
    if (lane.road_classes != kAllRoadClasses) return true;
  }
  return false;
}

Router::Router(const Network& network, std::optional<RoadClass> road_class) : network_(&network) {
  const auto links = network.links();
  first_successor_.reserve(links.size() + 1);
  free_flow_cost_.reserve(links.size());
  std::vector<Successor> row;
  for (LinkId from = 0; from < links.size(); ++from) {
    free_flow_cost_.push_back(free_flow_link_time(links[from]));
    first_successor_.push_back(static_cast<std::uint32_t>(successors_.size()));
    // Several lane-level connections may join the same two links (one per lane, per turn lane);
    // the link-level transit uses the shortest of them.
    row.clear();
    for (std::uint32_t i = 0; i < links[from].lane_count; ++i) {
      for (const Connection& c : network.connections_from(links[from].first_lane + i)) {
        if (road_class && !connection_allows(network, c, *road_class)) continue;
        const LinkId to = network.lane(c.to_lane).link;
        const double speed = links[to].speed_limit;
        row.push_back({to, speed > 0.0 ? c.length / speed : 0.0});
      }
    }
    std::sort(row.begin(), row.end(), [](const Successor& a, const Successor& b) {
      return a.link != b.link ? a.link < b.link : a.transit < b.transit;
    });
    for (const Successor& s : row) {
      if (successors_.size() == first_successor_.back() || successors_.back().link != s.link) {
        successors_.push_back(s);  // rows are sorted, so the first of each link is the shortest
      }
    }
  }
  first_successor_.push_back(static_cast<std::uint32_t>(successors_.size()));
  link_cost_ = free_flow_cost_;
}

const Router::Successor* Router::find_successor(LinkId from, LinkId to) const {
  if (from >= free_flow_cost_.size()) return nullptr;
  const Successor* begin = successors_.data() + first_successor_[from];
  const Successor* end = successors_.data() + first_successor_[from + 1];
  const Successor* it =
      std::lower_bound(begin, end, to, [](const Successor& s, LinkId id) { return s.link < id; });
  return it != end && it->link == to ? it : nullptr;
}

bool Router::connected(LinkId from, LinkId to) const {
  return find_successor(from, to) != nullptr;
}

std::span<const LinkId> Router::route(LinkId origin, LinkId destination) {
  const std::uint64_t key = od_key(origin, destination);
  if (const auto it = cache_.find(key); it != cache_.end()) return it->second;
  find_route(origin, destination, workspace_, scratch_route_);
  // Node-based map: the vector (and so the span's data) never moves when the map rehashes.
  return cache_.emplace(key, scratch_route_).first->second;
}

bool Router::find_route(LinkId origin, LinkId destination, Workspace& ws,
                        std::vector<LinkId>& out) const {
  out.clear();
  const std::size_t link_count = link_cost_.size();
  if (origin >= link_count || destination >= link_count) return false;
  if (origin == destination) {
    out.push_back(origin);
    return true;
  }
  if (ws.stamp_.size() != link_count) {
    ws.best_.assign(link_count, 0.0);
    ws.predecessor_.assign(link_count, kNoId);
    ws.stamp_.assign(link_count, 0);
    ws.query_ = 0;
  }
  // Stamps: 2q-1 = reached in query q, 2q = settled in query q. On wrap-around start afresh.
  if (ws.query_ >= (UINT32_MAX - 1) / 2) {
    std::fill(ws.stamp_.begin(), ws.stamp_.end(), 0u);
    ws.query_ = 0;
  }
  ++ws.query_;
  const std::uint32_t reached = 2 * ws.query_ - 1;
  const std::uint32_t settled = 2 * ws.query_;
  ws.heap_.clear();

  ws.best_[origin] = link_cost_[origin];
  ws.predecessor_[origin] = kNoId;
  ws.stamp_[origin] = reached;
  ws.heap_.push_back({ws.best_[origin], origin});
  bool found = false;
  while (!ws.heap_.empty()) {
    std::pop_heap(ws.heap_.begin(), ws.heap_.end(), PopsLater{});
    const auto [cost, link] = ws.heap_.back();
    ws.heap_.pop_back();
    if (ws.stamp_[link] == settled || cost > ws.best_[link]) continue;  // stale entry
    ws.stamp_[link] = settled;
    if (link == destination) {
      found = true;
      break;
    }
    for (std::uint32_t i = first_successor_[link]; i < first_successor_[link + 1]; ++i) {
      const Successor& next = successors_[i];
      if (ws.stamp_[next.link] == settled) continue;
      const double candidate = cost + next.transit + link_cost_[next.link];
      const bool first_visit = ws.stamp_[next.link] != reached;
      if (first_visit || candidate < ws.best_[next.link]) {
        ws.best_[next.link] = candidate;
        ws.predecessor_[next.link] = link;
        ws.stamp_[next.link] = reached;
        ws.heap_.push_back({candidate, next.link});
        std::push_heap(ws.heap_.begin(), ws.heap_.end(), PopsLater{});
      } else if (candidate == ws.best_[next.link] && link < ws.predecessor_[next.link]) {
        ws.predecessor_[next.link] = link;  // equal cost: the lower-id predecessor wins
      }
    }
  }
  if (!found) return false;
  for (LinkId at = destination; at != kNoId; at = ws.predecessor_[at]) out.push_back(at);
  std::reverse(out.begin(), out.end());
  return true;
}

bool Router::find_route_via(LinkId origin, std::span<const LinkId> via, LinkId destination,
                            Workspace& ws, std::vector<LinkId>& out) const {
  out.clear();
  LinkId from = origin;
  for (std::size_t i = 0; i <= via.size(); ++i) {
    const LinkId to = i < via.size() ? via[i] : destination;
    if (!find_route(from, to, ws, ws.leg_)) {
      out.clear();
      return false;
    }
    // Each leg starts where the previous one ended: skip the shared waypoint.
    out.insert(out.end(), ws.leg_.begin() + (out.empty() ? 0 : 1), ws.leg_.end());
    from = to;
  }
  return true;
}

double Router::route_cost(std::span<const LinkId> route, std::span<const double> link_costs) const {
  double total = 0.0;
  for (std::size_t i = 0; i < route.size(); ++i) {
    if (route[i] >= link_costs.size()) {
      throw std::invalid_argument("route: link id " + std::to_string(route[i]) +
                                  " is out of range");
    }
    total += link_costs[route[i]];
    if (i == 0) continue;
    const Successor* step = find_successor(route[i - 1], route[i]);
    if (step == nullptr) {
      throw std::invalid_argument("route: no connection from link '" +
                                  network_->link(route[i - 1]).name + "' to link '" +
                                  network_->link(route[i]).name + "'");
    }
    total += step->transit;
  }
  return total;
}

double Router::free_flow_time(std::span<const LinkId> route) const {
  return route_cost(route, free_flow_cost_);
}

double Router::cost(std::span<const LinkId> route) const {
  return route_cost(route, link_cost_);
}

void Router::reachable_from(LinkId origin, std::vector<std::uint8_t>& out) const {
  out.assign(link_cost_.size(), 0);
  if (origin >= out.size()) return;
  std::vector<LinkId> frontier{origin};
  out[origin] = 1;
  while (!frontier.empty()) {
    const LinkId link = frontier.back();
    frontier.pop_back();
    for (std::uint32_t i = first_successor_[link]; i < first_successor_[link + 1]; ++i) {
      if (out[successors_[i].link] == 0) {
        out[successors_[i].link] = 1;
        frontier.push_back(successors_[i].link);
      }
    }
  }
}

void Router::set_link_costs(std::span<const double> seconds_per_link) {
  if (seconds_per_link.size() != link_cost_.size()) {
    throw std::invalid_argument("set_link_costs: expected " + std::to_string(link_cost_.size()) +
                                " costs (one per link), got " +
                                std::to_string(seconds_per_link.size()));
  }
  for (std::size_t i = 0; i < seconds_per_link.size(); ++i) {
    // Dijkstra needs non-negative costs; NaN would make every comparison false.
    if (!std::isfinite(seconds_per_link[i]) || seconds_per_link[i] < 0.0) {
      throw std::invalid_argument("set_link_costs: cost of link '" + network_->link(i).name +
                                  "' must be finite and >= 0, got " +
                                  std::to_string(seconds_per_link[i]));
    }
  }
  link_cost_.assign(seconds_per_link.begin(), seconds_per_link.end());
  cache_.clear();
}

void Router::reset_to_free_flow() {
  link_cost_ = free_flow_cost_;
  cache_.clear();
}

}  // namespace citytwin

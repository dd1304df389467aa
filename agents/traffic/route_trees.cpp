#include "agents/traffic/route_trees.hpp"

#include "agents/traffic/router.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <queue>
#include <stdexcept>

namespace citytwin {

RouteTrees::RouteTrees(const Network& network, std::optional<RoadClass> road_class)
    : network_(network) {
  const std::size_t links = network.links().size();
  free_flow_time_.resize(links);
  for (LinkId l = 0; l < links; ++l) {
    free_flow_time_[l] = network.link(l).length / network.link(l).speed_limit;
  }
  link_time_ = free_flow_time_;

  // Junction time from link a into link b: the shortest connection path between their lanes at
  // the next link's speed limit. Collected per (b, a) and reduced to the minimum.
  std::vector<std::vector<Predecessor>> by_link(links);
  for (const Connection& c : network.connections()) {
    if (road_class && !connection_allows(network, c, *road_class)) continue;
    const LinkId a = network.lane(c.from_lane).link;
    const LinkId b = network.lane(c.to_lane).link;
    const double t = c.length / network.link(b).speed_limit;
    auto& list = by_link[b];
    auto it =
        std::find_if(list.begin(), list.end(), [&](const Predecessor& p) { return p.link == a; });
    if (it == list.end()) {
      list.push_back({a, t});
    } else {
      it->junction_time = std::min(it->junction_time, t);
    }
  }
  predecessor_begin_.assign(links + 1, 0);
  for (LinkId b = 0; b < links; ++b) {
    std::sort(by_link[b].begin(), by_link[b].end(),
              [](const Predecessor& x, const Predecessor& y) { return x.link < y.link; });
    predecessor_begin_[b + 1] =
        predecessor_begin_[b] + static_cast<std::uint32_t>(by_link[b].size());
    predecessors_.insert(predecessors_.end(), by_link[b].begin(), by_link[b].end());
  }
}

void RouteTrees::set_link_costs(std::span<const double> seconds_per_link) {
  if (seconds_per_link.empty()) {
    link_time_ = free_flow_time_;
  } else {
    if (seconds_per_link.size() != link_time_.size()) {
      throw std::invalid_argument("RouteTrees: one cost per link is needed");
    }
    link_time_.assign(seconds_per_link.begin(), seconds_per_link.end());
  }
  trees_.clear();
}

const std::vector<LinkId>& RouteTrees::tree(LinkId destination) {
  if (auto it = trees_.find(destination); it != trees_.end()) return it->second;
  const std::size_t links = link_time_.size();
  std::vector<LinkId> next(links, kNoId);
  distance_.assign(links, std::numeric_limits<double>::infinity());
  using Entry = std::pair<double, LinkId>;  // (distance to destination, link): ties by id
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap;
  distance_[destination] = link_time_[destination];
  next[destination] = destination;
  heap.push({distance_[destination], destination});
  while (!heap.empty()) {
    const auto [d, b] = heap.top();
    heap.pop();
    if (d > distance_[b]) continue;
    for (std::uint32_t k = predecessor_begin_[b]; k < predecessor_begin_[b + 1]; ++k) {
      const Predecessor& p = predecessors_[k];
      const double candidate = link_time_[p.link] + p.junction_time + d;
      if (candidate < distance_[p.link] || (candidate == distance_[p.link] && b < next[p.link])) {
        const bool improved = candidate < distance_[p.link];
        distance_[p.link] = candidate;
        next[p.link] = b;
        if (improved) heap.push({candidate, p.link});
      }
    }
  }
  return trees_.emplace(destination, std::move(next)).first->second;
}

bool RouteTrees::route(LinkId from, LinkId destination, std::vector<LinkId>& out) {
  out.clear();
  if (from >= link_time_.size() || destination >= link_time_.size()) return false;
  return walk(tree(destination), from, destination, out);
}

std::optional<bool> RouteTrees::route_if_built(LinkId from, LinkId destination,
                                               std::vector<LinkId>& out) const {
  out.clear();
  if (from >= link_time_.size() || destination >= link_time_.size()) return false;
  const auto it = trees_.find(destination);
  if (it == trees_.end()) return std::nullopt;
  return walk(it->second, from, destination, out);
}

bool RouteTrees::walk(const std::vector<LinkId>& next, LinkId from, LinkId destination,
                      std::vector<LinkId>& out) {
  if (next[from] == kNoId) return false;
  for (LinkId l = from;; l = next[l]) {
    out.push_back(l);
    if (l == destination) return true;
    if (out.size() > next.size()) return false;  // cannot happen in a shortest-path tree
  }
}

}  // namespace citytwin

#include "sim/network/pedestrian_router.hpp"

#include "sim/network/stage_plan.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <queue>
#include <set>
#include <stdexcept>

namespace citytwin {
namespace {

constexpr double kUnreached = std::numeric_limits<double>::infinity();

double hcm_wait(double cycle, double green) {
  if (!(cycle > 0.0)) return 0.0;
  const double red = std::clamp(cycle - green, 0.0, cycle);
  return red * red / (2.0 * cycle);
}

}  // namespace

PedestrianRouter::PedestrianRouter(const Network& network, WalkingParams params)
    : network_(network), layer_(network.pedestrians()), params_(params) {
  if (!(params_.walking_speed > 0.0) || !std::isfinite(params_.walking_speed)) {
    throw std::invalid_argument("walking speed must be a positive number");
  }
  crossing_wait_.reserve(layer_.crosswalks().size());
  for (const Crosswalk& c : layer_.crosswalks()) crossing_wait_.push_back(expected_wait(c));
}

double PedestrianRouter::expected_wait(const Crosswalk& crosswalk) const {
  const Node& node = network_.node(crosswalk.node);
  if (node.control != NodeControl::kSignal) return params_.unsignalised_crossing_wait;
  const auto tied = layer_.signal_groups(crosswalk);
  const auto own = layer_.program_states(crosswalk);
  if (node.program != kNoId && (!own.empty() || !tied.empty())) {
    const SignalProgram& program = network_.signal_program(node.program);
    const auto phases = network_.program_phases(node.program);
    double green = 0.0;
    for (std::uint32_t k = 0; k < program.phase_count; ++k) {
      bool walk = false;
      if (!own.empty()) {
        walk = own[k] == SignalState::kGreen;
      } else {
        const auto states = network_.phase_states(program, k);
        for (std::size_t i = 0; i < node.signal_groups.size(); ++i) {
          walk |= states[i] == SignalState::kGreen &&
                  std::binary_search(tied.begin(), tied.end(), node.signal_groups[i]);
        }
      }
      if (walk) green += phases[k].duration;
    }
    return hcm_wait(program.cycle, green);
  }
  if (tied.empty()) return params_.untied_crossing_wait;
  const std::uint32_t stages = std::max<std::uint32_t>(1, stage_count(network_, crosswalk.node));
  std::set<std::uint8_t> green_stages;
  for (const SignalGroupId g : tied) {
    const SignalGroup& group = network_.signal_group(g);
    if (group.every_stage) return 0.0;  // tied to a movement never stopped: always walk
    green_stages.insert(group.stage);
  }
  const double cycle = params_.assumed_cycle;
  return hcm_wait(cycle, cycle * static_cast<double>(green_stages.size()) / stages);
}

double PedestrianRouter::edge_time(WalkEdgeId id) const {
  const WalkEdge& edge = layer_.edges()[id];
  const double walk = edge.length / params_.walking_speed;
  return edge.kind == WalkEdgeKind::kCrosswalk ? walk + crossing_wait_[edge.element] : walk;
}

void PedestrianRouter::search(std::span<const Seed> seeds, std::span<const WalkVertexId> targets,
                              std::vector<double>& time, std::vector<WalkEdgeId>& via) const {
  const std::size_t n = layer_.vertices().size();
  time.assign(n, kUnreached);
  via.assign(n, kNoId);
  std::vector<bool> settled(n, false);
  using Entry = std::pair<double, WalkVertexId>;  // (time, vertex): ties go to the lower id
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
  for (const Seed& s : seeds) {
    if (s.time < time[s.vertex]) {
      time[s.vertex] = s.time;
      queue.push({s.time, s.vertex});
    }
  }
  std::size_t targets_left = targets.size();
  std::vector<bool> is_target(n, false);
  for (const WalkVertexId t : targets) is_target[t] = true;
  while (!queue.empty()) {
    const auto [t, v] = queue.top();
    queue.pop();
    if (settled[v] || t > time[v]) continue;
    settled[v] = true;
    if (is_target[v] && --targets_left == 0 && !targets.empty()) return;
    for (const WalkEdgeId e : layer_.edges_at(v)) {
      const WalkVertexId w = layer_.other_end(e, v);
      const double arrival = t + edge_time(e);
      if (arrival < time[w]) {
        time[w] = arrival;
        via[w] = e;
        queue.push({arrival, w});
      }
    }
  }
}

std::vector<WalkEdgeId> PedestrianRouter::path_to(WalkVertexId v,
                                                  const std::vector<WalkEdgeId>& via) const {
  std::vector<WalkEdgeId> path;
  while (via[v] != kNoId) {
    path.push_back(via[v]);
    v = layer_.other_end(via[v], v);
  }
  std::reverse(path.begin(), path.end());
  return path;
}

WalkRoute PedestrianRouter::route(WalkVertexId from, WalkVertexId to) const {
  const std::size_t n = layer_.vertices().size();
  if (from >= n || to >= n) throw std::out_of_range("walking route: unknown vertex");
  std::vector<double> time;
  std::vector<WalkEdgeId> via;
  const Seed seed{from, 0.0};
  search({&seed, 1}, {&to, 1}, time, via);
  WalkRoute route;
  if (time[to] == kUnreached) return route;
  route.found = true;
  route.time = time[to];
  route.edges = path_to(to, via);
  for (const WalkEdgeId e : route.edges) route.length += layer_.edges()[e].length;
  return route;
}

WalkRoute PedestrianRouter::route(WalkPosition from, WalkPosition to) const {
  const auto edges = layer_.edges();
  if (from.edge >= edges.size() || to.edge >= edges.size()) {
    throw std::out_of_range("walking route: unknown edge");
  }
  const WalkEdge& a = edges[from.edge];
  const WalkEdge& b = edges[to.edge];
  const double s0 = std::clamp(from.offset, 0.0, a.length);
  const double s1 = std::clamp(to.offset, 0.0, b.length);
  const double speed = params_.walking_speed;
  // Part of an edge walked from a position: time in proportion, a crosswalk's wait only when the
  // walk starts at its kerb (someone already on the crossing does not wait again).
  auto part = [&](const WalkEdge& e, double metres, bool from_kerb) {
    double t = metres / speed;
    if (e.kind == WalkEdgeKind::kCrosswalk && from_kerb && metres > 0.0) {
      t += crossing_wait_[e.element];
    }
    return t;
  };
  const Seed seeds[2] = {{a.from, part(a, s0, false)}, {a.to, part(a, a.length - s0, false)}};
  const WalkVertexId targets[2] = {b.from, b.to};
  std::vector<double> time;
  std::vector<WalkEdgeId> via;
  search(seeds, targets, time, via);

  WalkRoute best;
  if (from.edge == to.edge) {
    best.found = true;
    best.length = std::abs(s1 - s0);
    best.time = best.length / speed;
    best.edges = {from.edge};
  }
  for (const bool at_from_end : {true, false}) {
    const WalkVertexId v = at_from_end ? b.from : b.to;
    if (time[v] == kUnreached) continue;
    const double metres = at_from_end ? s1 : b.length - s1;
    const double t = time[v] + part(b, metres, true);
    if (best.found && !(t < best.time)) continue;
    best.found = true;
    best.time = t;
    best.edges.clear();
    // The seed the search started from decides how much of the first edge was walked.
    std::vector<WalkEdgeId> middle = path_to(v, via);
    WalkVertexId start = v;
    for (auto it = middle.rbegin(); it != middle.rend(); ++it) start = layer_.other_end(*it, start);
    best.length = (start == a.from ? s0 : a.length - s0) + metres;
    best.edges.push_back(from.edge);
    for (const WalkEdgeId e : middle) {
      best.edges.push_back(e);
      best.length += edges[e].length;
    }
    best.edges.push_back(to.edge);
  }
  return best;
}

std::vector<double> PedestrianRouter::times_from(WalkVertexId from) const {
  if (from >= layer_.vertices().size()) throw std::out_of_range("walking route: unknown vertex");
  std::vector<double> time;
  std::vector<WalkEdgeId> via;
  const Seed seed{from, 0.0};
  search({&seed, 1}, {}, time, via);
  return time;
}

}  // namespace citytwin

// Departure schedules for flows and random network-wide demand; the entry point that runs every
// generator and sorts the result.
#include "agents/traffic/demand.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <tuple>

#include "agents/traffic/demand_detail.hpp"
#include "agents/traffic/traffic_rng_streams.hpp"
#include "sim/core/rng.hpp"

namespace citytwin {

std::uint32_t demand_rng_agent(DemandSource kind, std::uint32_t index) {
  return (static_cast<std::uint32_t>(kind) << 30) | (index & 0x3FFF'FFFFu);
}

std::size_t scaled_copies(double scale, std::uint64_t seed, std::uint32_t rng_agent,
                          std::uint64_t index) {
  if (scale == 1.0) return 1;
  const double whole = std::floor(scale);
  const double fraction = scale - whole;
  auto copies = static_cast<std::size_t>(whole);
  if (fraction > 0.0 && CounterRng(seed, kDemandStream, rng_agent, index).bernoulli(fraction)) {
    ++copies;
  }
  return copies;
}

namespace demand_detail {
namespace {

// Arrival times of one source in [begin, end). Poisson: exponential headways, draw k from
// (agent, step k), so departure k depends on nothing but the seed, the source and k. Uniform:
// begin + k / rate, computed (not accumulated) so there is no drift over long windows. `emit`
// receives (sequence, time, rng positioned after the headway draw, for further draws).
template <typename Emit>
void arrivals(Generation& g, Headways headways, double rate, std::pair<double, double> window,
              std::uint32_t agent, std::string_view who, Emit emit) {
  const auto [begin, end] = window;
  if (rate <= 0.0 || begin >= end) return;
  g.reserve_more(rate * (end - begin), who);
  double time = begin;
  for (std::uint32_t k = 0;; ++k) {
    CounterRng rng(g.seed, kDemandStream, agent, k);
    time = headways == Headways::kUniform ? begin + k / rate : time + rng.exponential(rate);
    if (!(time < end)) return;
    g.check_size(who);
    emit(k, time, rng);
  }
}

void generate_flows(Generation& g) {
  const auto& flows = g.demand.flows;
  for (std::uint32_t i = 0; i < flows.size(); ++i) {
    const FlowSpec& flow = flows[i];
    const std::string who = "flow '" + flow.name + "'";
    const LinkId origin = g.places.resolve(flow.from, Role::kOrigin, who, "from");
    const LinkId destination = g.places.resolve(flow.to, Role::kDestination, who, "to");
    if (origin != destination) g.require_route(origin, destination, flow.vehicle_type, who);
    const double rate = checked_rate(flow.rate, g.demand.scale, who);
    arrivals(g, flow.headways, rate, g.window(flow.begin, flow.end),
             demand_rng_agent(DemandSource::kFlow, i), who,
             [&](std::uint32_t k, double time, CounterRng&) {
               g.departures.push_back(
                   {time, origin, destination, DemandSource::kFlow, i, k, flow.vehicle_type, {}});
             });
  }
}

// Entry links: outgoing links of boundary nodes; exit links: their incoming links (id order).
void boundary_links(const Network& network, std::vector<LinkId>& entries,
                    std::vector<LinkId>& exits) {
  for (const Node& node : network.nodes()) {
    if (node.control != NodeControl::kBoundary) continue;
    entries.insert(entries.end(), node.outgoing.begin(), node.outgoing.end());
    exits.insert(exits.end(), node.incoming.begin(), node.incoming.end());
  }
  std::sort(entries.begin(), entries.end());
  std::sort(exits.begin(), exits.end());
}

void generate_random(Generation& g) {
  const RandomDemandSpec& spec = *g.demand.random;
  const std::string who = "demand.random";
  const double rate = checked_rate(spec.rate, g.demand.scale, who);
  const auto window = g.window(spec.begin, spec.end);
  if (rate <= 0.0 || window.first >= window.second) return;

  std::vector<LinkId> entries;
  std::vector<LinkId> exits;
  boundary_links(g.network, entries, exits);
  const auto pairs =
      connected_pairs(g.router_for(spec.vehicle_type), entries, exits, [&](LinkId in, LinkId out) {
        const Link& entry = g.network.link(in);
        const Link& exit = g.network.link(out);
        const bool reverse = exit.from == entry.to && exit.to == entry.from;
        const Vec2 a = g.network.node(entry.from).position;
        const Vec2 b = g.network.node(exit.to).position;
        return !reverse && std::hypot(a.x - b.x, a.y - b.y) >= spec.min_distance;
      });
  if (pairs.empty()) {
    throw DemandError(who + ": no entry/exit pair of boundary links is connected and at least " +
                      std::to_string(spec.min_distance) + " m apart (" +
                      std::to_string(entries.size()) + " entries, " + std::to_string(exits.size()) +
                      " exits)");
  }
  const auto pair_count = static_cast<std::uint32_t>(pairs.size());
  arrivals(g, Headways::kPoisson, rate, window, demand_rng_agent(DemandSource::kRandom, 0), who,
           [&](std::uint32_t k, double time, CounterRng& rng) {
             const auto [o, d] = pairs[rng.below(pair_count)];
             g.departures.push_back(
                 {time, entries[o], exits[d], DemandSource::kRandom, 0, k, spec.vehicle_type, {}});
           });
}

}  // namespace
}  // namespace demand_detail

std::vector<Departure> generate_departures(const DemandSpec& demand, const Network& network,
                                           std::uint64_t seed, double duration,
                                           std::size_t* unroutable_skipped) {
  using namespace demand_detail;
  if (!std::isfinite(duration) || duration < 0.0) {
    throw DemandError("simulation duration must be finite and >= 0, got " +
                      std::to_string(duration));
  }
  Generation g{demand, network, seed, duration, PlaceIndex(network), {}, {}, {}, {}, {}, {}};
  generate_flows(g);
  if (demand.random) generate_random(g);
  generate_od(g);
  generate_trips(g);
  // (kind, source, sequence) is unique, so this is a total order: the schedule never depends on
  // the sort algorithm.
  std::sort(g.departures.begin(), g.departures.end(), [](const Departure& a, const Departure& b) {
    return std::tie(a.time, a.kind, a.source, a.sequence) <
           std::tie(b.time, b.kind, b.source, b.sequence);
  });
  if (unroutable_skipped != nullptr) *unroutable_skipped = g.unroutable_skipped;
  return std::move(g.departures);
}

}  // namespace citytwin

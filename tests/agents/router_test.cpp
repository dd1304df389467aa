#include "agents/traffic/router.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "sim/core/rng.hpp"
#include "sim/network/grid_generator.hpp"
#include "sim/network/network_builder.hpp"

namespace citytwin {
namespace {

GridSpec grid(std::uint32_t rows, std::uint32_t cols) {
  GridSpec spec;
  spec.rows = rows;
  spec.cols = cols;
  spec.spacing = 300.0;
  spec.attach_length = 200.0;
  spec.lanes = 2;
  return spec;
}

LinkId link_named(const Network& net, const std::string& name) {
  const LinkId id = net.find_link(name);
  EXPECT_NE(id, kNoId) << name;
  return id;
}

// Independent of the router: the shortest junction transit (s) from `from` to `to` by scanning
// every connection of the network; NaN when none joins them.
double transit(const Network& net, LinkId from, LinkId to) {
  double best = std::numeric_limits<double>::quiet_NaN();
  for (const Connection& c : net.connections()) {
    if (net.lane(c.from_lane).link == from && net.lane(c.to_lane).link == to) {
      const double t = c.length / net.link(to).speed_limit;
      if (std::isnan(best) || t < best) best = t;
    }
  }
  return best;
}

double expected_free_flow_time(const Network& net, std::span<const LinkId> route) {
  double total = 0.0;
  for (std::size_t i = 0; i < route.size(); ++i) {
    total += net.link(route[i]).length / net.link(route[i]).speed_limit;
    if (i > 0) total += transit(net, route[i - 1], route[i]);
  }
  return total;
}

void expect_connected(const Router& router, std::span<const LinkId> route) {
  for (std::size_t i = 1; i < route.size(); ++i) {
    EXPECT_TRUE(router.connected(route[i - 1], route[i]))
        << router.network().link(route[i - 1]).name << " -> "
        << router.network().link(route[i]).name;
    EXPECT_FALSE(std::isnan(transit(router.network(), route[i - 1], route[i])));
  }
}

TEST(RouterTest, CornerToOppositeCornerTakesAManhattanShortestPath) {
  for (const auto& [rows, cols] : {std::pair{3u, 3u}, std::pair{4u, 6u}, std::pair{1u, 5u}}) {
    const Network net = generate_grid(grid(rows, cols));
    Router router(net);
    const std::string last_col = std::to_string(cols - 1);
    const std::string last_row = std::to_string(rows - 1);
    const LinkId origin = link_named(net, "B_S_c0->J_r0_c0");
    const LinkId destination =
        link_named(net, "J_r" + last_row + "_c" + last_col + "->B_N_c" + last_col);
    const auto route = router.route(origin, destination);
    ASSERT_FALSE(route.empty()) << rows << "x" << cols;
    EXPECT_EQ(route.front(), origin);
    EXPECT_EQ(route.back(), destination);
    // Entry + (rows - 1) northward + (cols - 1) eastward inner links + exit.
    EXPECT_EQ(route.size(), static_cast<std::size_t>(rows + cols)) << rows << "x" << cols;
    expect_connected(router, route);
    EXPECT_NEAR(router.free_flow_time(route), expected_free_flow_time(net, route), 1e-9);
    EXPECT_DOUBLE_EQ(router.cost(route), router.free_flow_time(route));
  }
}

TEST(RouterTest, OppositeBoundaryNodesOfARowAreJoinedStraightAcross) {
  const Network net = generate_grid(grid(3, 4));
  Router router(net);
  const auto route =
      router.route(link_named(net, "B_W_r1->J_r1_c0"), link_named(net, "J_r1_c3->B_E_r1"));
  std::vector<std::string> names;
  for (const LinkId id : route) names.push_back(net.link(id).name);
  EXPECT_EQ(names,
            (std::vector<std::string>{"B_W_r1->J_r1_c0", "J_r1_c0->J_r1_c1", "J_r1_c1->J_r1_c2",
                                      "J_r1_c2->J_r1_c3", "J_r1_c3->B_E_r1"}));
}

TEST(RouterTest, UnreachableOrInvalidGivesAnEmptyRoute) {
  const Network net = generate_grid(grid(2, 2));
  Router router(net);
  // An exit link ends at a boundary node: nothing follows it.
  const LinkId exit = link_named(net, "J_r0_c1->B_E_r0");
  const LinkId entry = link_named(net, "B_W_r0->J_r0_c0");
  EXPECT_TRUE(router.route(exit, entry).empty());
  EXPECT_TRUE(router.route(entry, static_cast<LinkId>(net.links().size())).empty());
  EXPECT_TRUE(router.route(kNoId, entry).empty());
  // Origin == destination is a one-link route.
  const auto self = router.route(entry, entry);
  ASSERT_EQ(self.size(), 1u);
  EXPECT_EQ(self[0], entry);
}

TEST(RouterTest, RoutesAreCachedUntilCostsChange) {
  const Network net = generate_grid(grid(3, 3));
  Router router(net);
  const LinkId origin = link_named(net, "B_W_r0->J_r0_c0");
  const LinkId destination = link_named(net, "J_r2_c2->B_N_c2");
  const auto first = router.route(origin, destination);
  const auto again = router.route(origin, destination);
  EXPECT_EQ(first.data(), again.data());
  EXPECT_EQ(first.size(), again.size());
  // Many more entries: rehashing must not move earlier results.
  for (LinkId a = 0; a < net.links().size(); ++a) router.route(a, destination);
  EXPECT_EQ(router.route(origin, destination).data(), first.data());
  EXPECT_EQ(router.cached_routes(), net.links().size());

  std::vector<LinkId> uncached;
  Router::Workspace workspace;
  EXPECT_TRUE(router.find_route(origin, destination, workspace, uncached));
  EXPECT_TRUE(std::equal(uncached.begin(), uncached.end(), first.begin(), first.end()));

  router.reset_to_free_flow();
  EXPECT_EQ(router.cached_routes(), 0u);
}

TEST(RouterTest, ReroutingAvoidsAPenalisedLinkAndResetRestoresTheRoute) {
  const Network net = generate_grid(grid(3, 4));
  Router router(net);
  const LinkId origin = link_named(net, "B_W_r1->J_r1_c0");
  const LinkId destination = link_named(net, "J_r1_c3->B_E_r1");
  const LinkId blocked = link_named(net, "J_r1_c1->J_r1_c2");
  const std::vector<LinkId> before(router.route(origin, destination).begin(),
                                   router.route(origin, destination).end());
  ASSERT_NE(std::find(before.begin(), before.end(), blocked), before.end());

  std::vector<double> costs(net.links().size());
  for (LinkId id = 0; id < costs.size(); ++id) {
    costs[id] = net.link(id).length / net.link(id).speed_limit;
  }
  costs[blocked] = 3600.0;  // a jam: one hour to cross
  router.set_link_costs(costs);
  const auto detour = router.route(origin, destination);
  ASSERT_FALSE(detour.empty());
  EXPECT_EQ(std::find(detour.begin(), detour.end(), blocked), detour.end());
  expect_connected(router, detour);
  EXPECT_GT(router.free_flow_time(detour), router.free_flow_time(before));
  EXPECT_LT(router.cost(detour), router.cost(before));

  router.reset_to_free_flow();
  const auto after = router.route(origin, destination);
  EXPECT_TRUE(std::equal(after.begin(), after.end(), before.begin(), before.end()));
}

TEST(RouterTest, RejectsBadCostsAndDisconnectedRoutes) {
  const Network net = generate_grid(grid(2, 2));
  Router router(net);
  std::vector<double> costs(net.links().size(), 1.0);
  EXPECT_THROW(router.set_link_costs(std::span(costs).first(1)), std::invalid_argument);
  costs[3] = -1.0;
  EXPECT_THROW(router.set_link_costs(costs), std::invalid_argument);
  costs[3] = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(router.set_link_costs(costs), std::invalid_argument);
  const std::vector<LinkId> jump{link_named(net, "B_W_r0->J_r0_c0"),
                                 link_named(net, "J_r1_c1->B_E_r1")};
  EXPECT_THROW(router.free_flow_time(jump), std::invalid_argument);
}

TEST(RouterTest, RouteViaPassesEveryWaypointInOrder) {
  const Network net = generate_grid(grid(3, 3));
  Router router(net);
  const LinkId origin = link_named(net, "B_W_r0->J_r0_c0");
  const LinkId destination = link_named(net, "J_r0_c2->B_E_r0");
  const std::vector<LinkId> via{link_named(net, "J_r1_c1->J_r2_c1")};
  Router::Workspace workspace;
  std::vector<LinkId> route;
  ASSERT_TRUE(router.find_route_via(origin, via, destination, workspace, route));
  EXPECT_EQ(route.front(), origin);
  EXPECT_EQ(route.back(), destination);
  EXPECT_NE(std::find(route.begin(), route.end(), via[0]), route.end());
  expect_connected(router, route);
  const std::vector<LinkId> dead_end{link_named(net, "J_r2_c2->B_N_c2")};
  EXPECT_FALSE(router.find_route_via(origin, dead_end, destination, workspace, route));
  EXPECT_TRUE(route.empty());
}

TEST(RouterTest, ConcurrentQueriesWithOwnWorkspacesAgreeWithTheCache) {
  const Network net = generate_grid(grid(4, 4));
  Router router(net);
  const auto link_count = static_cast<LinkId>(net.links().size());
  std::vector<std::vector<LinkId>> expected(link_count);
  for (LinkId o = 0; o < link_count; ++o) {
    const auto r = router.route(o, link_count - 1 - o);
    expected[o].assign(r.begin(), r.end());
  }
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      Router::Workspace workspace;
      std::vector<LinkId> route;
      for (LinkId o = 0; o < link_count; ++o) {
        router.find_route(o, link_count - 1 - o, workspace, route);
        if (route != expected[o]) ++mismatches[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

// A random small network: nodes scattered in a square, random one-way links, and connections
// from random lanes of each incoming link to random lanes of each outgoing link at a node.
Network random_network(std::uint32_t draw) {
  CounterRng rng(7, RngStream::kTest, 0, draw);
  NetworkBuilder b;
  const std::uint32_t node_count = 4 + rng.below(5);
  for (std::uint32_t i = 0; i < node_count; ++i) {
    b.add_node("n" + std::to_string(i), {rng.uniform(0, 1000), rng.uniform(0, 1000)});
  }
  for (NodeId from = 0; from < node_count; ++from) {
    for (NodeId to = 0; to < node_count; ++to) {
      if (from != to && rng.bernoulli(0.35)) {
        b.add_link("l" + std::to_string(b.link_count()), from, to, 1 + rng.below(2),
                   rng.uniform(5.0, 25.0));
      }
    }
  }
  for (LinkId in = 0; in < b.link_count(); ++in) {
    for (LinkId out = 0; out < b.link_count(); ++out) {
      if (b.link_to(in) != b.link_from(out) || !rng.bernoulli(0.7)) continue;
      const NodeId node = b.link_to(in);
      const Vec2 in_dir = b.node_position(node) - b.node_position(b.link_from(in));
      const Vec2 out_dir = b.node_position(b.link_to(out)) - b.node_position(node);
      b.add_connection(b.lane(in, rng.below(b.link_lane_count(in))),
                       b.lane(out, rng.below(b.link_lane_count(out))),
                       classify_turn(in_dir, out_dir));
    }
  }
  return b.build();
}

// Bellman-Ford over links with the documented cost model (link costs plus free-flow junction
// transits), as an independent reference.
std::vector<double> bellman_ford(const Network& net, const std::vector<double>& link_cost,
                                 LinkId origin) {
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> best(net.links().size(), inf);
  best[origin] = link_cost[origin];
  for (std::size_t round = 0; round < net.links().size(); ++round) {
    for (const Connection& c : net.connections()) {
      const LinkId from = net.lane(c.from_lane).link;
      const LinkId to = net.lane(c.to_lane).link;
      const double candidate = best[from] + c.length / net.link(to).speed_limit + link_cost[to];
      best[to] = std::min(best[to], candidate);
    }
  }
  return best;
}

// Free-flow costs, then random costs of the same order as the junction transits (so that the
// transits decide between alternatives and a router that dropped them would be caught).
TEST(RouterTest, DijkstraMatchesBellmanFordOnRandomNetworks) {
  int compared = 0;
  for (std::uint32_t draw = 0; draw < 40; ++draw) {
    const Network net = random_network(draw);
    Router router(net);
    for (const bool random_costs : {false, true}) {
      std::vector<double> costs(net.links().size());
      CounterRng rng(11, RngStream::kTest, 1, draw);
      for (LinkId id = 0; id < costs.size(); ++id) {
        costs[id] =
            random_costs ? rng.uniform(0.0, 3.0) : net.link(id).length / net.link(id).speed_limit;
      }
      router.set_link_costs(costs);
      for (LinkId origin = 0; origin < net.links().size(); ++origin) {
        const std::vector<double> reference = bellman_ford(net, costs, origin);
        for (LinkId destination = 0; destination < net.links().size(); ++destination) {
          const auto route = router.route(origin, destination);
          if (std::isinf(reference[destination])) {
            EXPECT_TRUE(route.empty()) << "network " << draw;
            continue;
          }
          ASSERT_FALSE(route.empty()) << "network " << draw;
          EXPECT_EQ(route.front(), origin);
          EXPECT_EQ(route.back(), destination);
          expect_connected(router, route);
          EXPECT_NEAR(router.cost(route), reference[destination], 1e-9)
              << "network " << draw << " " << origin << " -> " << destination;
          ++compared;
        }
      }
    }
  }
  EXPECT_GT(compared, 500);  // the random networks are not trivially disconnected
}

}  // namespace
}  // namespace citytwin

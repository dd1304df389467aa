#include "agents/traffic/route_trees.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <vector>

#include "agents/traffic/router.hpp"
#include "sim/network/grid_generator.hpp"

namespace citytwin {
namespace {

Network test_grid() {
  GridSpec spec;
  spec.rows = 4;
  spec.cols = 5;
  spec.spacing = 300.0;
  spec.attach_length = 200.0;
  spec.lanes = 2;
  return generate_grid(spec);
}

// Every origin-destination pair: a tree route is a connected route as short (free-flow time)
// as the router's own Dijkstra finds; unreachable pairs agree too.
TEST(RouteTrees, RoutesAreAsShortAsTheRoutersForEveryPair) {
  const Network net = test_grid();
  RouteTrees trees(net);
  Router router(net);
  Router::Workspace workspace;
  std::vector<LinkId> tree_route;
  std::vector<LinkId> dijkstra_route;
  const auto links = static_cast<LinkId>(net.links().size());
  for (LinkId from = 0; from < links; ++from) {
    for (LinkId to = 0; to < links; ++to) {
      const bool found = trees.route(from, to, tree_route);
      ASSERT_EQ(found, router.find_route(from, to, workspace, dijkstra_route))
          << from << "->" << to;
      if (!found) continue;
      ASSERT_EQ(tree_route.front(), from);
      ASSERT_EQ(tree_route.back(), to);
      // free_flow_time throws on a step without a connection, so this also checks connectivity.
      EXPECT_NEAR(router.free_flow_time(tree_route), router.free_flow_time(dijkstra_route), 1e-9)
          << from << "->" << to;
    }
  }
}

// The read-only walk used by parallel re-route planning: nothing before the tree is built, then
// exactly what route() returns.
TEST(RouteTrees, RouteIfBuiltNeedsThePreparedTreeThenMatchesRoute) {
  const Network net = test_grid();
  RouteTrees trees(net);
  const LinkId destination = 7;
  std::vector<LinkId> walked;
  std::vector<LinkId> routed;
  EXPECT_FALSE(trees.route_if_built(0, destination, walked).has_value());
  EXPECT_EQ(trees.built_trees(), 0u);
  trees.prepare(destination);
  EXPECT_EQ(trees.built_trees(), 1u);
  for (LinkId from = 0; from < net.links().size(); ++from) {
    const auto found = trees.route_if_built(from, destination, walked);
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(*found, trees.route(from, destination, routed));
    EXPECT_EQ(walked, routed);
  }
  EXPECT_EQ(trees.built_trees(), 1u);  // route() found the prepared tree, built nothing new
  // Out-of-range ids: no route, as route() answers.
  EXPECT_EQ(trees.route_if_built(static_cast<LinkId>(net.links().size()), destination, walked),
            std::optional<bool>(false));
}

}  // namespace
}  // namespace citytwin

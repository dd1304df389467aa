#include "sim/spatial/spatial_grid.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <stdexcept>
#include <vector>

namespace citytwin {
namespace {

std::vector<Vec2> random_points(std::mt19937& rng, std::size_t n, Vec2 lo, Vec2 hi) {
  std::uniform_real_distribution<double> x(lo.x, hi.x), y(lo.y, hi.y);
  std::vector<Vec2> points(n);
  for (Vec2& p : points) p = {x(rng), y(rng)};
  return points;
}

std::vector<std::uint32_t> brute_force_radius(const std::vector<Vec2>& points, Vec2 c, double r) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 0; i < points.size(); ++i) {
    const Vec2 d = points[i] - c;
    if (d.x * d.x + d.y * d.y <= r * r) out.push_back(i);
  }
  return out;
}

std::uint32_t brute_force_nearest(const std::vector<Vec2>& points, Vec2 c) {
  std::uint32_t best = SpatialGrid::kNone;
  double best_d2 = 0.0;
  for (std::uint32_t i = 0; i < points.size(); ++i) {
    const Vec2 d = points[i] - c;
    const double d2 = d.x * d.x + d.y * d.y;
    if (best == SpatialGrid::kNone || d2 < best_d2) {
      best = i;
      best_d2 = d2;
    }
  }
  return best;
}

TEST(SpatialGrid, RadiusQueryMatchesBruteForceInAscendingOrder) {
  std::mt19937 rng(12345);
  // Some points lie outside the bounds on purpose: they are clamped into edge cells.
  const std::vector<Vec2> points = random_points(rng, 2000, {-150, -120}, {1150, 620});
  SpatialGrid grid;
  grid.build(points, 25.0, {0, 0}, {1000, 500});
  EXPECT_EQ(grid.size(), points.size());
  EXPECT_EQ(grid.columns(), 40u);
  EXPECT_EQ(grid.rows(), 20u);

  std::uniform_real_distribution<double> cx(-300, 1300), cy(-300, 800), radius(0, 120);
  std::vector<std::uint32_t> found;
  std::size_t total = 0;
  for (int q = 0; q < 500; ++q) {
    const Vec2 c{cx(rng), cy(rng)};
    const double r = radius(rng);
    grid.query_radius(c, r, found);
    EXPECT_TRUE(std::is_sorted(found.begin(), found.end()));
    ASSERT_EQ(found, brute_force_radius(points, c, r)) << "query " << q;
    total += found.size();
  }
  EXPECT_GT(total, 1000u);  // the queries actually found things
}

TEST(SpatialGrid, RadiusIncludesTheBoundaryAndHugeRadiusFindsAll) {
  const std::vector<Vec2> points{{0, 0}, {3, 4}, {6, 8}, {-3, -4}};
  SpatialGrid grid;
  grid.build(points, 1.0, {-10, -10}, {10, 10});
  std::vector<std::uint32_t> found;
  grid.query_radius({0, 0}, 5.0, found);
  EXPECT_EQ(found, (std::vector<std::uint32_t>{0, 1, 3}));
  grid.query_radius({0, 0}, 1e9, found);
  EXPECT_EQ(found, (std::vector<std::uint32_t>{0, 1, 2, 3}));
  grid.query_radius({0, 0}, -1.0, found);
  EXPECT_TRUE(found.empty());
}

TEST(SpatialGrid, NearestMatchesBruteForceIncludingFarAndOutsidePoints) {
  std::mt19937 rng(777);
  const std::vector<Vec2> points = random_points(rng, 500, {-50, -50}, {550, 350});
  SpatialGrid grid;
  grid.build(points, 10.0, {0, 0}, {500, 300});
  std::uniform_real_distribution<double> cx(-2000, 2500), cy(-2000, 2300);
  for (int q = 0; q < 500; ++q) {
    const Vec2 c{cx(rng), cy(rng)};
    ASSERT_EQ(grid.nearest(c), brute_force_nearest(points, c)) << c.x << "," << c.y;
  }
  // A lone point far outside the bounds is still found from the other side of the grid.
  const std::vector<Vec2> lone{{5000, -5000}};
  grid.build(lone, 10.0, {0, 0}, {500, 300});
  EXPECT_EQ(grid.nearest({0, 300}), 0u);
}

TEST(SpatialGrid, NearestBreaksTiesByLowestIndex) {
  const std::vector<Vec2> points{{5, 5}, {1, 0}, {-1, 0}, {0, 1}, {1, 0}};
  SpatialGrid grid;
  grid.build(points, 0.5, {-2, -2}, {6, 6});
  EXPECT_EQ(grid.nearest({0, 0}), 1u);  // indices 1, 2, 3, 4 are all 1 m away
}

TEST(SpatialGrid, EmptyAndDegenerateBounds) {
  SpatialGrid grid;
  std::vector<std::uint32_t> found{99};
  EXPECT_EQ(grid.nearest({0, 0}), SpatialGrid::kNone);
  grid.query_radius({0, 0}, 10.0, found);
  EXPECT_TRUE(found.empty());

  grid.build({}, 1.0, {0, 0}, {0, 0});
  EXPECT_EQ(grid.size(), 0u);
  EXPECT_EQ(grid.nearest({0, 0}), SpatialGrid::kNone);

  const std::vector<Vec2> points{{0, 0}, {2, 2}};
  grid.build(points, 1.0, {0, 0}, {0, 0});  // a single cell holds everything
  EXPECT_EQ(grid.columns(), 1u);
  EXPECT_EQ(grid.nearest({3, 3}), 1u);
  grid.query_radius({0, 0}, 1.0, found);
  EXPECT_EQ(found, (std::vector<std::uint32_t>{0}));
}

TEST(SpatialGrid, RebuildReplacesContents) {
  std::mt19937 rng(4242);
  SpatialGrid grid;
  std::vector<std::uint32_t> found;
  for (std::size_t n : {300u, 50u, 800u, 0u, 10u}) {
    const std::vector<Vec2> points = random_points(rng, n, {0, 0}, {100, 100});
    grid.build(points, 7.0, {0, 0}, {100, 100});
    EXPECT_EQ(grid.size(), n);
    grid.query_radius({50, 50}, 30.0, found);
    EXPECT_EQ(found, brute_force_radius(points, {50, 50}, 30.0)) << n;
  }
}

TEST(SpatialGrid, RejectsBadParameters) {
  SpatialGrid grid;
  const std::vector<Vec2> points{{0, 0}};
  EXPECT_THROW(grid.build(points, 0.0, {0, 0}, {1, 1}), std::invalid_argument);
  EXPECT_THROW(grid.build(points, -1.0, {0, 0}, {1, 1}), std::invalid_argument);
  EXPECT_THROW(grid.build(points, 1.0, {1, 1}, {0, 0}), std::invalid_argument);
  EXPECT_THROW(grid.build(points, 1e-6, {0, 0}, {1e4, 1e4}), std::invalid_argument);
}

}  // namespace
}  // namespace citytwin

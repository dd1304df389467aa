// The static mesh grouped into tiles for culling, without Vulkan.
#include "render/city/city_tiles.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "render/render_fixtures.hpp"

namespace citytwin::render {
namespace {

const CityMesh& mesh() {
  static const CityMesh m = build_city_mesh(testing::small_grid());
  return m;
}

TEST(CityTiles, EveryLayerKeepsItsTrianglesAndAWholeViewIsOneDrawPerLayer) {
  const CityTiles tiles = tile_city_mesh(mesh(), 25.0);  // small grid: ~210 m -> 9x9 tiles
  EXPECT_GE(tiles.nx, 8u);
  EXPECT_GE(tiles.ny, 8u);
  ASSERT_EQ(tiles.vertices.size(), mesh().vertices.size());
  std::vector<std::pair<std::uint32_t, std::uint32_t>> draws;
  const WorldBox everything{{-1e9, -1e9}, {1e9, 1e9}};
  std::uint32_t start = 0;
  for (std::size_t l = 0; l < kCityLayerCount; ++l) {
    const auto layer = static_cast<CityLayer>(l);
    visible_draws(tiles, layer, everything, draws);
    ASSERT_EQ(draws.size(), 1u) << l;
    EXPECT_EQ(draws[0].first, start);
    EXPECT_EQ(draws[0].second, mesh().layer(layer).size());
    start += draws[0].second;
  }
}

TEST(CityTiles, AZoomedInViewDrawsFewerVerticesButEveryTriangleItSees) {
  const CityTiles tiles = tile_city_mesh(mesh(), 25.0);
  const WorldBox view{{80.0, -10.0}, {120.0, 10.0}};  // around the junction at (100, 0)
  std::vector<std::pair<std::uint32_t, std::uint32_t>> draws;
  visible_draws(tiles, CityLayer::kMarking, view, draws);
  std::vector<bool> drawn(tiles.vertices.size(), false);
  std::size_t total = 0;
  for (const auto& [first, count] : draws) {
    std::fill(drawn.begin() + first, drawn.begin() + first + count, true);
    total += count;
  }
  const auto layer = mesh().layer(CityLayer::kMarking);
  EXPECT_LT(total, layer.size() / 2);
  // Every marking triangle with a vertex in the view is drawn.
  const std::uint32_t begin = tiles.range(CityLayer::kMarking, 0).first;
  const std::uint32_t end = begin + static_cast<std::uint32_t>(layer.size());
  std::size_t seen = 0;
  for (std::uint32_t v = begin; v < end; v += 3) {
    bool inside = false;
    for (int k = 0; k < 3; ++k)
      inside |= view.contains(tiles.vertices[v + k].x, tiles.vertices[v + k].y);
    if (!inside) continue;
    ++seen;
    EXPECT_TRUE(drawn[v]) << "triangle at vertex " << v << " is in view but not drawn";
  }
  EXPECT_GT(seen, 0u);
}

}  // namespace
}  // namespace citytwin::render

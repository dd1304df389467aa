#include "render/city/city_tiles.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace citytwin::render {
namespace {

bool overlaps(const WorldBox& a, const WorldBox& b) {
  return a.min.x <= b.max.x && b.min.x <= a.max.x && a.min.y <= b.max.y && b.min.y <= a.max.y;
}

}  // namespace

CityTiles tile_city_mesh(const CityMesh& mesh, double tile_metres) {
  CityTiles tiles;
  if (mesh.vertices.empty()) {
    tiles.ranges.resize(kCityLayerCount);
    return tiles;
  }
  constexpr double inf = std::numeric_limits<double>::infinity();
  WorldBox extent{{inf, inf}, {-inf, -inf}};
  for (const CityVertex& v : mesh.vertices) {
    extent.min = {std::min<double>(extent.min.x, v.x), std::min<double>(extent.min.y, v.y)};
    extent.max = {std::max<double>(extent.max.x, v.x), std::max<double>(extent.max.y, v.y)};
  }
  auto side = [tile_metres](double span) {
    return static_cast<std::uint32_t>(std::clamp(std::ceil(span / tile_metres), 1.0, 64.0));
  };
  tiles.nx = side(extent.max.x - extent.min.x);
  tiles.ny = side(extent.max.y - extent.min.y);
  const double tile_w = std::max(extent.max.x - extent.min.x, 1e-6) / tiles.nx;
  const double tile_h = std::max(extent.max.y - extent.min.y, 1e-6) / tiles.ny;
  const std::size_t per_layer = std::size_t{tiles.nx} * tiles.ny;
  tiles.ranges.resize(kCityLayerCount * per_layer);
  tiles.vertices.reserve(mesh.vertices.size());

  std::vector<std::uint32_t> tile_of;  // per triangle of the current layer
  for (std::size_t layer = 0; layer < kCityLayerCount; ++layer) {
    const auto source = mesh.layer(static_cast<CityLayer>(layer));
    const std::size_t triangles = source.size() / 3;
    tile_of.resize(triangles);
    std::vector<std::uint32_t> count(per_layer, 0);
    for (std::size_t t = 0; t < triangles; ++t) {
      const CityVertex* v = &source[3 * t];
      const double cx = (double{v[0].x} + v[1].x + v[2].x) / 3.0;
      const double cy = (double{v[0].y} + v[1].y + v[2].y) / 3.0;
      const auto ix =
          static_cast<std::uint32_t>(std::clamp((cx - extent.min.x) / tile_w, 0.0, tiles.nx - 1.0));
      const auto iy =
          static_cast<std::uint32_t>(std::clamp((cy - extent.min.y) / tile_h, 0.0, tiles.ny - 1.0));
      tile_of[t] = iy * tiles.nx + ix;
      ++count[tile_of[t]];
    }
    // Counting sort (stable: a tile keeps the layer's drawing order inside it).
    auto* ranges = &tiles.ranges[layer * per_layer];
    std::uint32_t offset = static_cast<std::uint32_t>(tiles.vertices.size());
    for (std::size_t tile = 0; tile < per_layer; ++tile) {
      ranges[tile].first = offset;
      ranges[tile].count = 0;
      ranges[tile].bounds = {{inf, inf}, {-inf, -inf}};
      offset += 3 * count[tile];
    }
    tiles.vertices.resize(offset);
    for (std::size_t t = 0; t < triangles; ++t) {
      CityTiles::Range& r = ranges[tile_of[t]];
      for (int k = 0; k < 3; ++k) {
        const CityVertex& v = source[3 * t + k];
        tiles.vertices[r.first + r.count++] = v;
        r.bounds.min = {std::min<double>(r.bounds.min.x, v.x),
                        std::min<double>(r.bounds.min.y, v.y)};
        r.bounds.max = {std::max<double>(r.bounds.max.x, v.x),
                        std::max<double>(r.bounds.max.y, v.y)};
      }
    }
  }
  return tiles;
}

void visible_draws(const CityTiles& tiles, CityLayer layer, const WorldBox& visible,
                   std::vector<std::pair<std::uint32_t, std::uint32_t>>& out) {
  out.clear();
  const std::uint32_t per_layer = tiles.nx * tiles.ny;
  for (std::uint32_t tile = 0; tile < per_layer; ++tile) {
    const CityTiles::Range& r = tiles.range(layer, tile);
    if (r.count == 0 || !overlaps(r.bounds, visible)) continue;
    if (!out.empty() && out.back().first + out.back().second == r.first) {
      out.back().second += r.count;  // empty tiles between do not break a run
    } else {
      out.emplace_back(r.first, r.count);
    }
  }
}

}  // namespace citytwin::render

#pragma once
#include <cstdint>
#include <utility>
#include <vector>

#include "render/camera.hpp"
#include "render/city/city_geometry.hpp"

namespace citytwin::render {

// The static city mesh regrouped for culling: within each layer, triangles are grouped by the
// square tile their centroid falls in, and each tile remembers the bounds of its own triangles.
// A zoomed-in frame then draws only the tiles it sees: lavapipe transforms and clips every vertex
// it is given, and at street level over a 100k-vehicle city (half a million marking triangles)
// that alone cost ~5 ms a frame. Built once per network, beside the CityMesh (whose order the
// geometry tests read).
struct CityTiles {
  struct Range {
    std::uint32_t first = 0;  // vertex offset in `vertices`
    std::uint32_t count = 0;  // vertices
    WorldBox bounds{};        // of this tile's triangles (may reach beyond the tile)
  };
  std::vector<CityVertex> vertices;  // layer by layer, then tile by tile (row-major)
  std::uint32_t nx = 1;
  std::uint32_t ny = 1;
  std::vector<Range> ranges;  // ranges[layer * nx * ny + tile]

  const Range& range(CityLayer layer, std::uint32_t tile) const {
    return ranges[static_cast<std::size_t>(layer) * nx * ny + tile];
  }
};

// Tiles of about `tile_metres` over the mesh's extent (at most 64 per side).
CityTiles tile_city_mesh(const CityMesh& mesh, double tile_metres = 250.0);

// The draws (first vertex, vertex count) for the tiles of `layer` whose bounds meet `visible`, in
// storage order; neighbours in storage are merged, so a whole-city view is one draw per layer.
// `out` is cleared first (its capacity is kept).
void visible_draws(const CityTiles& tiles, CityLayer layer, const WorldBox& visible,
                   std::vector<std::pair<std::uint32_t, std::uint32_t>>& out);

}  // namespace citytwin::render

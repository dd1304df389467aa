#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "render/colours.hpp"
#include "sim/network/network.hpp"

namespace citytwin::render {

// One vertex of the static city layer: world position in metres and a colour (12 bytes).
struct CityVertex {
  float x = 0.0f;
  float y = 0.0f;
  Rgba8 colour;
};
static_assert(sizeof(CityVertex) == 12);

// Drawing order of the static layer (painter's order, no depth buffer): later layers on top.
enum class CityLayer : std::uint8_t {
  kBuilding,  // building footprints beside the roads (render/city_buildings), under everything
  kSidewalk,  // the network's pedestrian layer: sidewalks, footpaths and walking areas
  kJunction,  // filled junction areas around the connection paths
  kAsphalt,   // one strip per lane, the lane's width along its polyline
  kMarking,   // dashed lines between lanes of a link, centre lines between directions
  kStopLine,  // across each lane's end at signalised and all-way-stop junctions, and the zebra
              // stripes of the network's crosswalks (same white, same visibility rule)
};
inline constexpr std::size_t kCityLayerCount = 6;

struct CityStyle {
  // Sidewalk widths come from the network's pedestrian layer; this one only sets how far from the
  // kerb the illustrative buildings stand.
  double sidewalk_width = 2.5;   // m
  double marking_width = 0.15;   // m
  double dash_length = 3.0;      // m
  double dash_gap = 6.0;         // m
  double stop_line_depth = 0.5;  // m
  double crosswalk_pitch = 1.0;  // m from zebra stripe to stripe (half stripe, half gap)
  // Illustrative footprints beside the roads (no source gives buildings; tests of road pixels
  // turn them off).
  bool buildings = true;
};

// The network as a triangle list, layer after layer. Built once per network (it never changes).
struct CityMesh {
  std::vector<CityVertex> vertices;  // triangle list
  // Vertex offsets: layer L is vertices [layer_start[L], layer_start[L + 1]).
  std::array<std::uint32_t, kCityLayerCount + 1> layer_start{};

  std::span<const CityVertex> layer(CityLayer which) const {
    const auto i = static_cast<std::size_t>(which);
    return std::span(vertices).subspan(layer_start[i], layer_start[i + 1] - layer_start[i]);
  }
  std::size_t triangle_count(CityLayer which) const { return layer(which).size() / 3; }
  std::size_t triangle_count() const { return vertices.size() / 3; }
};

CityMesh build_city_mesh(const Network& network, const CityStyle& style = {});

// Geometry helpers (exposed for tests and for the overlays of later increments).
// Appends two triangles per non-degenerate segment covering the band of `width` metres whose
// middle runs `offset` metres to the right of `centre` (negative = left). Triangles come in
// (left_i, right_i, left_i+1), (left_i+1, right_i, right_i+1) order.
void append_strip(std::vector<CityVertex>& out, std::span<const Vec2> centre, double offset,
                  double width, Rgba8 colour);
// The part of a polyline between arc lengths s0 <= s1 (clamped to the line).
std::vector<Vec2> sub_polyline(std::span<const Vec2> points, double s0, double s1);
// Convex hull (counter-clockwise, no collinear points) of a point set; deterministic.
std::vector<Vec2> convex_hull(std::vector<Vec2> points);

}  // namespace citytwin::render

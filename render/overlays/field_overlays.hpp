#pragma once
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "render/agents/quad_instance.hpp"
#include "render/camera.hpp"
#include "render/city/city_geometry.hpp"
#include "sim/network/network.hpp"
#include "sim/view/scalar_field.hpp"

// Geometry and colours of the scalar-field overlays (WorldView::link_fields / grid_fields). The
// renderer knows no field by name: any per-link field tints lanes, any grid field becomes cells.
namespace citytwin::render {

// Opacity of overlays: the tint must win over the asphalt, yet leave markings and the road shape
// readable under it; grid cells are lighter still, as they also cover blocks.
inline constexpr std::uint8_t kLinkTintAlpha = 190;
inline constexpr std::uint8_t kGridCellAlpha = 120;

// Every lane of every link as a triangle list (the lane's full width along its polyline), links in
// LinkId order: link L's vertices are [link_start[L], link_start[L + 1]). Built once per network;
// each frame only a colour per vertex is written.
struct LinkOverlayMesh {
  std::vector<CityVertex> vertices;  // positions (the colour member is unused)
  std::vector<std::uint32_t> link_start;
  std::vector<WorldBox> link_bounds;  // of each link's vertices (culling)
};
// kPerLane: each lane its own strip; kPerLink: one strip per link over all its lanes, for far
// zooms where lanes are sub-pixel (use_far_city_mesh) and a third of the vertices do.
enum class LinkOverlayDetail : std::uint8_t { kPerLane, kPerLink };
LinkOverlayMesh build_link_overlay_mesh(const Network& network,
                                        LinkOverlayDetail detail = LinkOverlayDetail::kPerLane);

// The draws (first vertex, vertex count) of the links whose bounds meet `visible`, neighbouring
// links merged into one draw; `out` is cleared first (capacity kept). Zoomed in on a big city
// this skips almost every lane, which lavapipe would otherwise transform and clip.
void visible_link_draws(const LinkOverlayMesh& mesh, const WorldBox& visible,
                        std::vector<std::pair<std::uint32_t, std::uint32_t>>& out);

// One colour per vertex of `mesh` from the field's value of its link (field_colour; transparent
// where the field has no value or is shorter than the link list). `out` has mesh.vertices.size().
void fill_link_colours(const LinkOverlayMesh& mesh, const LinkField& field, std::uint8_t alpha,
                       std::span<Rgba8> out);

// One axis-aligned quad per grid cell that has a value and touches `visible`. Returns the count.
std::size_t append_grid_cells(const GridField& field, const WorldBox& visible, std::uint8_t alpha,
                              std::vector<QuadInstance>& out);

}  // namespace citytwin::render

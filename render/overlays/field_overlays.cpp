#include "render/overlays/field_overlays.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "render/city/city_far_mesh.hpp"
#include "render/overlays/field_colours.hpp"

namespace citytwin::render {

LinkOverlayMesh build_link_overlay_mesh(const Network& network, LinkOverlayDetail detail) {
  LinkOverlayMesh mesh;
  mesh.link_start.reserve(network.links().size() + 1);
  mesh.link_bounds.reserve(network.links().size());
  constexpr double inf = std::numeric_limits<double>::infinity();
  for (LinkId id = 0; id < network.links().size(); ++id) {
    const auto first = static_cast<std::uint32_t>(mesh.vertices.size());
    mesh.link_start.push_back(first);
    if (detail == LinkOverlayDetail::kPerLink) {
      append_link_band(mesh.vertices, network, id, {});
    } else {
      const Link& link = network.link(id);
      for (std::uint16_t i = 0; i < link.lane_count; ++i) {
        const LaneId lane = link.first_lane + i;
        append_strip(mesh.vertices, network.lane_shape(lane), 0.0, network.lane(lane).width, {});
      }
    }
    WorldBox box{{inf, inf}, {-inf, -inf}};
    for (std::size_t v = first; v < mesh.vertices.size(); ++v) {
      box.min = {std::min<double>(box.min.x, mesh.vertices[v].x),
                 std::min<double>(box.min.y, mesh.vertices[v].y)};
      box.max = {std::max<double>(box.max.x, mesh.vertices[v].x),
                 std::max<double>(box.max.y, mesh.vertices[v].y)};
    }
    mesh.link_bounds.push_back(box);
  }
  mesh.link_start.push_back(static_cast<std::uint32_t>(mesh.vertices.size()));
  return mesh;
}

void visible_link_draws(const LinkOverlayMesh& mesh, const WorldBox& visible,
                        std::vector<std::pair<std::uint32_t, std::uint32_t>>& out) {
  out.clear();
  for (std::size_t l = 0; l < mesh.link_bounds.size(); ++l) {
    const WorldBox& b = mesh.link_bounds[l];
    const std::uint32_t count = mesh.link_start[l + 1] - mesh.link_start[l];
    if (count == 0 || b.min.x > visible.max.x || b.max.x < visible.min.x ||
        b.min.y > visible.max.y || b.max.y < visible.min.y) {
      continue;
    }
    if (!out.empty() && out.back().first + out.back().second == mesh.link_start[l]) {
      out.back().second += count;
    } else {
      out.emplace_back(mesh.link_start[l], count);
    }
  }
}

void fill_link_colours(const LinkOverlayMesh& mesh, const LinkField& field, std::uint8_t alpha,
                       std::span<Rgba8> out) {
  const std::size_t links = mesh.link_start.size() - 1;
  for (std::size_t l = 0; l < links; ++l) {
    const float value = l < field.values.size() ? field.values[l] : kNoFieldValue;
    const Rgba8 colour = field_colour(field, value, alpha);
    std::fill(out.begin() + mesh.link_start[l], out.begin() + mesh.link_start[l + 1], colour);
  }
}

std::size_t append_grid_cells(const GridField& field, const WorldBox& visible, std::uint8_t alpha,
                              std::vector<QuadInstance>& out) {
  if (field.nx == 0 || field.ny == 0 || !(field.cell_size > 0.0) ||
      field.values.size() < std::size_t{field.nx} * field.ny) {
    return 0;
  }
  // Only the cells overlapping the visible box: a fine city-wide grid zoomed in costs no more
  // than the cells on screen.
  auto first = [&](double lo, double origin, std::uint32_t n) {
    return static_cast<std::uint32_t>(
        std::clamp(std::floor((lo - origin) / field.cell_size), 0.0, static_cast<double>(n)));
  };
  auto end = [&](double hi, double origin, std::uint32_t n) {
    return static_cast<std::uint32_t>(
        std::clamp(std::floor((hi - origin) / field.cell_size) + 1.0, 0.0, static_cast<double>(n)));
  };
  const std::uint32_t x0 = first(visible.min.x, field.origin_x, field.nx);
  const std::uint32_t x1 = end(visible.max.x, field.origin_x, field.nx);
  const std::uint32_t y0 = first(visible.min.y, field.origin_y, field.ny);
  const std::uint32_t y1 = end(visible.max.y, field.origin_y, field.ny);
  const auto half = static_cast<float>(field.cell_size * 0.5);
  std::size_t added = 0;
  for (std::uint32_t iy = y0; iy < y1; ++iy) {
    for (std::uint32_t ix = x0; ix < x1; ++ix) {
      const float value = field.at(ix, iy);
      if (std::isnan(value)) continue;
      out.push_back({static_cast<float>(field.origin_x + (ix + 0.5) * field.cell_size),
                     static_cast<float>(field.origin_y + (iy + 0.5) * field.cell_size), 0.0f, half,
                     half, field_colour(field, value, alpha)});
      ++added;
    }
  }
  return added;
}

}  // namespace citytwin::render

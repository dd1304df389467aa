#pragma once
#include <array>
#include <cstdint>

#include "sim/network/geometry.hpp"

namespace citytwin::render {

// A top-down orthographic 2-D camera over the city plane (x east, y north, metres). Pixel (0, 0)
// is the top-left corner of the target; pixel centres are at +0.5. Pure value type: every
// operation is a free function below, unit-tested without Vulkan.
struct Camera {
  Vec2 centre;                    // world point at the middle of the target
  double pixels_per_metre = 1.0;  // zoom
  std::uint32_t width = 1;        // target size in pixels
  std::uint32_t height = 1;
};

// The camera that shows the box [min_corner, max_corner] whole and centred, leaving at least
// `margin_px` pixels on every side.
Camera fit_bounds(Vec2 min_corner, Vec2 max_corner, std::uint32_t width, std::uint32_t height,
                  double margin_px = 16.0);

// Moves the view by a drag of (dx, dy) pixels: the world follows the cursor.
Camera pan(const Camera& camera, double dx_px, double dy_px);

// Multiplies the zoom by `factor` keeping the world point under `cursor_px` fixed (zoom to
// cursor). The zoom is clamped to [min_ppm, max_ppm].
Camera zoom_at(const Camera& camera, double factor, Vec2 cursor_px, double min_ppm = 1e-3,
               double max_ppm = 1e3);

Vec2 world_to_pixel(const Camera& camera, Vec2 world);
Vec2 pixel_to_world(const Camera& camera, Vec2 pixel);

// The part of the city plane the camera shows, grown by `margin_m` on every side (so that
// anything whose centre lies outside cannot reach into the picture).
struct WorldBox {
  Vec2 min;
  Vec2 max;
  bool contains(double x, double y) const {
    return x >= min.x && x <= max.x && y >= min.y && y <= max.y;
  }
};
WorldBox visible_box(const Camera& camera, double margin_m = 0.0);

// The shader transform: clip = world * {t[0], t[1]} + {t[2], t[3]} (Vulkan clip space, y down).
std::array<float, 4> clip_transform(const Camera& camera);

}  // namespace citytwin::render

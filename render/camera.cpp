#include "render/camera.hpp"

#include <algorithm>

namespace citytwin::render {

Camera fit_bounds(Vec2 min_corner, Vec2 max_corner, std::uint32_t width, std::uint32_t height,
                  double margin_px) {
  Camera camera;
  camera.width = std::max<std::uint32_t>(width, 1);
  camera.height = std::max<std::uint32_t>(height, 1);
  camera.centre = (min_corner + max_corner) * 0.5;
  const double span_x = std::max(max_corner.x - min_corner.x, 1e-3);
  const double span_y = std::max(max_corner.y - min_corner.y, 1e-3);
  const double usable_x = std::max(camera.width - 2.0 * margin_px, 1.0);
  const double usable_y = std::max(camera.height - 2.0 * margin_px, 1.0);
  camera.pixels_per_metre = std::min(usable_x / span_x, usable_y / span_y);
  return camera;
}

Camera pan(const Camera& camera, double dx_px, double dy_px) {
  Camera moved = camera;
  // Dragging right moves the world right, so the centre goes left (west); screen y is down.
  moved.centre.x -= dx_px / camera.pixels_per_metre;
  moved.centre.y += dy_px / camera.pixels_per_metre;
  return moved;
}

Camera zoom_at(const Camera& camera, double factor, Vec2 cursor_px, double min_ppm,
               double max_ppm) {
  const Vec2 anchor = pixel_to_world(camera, cursor_px);
  Camera zoomed = camera;
  zoomed.pixels_per_metre = std::clamp(camera.pixels_per_metre * factor, min_ppm, max_ppm);
  // Keep `anchor` under the cursor: solve world_to_pixel(zoomed, anchor) == cursor_px.
  const Vec2 offset_px = cursor_px - Vec2{camera.width * 0.5, camera.height * 0.5};
  zoomed.centre.x = anchor.x - offset_px.x / zoomed.pixels_per_metre;
  zoomed.centre.y = anchor.y + offset_px.y / zoomed.pixels_per_metre;
  return zoomed;
}

Vec2 world_to_pixel(const Camera& camera, Vec2 world) {
  return {camera.width * 0.5 + (world.x - camera.centre.x) * camera.pixels_per_metre,
          camera.height * 0.5 - (world.y - camera.centre.y) * camera.pixels_per_metre};
}

Vec2 pixel_to_world(const Camera& camera, Vec2 pixel) {
  return {camera.centre.x + (pixel.x - camera.width * 0.5) / camera.pixels_per_metre,
          camera.centre.y - (pixel.y - camera.height * 0.5) / camera.pixels_per_metre};
}

WorldBox visible_box(const Camera& camera, double margin_m) {
  const double half_w = camera.width * 0.5 / camera.pixels_per_metre + margin_m;
  const double half_h = camera.height * 0.5 / camera.pixels_per_metre + margin_m;
  return {{camera.centre.x - half_w, camera.centre.y - half_h},
          {camera.centre.x + half_w, camera.centre.y + half_h}};
}

std::array<float, 4> clip_transform(const Camera& camera) {
  // clip = 2 * pixel / size - 1, with pixel from world_to_pixel.
  const double sx = 2.0 * camera.pixels_per_metre / camera.width;
  const double sy = -2.0 * camera.pixels_per_metre / camera.height;
  return {static_cast<float>(sx), static_cast<float>(sy), static_cast<float>(-camera.centre.x * sx),
          static_cast<float>(-camera.centre.y * sy)};
}

}  // namespace citytwin::render

#pragma once
// Shared inputs of the renderer tests: a small signalised grid and a helper to read pixels.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

#include "render/camera.hpp"
#include "render/colours.hpp"
#include "sim/network/grid_generator.hpp"
#include "sim/network/network.hpp"

namespace citytwin::render::testing {

// 2x2 signalised junctions 100 m apart, 50 m fringe roads, 2 lanes per direction.
inline const Network& small_grid() {
  static const Network network = generate_grid(GridSpec{.rows = 2,
                                                        .cols = 2,
                                                        .spacing = 100.0,
                                                        .attach_length = 50.0,
                                                        .lanes = 2,
                                                        .speed_limit = 13.89,
                                                        .signalised = true});
  return network;
}

// Centre point and heading of a lane at a fraction of its length.
inline PointOnLine along_lane(const Network& network, LaneId lane, double fraction) {
  const auto shape = network.lane_shape(lane);
  return point_at(shape, polyline_length(shape) * fraction);
}

inline LaneId lane_of(const Network& network, std::string_view link, std::uint16_t index) {
  const LinkId id = network.find_link(link);
  EXPECT_NE(id, kNoId) << link;
  return network.link(id).first_lane + index;
}

// Reads RGBA8 pixels (rows top to bottom) at world points through a camera.
class Pixels {
 public:
  Pixels(std::span<const std::uint8_t> rgba, const Camera& camera) : rgba_(rgba), camera_(camera) {}

  Rgba8 at_pixel(std::int64_t px, std::int64_t py) const {
    const std::size_t i = (static_cast<std::size_t>(py) * camera_.width + px) * 4;
    return {rgba_[i], rgba_[i + 1], rgba_[i + 2], rgba_[i + 3]};
  }
  Rgba8 at_world(Vec2 world) const {
    const Vec2 p = world_to_pixel(camera_, world);
    return at_pixel(static_cast<std::int64_t>(std::floor(p.x)),
                    static_cast<std::int64_t>(std::floor(p.y)));
  }
  // Pixel centres (in world coordinates) of every pixel of exactly `colour`.
  std::vector<Vec2> find(Rgba8 colour) const {
    std::vector<Vec2> found;
    for (std::uint32_t y = 0; y < camera_.height; ++y) {
      for (std::uint32_t x = 0; x < camera_.width; ++x) {
        if (at_pixel(x, y) == colour) found.push_back(pixel_to_world(camera_, {x + 0.5, y + 0.5}));
      }
    }
    return found;
  }

 private:
  std::span<const std::uint8_t> rgba_;
  Camera camera_;
};

}  // namespace citytwin::render::testing

namespace citytwin {  // Rgba8's namespace, for gtest's messages (ADL)
inline std::ostream& operator<<(std::ostream& os, Rgba8 c) {
  return os << "rgba(" << int(c.r) << ", " << int(c.g) << ", " << int(c.b) << ", " << int(c.a)
            << ")";
}
}  // namespace citytwin

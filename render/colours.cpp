#include "render/colours.hpp"

#include <algorithm>
#include <cmath>

namespace citytwin::render {

Rgba8 ramp_colour(float t) {
  t = std::clamp(t, 0.0f, 1.0f);
  // Red (220, 40, 30) -> yellow (235, 210, 40) -> green (40, 200, 70).
  auto mix = [](float a, float b, float u) {
    return static_cast<std::uint8_t>(std::lround(a + (b - a) * u));
  };
  if (t < 0.5f) {
    const float u = t * 2.0f;
    return {mix(220, 235, u), mix(40, 210, u), mix(30, 40, u), 255};
  }
  const float u = (t - 0.5f) * 2.0f;
  return {mix(235, 40, u), mix(210, 200, u), mix(40, 70, u), 255};
}

Rgba8 speed_colour(float speed, float reference_speed) {
  return ramp_colour(reference_speed > 0.0f ? speed / reference_speed : 1.0f);
}

}  // namespace citytwin::render

#pragma once
#include <cstdint>

#include "render/colours.hpp"

namespace citytwin::render {

// One oriented rectangle drawn by the instanced pipeline (vehicles, signal heads; robots and
// infrastructure icons later). 24 bytes, uploaded as is.
struct QuadInstance {
  float x = 0.0f;  // centre, metres
  float y = 0.0f;
  float heading = 0.0f;      // rad, counter-clockwise from +x (the length axis)
  float half_length = 0.0f;  // metres
  float half_width = 0.0f;   // metres
  Rgba8 colour;
};
static_assert(sizeof(QuadInstance) == 24);

}  // namespace citytwin::render

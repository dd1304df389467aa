#include "render/overlays/field_colours.hpp"

#include <algorithm>
#include <cmath>

namespace citytwin::render {

float field_scale_position(const FieldInfo& field, float value) {
  if (std::isnan(value)) return value;
  const float span = field.range_max - field.range_min;
  float t = span != 0.0f ? (value - field.range_min) / span : 1.0f;
  t = std::clamp(t, 0.0f, 1.0f);
  return field.sense == FieldSense::kHigherIsBetter ? t : 1.0f - t;
}

Rgba8 field_colour(const FieldInfo& field, float value, std::uint8_t alpha) {
  const float t = field_scale_position(field, value);
  if (std::isnan(t)) return {0, 0, 0, 0};
  Rgba8 colour = ramp_colour(t);
  colour.a = alpha;
  return colour;
}

}  // namespace citytwin::render

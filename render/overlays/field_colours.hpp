#pragma once
#include <cstdint>

#include "render/colours.hpp"
#include "sim/view/scalar_field.hpp"

namespace citytwin::render {

// Where `value` sits on the field's colour scale: 0 = the bad end, 1 = the good end (the field's
// sense decides which end of [range_min, range_max] is good), clamped. NaN stays NaN.
float field_scale_position(const FieldInfo& field, float value);

// The overlay colour of a value (ramp_colour of its scale position) with the given opacity;
// fully transparent for NaN ("no data": nothing is drawn).
Rgba8 field_colour(const FieldInfo& field, float value, std::uint8_t alpha);

}  // namespace citytwin::render

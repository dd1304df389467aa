#pragma once
#include <cstdint>
#include <span>

namespace citytwin::render::shaders {

// SPIR-V compiled from render/shaders/ at build time (glslc -mfmt=num).
std::span<const std::uint32_t> city_vert();
std::span<const std::uint32_t> instance_vert();
std::span<const std::uint32_t> colour_frag();

}  // namespace citytwin::render::shaders

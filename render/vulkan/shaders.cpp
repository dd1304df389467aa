#include "render/vulkan/shaders.hpp"

namespace citytwin::render::shaders {
namespace {

constexpr std::uint32_t kCityVert[] = {
#include "city.vert.inc"
};
constexpr std::uint32_t kInstanceVert[] = {
#include "instance.vert.inc"
};
constexpr std::uint32_t kColourFrag[] = {
#include "colour.frag.inc"
};

}  // namespace

std::span<const std::uint32_t> city_vert() {
  return kCityVert;
}
std::span<const std::uint32_t> instance_vert() {
  return kInstanceVert;
}
std::span<const std::uint32_t> colour_frag() {
  return kColourFrag;
}

}  // namespace citytwin::render::shaders

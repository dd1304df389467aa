#pragma once
#include <cstdint>

namespace citytwin {

// An 8-bit colour, bytes in R, G, B, A order (VK_FORMAT_R8G8B8A8_UNORM attributes). In the kernel
// so that a family can say how its agents look (AgentKindStyle) without depending on the renderer.
struct Rgba8 {
  std::uint8_t r = 0;
  std::uint8_t g = 0;
  std::uint8_t b = 0;
  std::uint8_t a = 255;
  friend bool operator==(Rgba8, Rgba8) = default;
};

}  // namespace citytwin

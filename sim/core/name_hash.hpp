#pragma once
#include <cstdint>
#include <string_view>

namespace citytwin {

// FNV-1a (32 bits) of the bytes of a name: a pure function, the same in every run, build and
// platform, usable at compile time. Gives families ids from names they choose (random streams,
// agent kinds) without a central list.
constexpr std::uint32_t fnv1a32(std::string_view name) {
  std::uint32_t hash = 2166136261u;
  for (const char c : name) {
    hash ^= static_cast<std::uint8_t>(c);
    hash *= 16777619u;
  }
  return hash;
}

}  // namespace citytwin

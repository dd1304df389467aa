#pragma once
#include <cstdint>
#include <limits>

namespace citytwin {

// "No element": the id every index-typed field of the network uses for none.
inline constexpr std::uint32_t kNoId = std::numeric_limits<std::uint32_t>::max();

}  // namespace citytwin

#pragma once
// The traffic family's random streams. Their ids are the ones traffic used when the kernel still
// listed every family's streams: kept so that every run stays bit-identical. New purposes take
// rng_stream("traffic.<purpose>") instead of a new fixed id.
#include "sim/core/rng.hpp"

namespace citytwin {

inline constexpr RngStream kDemandStream = RngStream{1};      // insertion headways, OD sampling
inline constexpr RngStream kRoutingStream = RngStream{2};     // route choice ties, re-routing
inline constexpr RngStream kLaneChangeStream = RngStream{3};  // MOBIL noise
inline constexpr RngStream kDriverStream = RngStream{4};      // per-vehicle parameter spread

}  // namespace citytwin

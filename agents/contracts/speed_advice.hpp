#pragma once
#include <cstdint>
#include <string_view>

#include "sim/core/message_list.hpp"

namespace citytwin {

// A speed cap for one road vehicle for one step (GLOSA, speed harmonisation, a school zone): the
// vehicle's desired speed becomes at most `cap` while it decides its acceleration in traffic's
// next act. Senders address vehicles by their row in RoadVehicles of `generation`; advice for
// another generation is stale (the rows have moved) and is dropped and counted. Several caps for
// one vehicle: the lowest wins, so the order of senders never matters.
struct SpeedCap {
  std::uint32_t row = 0;
  std::uint64_t generation = 0;
  double cap = 0.0;  // m/s, >= 0
};

struct SpeedAdvice : MessageList<SpeedCap> {
  static constexpr std::string_view kName = "speed advice";
};

}  // namespace citytwin

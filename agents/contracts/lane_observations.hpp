#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace citytwin {

// What is known about each lane (indexed by LaneId) at the end of a step: what loop detectors and
// cameras would report to a signal controller (actuated, max-pressure) or a V2I queue estimate.
// Today road traffic writes the ground truth in exchange, and only when some system declared
// that it reads them; a sensor network will write what it delivered instead (with its losses and
// delays), and the readers will not change.
struct LaneObservations {
  static constexpr std::string_view kName = "lane observations";

  explicit LaneObservations(std::size_t lanes) : vehicles(lanes, 0), queued(lanes, 0) {}

  double time = -1.0;                   // s: when they were observed (-1: never)
  std::vector<std::uint32_t> vehicles;  // on the lane
  std::vector<std::uint32_t> queued;    // of those, standing (below the halting speed)
};

}  // namespace citytwin

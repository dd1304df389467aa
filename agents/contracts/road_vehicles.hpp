#pragma once
#include <cstdint>
#include <span>
#include <string_view>

namespace citytwin {

// The road vehicles as other systems may read them (V2I awareness messages, detectors, robots
// looking for a gap): one row per vehicle in the network, valid from the end of traffic's act
// until its next act. Rows are views into traffic's own hot columns, so publishing costs nothing
// per vehicle; a row index is only meaningful for the `generation` it was read in (rows move
// every step).
//
// `track` is a lane id (track < lane_count) or a junction path: connection track - lane_count.
struct RoadVehicles {
  static constexpr std::string_view kName = "road vehicles";

  std::uint64_t generation = 0;  // steps published so far; stamps speed advice
  std::uint32_t lane_count = 0;
  std::span<const std::uint32_t> id;     // stable vehicle id
  std::span<const std::uint32_t> track;  // lane, or lane_count + connection
  std::span<const double> position;      // front bumper, m from the track's start
  std::span<const double> speed;         // m/s
  std::span<const std::uint8_t> type;    // vehicle type index

  std::size_t size() const { return id.size(); }
  bool on_junction_path(std::size_t row) const { return track[row] >= lane_count; }
};

}  // namespace citytwin

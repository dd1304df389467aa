#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
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

  explicit LaneObservations(std::size_t lanes)
      : vehicles(lanes, 0), queued(lanes, 0), first_vehicle(lanes + 1, 0) {}

  double time = -1.0;                   // s: when they were observed (-1: never)
  std::vector<std::uint32_t> vehicles;  // on the lane
  std::vector<std::uint32_t> queued;    // of those, standing (below the halting speed)

  // Where each vehicle on the lane is, front (nearest the lane's end) first: lane l's vehicles
  // are rows [first_vehicle[l], first_vehicle[l + 1]) of the three columns below. What a camera
  // over the approach sees. Positions rather than detector events, because where detectors sit
  // is each controller's own setting (SUMO places an actuated light's loops from its tlLogic
  // parameters): from these a controller derives a loop at any distance d before the stop line
  // (a vehicle was over it during the last step of length dt if
  // front_to_end <= d <= front_to_end + length + speed * dt), a queue length, or an arrival,
  // and road traffic needs to know nothing about detectors.
  std::vector<std::uint32_t> first_vehicle;  // lanes + 1 entries
  std::vector<double> front_to_end;          // m from the front bumper to the lane's end
  std::vector<double> length;                // m, the vehicle's length
  std::vector<double> speed;                 // m/s

  std::span<const double> lane_column(const std::vector<double>& column, std::size_t lane) const {
    return std::span<const double>(column).subspan(first_vehicle[lane],
                                                   first_vehicle[lane + 1] - first_vehicle[lane]);
  }
};

}  // namespace citytwin

#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace citytwin {

// Movements through junctions that may not start now because something occupies their path
// outside road traffic: a pedestrian or robot on a crosswalk, an emergency vehicle's pre-emption.
// Indexed by ConnectionId: how many blockers hold the movement (0: free). Writers add and remove
// their own holds between or in their phases; traffic reads it in act, where a lane's front
// vehicle stops at the line of a blocked movement as it would for red (vehicles already on the
// junction path drive on).
struct JunctionBlockers {
  static constexpr std::string_view kName = "junction blockers";

  explicit JunctionBlockers(std::size_t connections) : holds(connections, 0) {}

  void hold(std::size_t connection) {
    if (holds[connection]++ == 0) ++blocked;
  }
  void release(std::size_t connection) {
    if (holds[connection] > 0 && --holds[connection] == 0) --blocked;
  }
  bool is_blocked(std::size_t connection) const { return holds[connection] != 0; }
  bool any() const { return blocked != 0; }

  std::vector<std::uint16_t> holds;
  std::size_t blocked = 0;  // movements with at least one hold (skips the check when 0)
};

}  // namespace citytwin

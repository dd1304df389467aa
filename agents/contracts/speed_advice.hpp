#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <string_view>
#include <vector>

namespace citytwin {

// Speed caps for road vehicles for one step (GLOSA, speed harmonisation, a school zone): a column
// by RoadVehicles row, not a message list, so that advising a whole fleet costs a store per
// vehicle and no sort. A capped vehicle's desired speed becomes at most its cap while it decides
// its acceleration in traffic's next act.
//
// A writer opens the column, serially, for the rows it read (their count and generation), then
// may write caps from parallel workers, each row from one worker. Several caps for one vehicle:
// the lowest wins (limit), so the order of writers never matters. Traffic drives with the caps
// of the current generation, counts caps opened for rows that have since moved as stale, and
// spends the column after its drive: the next step starts without caps.
class SpeedAdvice {
 public:
  static constexpr std::string_view kName = "speed advice";
  static constexpr double kNoCap = std::numeric_limits<double>::infinity();

  // The writable caps of `rows` rows of RoadVehicles `generation`: all kNoCap for the first
  // writer of a step, as earlier writers left them for later ones.
  std::span<double> open(std::size_t rows, std::uint64_t generation) {
    if (!open_ || generation_ != generation || caps_.size() != rows) {
      caps_.assign(rows, kNoCap);
      generation_ = generation;
      open_ = true;
    }
    return caps_;
  }
  // Lowers row's cap to `cap` m/s (negative counts as 0; NaN is ignored).
  static void limit(std::span<double> caps, std::size_t row, double cap) {
    if (std::isnan(cap)) return;
    caps[row] = std::min(caps[row], std::max(0.0, cap));
  }

  bool is_open() const { return open_; }
  std::uint64_t generation() const { return generation_; }
  std::span<const double> caps() const { return caps_; }
  // Traffic, after its drive.
  void spend() { open_ = false; }

 private:
  std::vector<double> caps_;  // capacity kept between steps
  std::uint64_t generation_ = 0;
  bool open_ = false;
};

}  // namespace citytwin

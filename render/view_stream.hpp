#pragma once
#include <chrono>

#include "sim/network/network.hpp"
#include "sim/view/world_view.hpp"

namespace citytwin::render {

// The UI side of one run's snapshots: the two latest (for smooth motion between steps when the
// simulation steps slower than frames are drawn) and the view to draw this frame.
class ViewStream {
 public:
  using Clock = std::chrono::steady_clock;

  // Frames whose simulation step takes longer than this in wall time are drawn interpolated
  // between the two latest snapshots (x1 and x10 at 1 s steps); faster runs show each snapshot.
  static constexpr double kInterpolateAboveSeconds = 0.02;

  // Takes `latest` when it is fresh (a new snapshot arrived at `now`).
  void take(const WorldView& latest, bool fresh, Clock::time_point now);
  // What to draw at `now`: between the two latest snapshots while running slowly enough
  // (`step_wall_seconds` = wall time per step, 0 when running flat out), else the latest.
  const WorldView& shown(bool paused, double step_wall_seconds, Clock::time_point now);
  const WorldView& current() const { return current_; }

 private:
  WorldView previous_;
  WorldView current_;
  WorldView blended_;
  Clock::time_point arrived_{};
};

// Whether agents of a world on `b` can be drawn on a city mesh built from `a`: the same nodes,
// links and lanes with the same geometry (an A/B variant that changes signals or demand keeps
// the layout; one that adds lanes does not).
bool same_layout(const Network& a, const Network& b);

}  // namespace citytwin::render

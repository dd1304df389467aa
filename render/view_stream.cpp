#include "render/view_stream.hpp"

#include <utility>

#include "render/view_interpolation.hpp"

namespace citytwin::render {

void ViewStream::take(const WorldView& latest, bool fresh, Clock::time_point now) {
  if (!fresh) return;
  std::swap(previous_, current_);
  current_ = latest;
  arrived_ = now;
}

const WorldView& ViewStream::shown(bool paused, double step_wall_seconds, Clock::time_point now) {
  if (paused || step_wall_seconds <= kInterpolateAboveSeconds ||
      previous_.step + 1 != current_.step) {
    return current_;
  }
  const double alpha = std::chrono::duration<double>(now - arrived_).count() / step_wall_seconds;
  if (alpha >= 1.0) return current_;
  interpolate_view(previous_, current_, static_cast<float>(alpha), blended_);
  return blended_;
}

bool same_layout(const Network& a, const Network& b) {
  if (a.nodes().size() != b.nodes().size() || a.links().size() != b.links().size() ||
      a.lanes().size() != b.lanes().size()) {
    return false;
  }
  auto same_shape = [](std::span<const Vec2> p, std::span<const Vec2> q) {
    if (p.size() != q.size()) return false;
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (p[i].x != q[i].x || p[i].y != q[i].y) return false;
    }
    return true;
  };
  for (LaneId lane = 0; lane < a.lanes().size(); ++lane) {
    if (!same_shape(a.lane_shape(lane), b.lane_shape(lane))) return false;
  }
  return true;
}

}  // namespace citytwin::render

#include "sim/network/geometry.hpp"

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <optional>
#include <vector>

namespace citytwin {

namespace {

// A miter at a near-reversal would shoot off towards infinity; beyond this factor the joint is
// left as a bevel-like compromise (SVG's default miter limit is 4 for the same reason).
constexpr double kMiterLimit = 4.0;

}  // namespace

double polyline_length(std::span<const Vec2> points) {
  double total = 0.0;
  for (std::size_t i = 1; i < points.size(); ++i) total += distance(points[i - 1], points[i]);
  return total;
}

PointOnLine point_at(std::span<const Vec2> points, double s) {
  if (points.empty()) return {};
  if (s < 0.0 || std::isnan(s)) s = 0.0;

  // Remember the last real segment so that an `s` past the end (or rounding in the running sum)
  // lands on the end point with that segment's heading instead of a zero-length one's.
  std::optional<std::size_t> last_real_segment;
  double remaining = s;
  for (std::size_t i = 1; i < points.size(); ++i) {
    const Vec2 delta = points[i] - points[i - 1];
    const double segment_length = length(delta);
    if (segment_length <= 0.0) continue;  // repeated point: no direction, no length
    last_real_segment = i;
    const double heading = std::atan2(delta.y, delta.x);
    if (remaining <= segment_length) {
      const double t = remaining / segment_length;
      return {points[i - 1] + delta * t, heading};
    }
    remaining -= segment_length;
  }
  if (!last_real_segment) return {points.front(), 0.0};  // every point coincides
  const std::size_t i = *last_real_segment;
  const Vec2 delta = points[i] - points[i - 1];
  return {points.back(), std::atan2(delta.y, delta.x)};
}

void offset_polyline(std::span<const Vec2> points, double offset, std::span<Vec2> out) {
  assert(out.size() == points.size());
  const std::size_t n = points.size();
  if (n == 0) return;

  // Right-hand normal of every segment; zero-length segments get none and borrow their
  // neighbours' (found with one forward and one backward sweep, so the whole thing is O(n)).
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::vector<Vec2> normals(n > 1 ? n - 1 : 0);
  std::vector<std::size_t> previous_real(n, kNone);  // last real segment ending at or before i
  std::vector<std::size_t> next_real(n, kNone);      // first real segment starting at or after i
  for (std::size_t k = 0; k + 1 < n; ++k) normals[k] = right_normal(points[k + 1] - points[k]);
  auto is_real = [&](std::size_t k) { return normals[k].x != 0.0 || normals[k].y != 0.0; };
  for (std::size_t i = 1; i < n; ++i) {
    previous_real[i] = is_real(i - 1) ? i - 1 : previous_real[i - 1];
  }
  for (std::size_t i = n - 1; i-- > 0;) {
    next_real[i] = is_real(i) ? i : next_real[i + 1];
  }

  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t before = previous_real[i];
    const std::size_t after = next_real[i];
    if (before == kNone && after == kNone) {
      out[i] = points[i];  // no direction anywhere: nothing to offset against
    } else if (before == kNone || after == kNone) {
      out[i] = points[i] + normals[before == kNone ? after : before] * offset;
    } else {
      // Miter: move along the bisector of the two normals far enough that the distance to both
      // adjacent segments' offset lines is exactly `offset`.
      const Vec2 n1 = normals[before];
      const Vec2 bisector = normalized(n1 + normals[after]);
      const double cos_half_angle = dot(bisector, n1);
      if (cos_half_angle <= 1.0 / kMiterLimit) {
        out[i] = points[i] + n1 * offset;  // near reversal: the miter is meaningless
      } else {
        out[i] = points[i] + bisector * (offset / cos_half_angle);
      }
    }
  }
}

}  // namespace citytwin

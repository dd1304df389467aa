#pragma once
#include <cmath>
#include <span>

namespace citytwin {

// Plane coordinates in metres (x east, y north).
struct Vec2 {
  double x = 0.0;
  double y = 0.0;

  friend Vec2 operator+(Vec2 a, Vec2 b) { return {a.x + b.x, a.y + b.y}; }
  friend Vec2 operator-(Vec2 a, Vec2 b) { return {a.x - b.x, a.y - b.y}; }
  friend Vec2 operator*(Vec2 a, double s) { return {a.x * s, a.y * s}; }
  friend bool operator==(Vec2, Vec2) = default;
};

inline double length(Vec2 v) {
  return std::hypot(v.x, v.y);
}
inline double distance(Vec2 a, Vec2 b) {
  return length(b - a);
}
inline double dot(Vec2 a, Vec2 b) {
  return a.x * b.x + a.y * b.y;
}
// z of the 3-D cross product: positive when `b` points to the left of `a` (counter-clockwise).
inline double cross(Vec2 a, Vec2 b) {
  return a.x * b.y - a.y * b.x;
}
// Unit vector along `v`; the zero vector stays zero (callers decide what a degenerate direction
// means).
inline Vec2 normalized(Vec2 v) {
  const double len = length(v);
  return len > 0.0 ? Vec2{v.x / len, v.y / len} : Vec2{};
}
// Unit normal pointing to the right of travel along `direction` (x east, y north).
inline Vec2 right_normal(Vec2 direction) {
  return normalized(Vec2{direction.y, -direction.x});
}

// Length of a polyline (sum of its segment lengths).
double polyline_length(std::span<const Vec2> points);

// Position and heading (radians, counter-clockwise from +x) at arc length `s` along a polyline;
// `s` is clamped to [0, length].
struct PointOnLine {
  Vec2 position;
  double heading = 0.0;
};
PointOnLine point_at(std::span<const Vec2> points, double s);

// The polyline shifted sideways by `offset` metres (positive = to the right of travel).
// `out` must have points.size() elements (it may not alias `points`). Interior joints are mitred so
// that both adjacent segments keep their distance `offset`; where the miter would exceed 4x
// |offset| (near reversals) the joint takes the incoming segment's offset instead. Zero-length
// segments are skipped when computing directions; a polyline whose points all coincide is copied
// unchanged.
void offset_polyline(std::span<const Vec2> points, double offset, std::span<Vec2> out);

}  // namespace citytwin

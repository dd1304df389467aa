#include "sim/network/geometry.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <numbers>
#include <vector>

namespace citytwin {
namespace {

constexpr double kEps = 1e-12;

void expect_near(Vec2 actual, Vec2 expected, double eps = 1e-9) {
  EXPECT_NEAR(actual.x, expected.x, eps);
  EXPECT_NEAR(actual.y, expected.y, eps);
}

// Distance from p to the infinite line through a and b.
double distance_to_line(Vec2 p, Vec2 a, Vec2 b) {
  return std::abs(cross(normalized(b - a), p - a));
}

TEST(GeometryVec, DotCrossNormalRight) {
  EXPECT_DOUBLE_EQ(dot({1, 2}, {3, 4}), 11.0);
  EXPECT_DOUBLE_EQ(cross({1, 0}, {0, 1}), 1.0);  // +y is left of +x
  EXPECT_DOUBLE_EQ(cross({1, 0}, {0, -1}), -1.0);
  expect_near(normalized({3, 4}), {0.6, 0.8});
  expect_near(normalized({0, 0}), {0, 0});
  expect_near(right_normal({2, 0}), {0, -1});  // right of eastbound is south
  expect_near(right_normal({0, 5}), {1, 0});   // right of northbound is east
}

TEST(GeometryLength, KnownShapes) {
  EXPECT_EQ(polyline_length({}), 0.0);
  const std::array<Vec2, 1> single{Vec2{4, 4}};
  EXPECT_EQ(polyline_length(single), 0.0);
  const std::array<Vec2, 3> ell{Vec2{0, 0}, Vec2{3, 0}, Vec2{3, 4}};
  EXPECT_DOUBLE_EQ(polyline_length(ell), 7.0);
  const std::array<Vec2, 4> with_repeat{Vec2{0, 0}, Vec2{3, 0}, Vec2{3, 0}, Vec2{3, 4}};
  EXPECT_DOUBLE_EQ(polyline_length(with_repeat), 7.0);
  const std::array<Vec2, 2> diagonal{Vec2{1, 1}, Vec2{4, 5}};
  EXPECT_DOUBLE_EQ(polyline_length(diagonal), 5.0);
}

TEST(GeometryPointAt, WalksSegmentsAndClamps) {
  const std::array<Vec2, 3> ell{Vec2{0, 0}, Vec2{3, 0}, Vec2{3, 4}};
  const double half_pi = std::numbers::pi / 2;

  auto p = point_at(ell, 0.0);
  expect_near(p.position, {0, 0});
  EXPECT_NEAR(p.heading, 0.0, kEps);

  p = point_at(ell, 1.5);
  expect_near(p.position, {1.5, 0});
  EXPECT_NEAR(p.heading, 0.0, kEps);

  p = point_at(ell, 3.0);  // the joint belongs to the segment that ends there
  expect_near(p.position, {3, 0});
  EXPECT_NEAR(p.heading, 0.0, kEps);

  p = point_at(ell, 5.0);
  expect_near(p.position, {3, 2});
  EXPECT_NEAR(p.heading, half_pi, kEps);

  p = point_at(ell, 100.0);  // clamped to the end
  expect_near(p.position, {3, 4});
  EXPECT_NEAR(p.heading, half_pi, kEps);

  p = point_at(ell, -5.0);  // clamped to the start
  expect_near(p.position, {0, 0});
  EXPECT_NEAR(p.heading, 0.0, kEps);
}

TEST(GeometryPointAt, DegenerateInputs) {
  EXPECT_EQ(point_at({}, 1.0).position, (Vec2{0, 0}));

  const std::array<Vec2, 3> same{Vec2{2, 2}, Vec2{2, 2}, Vec2{2, 2}};
  const auto p = point_at(same, 1.0);
  EXPECT_EQ(p.position, (Vec2{2, 2}));
  EXPECT_EQ(p.heading, 0.0);

  // A leading repeated point must not give the start a bogus heading.
  const std::array<Vec2, 3> leading_repeat{Vec2{0, 0}, Vec2{0, 0}, Vec2{0, -2}};
  const auto start = point_at(leading_repeat, 0.0);
  expect_near(start.position, {0, 0});
  EXPECT_NEAR(start.heading, -std::numbers::pi / 2, kEps);

  // A trailing repeated point must not either.
  const std::array<Vec2, 3> trailing_repeat{Vec2{0, 0}, Vec2{-2, 0}, Vec2{-2, 0}};
  const auto end = point_at(trailing_repeat, 2.0);
  expect_near(end.position, {-2, 0});
  EXPECT_NEAR(std::abs(end.heading), std::numbers::pi, kEps);
}

TEST(GeometryOffset, StraightLinesShiftToTheRight) {
  const std::array<Vec2, 2> east{Vec2{0, 0}, Vec2{10, 0}};
  std::array<Vec2, 2> out{};
  offset_polyline(east, 2.0, out);
  expect_near(out[0], {0, -2});
  expect_near(out[1], {10, -2});

  offset_polyline(east, -1.5, out);  // negative = left
  expect_near(out[0], {0, 1.5});
  expect_near(out[1], {10, 1.5});

  const std::array<Vec2, 2> north{Vec2{0, 0}, Vec2{0, 10}};
  offset_polyline(north, 1.0, out);
  expect_near(out[0], {1, 0});
  expect_near(out[1], {1, 10});
}

TEST(GeometryOffset, MiterKeepsDistanceToBothSegments) {
  // Left turn: the right-hand offset lies on the outside of the bend.
  const std::array<Vec2, 3> left_turn{Vec2{0, 0}, Vec2{10, 0}, Vec2{10, 10}};
  std::array<Vec2, 3> out{};
  offset_polyline(left_turn, 1.0, out);
  expect_near(out[0], {0, -1});
  expect_near(out[1], {11, -1});
  expect_near(out[2], {11, 10});

  // Right turn: inside of the bend.
  const std::array<Vec2, 3> right_turn{Vec2{0, 0}, Vec2{10, 0}, Vec2{10, -10}};
  offset_polyline(right_turn, 1.0, out);
  expect_near(out[1], {9, -1});

  // A 45 degree joint: the corner point is exactly `offset` from both segment lines.
  const std::array<Vec2, 3> bend{Vec2{0, 0}, Vec2{10, 0}, Vec2{20, 10}};
  offset_polyline(bend, 2.0, out);
  EXPECT_NEAR(distance_to_line(out[1], bend[0], bend[1]), 2.0, 1e-9);
  EXPECT_NEAR(distance_to_line(out[1], bend[1], bend[2]), 2.0, 1e-9);
  EXPECT_LT(cross(bend[1] - bend[0], out[1] - bend[0]), 0.0);  // still on the right
}

TEST(GeometryOffset, ZeroLengthSegmentsAreSkipped) {
  const std::array<Vec2, 4> repeated{Vec2{0, 0}, Vec2{0, 0}, Vec2{5, 0}, Vec2{5, 0}};
  std::array<Vec2, 4> out{};
  offset_polyline(repeated, 1.0, out);
  for (std::size_t i = 0; i < out.size(); ++i) {
    EXPECT_TRUE(std::isfinite(out[i].x) && std::isfinite(out[i].y)) << i;
    EXPECT_NEAR(out[i].y, -1.0, 1e-12) << i;
  }
  // A repeated point in the middle of a corner still gets the miter.
  const std::array<Vec2, 4> corner{Vec2{0, 0}, Vec2{10, 0}, Vec2{10, 0}, Vec2{10, 10}};
  offset_polyline(corner, 1.0, out);
  expect_near(out[1], {11, -1});
  expect_near(out[2], {11, -1});

  const std::array<Vec2, 2> point{Vec2{3, 3}, Vec2{3, 3}};
  std::array<Vec2, 2> point_out{};
  offset_polyline(point, 1.0, point_out);
  EXPECT_EQ(point_out[0], (Vec2{3, 3}));
  EXPECT_EQ(point_out[1], (Vec2{3, 3}));
}

TEST(GeometryOffset, ReversalStaysBounded) {
  const std::array<Vec2, 3> back{Vec2{0, 0}, Vec2{10, 0}, Vec2{0, 0.001}};
  std::array<Vec2, 3> out{};
  offset_polyline(back, 1.0, out);
  EXPECT_LE(distance(out[1], back[1]), 4.0 + 1e-9);  // miter limit, no spike to infinity
}

}  // namespace
}  // namespace citytwin

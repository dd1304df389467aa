#include "render/camera.hpp"

#include <gtest/gtest.h>

namespace citytwin::render {
namespace {

void expect_near(Vec2 a, Vec2 b, double tolerance = 1e-9) {
  EXPECT_NEAR(a.x, b.x, tolerance);
  EXPECT_NEAR(a.y, b.y, tolerance);
}

TEST(Camera, FitBoundsCentresTheBoxAndTouchesTheMarginOnTheLimitingAxis) {
  const Camera c = fit_bounds({-100.0, 0.0}, {300.0, 100.0}, 1000, 500, 20.0);
  expect_near(c.centre, {100.0, 50.0});
  // Width limits: 960 usable pixels for 400 m.
  EXPECT_DOUBLE_EQ(c.pixels_per_metre, 960.0 / 400.0);
  expect_near(world_to_pixel(c, {-100.0, 50.0}), {20.0, 250.0});
  expect_near(world_to_pixel(c, {300.0, 50.0}), {980.0, 250.0});
  // The other axis fits with room to spare.
  EXPECT_GT(world_to_pixel(c, {0.0, 100.0}).y, 20.0);
  EXPECT_LT(world_to_pixel(c, {0.0, 0.0}).y, 480.0);
}

TEST(Camera, FitBoundsOfATallBoxIsLimitedByHeight) {
  const Camera c = fit_bounds({0.0, 0.0}, {10.0, 1000.0}, 800, 600, 0.0);
  EXPECT_DOUBLE_EQ(c.pixels_per_metre, 0.6);
}

TEST(Camera, NorthIsUpAndEastIsRight) {
  const Camera c = fit_bounds({0.0, 0.0}, {100.0, 100.0}, 200, 200, 0.0);
  EXPECT_LT(world_to_pixel(c, {50.0, 90.0}).y, world_to_pixel(c, {50.0, 10.0}).y);
  EXPECT_GT(world_to_pixel(c, {90.0, 50.0}).x, world_to_pixel(c, {10.0, 50.0}).x);
  expect_near(world_to_pixel(c, {0.0, 100.0}), {0.0, 0.0});  // north-west corner = top-left
}

TEST(Camera, PixelAndWorldRoundTrip) {
  Camera c;
  c.centre = {1234.5, -678.25};
  c.pixels_per_metre = 0.37;
  c.width = 1920;
  c.height = 1080;
  for (const Vec2 w : {Vec2{0.0, 0.0}, Vec2{1500.0, 20.0}, Vec2{-3.0, -900.0}}) {
    expect_near(pixel_to_world(c, world_to_pixel(c, w)), w, 1e-9);
  }
}

TEST(Camera, PanMovesTheWorldWithTheCursor) {
  const Camera c = fit_bounds({0.0, 0.0}, {100.0, 100.0}, 400, 300);
  const Vec2 grabbed = pixel_to_world(c, {100.0, 80.0});
  const Camera moved = pan(c, 25.0, -40.0);
  expect_near(world_to_pixel(moved, grabbed), {125.0, 40.0}, 1e-9);
  EXPECT_DOUBLE_EQ(moved.pixels_per_metre, c.pixels_per_metre);
}

TEST(Camera, ZoomAtKeepsThePointUnderTheCursor) {
  const Camera c = fit_bounds({0.0, 0.0}, {1000.0, 500.0}, 1280, 720);
  const Vec2 cursor{900.0, 123.0};
  const Vec2 anchor = pixel_to_world(c, cursor);
  const Camera in = zoom_at(c, 4.0, cursor);
  EXPECT_DOUBLE_EQ(in.pixels_per_metre, c.pixels_per_metre * 4.0);
  expect_near(world_to_pixel(in, anchor), cursor, 1e-9);
  const Camera out = zoom_at(in, 0.25, cursor);
  expect_near(out.centre, c.centre, 1e-9);
}

TEST(Camera, ZoomIsClamped) {
  const Camera c = fit_bounds({0.0, 0.0}, {100.0, 100.0}, 100, 100, 0.0);
  EXPECT_DOUBLE_EQ(zoom_at(c, 1e9, {50.0, 50.0}).pixels_per_metre, 1e3);
  EXPECT_DOUBLE_EQ(zoom_at(c, 1e-9, {50.0, 50.0}).pixels_per_metre, 1e-3);
}

TEST(Camera, ClipTransformMatchesThePixelMapping) {
  Camera c;
  c.centre = {500.0, 250.0};
  c.pixels_per_metre = 1.7;
  c.width = 640;
  c.height = 360;
  const auto t = clip_transform(c);
  for (const Vec2 w : {Vec2{500.0, 250.0}, Vec2{400.0, 300.0}, Vec2{620.0, 190.0}}) {
    const Vec2 p = world_to_pixel(c, w);
    EXPECT_NEAR(w.x * t[0] + t[2], 2.0 * p.x / c.width - 1.0, 1e-5);
    EXPECT_NEAR(w.y * t[1] + t[3], 2.0 * p.y / c.height - 1.0, 1e-5);
  }
}

}  // namespace
}  // namespace citytwin::render

// Overlay colours and geometry, without Vulkan.
#include "render/overlays/field_overlays.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "render/overlays/field_colours.hpp"
#include "render/render_fixtures.hpp"

namespace citytwin::render {
namespace {

LinkField congestion_like() {
  LinkField field;
  field.name = "congestion";
  field.unit = "%";
  field.range_min = 0.0f;
  field.range_max = 100.0f;
  field.sense = FieldSense::kHigherIsBetter;
  return field;
}

TEST(FieldColours, TheGoodEndIsGreenWhicheverWayTheFieldRuns) {
  LinkField better = congestion_like();
  EXPECT_EQ(field_colour(better, 100.0f, 255), ramp_colour(1.0f));
  EXPECT_EQ(field_colour(better, 0.0f, 255), ramp_colour(0.0f));
  EXPECT_EQ(field_colour(better, 150.0f, 255), ramp_colour(1.0f));  // clamped
  LinkField worse = better;
  worse.sense = FieldSense::kHigherIsWorse;
  EXPECT_EQ(field_colour(worse, 100.0f, 255), ramp_colour(0.0f));
  EXPECT_FLOAT_EQ(field_scale_position(worse, 25.0f), 0.75f);
  EXPECT_EQ(field_colour(better, 50.0f, 90).a, 90);
  EXPECT_EQ(field_colour(better, kNoFieldValue, 200).a, 0);  // no data: nothing drawn
}

TEST(LinkOverlay, EveryLinkHasItsLanesAndColoursFollowTheValues) {
  const Network& net = testing::small_grid();
  const LinkOverlayMesh mesh = build_link_overlay_mesh(net);
  ASSERT_EQ(mesh.link_start.size(), net.links().size() + 1);
  for (LinkId l = 0; l < net.links().size(); ++l) {
    // Straight generated links: one quad (6 vertices) per lane.
    EXPECT_EQ(mesh.link_start[l + 1] - mesh.link_start[l], 6u * net.link(l).lane_count) << l;
  }
  LinkField field = congestion_like();
  field.values.assign(net.links().size(), kNoFieldValue);
  field.values[1] = 0.0f;
  std::vector<Rgba8> colours(mesh.vertices.size());
  fill_link_colours(mesh, field, 190, colours);
  for (std::uint32_t v = 0; v < colours.size(); ++v) {
    const bool on_link_1 = v >= mesh.link_start[1] && v < mesh.link_start[2];
    EXPECT_EQ(colours[v].a, on_link_1 ? 190 : 0) << v;
  }
  EXPECT_EQ(colours[mesh.link_start[1]].r, ramp_colour(0.0f).r);
}

TEST(LinkOverlay, PerLinkMeshAndOnlyTheLinksInViewAreDrawn) {
  const Network& net = testing::small_grid();
  const LinkOverlayMesh lanes = build_link_overlay_mesh(net);
  const LinkOverlayMesh links = build_link_overlay_mesh(net, LinkOverlayDetail::kPerLink);
  ASSERT_EQ(links.link_start.size(), net.links().size() + 1);
  EXPECT_EQ(links.vertices.size(), 6 * net.links().size());  // one quad per straight link
  ASSERT_EQ(links.link_bounds.size(), net.links().size());

  std::vector<std::pair<std::uint32_t, std::uint32_t>> draws;
  visible_link_draws(lanes, {{-1e9, -1e9}, {1e9, 1e9}}, draws);
  ASSERT_EQ(draws.size(), 1u);  // everything in view: one draw
  EXPECT_EQ(draws[0].second, lanes.vertices.size());

  // A box around the middle of one link only.
  const LinkId id = net.find_link("J_r0_c0->J_r0_c1");
  const Vec2 mid = testing::along_lane(net, net.link(id).first_lane, 0.5).position;
  visible_link_draws(lanes, {{mid.x - 1.0, mid.y - 1.0}, {mid.x + 1.0, mid.y + 1.0}}, draws);
  std::uint32_t drawn = 0;
  bool has_link = false;
  for (const auto& [first, count] : draws) {
    drawn += count;
    has_link |= first <= lanes.link_start[id] && lanes.link_start[id + 1] <= first + count;
  }
  EXPECT_TRUE(has_link);
  EXPECT_LT(drawn, lanes.vertices.size() / 4);
}

TEST(GridOverlay, CellsWithValuesInViewOnly) {
  GridField field;
  field.name = "no2";
  field.origin_x = 0.0;
  field.origin_y = 0.0;
  field.cell_size = 10.0;
  field.nx = 4;
  field.ny = 2;
  field.values = {1, 2, kNoFieldValue, 4, 5, 6, 7, 8};
  std::vector<QuadInstance> out;
  // Whole grid in view: 7 cells (one has no value).
  EXPECT_EQ(append_grid_cells(field, {{-100, -100}, {100, 100}}, 120, out), 7u);
  EXPECT_FLOAT_EQ(out[0].x, 5.0f);
  EXPECT_FLOAT_EQ(out[0].y, 5.0f);
  EXPECT_FLOAT_EQ(out[0].half_width, 5.0f);
  EXPECT_EQ(out[0].colour.a, 120);
  // Only the top-right cell's box.
  out.clear();
  EXPECT_EQ(append_grid_cells(field, {{31, 11}, {39, 19}}, 120, out), 1u);
  EXPECT_FLOAT_EQ(out[0].x, 35.0f);
  EXPECT_FLOAT_EQ(out[0].y, 15.0f);
  // Out of view; malformed (too few values).
  out.clear();
  EXPECT_EQ(append_grid_cells(field, {{100, 100}, {200, 200}}, 120, out), 0u);
  field.values.pop_back();
  EXPECT_EQ(append_grid_cells(field, {{-100, -100}, {100, 100}}, 120, out), 0u);
}

TEST(Camera, VisibleBoxIsThePictureGrownByTheMargin) {
  Camera camera;
  camera.centre = {100.0, 50.0};
  camera.pixels_per_metre = 2.0;
  camera.width = 400;
  camera.height = 200;
  const WorldBox box = visible_box(camera, 5.0);
  EXPECT_DOUBLE_EQ(box.min.x, 100.0 - 100.0 - 5.0);
  EXPECT_DOUBLE_EQ(box.max.y, 50.0 + 50.0 + 5.0);
  EXPECT_TRUE(box.contains(0.0, 0.0));
  EXPECT_FALSE(box.contains(206.0, 50.0));
}

}  // namespace
}  // namespace citytwin::render

// Overlays and level of detail on the machine's Vulkan device (lavapipe without a GPU): per-link
// tints, grid cells and density cells checked in real pixels.
#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>

#include "render/headless_renderer.hpp"
#include "render/overlays/field_colours.hpp"
#include "render/overlays/overlay_selection.hpp"
#include "render/render_fixtures.hpp"
#include "render/vulkan/render_error.hpp"
#include "support/view_kinds.hpp"

namespace citytwin::render {
namespace {

using testing::along_lane;
using testing::lane_of;
using testing::Pixels;
using testing::small_grid;

// Source-over blend of `top` with opacity `alpha` on `under`, as the blended pipelines do it.
Rgba8 blend(Rgba8 top, std::uint8_t alpha, Rgba8 under) {
  auto mix = [alpha](std::uint8_t s, std::uint8_t d) {
    return static_cast<std::uint8_t>(std::lround((s * alpha + d * (255.0 - alpha)) / 255.0));
  };
  return {mix(top.r, under.r), mix(top.g, under.g), mix(top.b, under.b), 255};
}

::testing::AssertionResult near(Rgba8 actual, Rgba8 expected, int tolerance = 2) {
  const bool ok = std::abs(actual.r - expected.r) <= tolerance &&
                  std::abs(actual.g - expected.g) <= tolerance &&
                  std::abs(actual.b - expected.b) <= tolerance;
  if (ok) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << actual << " is not within " << tolerance << " of " << expected;
}

class OverlayRender : public ::testing::Test {
 protected:
  void SetUp() override {
    HeadlessOptions options;
    options.city.buildings = false;  // the blocks' colour is what tints are checked against
    options.width = 800;
    options.height = 800;
    options.context.prefer_cpu = true;
    try {
      renderer_ = std::make_unique<HeadlessRenderer>(small_grid(), options);
    } catch (const RenderError& e) {
      FAIL() << "could not create the headless renderer (needs a Vulkan device, e.g. lavapipe "
                "from mesa-vulkan-drivers): "
             << e.what();
    }
    camera_ = renderer_->fit_camera();
  }

  // A per-link field like the traffic system's congestion: 0 (red end) on one link, 100 (green
  // end) on another, no value elsewhere.
  static WorldView view_with_link_field(LinkId red, LinkId green) {
    WorldView view;
    view.agent_kinds = test_kinds::test_agent_kinds();
    LinkField& field = view.link_fields.add("congestion");
    field.unit = "% of free speed";
    field.range_min = 0.0f;
    field.range_max = 100.0f;
    field.sense = FieldSense::kHigherIsBetter;
    field.values.assign(small_grid().links().size(), kNoFieldValue);
    field.values[red] = 0.0f;
    field.values[green] = 100.0f;
    return view;
  }

  // `count` cars spread evenly along every lane of `links`.
  static void add_cars_on(WorldView& view, std::initializer_list<const char*> links,
                          std::uint32_t count) {
    const Network& net = small_grid();
    std::uint32_t id = static_cast<std::uint32_t>(view.agent_count());
    std::vector<LaneId> lanes;
    for (const char* name : links) {
      const Link& link = net.link(net.find_link(name));
      for (std::uint16_t i = 0; i < link.lane_count; ++i) lanes.push_back(link.first_lane + i);
    }
    for (std::uint32_t k = 0; k < count; ++k) {
      const PointOnLine at =
          along_lane(net, lanes[k % lanes.size()],
                     0.05 + 0.9 * (k / lanes.size()) / double(count / lanes.size() + 1));
      view.add_agent(id++, test_kinds::kCar, static_cast<float>(at.position.x),
                     static_cast<float>(at.position.y), static_cast<float>(at.heading),
                     static_cast<float>(k % 14), 0);
    }
  }

  std::unique_ptr<HeadlessRenderer> renderer_;
  Camera camera_;
};

TEST_F(OverlayRender, LinkOverlayTintsTheLanesOfLinksWithValuesOnly) {
  const Network& net = small_grid();
  const LinkId red = net.find_link("J_r0_c0->J_r0_c1");
  const LinkId green = net.find_link("J_r0_c1->J_r1_c1");
  const WorldView view = view_with_link_field(red, green);

  // Published but not selected: plain asphalt.
  {
    const Pixels image(renderer_->render(view, camera_), camera_);
    EXPECT_EQ(image.at_world(along_lane(net, lane_of(net, "J_r0_c0->J_r0_c1", 0), 0.5).position),
              palette::kAsphalt);
    EXPECT_EQ(renderer_->last_stats().tinted_links, 0u);
  }
  LayerToggles layers;
  ASSERT_TRUE(select_overlay(view, "congestion", layers));
  EXPECT_FALSE(select_overlay(view, "no_such_field", layers));
  renderer_->set_layers(layers);
  const Pixels image(renderer_->render(view, camera_), camera_);
  EXPECT_EQ(renderer_->last_stats().tinted_links, 2u);
  for (std::uint16_t lane = 0; lane < 2; ++lane) {
    for (const double f : {0.25, 0.5, 0.75}) {
      EXPECT_TRUE(
          near(image.at_world(along_lane(net, lane_of(net, "J_r0_c0->J_r0_c1", lane), f).position),
               blend(ramp_colour(0.0f), kLinkTintAlpha, palette::kAsphalt)));
      EXPECT_TRUE(
          near(image.at_world(along_lane(net, lane_of(net, "J_r0_c1->J_r1_c1", lane), f).position),
               blend(ramp_colour(1.0f), kLinkTintAlpha, palette::kAsphalt)));
      // No value: untouched.
      EXPECT_EQ(image.at_world(along_lane(net, lane_of(net, "J_r1_c1->J_r1_c0", lane), f).position),
                palette::kAsphalt);
    }
  }
  EXPECT_EQ(image.at_world({50.0, 50.0}), palette::kBackground);  // blocks are not tinted
}

TEST_F(OverlayRender, GridOverlayDrawsTranslucentCellsUnderTheAgents) {
  WorldView view;
  view.agent_kinds = test_kinds::test_agent_kinds();
  GridField& field = view.grid_fields.add("no2");
  field.unit = "ug/m3";
  field.range_min = 0.0f;
  field.range_max = 40.0f;
  field.sense = FieldSense::kHigherIsWorse;
  // 2x2 cells of 30 m inside the middle block (20..80, 20..80); one without a value.
  field.origin_x = 20.0;
  field.origin_y = 20.0;
  field.cell_size = 30.0;
  field.nx = 2;
  field.ny = 2;
  field.values = {0.0f, 40.0f, 20.0f, kNoFieldValue};
  view.add_agent(0, test_kinds::kCar, 35.0f, 35.0f, 0.0f, 13.89f, 0);  // in the first cell

  LayerToggles layers;
  ASSERT_TRUE(select_overlay(view, "no2", layers));
  renderer_->set_layers(layers);
  const Pixels image(renderer_->render(view, camera_), camera_);
  EXPECT_EQ(renderer_->last_stats().overlay_cells, 3u);
  EXPECT_TRUE(near(image.at_world({28.0, 28.0}), blend(ramp_colour(1.0f), kGridCellAlpha,
                                                       palette::kBackground)));  // 0: the good end
  EXPECT_TRUE(near(image.at_world({65.0, 35.0}),
                   blend(ramp_colour(0.0f), kGridCellAlpha, palette::kBackground)));
  EXPECT_TRUE(near(image.at_world({35.0, 65.0}),
                   blend(ramp_colour(0.5f), kGridCellAlpha, palette::kBackground)));
  EXPECT_EQ(image.at_world({65.0, 65.0}), palette::kBackground);  // no value
  EXPECT_EQ(image.at_world({10.0, 50.0}).a, 255);
  // The car is drawn over the cell in its own colour.
  EXPECT_EQ(image.at_world({35.0, 35.0}), speed_colour(13.89f, AgentStyle{}.reference_speed));
}

TEST_F(OverlayRender, ZoomedOutManyAgentsBecomeDensityCellsWhereTheAgentsAre) {
  WorldView view;
  view.agent_kinds = test_kinds::test_agent_kinds();
  view.signal_state.assign(small_grid().signal_groups().size(), SignalState::kRed);
  add_cars_on(view, {"J_r0_c0->J_r0_c1", "J_r1_c1->J_r1_c0"}, 30'000);
  // Zoomed out to 0.25 px/m: a car is about one pixel long, the grid 75 px across.
  Camera far = camera_;
  far.pixels_per_metre = 0.25;
  ASSERT_EQ(choose_agent_detail(far.pixels_per_metre, view.agent_count()), AgentDetail::kDensity);

  const std::vector<std::uint8_t> empty = renderer_->render(WorldView{}, far);
  const std::vector<std::uint8_t> dense = renderer_->render(view, far);
  const FrameStats stats = renderer_->last_stats();
  EXPECT_TRUE(stats.agent_density);
  EXPECT_EQ(stats.agents, 0u);
  EXPECT_EQ(stats.binned_agents, 30'000u);
  EXPECT_GT(stats.density_cells, 5u);
  EXPECT_LT(stats.instances(), 100u);  // a few dozen quads instead of 30,000 sprites

  // Coloured pixels where the agents are: every agent's pixel changed ...
  const Pixels before(empty, far);
  const Pixels after(dense, far);
  for (std::size_t i = 0; i < view.agent_count(); i += 97) {
    const Vec2 p{view.x[i], view.y[i]};
    EXPECT_NE(after.at_world(p), before.at_world(p)) << p.x << "," << p.y;
  }
  // ... and none elsewhere: a changed pixel lies within one cell (4 px) of some agent.
  const double reach = 1.5 * DensityCells::kCellPixels / far.pixels_per_metre;
  std::size_t changed = 0;
  for (std::uint32_t y = 0; y < far.height; ++y) {
    for (std::uint32_t x = 0; x < far.width; ++x) {
      if (after.at_pixel(x, y) == before.at_pixel(x, y)) continue;
      ++changed;
      const Vec2 w = pixel_to_world(far, {x + 0.5, y + 0.5});
      bool close = false;
      for (std::size_t i = 0; i < view.agent_count() && !close; i += 7) {
        close = distance(w, Vec2{view.x[i], view.y[i]}) <= reach;
      }
      ASSERT_TRUE(close) << "coloured pixel " << x << "," << y << " far from every agent";
    }
  }
  EXPECT_GT(changed, 50u);
}

TEST_F(OverlayRender, AtMiddlingZoomTheCountInViewDecides) {
  // 1 px/m: a car is 4.5 px, readable alone, but a crowd of them is drawn as density.
  Camera middle = camera_;
  middle.pixels_per_metre = 1.0;
  ASSERT_TRUE(detail_depends_on_count(middle.pixels_per_metre));
  WorldView few;
  few.agent_kinds = test_kinds::test_agent_kinds();
  add_cars_on(few, {"J_r0_c0->J_r0_c1"}, 15'000);
  renderer_->render(few, middle);
  EXPECT_FALSE(renderer_->last_stats().agent_density);
  EXPECT_EQ(renderer_->last_stats().agents, 15'000u);
  WorldView crowd;
  crowd.agent_kinds = test_kinds::test_agent_kinds();
  add_cars_on(crowd, {"J_r0_c0->J_r0_c1", "J_r1_c1->J_r1_c0"}, 30'000);
  renderer_->render(crowd, middle);
  EXPECT_TRUE(renderer_->last_stats().agent_density);
  EXPECT_EQ(renderer_->last_stats().agents, 0u);
  EXPECT_EQ(renderer_->last_stats().binned_agents, 30'000u);
  // The same crowd mostly out of view: the few in view are sprites again.
  Camera aside = middle;
  aside.centre = {50.0, -400.0};  // the picture's top edge at y = 0: the first link, not the second
  renderer_->render(crowd, aside);
  EXPECT_FALSE(renderer_->last_stats().agent_density);
  EXPECT_GT(renderer_->last_stats().agents, 10'000u);
  EXPECT_LT(renderer_->last_stats().agents, 20'000u);
}

TEST_F(OverlayRender, ZoomingInSwitchesBackToSpritesOfTheVisibleAgentsOnly) {
  WorldView view;
  view.agent_kinds = test_kinds::test_agent_kinds();
  add_cars_on(view, {"J_r0_c0->J_r0_c1", "J_r1_c1->J_r1_c0"}, 30'000);
  renderer_->render(view, camera_);  // the whole small grid: cars are ~15 px long
  EXPECT_FALSE(renderer_->last_stats().agent_density);
  EXPECT_EQ(renderer_->last_stats().agents, 30'000u);
  // Zoomed in on the first link's middle: only the cars near it are sprites.
  Camera close = camera_;
  close.centre =
      along_lane(small_grid(), lane_of(small_grid(), "J_r0_c0->J_r0_c1", 0), 0.5).position;
  close.pixels_per_metre = 40.0;  // 20 m across (the link is about 100 m long)
  const Pixels image(renderer_->render(view, close), close);
  const FrameStats stats = renderer_->last_stats();
  EXPECT_FALSE(stats.agent_density);
  EXPECT_GT(stats.agents, 100u);
  EXPECT_LT(stats.agents, 10'000u);  // of 30,000: about a third of one link is in view
  EXPECT_EQ(stats.density_cells, 0u);
}

}  // namespace
}  // namespace citytwin::render

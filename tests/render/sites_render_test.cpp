// Fixed devices (roadside units, gateways, sensors) on real pixels: icons where they stand,
// range circles at their radio range, nothing when the layer is off.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>

#include "render/agents/infrastructure_icons.hpp"
#include "render/headless_renderer.hpp"
#include "render/render_fixtures.hpp"
#include "render/vulkan/render_error.hpp"
#include "support/view_kinds.hpp"

namespace citytwin::render {
namespace {

using testing::small_grid;

class HeadlessRenderSites : public ::testing::Test {
 protected:
  void SetUp() override {
    HeadlessOptions options;
    options.city.buildings = false;
    options.width = 800;
    options.height = 800;
    options.context.prefer_cpu = true;
    try {
      renderer_ = std::make_unique<HeadlessRenderer>(small_grid(), options);
    } catch (const RenderError& e) {
      FAIL() << "could not create the headless renderer: " << e.what();
    }
    camera_ = renderer_->fit_camera();
  }
  Rgba8 at(const std::vector<std::uint8_t>& pixels, Vec2 world) const {
    const Vec2 p = world_to_pixel(camera_, world);
    const auto x = static_cast<std::size_t>(p.x);
    const auto y = static_cast<std::size_t>(p.y);
    const std::size_t i = (y * camera_.width + x) * 4;
    return {pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]};
  }
  std::unique_ptr<HeadlessRenderer> renderer_;
  Camera camera_;
};

TEST_F(HeadlessRenderSites, IconsWhereTheDevicesStandAndTheirRangeAsACircle) {
  WorldView view;
  view.agent_kinds = test_kinds::test_agent_kinds();
  // In the middle block (20..80 m): a roadside unit with 25 m range and a failed sensor.
  view.sites.push_back({test_kinds::kRoadsideUnit, 1, 50.0f, 50.0f, 25.0f, SiteHealth::kOk});
  view.sites.push_back({test_kinds::kSensor, 2, 35.0f, 65.0f, 0.0f, SiteHealth::kFailed});
  const auto& pixels = renderer_->render(view, camera_);
  EXPECT_EQ(at(pixels, {50.0, 50.0}), test_kinds::kRoadsideUnitColour);
  EXPECT_EQ(at(pixels, {35.0, 65.0}), palette::kSiteFailed);
  // The circle: on the ring at a few angles, not inside it.
  std::size_t on_ring = 0;
  for (int k = 0; k < 16; ++k) {
    const double a = k * M_PI / 8.0 + 0.1;
    on_ring += at(pixels, {50.0 + 25.0 * std::cos(a), 50.0 + 25.0 * std::sin(a)}) ==
               test_kinds::kRoadsideUnitColour;
  }
  EXPECT_GE(on_ring, 12u);  // sampled exactly on a 1.5 px line: most samples hit it
  EXPECT_EQ(at(pixels, {62.0, 50.0}), palette::kBackground);
  EXPECT_EQ(renderer_->last_stats().site_quads, SiteStyle{}.ring_segments + 2);

  LayerToggles no_ranges;
  no_ranges.site_ranges = false;
  renderer_->set_layers(no_ranges);
  const auto& icons_only = renderer_->render(view, camera_);
  EXPECT_EQ(renderer_->last_stats().site_quads, 2u);
  EXPECT_EQ(at(icons_only, {50.0, 50.0}), test_kinds::kRoadsideUnitColour);
  LayerToggles none;
  none.sites = false;
  renderer_->set_layers(none);
  const auto& without = renderer_->render(view, camera_);
  EXPECT_EQ(renderer_->last_stats().site_quads, 0u);
  EXPECT_EQ(at(without, {50.0, 50.0}), palette::kBackground);
}

}  // namespace
}  // namespace citytwin::render

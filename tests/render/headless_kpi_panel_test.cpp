// The KPI panel drawn into headless pictures (CityPicture: the city plus Dear ImGui without a
// window) on the machine's real Vulkan device (lavapipe on CI). Pixels are checked, not mocked.
#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "agents/families.hpp"
#include "render/city_picture.hpp"
#include "render/render_fixtures.hpp"
#include "render/vulkan/render_error.hpp"
#include "support/view_kinds.hpp"

namespace citytwin::render {
namespace {

using testing::along_lane;
using testing::lane_of;
using testing::small_grid;

constexpr std::uint32_t kWidth = 800;
constexpr std::uint32_t kHeight = 600;

std::unique_ptr<CityPicture> make_picture(bool kpi_panel) {
  PictureOptions options;
  options.headless.width = kWidth;
  options.headless.height = kHeight;
  options.headless.context.prefer_cpu = true;
  options.kpi_panel = kpi_panel;
  options.dashboards = dashboards_of(builtin_families());
  try {
    return std::make_unique<CityPicture>(small_grid(), options);
  } catch (const RenderError& e) {
    ADD_FAILURE() << "no headless picture: " << e.what()
                  << "\n(install mesa-vulkan-drivers for the lavapipe CPU driver)";
    return nullptr;
  }
}

const std::vector<std::string> kKpiNames = {"vehicles", "mean_speed_mps", "throughput_veh_h",
                                            "total_delay_s"};

// A snapshot with two cars and KPI values, and a history of `samples` rows shaped by `slope`.
WorldView view_at(double time) {
  const Network& net = small_grid();
  WorldView view;
  view.agent_kinds = test_kinds::test_agent_kinds();
  view.time = time;
  view.step = static_cast<std::int64_t>(time);
  view.signal_state.assign(net.signal_groups().size(), SignalState::kGreen);
  std::uint32_t id = 0;
  for (const char* link : {"J_r0_c0->J_r0_c1", "J_r0_c1->J_r1_c1"}) {
    const PointOnLine at = along_lane(net, lane_of(net, link, 0), 0.4);
    view.add_agent(id++, test_kinds::kCar, static_cast<float>(at.position.x),
                   static_cast<float>(at.position.y), static_cast<float>(at.heading), 8.0f, 0);
  }
  view.kpi_names = kKpiNames;
  view.kpi_values = {42.0, 9.5, 1200.0, 3600.0};
  return view;
}

KpiHistory history_of(std::size_t samples, double slope) {
  KpiHistory history;
  for (std::size_t i = 0; i < samples; ++i) {
    const double t = 5.0 * static_cast<double>(i);
    const double values[] = {slope * t, 10.0 + (i % 7), slope * t * 3.0, t * t};
    history.add(t, kKpiNames, values);
  }
  return history;
}

struct RegionStats {
  std::size_t pixels = 0;
  std::size_t differing = 0;   // from the other picture at the same place
  std::size_t background = 0;  // pixels of the city's background colour
  std::set<std::uint32_t> colours;
};

RegionStats compare_region(const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b,
                           const PanelRect& r, bool inside) {
  RegionStats stats;
  for (std::uint32_t y = 0; y < kHeight; ++y) {
    for (std::uint32_t x = 0; x < kWidth; ++x) {
      const bool in = x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height;
      if (in != inside) continue;
      const std::size_t i = (std::size_t{y} * kWidth + x) * 4;
      ++stats.pixels;
      stats.differing += a[i] != b[i] || a[i + 1] != b[i + 1] || a[i + 2] != b[i + 2];
      stats.background += Rgba8{a[i], a[i + 1], a[i + 2], 255} == palette::kBackground;
      stats.colours.insert(std::uint32_t{a[i]} << 16 | std::uint32_t{a[i + 1]} << 8 | a[i + 2]);
    }
  }
  return stats;
}

TEST(HeadlessRenderKpiPanel, PanelCoversItsRegionAndLeavesTheCityAlone) {
  auto with_panel = make_picture(true);
  auto bare = make_picture(false);
  ASSERT_TRUE(with_panel && bare);
  const WorldView view = view_at(300.0);
  const KpiHistory history = history_of(61, 0.2);
  const Camera camera = with_panel->renderer().fit_camera();
  const std::vector<std::uint8_t> panel_pixels = with_panel->draw(view, camera, history);
  const std::vector<std::uint8_t> bare_pixels = bare->draw(view, camera, history);

  const auto rect = with_panel->kpi_panel();
  ASSERT_TRUE(rect);
  EXPECT_FALSE(bare->kpi_panel());
  // The viewer's place: top right, 340 px wide, tall enough for four plots.
  EXPECT_GE(rect->x, 0.0f);
  EXPECT_LE(rect->x + rect->width, static_cast<float>(kWidth));
  EXPECT_FLOAT_EQ(rect->width, 340.0f);
  EXPECT_GT(rect->height, 4 * 48.0f);

  const RegionStats inside = compare_region(panel_pixels, bare_pixels, *rect, true);
  const RegionStats bare_inside = compare_region(bare_pixels, panel_pixels, *rect, true);
  const RegionStats outside = compare_region(panel_pixels, bare_pixels, *rect, false);
  // Outside the panel the pictures are the same city, byte for byte.
  EXPECT_EQ(outside.differing, 0u);
  // Inside, the panel replaced the city: nearly every pixel changed, the background colour is
  // gone (the window is opaque enough to tint it), and text and plot lines bring many colours.
  EXPECT_GT(inside.differing, inside.pixels * 9 / 10);
  EXPECT_GT(bare_inside.background, bare_inside.pixels / 2);
  EXPECT_LT(inside.background, inside.pixels / 100);
  EXPECT_GT(inside.colours.size(), 20u);
}

TEST(HeadlessRenderKpiPanel, NoPanelIsTheBareCityOfTheRenderer) {
  auto bare = make_picture(false);
  ASSERT_TRUE(bare);
  const WorldView view = view_at(60.0);
  const Camera camera = bare->renderer().fit_camera();
  const std::vector<std::uint8_t> picture = bare->draw(view, camera, history_of(13, 1.0));
  EXPECT_TRUE(picture == bare->renderer().render(view, camera));
}

TEST(HeadlessRenderKpiPanel, PlotsFollowTheHistory) {
  auto picture = make_picture(true);
  ASSERT_TRUE(picture);
  const WorldView view = view_at(300.0);
  const Camera camera = picture->renderer().fit_camera();
  const std::vector<std::uint8_t> rising = picture->draw(view, camera, history_of(61, 0.2));
  const std::vector<std::uint8_t> falling = picture->draw(view, camera, history_of(61, -0.2));
  const auto rect = picture->kpi_panel();
  ASSERT_TRUE(rect);
  const RegionStats inside = compare_region(rising, falling, *rect, true);
  EXPECT_GT(inside.differing, 100u) << "the plots do not show the history";
  EXPECT_EQ(compare_region(rising, falling, *rect, false).differing, 0u);
}

TEST(HeadlessRenderKpiPanel, RepeatRendersWithThePanelAreByteIdentical) {
  auto picture = make_picture(true);
  ASSERT_TRUE(picture);
  const WorldView view = view_at(300.0);
  const KpiHistory history = history_of(61, 0.2);
  const Camera camera = picture->renderer().fit_camera();
  const std::vector<std::uint8_t> first = picture->draw(view, camera, history);
  // Something else in between: another state, history and camera.
  picture->draw(view_at(10.0), pan(camera, 40.0, 12.0), history_of(3, 5.0));
  const std::vector<std::uint8_t> second = picture->draw(view, camera, history);
  EXPECT_TRUE(first == second);

  // A fresh device and ImGui context draw the same bytes: nothing depends on earlier frames.
  auto fresh = make_picture(true);
  ASSERT_TRUE(fresh);
  EXPECT_TRUE(fresh->draw(view, camera, history) == first);
}

// ImGui's pipeline, font image and vertex buffers on the offscreen pass, checked by the Khronos
// validation layer (synchronization validation included), as the city's own draws are.
TEST(HeadlessRenderKpiPanel, NoValidationMessages) {
  ASSERT_EQ(setenv("VK_INSTANCE_LAYERS", "VK_LAYER_KHRONOS_validation", 1), 0);
  ASSERT_EQ(
      setenv("VK_LAYER_ENABLES", "VK_VALIDATION_FEATURE_ENABLE_SYNCHRONIZATION_VALIDATION_EXT", 1),
      0);
  auto log = std::make_shared<ValidationLog>();
  {
    PictureOptions options;
    options.headless.width = 320;
    options.headless.height = 240;
    options.headless.context.log = log;
    options.dashboards = dashboards_of(builtin_families());
    std::unique_ptr<CityPicture> picture;
    try {
      picture = std::make_unique<CityPicture>(small_grid(), options);
    } catch (const RenderError& e) {
      ADD_FAILURE() << e.what();
    }
    if (picture) {
      EXPECT_TRUE(picture->renderer().context().validation_active())
          << "VK_LAYER_KHRONOS_validation did not load (install vulkan-validationlayers)";
      const Camera camera = picture->renderer().fit_camera();
      for (int frame = 0; frame < 3; ++frame) {
        picture->draw(view_at(5.0 * frame), camera, history_of(10 + 40 * frame, 1.0));
      }
    }
  }  // destruction reports leaked objects, if any
  unsetenv("VK_INSTANCE_LAYERS");
  unsetenv("VK_LAYER_ENABLES");
  const auto messages = log->messages();
  std::string all;
  for (const auto& m : messages) all += m + "\n";
  EXPECT_TRUE(messages.empty()) << messages.size() << " validation message(s):\n" << all;
}

}  // namespace
}  // namespace citytwin::render

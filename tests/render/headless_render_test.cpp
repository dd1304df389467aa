// Real frames on the machine's Vulkan device (Mesa lavapipe on CI): pixels are checked, not mocked.
// Without a Vulkan device these tests FAIL: the renderer is part of the product.
#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>

#include "render/city/signal_heads.hpp"
#include "render/headless_renderer.hpp"
#include "render/render_fixtures.hpp"
#include "render/vulkan/render_error.hpp"
#include "support/view_kinds.hpp"

namespace citytwin::render {
namespace {

using testing::along_lane;
using testing::lane_of;
using testing::Pixels;
using testing::small_grid;

constexpr const char* kNoDeviceHelp =
    "the renderer tests need a Vulkan device; on machines without a GPU install "
    "mesa-vulkan-drivers (lavapipe), e.g. with tools/setup/install-deps.sh";

std::unique_ptr<HeadlessRenderer> make_renderer(const HeadlessOptions& options) {
  try {
    return std::make_unique<HeadlessRenderer>(small_grid(), options);
  } catch (const RenderError& e) {
    ADD_FAILURE() << "could not create the headless renderer: " << e.what() << "\n"
                  << kNoDeviceHelp;
    return nullptr;
  }
}

struct PlacedCar {
  Vec2 position;
  float speed;
};

class HeadlessRender : public ::testing::Test {
 protected:
  void SetUp() override {
    HeadlessOptions options;
    options.width = 800;
    options.height = 800;
    options.context.prefer_cpu = true;
    renderer_ = make_renderer(options);
    ASSERT_NE(renderer_, nullptr);
    camera_ = renderer_->fit_camera();
    ASSERT_GT(camera_.pixels_per_metre, 3.0);  // lanes many pixels wide: exact pixel checks
  }

  // Three cars mid-block on different links and headings: stopped, half speed, full speed.
  WorldView view_with_cars() {
    const Network& net = small_grid();
    WorldView view;
    view.agent_kinds = test_kinds::test_agent_kinds();
    view.signal_state.assign(net.signal_groups().size(), SignalState::kRed);
    const struct {
      const char* link;
      float speed;
    } placements[] = {
        {"J_r0_c0->J_r0_c1", 0.0f}, {"J_r0_c1->J_r1_c1", 7.0f}, {"J_r1_c1->J_r1_c0", 13.89f}};
    std::uint32_t id = 0;
    for (const auto& p : placements) {
      const PointOnLine at = along_lane(net, lane_of(net, p.link, 0), 0.5);
      view.add_agent(id++, test_kinds::kCar, static_cast<float>(at.position.x),
                     static_cast<float>(at.position.y), static_cast<float>(at.heading), p.speed, 0);
      cars_.push_back({at.position, p.speed});
    }
    return view;
  }

  std::unique_ptr<HeadlessRenderer> renderer_;
  Camera camera_;
  std::vector<PlacedCar> cars_;
};

TEST_F(HeadlessRender, FrameHasTheRequestedSizeAndIsOpaque) {
  const auto& pixels = renderer_->render(WorldView{}, camera_);
  ASSERT_EQ(pixels.size(), 800u * 800u * 4u);
  for (std::size_t i = 3; i < pixels.size(); i += 4) ASSERT_EQ(pixels[i], 255) << i;
}

// Off the roads: the blocks' colour, or a building's roof where one stands.
bool block_or_roof(Rgba8 c) {
  if (c == palette::kBackground) return true;
  for (const Rgba8 roof : palette::kRoofs) {
    if (c == roof) return true;
  }
  return false;
}

TEST_F(HeadlessRender, BackgroundWhereThereIsNoRoad) {
  const auto& pixels = renderer_->render(WorldView{}, camera_);
  const Pixels image(pixels, camera_);
  EXPECT_EQ(image.at_pixel(0, 0), palette::kBackground);
  EXPECT_EQ(image.at_pixel(799, 799), palette::kBackground);
  EXPECT_TRUE(block_or_roof(image.at_world({50.0, 50.0})));    // the middle block
  EXPECT_TRUE(block_or_roof(image.at_world({-40.0, -40.0})));  // beyond the fringe roads
  EXPECT_TRUE(block_or_roof(image.at_world({140.0, 25.0})));
}

TEST_F(HeadlessRender, BuildingsLineTheRoadsOffTheAsphalt) {
  const auto& pixels = renderer_->render(WorldView{}, camera_);
  std::size_t roofs = 0;
  for (std::size_t i = 0; i + 3 < pixels.size(); i += 4) {
    const Rgba8 c{pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]};
    roofs += block_or_roof(c) && c != palette::kBackground;
  }
  // Some of the picture, not most of it: roads and blocks stay what the eye sees first.
  const std::size_t all = pixels.size() / 4;
  EXPECT_GT(roofs, all / 50);
  EXPECT_LT(roofs, all / 2);
}

TEST_F(HeadlessRender, IllustrativeBuildingsCanBeSwitchedOff) {
  LayerToggles layers;
  layers.buildings = false;
  renderer_->set_layers(layers);
  const auto& pixels = renderer_->render(WorldView{}, camera_);
  for (std::size_t i = 0; i + 3 < pixels.size(); i += 4) {
    const Rgba8 c{pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]};
    ASSERT_TRUE(c == palette::kBackground || !block_or_roof(c)) << "roof pixel at byte " << i;
  }
  renderer_->set_layers(LayerToggles{});
}

TEST_F(HeadlessRender, ZebraStripesOnTheCrosswalksOfThePedestrianLayer) {
  const Network& net = small_grid();
  LayerToggles layers;
  layers.signals = false;  // the heads stand on the crossings
  renderer_->set_layers(layers);
  const auto& pixels = renderer_->render(WorldView{}, camera_);
  renderer_->set_layers(LayerToggles{});
  const Pixels image(pixels, camera_);
  for (const Crosswalk& c : net.pedestrians().crosswalks()) {
    const auto shape = net.pedestrians().shape(c.shape);
    // 12 stripes over 12.8 m: the middle of the crosswalk falls in a gap, half a pitch off it on
    // a stripe.
    const Vec2 across = normalized(shape.back() - shape.front());
    const Vec2 middle = (shape.front() + shape.back()) * 0.5;
    EXPECT_EQ(image.at_world(middle + across * 0.5), palette::kStopLine);
  }
}

TEST_F(HeadlessRender, RoadColourAlongEveryLaneCentre) {
  const Network& net = small_grid();
  const auto& pixels = renderer_->render(WorldView{}, camera_);
  const Pixels image(pixels, camera_);
  std::size_t checked = 0;
  for (LaneId lane = 0; lane < net.lanes().size(); ++lane) {
    for (const double f : {0.25, 0.5, 0.75}) {
      EXPECT_EQ(image.at_world(along_lane(net, lane, f).position), palette::kAsphalt)
          << "lane " << lane << " at " << f;
      ++checked;
    }
  }
  EXPECT_EQ(checked, net.lanes().size() * 3);
  // Junction centres are paved too, and the sidewalk runs beside the outer lane.
  EXPECT_EQ(image.at_world({0.0, 0.0}), palette::kJunction);
  EXPECT_EQ(image.at_world({100.0, 100.0}), palette::kJunction);
  EXPECT_EQ(image.at_world({50.0, -(2 * 3.2 + 1.25)}), palette::kSidewalk);
}

TEST_F(HeadlessRender, EachVehicleAtItsPlaceAndNowhereElse) {
  const WorldView view = view_with_cars();
  const auto& pixels = renderer_->render(view, camera_);
  const Pixels image(pixels, camera_);
  const double car_area_px = 4.5 * 1.8 * camera_.pixels_per_metre * camera_.pixels_per_metre;
  for (const PlacedCar& car : cars_) {
    const Rgba8 colour = speed_colour(car.speed, AgentStyle{}.reference_speed);
    EXPECT_EQ(image.at_world(car.position), colour)
        << "car at " << car.position.x << "," << car.position.y;
    const auto found = image.find(colour);
    // About the car's footprint in pixels, all of it within the car's half-diagonal (+1 pixel).
    EXPECT_GT(found.size(), car_area_px * 0.6);
    EXPECT_LT(found.size(), car_area_px * 1.6);
    const double reach = std::hypot(2.25, 0.9) + 1.5 / camera_.pixels_per_metre;
    for (const Vec2 p : found) {
      ASSERT_LE(distance(p, car.position), reach) << "stray pixel at " << p.x << "," << p.y;
    }
  }
  // The same scene without vehicles has none of their colours.
  const auto& empty = renderer_->render(WorldView{}, camera_);
  const Pixels bare(empty, camera_);
  for (const PlacedCar& car : cars_) {
    EXPECT_TRUE(bare.find(speed_colour(car.speed, AgentStyle{}.reference_speed)).empty());
  }
}

TEST_F(HeadlessRender, SignalHeadsShowTheirGroupsState) {
  const Network& net = small_grid();
  WorldView view;
  view.agent_kinds = test_kinds::test_agent_kinds();
  view.signal_state.resize(net.signal_groups().size());
  for (SignalGroupId g = 0; g < net.signal_groups().size(); ++g) {
    // North-south green, east-west red, everywhere.
    view.signal_state[g] =
        net.signal_group(g).name.starts_with("NS_") ? SignalState::kGreen : SignalState::kRed;
  }
  const auto& pixels = renderer_->render(view, camera_);
  const Pixels image(pixels, camera_);
  std::size_t red = 0;
  std::size_t green = 0;
  for (const SignalHead& h : place_signal_heads(net)) {
    const bool ns = net.signal_group(h.group).name.starts_with("NS_");
    EXPECT_EQ(image.at_world({h.x, h.y}), ns ? palette::kSignalGreen : palette::kSignalRed)
        << net.signal_group(h.group).name << " head at " << h.x << "," << h.y;
    (ns ? green : red)++;
  }
  EXPECT_GT(red, 0u);
  EXPECT_GT(green, 0u);
  EXPECT_EQ(renderer_->last_stats().signal_heads, red + green);
}

TEST_F(HeadlessRender, TwoRendersOfTheSameStateAreByteIdentical) {
  const WorldView view = view_with_cars();
  const std::vector<std::uint8_t> first = renderer_->render(view, camera_);
  renderer_->render(WorldView{}, pan(camera_, 37.0, -11.0));  // something else in between
  const std::vector<std::uint8_t> second = renderer_->render(view, camera_);
  EXPECT_TRUE(first == second);

  // A fresh context and device draw the same bytes.
  HeadlessOptions options;
  options.width = 800;
  options.height = 800;
  options.context.prefer_cpu = true;
  auto other = make_renderer(options);
  ASSERT_NE(other, nullptr);
  EXPECT_TRUE(other->render(view, camera_) == first);
}

TEST_F(HeadlessRender, ManyVehiclesGrowTheInstanceBufferOfBothFrameSlots) {
  const Network& net = small_grid();
  WorldView view;
  view.agent_kinds = test_kinds::test_agent_kinds();
  for (std::uint32_t i = 0; i < 5000; ++i) {
    const PointOnLine at = along_lane(net, i % net.lanes().size(), (i % 97) / 97.0);
    view.add_agent(i, test_kinds::kCar, static_cast<float>(at.position.x),
                   static_cast<float>(at.position.y), static_cast<float>(at.heading),
                   static_cast<float>(i % 14), 0);
  }
  for (int frame = 0; frame < 4; ++frame) renderer_->render(view, camera_);
  EXPECT_EQ(renderer_->last_stats().agents, 5000u);
}

// Set before instance creation, as a user would: the loader enables the layer; the context sees
// it and records what the layer reports through a debug-utils messenger.
TEST(HeadlessRenderValidation, NoValidationMessages) {
  ASSERT_EQ(setenv("VK_INSTANCE_LAYERS", "VK_LAYER_KHRONOS_validation", 1), 0);
  // Also check barriers and layouts (synchronization validation).
  ASSERT_EQ(
      setenv("VK_LAYER_ENABLES", "VK_VALIDATION_FEATURE_ENABLE_SYNCHRONIZATION_VALIDATION_EXT", 1),
      0);
  auto log = std::make_shared<ValidationLog>();
  {
    HeadlessOptions options;
    options.width = 320;
    options.height = 200;
    options.context.log = log;
    auto renderer = make_renderer(options);
    ASSERT_NE(renderer, nullptr);
    EXPECT_TRUE(renderer->context().validation_active())
        << "VK_LAYER_KHRONOS_validation did not load (install vulkan-validationlayers)";
    WorldView view;
    view.agent_kinds = test_kinds::test_agent_kinds();
    view.signal_state.assign(small_grid().signal_groups().size(), SignalState::kGreen);
    for (std::uint32_t i = 0; i < 3000; ++i) {
      view.add_agent(i, test_kinds::kCar, static_cast<float>(i % 200) - 50.0f, 0.0f, 0.0f,
                     static_cast<float>(i % 10), 0);
    }
    // Devices with range circles: their own draw after the agents.
    view.sites.push_back({test_kinds::kRoadsideUnit, 1, 50.0f, 50.0f, 25.0f, SiteHealth::kOk});
    view.sites.push_back({test_kinds::kGateway, 2, 20.0f, 80.0f, 40.0f, SiteHealth::kDegraded});
    const Camera camera = renderer->fit_camera();
    for (int frame = 0; frame < 3; ++frame) renderer->render(view, camera);
    renderer->render(WorldView{}, zoom_at(camera, 8.0, {160.0, 100.0}));

    // The overlay draws (lanes tinted per link, grid cells) and the density layer (zoomed out).
    LinkField& link_field = view.link_fields.add("congestion");
    link_field.values.assign(small_grid().links().size(), 0.5f);
    link_field.values[0] = kNoFieldValue;
    GridField& grid_field = view.grid_fields.add("no2");
    grid_field.cell_size = 25.0;
    grid_field.nx = 4;
    grid_field.ny = 4;
    grid_field.values.assign(16, 0.3f);
    LayerToggles layers;
    layers.link_overlay = "congestion";
    layers.grid_overlay = "no2";
    renderer->set_layers(layers);
    for (int frame = 0; frame < 3; ++frame) renderer->render(view, camera);
    DetailRule density_for_few;  // 3,000 agents are "few": make them density when zoomed out
    density_for_few.few_agents = 0;
    renderer->set_detail_rule(density_for_few);
    Camera far = camera;
    far.pixels_per_metre = 0.2;
    for (int frame = 0; frame < 3; ++frame) renderer->render(view, far);
    far.pixels_per_metre = 0.1;  // the far static mesh, no signal heads
    renderer->render(view, far);
    EXPECT_TRUE(renderer->last_stats().agent_density);
    EXPECT_GT(renderer->last_stats().tinted_links, 0u);
    EXPECT_GT(renderer->last_stats().overlay_cells, 0u);
  }  // destruction reports leaked objects, if any
  unsetenv("VK_INSTANCE_LAYERS");
  unsetenv("VK_LAYER_ENABLES");
  const auto messages = log->messages();
  std::string all;
  for (const auto& m : messages) all += m + "\n";
  EXPECT_TRUE(messages.empty()) << messages.size() << " validation message(s):\n" << all;
}

// The positive control of the test above: the messenger does hear the layer.
TEST(HeadlessRenderValidation, AnInvalidCallIsReported) {
  auto log = std::make_shared<ValidationLog>();
  ContextOptions options;
  options.validation = true;
  options.print_validation = false;
  options.log = log;
  try {
    VulkanContext context(options);
    ASSERT_TRUE(context.validation_active());
    VkBufferCreateInfo info{};
    info.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO;
    info.size = 0;  // invalid: VUID-VkBufferCreateInfo-size-00912
    info.usage = VK_BUFFER_USAGE_VERTEX_BUFFER_BIT;
    VkBuffer buffer = VK_NULL_HANDLE;
    if (vkCreateBuffer(context.device(), &info, nullptr, &buffer) == VK_SUCCESS) {
      vkDestroyBuffer(context.device(), buffer, nullptr);
    }
  } catch (const RenderError& e) {
    FAIL() << e.what() << "\n" << kNoDeviceHelp;
  }
  const auto messages = log->messages();
  ASSERT_FALSE(messages.empty());
  EXPECT_NE(messages.front().find("VkBufferCreateInfo-size"), std::string::npos)
      << messages.front();
}

TEST(HeadlessRenderErrors, NoVulkanDriverIsAClearError) {
  ASSERT_EQ(setenv("VK_DRIVER_FILES", "/nonexistent/citytwin-no-driver.json", 1), 0);
  ASSERT_EQ(setenv("VK_ICD_FILENAMES", "/nonexistent/citytwin-no-driver.json", 1), 0);
  std::string message;
  try {
    VulkanContext context;
  } catch (const RenderError& e) {
    message = e.what();
  }
  unsetenv("VK_DRIVER_FILES");
  unsetenv("VK_ICD_FILENAMES");
  EXPECT_NE(message.find("mesa-vulkan-drivers"), std::string::npos) << message;
}

TEST(HeadlessRenderErrors, ImpossibleSizeIsAClearError) {
  HeadlessOptions options;
  options.width = 0;
  options.height = 100;
  EXPECT_THROW(HeadlessRenderer(small_grid(), options), RenderError);
  options.width = 1u << 20;
  try {
    HeadlessRenderer renderer(small_grid(), options);
    ADD_FAILURE() << "a 1048576-pixel-wide frame was accepted";
  } catch (const RenderError& e) {
    EXPECT_NE(std::string(e.what()).find("1048576x100"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace citytwin::render

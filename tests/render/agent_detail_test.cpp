// Level of detail of the agent layer, without Vulkan: the switch rule and the density binning.
#include "render/agents/agent_detail.hpp"

#include <gtest/gtest.h>

#include "render/agents/agent_density.hpp"
#include "render/camera.hpp"
#include "support/view_kinds.hpp"

namespace citytwin::render {
namespace {

TEST(AgentDetail, TinyCarsAreDensityUnlessThereAreFewAgents) {
  // A car is 4.5 m: at 0.2 px/m it is 0.9 px long.
  const DetailRule rule;
  EXPECT_EQ(choose_agent_detail(0.2, rule.few_agents + 1), AgentDetail::kDensity);
  EXPECT_EQ(choose_agent_detail(0.2, 5'000'000), AgentDetail::kDensity);
  EXPECT_FALSE(detail_depends_on_count(0.2));
  // A whole real deployment (hundreds of vehicles) stays moving sprites at any zoom.
  EXPECT_EQ(choose_agent_detail(0.2, 800), AgentDetail::kSprites);
  EXPECT_EQ(choose_agent_detail(0.2, rule.few_agents), AgentDetail::kSprites);
  EXPECT_EQ(choose_agent_detail(0.2, 0), AgentDetail::kSprites);
}

TEST(AgentDetail, ReadableCarsAreSpritesWhateverTheCount) {
  EXPECT_EQ(choose_agent_detail(2.0, 10), AgentDetail::kSprites);  // 9 px
  EXPECT_EQ(choose_agent_detail(2.0, 5'000'000), AgentDetail::kSprites);
  EXPECT_FALSE(detail_depends_on_count(2.0));
}

TEST(AgentDetail, InBetweenACrowdInViewTurnsIntoDensity) {
  const DetailRule rule;
  const double ppm = 3.0 / rule.car_length_m;  // 3 px cars
  EXPECT_TRUE(detail_depends_on_count(ppm));
  EXPECT_EQ(choose_agent_detail(ppm, rule.crowd_agents), AgentDetail::kSprites);
  EXPECT_EQ(choose_agent_detail(ppm, rule.crowd_agents + 1), AgentDetail::kDensity);
}

TEST(AgentDetail, ThresholdsAreWhereTheRuleSays) {
  DetailRule rule;
  rule.car_length_m = 1.0;
  rule.min_sprite_pixels = 2.0;
  rule.crowd_sprite_pixels = 4.0;
  rule.crowd_agents = 100;
  rule.few_agents = 0;
  EXPECT_EQ(choose_agent_detail(1.99, 1, rule), AgentDetail::kDensity);
  EXPECT_EQ(choose_agent_detail(2.0, 1, rule), AgentDetail::kSprites);
  EXPECT_EQ(choose_agent_detail(3.99, 101, rule), AgentDetail::kDensity);
  EXPECT_EQ(choose_agent_detail(4.0, 101, rule), AgentDetail::kSprites);
  // A rule with zero thresholds never switches (benchmarks measure sprites with it).
  DetailRule never{.min_sprite_pixels = 0.0, .crowd_agents = ~std::size_t{0}};
  EXPECT_EQ(choose_agent_detail(1e-6, 5'000'000, never), AgentDetail::kSprites);
}

Camera camera_at(Vec2 centre, double ppm) {
  Camera camera;
  camera.centre = centre;
  camera.pixels_per_metre = ppm;
  camera.width = 400;
  camera.height = 200;
  return camera;
}

TEST(DensityCells, OneQuadPerOccupiedCellCoveringItsAgents) {
  // 0.1 px/m: cells of 4 px are 40 m. 30 cars in one cell, 1 in another, 1 off screen, 1 sensor.
  WorldView view;
  view.agent_kinds = test_kinds::test_agent_kinds();
  for (std::uint32_t i = 0; i < 30; ++i) {
    view.add_agent(i, test_kinds::kCar, 105.0f + 0.5f * i, 101.0f, 0.0f, 0.0f, 0);
  }
  view.add_agent(30, test_kinds::kCar, -395.0f, -201.0f, 0.0f, 13.89f, 0);
  view.add_agent(31, test_kinds::kCar, 1e6f, 0.0f, 0.0f, 0.0f, 0);
  view.add_agent(32, test_kinds::kSensor, 105.0f, 101.0f, 0.0f, 0.0f, 0);
  DensityCells cells;
  std::vector<QuadInstance> out;
  const Camera camera = camera_at({0.0, 0.0}, 0.1);
  EXPECT_EQ(cells.append(view, camera, AgentStyle{}, out), 31u);
  ASSERT_EQ(out.size(), 2u);
  // Rows bottom to top: the lone fast car first.
  EXPECT_FLOAT_EQ(out[0].x, -380.0f);  // cell [-400, -360)
  EXPECT_FLOAT_EQ(out[0].y, -220.0f);  // cell [-240, -200)
  EXPECT_FLOAT_EQ(out[0].half_length, 20.0f);
  EXPECT_GT(out[0].colour.a, DensityCells::kFaintAlpha);  // one car in 40 m: light
  EXPECT_LT(out[0].colour.a, 140);
  EXPECT_EQ(out[0].colour.g, ramp_colour(1.0f).g);
  EXPECT_FLOAT_EQ(out[1].x, 100.0f);  // cell [80, 120)
  EXPECT_FLOAT_EQ(out[1].y, 100.0f);
  EXPECT_EQ(out[1].colour.a, 255);                  // 30 cars fill 40 m of one lane
  EXPECT_EQ(out[1].colour.r, ramp_colour(0.0f).r);  // stopped: red
}

TEST(DensityCells, SteadyStateAllocatesNothingAndIsRepeatable) {
  WorldView view;
  view.agent_kinds = test_kinds::test_agent_kinds();
  for (std::uint32_t i = 0; i < 1000; ++i) {
    view.add_agent(i, test_kinds::kCar, static_cast<float>(i % 37) * 11.0f,
                   static_cast<float>(i % 13) * 7.0f, 0.0f, static_cast<float>(i % 9), 0);
  }
  DensityCells cells;
  std::vector<QuadInstance> first;
  std::vector<QuadInstance> again;
  const Camera camera = camera_at({150.0, 40.0}, 0.5);
  cells.append(view, camera, AgentStyle{}, first);
  again.reserve(first.size());
  const QuadInstance* storage = again.data();
  for (int i = 0; i < 3; ++i) {
    again.clear();
    cells.append(view, camera, AgentStyle{}, again);
  }
  EXPECT_EQ(again.data(), storage);
  ASSERT_EQ(again.size(), first.size());
  for (std::size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(again[i].x, first[i].x);
    EXPECT_EQ(again[i].colour, first[i].colour);
  }
}

}  // namespace
}  // namespace citytwin::render

// Every scenario shipped in scenarios/ loads, with every variant it defines.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "agents/families.hpp"
#include "agents/signals/signals_section.hpp"

namespace citytwin {
namespace {

namespace fs = std::filesystem;

TEST(ScenarioFilesTest, EveryShippedScenarioAndVariantLoads) {
  const fs::path folder = fs::path(CITYTWIN_SOURCE_DIR) / "scenarios";
  int scenarios = 0;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.path().extension() != ".yaml") continue;
    SCOPED_TRACE(entry.path().string());
    ++scenarios;
    const Scenario baseline = load_scenario(entry.path());
    EXPECT_EQ(baseline.name, entry.path().stem().string());
    std::set<std::string> hashes{baseline.content_hash};
    for (const std::string& variant : baseline.variants) {
      const Scenario applied = load_scenario(entry.path(), {variant});
      EXPECT_EQ(applied.applied_variant, variant);
      hashes.insert(applied.content_hash);
    }
    EXPECT_EQ(hashes.size(), baseline.variants.size() + 1);
  }
  EXPECT_GE(scenarios, 2);
}

TEST(ScenarioFilesTest, DefaultGridMatchesThePeerRuns) {
  const fs::path file = fs::path(CITYTWIN_SOURCE_DIR) / "scenarios" / "grid_default.yaml";
  const Scenario s = load_scenario(file);
  EXPECT_EQ(s.network.format, NetworkFormat::kGrid);
  EXPECT_EQ(s.network.grid.rows, 10u);
  EXPECT_EQ(s.network.grid.cols, 10u);
  EXPECT_DOUBLE_EQ(s.network.grid.spacing, 300.0);
  EXPECT_DOUBLE_EQ(s.network.grid.attach_length, 300.0);
  EXPECT_EQ(s.network.grid.lanes, 3u);
  EXPECT_TRUE(s.network.grid.signalised);
  EXPECT_DOUBLE_EQ(signals_section(s).fixed_time.cycle, 90.0);
  EXPECT_DOUBLE_EQ(signals_section(s).fixed_time.green, 42.0);
  EXPECT_DOUBLE_EQ(signals_section(s).fixed_time.amber, 3.0);
  ASSERT_TRUE(s.demand.random.has_value());
  EXPECT_NEAR(s.demand.random->rate * 3600.0, 12000.0, 1e-9);
  EXPECT_DOUBLE_EQ(s.demand.random->min_distance, 900.0);
  EXPECT_DOUBLE_EQ(s.simulation.duration, 3600.0);
  EXPECT_DOUBLE_EQ(s.simulation.step, 1.0);
  EXPECT_EQ(s.simulation.seed, 42u);
  EXPECT_DOUBLE_EQ(s.outputs.interval, 60.0);
  EXPECT_DOUBLE_EQ(load_scenario(file, {"demand_x1_5"}).demand.scale, 1.5);
  EXPECT_GT(signals_section(load_scenario(file, {"green_wave"})).fixed_time.offset, 0.0);
  EXPECT_LT(signals_section(load_scenario(file, {"short_cycle"})).fixed_time.cycle, 90.0);
}

}  // namespace
}  // namespace citytwin

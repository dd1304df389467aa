// TrafficSystem::set_demand_scale: the what-if knob "demand x" applied between steps.
#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

#include "agents/families.hpp"
#include "agents/traffic/traffic_system.hpp"

namespace citytwin {
namespace {

const Scenario& grid_default() {
  static const Scenario scenario =
      load_scenario(std::string(CITYTWIN_SOURCE_DIR) + "/scenarios/grid_default.yaml");
  return scenario;
}

struct Counts {
  std::uint64_t queued = 0;  // inserted + waiting
  std::uint64_t dropped = 0;
  std::uint64_t added = 0;
  std::uint64_t hash = 0;
};

// Runs 60 s as scheduled, then `steps` more at `scale` (set through the command queue).
Counts run_with_scale(double scale, int steps, unsigned threads = 1) {
  WorldOverrides overrides;
  overrides.threads = threads;
  auto world = build_world(grid_default(), overrides);
  for (int i = 0; i < 60; ++i) world->step();
  const auto* traffic = dynamic_cast<const TrafficSystem*>(world->find_system("traffic"));
  const std::uint64_t before = traffic->inserted() + traffic->waiting_to_insert();
  // Through the knob the traffic system declares, as the viewer's slider does.
  const auto knobs = world->knobs();
  const auto knob = std::find_if(knobs.begin(), knobs.end(), [](const KnobSpec& k) {
    return k.label == "demand x (from now)";
  });
  EXPECT_NE(knob, knobs.end());
  if (knob == knobs.end()) return {};
  EXPECT_EQ(knob->system, "traffic");
  EXPECT_DOUBLE_EQ(knob->value, 1.0);
  world->commands().push(knob_command(*knob, scale));
  for (int i = 0; i < steps; ++i) world->step();
  return {traffic->inserted() + traffic->waiting_to_insert() - before,
          traffic->departures_dropped(), traffic->departures_added(), world->state_hash()};
}

TEST(DemandScale, OneIsTheScheduleAsGenerated) {
  WorldOverrides overrides;
  overrides.threads = 1;
  auto plain = build_world(grid_default(), overrides);
  for (int i = 0; i < 360; ++i) plain->step();
  const Counts one = run_with_scale(1.0, 300);
  EXPECT_EQ(one.hash, plain->state_hash());
  EXPECT_EQ(one.dropped, 0u);
  EXPECT_EQ(one.added, 0u);
}

TEST(DemandScale, ZeroStopsNewDeparturesAndTwoDoublesThem) {
  const Counts one = run_with_scale(1.0, 300);
  ASSERT_GT(one.queued, 500u);  // ~3.3 veh/s for 300 s
  const Counts zero = run_with_scale(0.0, 300);
  EXPECT_EQ(zero.queued, 0u);
  EXPECT_EQ(zero.dropped, one.queued);
  const Counts two = run_with_scale(2.0, 300);
  EXPECT_EQ(two.queued, 2 * one.queued);
  EXPECT_EQ(two.added, one.queued);
}

TEST(DemandScale, FractionsKeepTheSameDeparturesWhateverTheThreads) {
  const Counts one = run_with_scale(1.0, 300);
  const Counts half = run_with_scale(0.5, 300, 1);
  EXPECT_GT(half.queued, one.queued * 35 / 100);
  EXPECT_LT(half.queued, one.queued * 65 / 100);
  EXPECT_EQ(half.queued + half.dropped, one.queued);
  const Counts half_again = run_with_scale(0.5, 300, 2);
  EXPECT_EQ(half_again.hash, half.hash);
  const Counts more = run_with_scale(1.5, 300, 2);
  EXPECT_EQ(more.queued, one.queued + more.added);
  EXPECT_GT(more.added, one.queued * 35 / 100);
  EXPECT_LT(more.added, one.queued * 65 / 100);
}

TEST(DemandScale, OutOfRangeIsRefused) {
  WorldOverrides overrides;
  overrides.threads = 1;
  auto world = build_world(grid_default(), overrides);
  auto* traffic = dynamic_cast<TrafficSystem*>(world->find_system("traffic"));
  EXPECT_THROW(traffic->set_demand_scale(-0.1), std::invalid_argument);
  EXPECT_THROW(traffic->set_demand_scale(TrafficSystem::kMaxDemandScale + 1),
               std::invalid_argument);
  EXPECT_EQ(traffic->demand_scale(), 1.0);
}

}  // namespace
}  // namespace citytwin

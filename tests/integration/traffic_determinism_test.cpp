// Determinism of the real traffic engine on the default scenario (DESIGN.md, principle 6): the
// full state hash (signals + traffic: every vehicle's track, position, speed, route...) is
// recorded every 100 steps; runs with 1, 2 and 8 threads and a repeated 1-thread run must give
// bit-identical trails. Also run by the lead under ThreadSanitizer.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <iostream>

#include "agents/families.hpp"
#include "agents/traffic/traffic_system.hpp"
#include "integration/determinism_harness.hpp"

namespace citytwin {
namespace {

constexpr std::int64_t kHashEvery = 100;  // steps

const Scenario& default_grid() {
  static const Scenario scenario =
      load_scenario(std::filesystem::path(CITYTWIN_SOURCE_DIR) / "scenarios" / "grid_default.yaml");
  return scenario;
}

std::unique_ptr<World> default_grid_world(unsigned threads) {
  return build_world(default_grid(), WorldOverrides{.threads = threads});
}

// The whole hour of grid_default (12,000 veh/h on the 10x10 grid) at 1 s steps: 3,600 steps.
// Sanitizer builds (5-20x slower) would take minutes per run there, so they cover the first
// 1,200 steps (20 minutes of demand: the network fills and queues form), at the same cadence.
std::int64_t steps_to_check() {
  const double step = default_grid().simulation.step;
  const auto full_hour = static_cast<std::int64_t>(default_grid().simulation.duration / step);
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return std::min<std::int64_t>(full_hour, 1200);
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
  return std::min<std::int64_t>(full_hour, 1200);
#else
  return full_hour;
#endif
#else
  return full_hour;
#endif
}

TEST(TrafficDeterminism, DefaultGridHashTrailIsIdenticalFor1_2_8ThreadsAndARepeat) {
  const std::int64_t steps = steps_to_check();
  const auto started = std::chrono::steady_clock::now();
  const auto one = testing::hash_trail(default_grid_world, 1, steps, kHashEvery);
  const double seconds_one =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  ASSERT_EQ(one.size(), static_cast<std::size_t>(steps / kHashEvery));
  // The trail must change as the simulation evolves (a constant hash would prove nothing).
  EXPECT_NE(one.front(), one.back());

  const auto repeat = testing::hash_trail(default_grid_world, 1, steps, kHashEvery);
  const auto two = testing::hash_trail(default_grid_world, 2, steps, kHashEvery);
  const auto eight = testing::hash_trail(default_grid_world, 8, steps, kHashEvery);
  std::cout << "[ measured ] " << steps << " steps, " << one.size()
            << " hashes per run, 1-thread run " << seconds_one << " s\n";
  for (std::size_t k = 0; k < one.size(); ++k) {
    const auto step = static_cast<std::int64_t>(k + 1) * kHashEvery;
    EXPECT_EQ(one[k], repeat[k]) << "repeat run differs at step " << step;
    EXPECT_EQ(one[k], two[k]) << "2 threads differ at step " << step;
    EXPECT_EQ(one[k], eight[k]) << "8 threads differ at step " << step;
  }
}

// The hash must see the traffic state: a world whose traffic really moved vehicles, so the trail
// above compares vehicles and not only clocks and signals.
TEST(TrafficDeterminism, DefaultGridCarriesTrafficWithinTheCheckedSteps) {
  auto world = default_grid_world(2);
  for (int s = 0; s < 600; ++s) world->step();
  const auto* traffic = dynamic_cast<const TrafficSystem*>(world->find_system("traffic"));
  ASSERT_NE(traffic, nullptr);
  EXPECT_GT(traffic->inserted(), 1000u);
  EXPECT_GT(traffic->vehicles().size(), 500u);
}

}  // namespace
}  // namespace citytwin

// Chains of very short tracks (OSM networks: lanes of a few metres between junction paths of a
// few metres): a vehicle at speed may cross several of them in one step, but no more than one
// lane end, so that it never drives past a queue, a signal or a yield it was never the front to
// see. Before, on Shenzhen Nanshan such vehicles ran into standing queues two tracks on and
// overlapped them (first at 321 s). Checked after every step, as the debug builds' invariant does.
#include <gtest/gtest.h>

#include <filesystem>

#include "agents/families.hpp"
#include "agents/traffic/traffic_system.hpp"

namespace citytwin {
namespace {

TEST(ShortTracks, NobodyOverlapsOnShenzhenNanshanInAnHour) {
  const Scenario scenario = load_scenario(std::filesystem::path(CITYTWIN_SOURCE_DIR) / "scenarios" /
                                          "shenzhen_nanshan.yaml");
  auto world = build_world(scenario, WorldOverrides{.threads = 2});
  const auto& traffic = dynamic_cast<const TrafficSystem&>(*world->find_system("traffic"));
  for (int step = 0; step < 3600; ++step) {
    world->step();
    ASSERT_GE(traffic.min_gap(), 0.0) << "two vehicles overlap after " << step + 1 << " s";
  }
  EXPECT_GT(traffic.arrived(), 1000u);
}

}  // namespace
}  // namespace citytwin

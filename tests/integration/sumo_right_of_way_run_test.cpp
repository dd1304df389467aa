// Runs on SUMO's own right-of-way (tests/data/sumo/right_of_way, made by netconvert): the
// connections' conflicts are the <request> matrix, and five vehicles on every arm of a
// right_before_left junction - each with a vehicle on its right, the circular wait SUMO's trac
// #341 was about - all get through, as in SUMO 1.15 (20 of 20 arrived, mean duration 51.6 s).
// Same scenario and seed: the same state hashes with 1, 2 and 8 threads.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "agents/families.hpp"
#include "agents/traffic/junction_conflicts.hpp"
#include "agents/traffic/traffic_system.hpp"
#include "integration/determinism_harness.hpp"
#include "sim/io/importers.hpp"
#include "support/scratch_dir.hpp"

namespace citytwin {
namespace {

namespace fs = std::filesystem;

const fs::path kData = fs::path(CITYTWIN_TEST_DATA_DIR) / "sumo" / "right_of_way";

Scenario four_arms_scenario(const fs::path& dir) {
  const fs::path yaml = dir / "four_arms.yaml";
  std::ofstream(yaml) << "name: four_arms\n"
                         "simulation:\n  step: 0.5 s\n  duration: 300 s\n  seed: 1\n"
                         "network:\n  format: sumo\n  file: "
                      << (kData / "rbl_priority.net.xml").string() << "\ndemand:\n  files: ["
                      << (kData / "four_arms.rou.xml").string()
                      << "]\noutputs:\n  directory: " << (dir / "out").string() << "\n";
  return load_scenario(yaml);
}

TEST(SumoRightOfWayRun, MovementConflictsAreTheImportedTable) {
  ImportReport report;
  const Network net = import_sumo_network(kData / "rbl_priority.net.xml", report);
  std::size_t from_table = 0;
  for (const MovementConflict& m : find_movement_conflicts(net)) {
    if (!net.node(net.connection(m.connection).node).right_of_way_from_source) continue;
    ++from_table;
    bool found = false;
    for (const ConnectionFoe& foe : net.right_of_way(m.connection)) {
      found = found || (foe.other == m.other && foe.yields == m.yields);
    }
    EXPECT_TRUE(found) << m.connection << " -> " << m.other;
  }
  std::size_t table = 0;
  for (ConnectionId c = 0; c < net.connections().size(); ++c) table += net.right_of_way(c).size();
  EXPECT_EQ(from_table, table);
  EXPECT_GT(table, 40u);
}

TEST(SumoRightOfWayRun, FiveVehiclesOnEveryArmOfARightBeforeLeftJunctionAllPass) {
  const testing::ScratchDir scratch;
  const Scenario scenario = four_arms_scenario(scratch.path());
  auto world = build_world(scenario, WorldOverrides{.threads = 2});
  const auto* traffic = dynamic_cast<const TrafficSystem*>(world->find_system("traffic"));
  ASSERT_NE(traffic, nullptr);
  const auto steps = static_cast<std::int64_t>(300.0 / scenario.simulation.step);
  for (std::int64_t s = 0; s < steps; ++s) world->step();
  EXPECT_EQ(traffic->inserted(), 20u);
  EXPECT_EQ(traffic->arrived(), 20u);
}

TEST(SumoRightOfWayRun, HashTrailIsIdenticalFor1_2_8Threads) {
  const testing::ScratchDir scratch;
  const Scenario scenario = four_arms_scenario(scratch.path());
  testing::expect_same_trail_on_1_2_8_threads(testing::scenario_worlds(scenario), 600, 20);
}

}  // namespace
}  // namespace citytwin

// The pedestrian layer of SUMO networks: imported where the net has sidewalks, crossings and
// walking areas (tests/data/sumo/grid3_pedestrians.net.xml, see tests/data/sumo/README.md), derived
// where it has none; and derived layers of the CityFlow datasets that ship in scenarios/data.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "sim/io/importers.hpp"
#include "sim/network/pedestrian_router.hpp"

namespace citytwin {
namespace {

const std::string kGrid = std::string(CITYTWIN_TEST_DATA_DIR) + "/sumo/grid3_pedestrians.net.xml";
const std::string kScenarioData = std::string(CITYTWIN_SOURCE_DIR) + "/scenarios/data";

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) out += line + "\n";
  return out;
}

void expect_connected(const Network& net) {
  const auto& ped = net.pedestrians();
  ASSERT_FALSE(ped.sidewalks().empty());
  const PedestrianRouter router(net);
  const auto times = router.times_from(ped.sidewalks().front().from_vertex);
  for (const Sidewalk& s : ped.sidewalks()) {
    EXPECT_TRUE(std::isfinite(times[s.from_vertex])) << net.link(s.link).name;
  }
}

// Wherever a crosswalk may be used (a tied group is green), no straight movement through it is.
void expect_safe_ties_by_stage(const Network& net) {
  const auto& ped = net.pedestrians();
  for (const Crosswalk& c : ped.crosswalks()) {
    if (net.node(c.node).control != NodeControl::kSignal) continue;
    const auto groups = ped.signal_groups(c);
    ASSERT_FALSE(groups.empty()) << "crosswalk at " << net.node(c.node).name;
    for (const SignalGroupId g : groups) {
      for (const ConnectionId id : ped.crossed_connections(c)) {
        const Connection& con = net.connection(id);
        if (net.signal_group(con.signal_group).stage == net.signal_group(g).stage) {
          EXPECT_NE(con.turn, Turn::kStraight) << net.node(c.node).name;
        }
      }
    }
  }
}

TEST(SumoPedestrianImport, GridWithSidewalksAndCrossings) {
  ImportReport report;
  const Network net = import_sumo_network(kGrid, report);
  const auto& ped = net.pedestrians();
  // 12 two-way roads: 24 edges, each with a sidewalk lane 0.
  EXPECT_EQ(ped.sidewalks().size(), 24u);
  // Crossings: one per arm at the 5 traffic lights (3+3+4+3+3) and at the 4 corners (2 arms, one
  // crossing each as netgenerate guesses them).
  EXPECT_EQ(ped.crosswalks().size(), 20u);
  EXPECT_EQ(ped.walking_areas().size(), 24u);
  EXPECT_TRUE(ped.footpaths().empty());
  for (const Sidewalk& s : ped.sidewalks()) {
    EXPECT_DOUBLE_EQ(s.width, 2.0);
    EXPECT_NE(s.from_vertex, s.to_vertex);
    EXPECT_NE(ped.vertices()[s.from_vertex].walking_area, kNoId);
    EXPECT_NE(ped.vertices()[s.to_vertex].walking_area, kNoId);
  }
  for (const Crosswalk& c : ped.crosswalks()) {
    EXPECT_DOUBLE_EQ(c.width, 4.0);
    EXPECT_EQ(ped.crossed_links(c).size(), 2u);
    EXPECT_FALSE(ped.crossed_connections(c).empty());
  }
  expect_connected(net);
  const std::string approximated = joined(report.approximated);
  EXPECT_NE(approximated.find("pedestrian layer from the file: 24 sidewalks, 0 footpaths, 20 "
                              "crossings (16 with their own pedestrian signal"),
            std::string::npos)
      << approximated;
  EXPECT_EQ(joined(report.skipped).find("no road vehicle"), std::string::npos);
}

TEST(SumoPedestrianImport, CrossingsKeepTheirPedestrianSignalAndTiedGroups) {
  ImportReport report;
  const Network net = import_sumo_network(kGrid, report);
  const auto& ped = net.pedestrians();
  std::size_t signalised = 0;
  for (const Crosswalk& c : ped.crosswalks()) {
    const Node& node = net.node(c.node);
    if (node.control != NodeControl::kSignal) {
      EXPECT_TRUE(ped.signal_groups(c).empty());
      EXPECT_TRUE(ped.program_states(c).empty());
      continue;
    }
    ++signalised;
    const SignalProgram& program = net.signal_program(node.program);
    const auto own = ped.program_states(c);
    ASSERT_EQ(own.size(), program.phase_count);
    const auto tied = ped.signal_groups(c);
    ASSERT_FALSE(tied.empty()) << node.name;
    std::size_t green_phases = 0;
    for (std::uint32_t k = 0; k < program.phase_count; ++k) {
      if (own[k] != SignalState::kGreen) continue;
      ++green_phases;
      const auto states = net.phase_states(program, k);
      for (std::size_t i = 0; i < node.signal_groups.size(); ++i) {
        const SignalGroupId g = node.signal_groups[i];
        // SUMO's own plan agrees with the crossed connections found from geometry: no straight
        // movement through the crossing is green while pedestrians are.
        for (const ConnectionId id : ped.crossed_connections(c)) {
          if (net.connection(id).signal_group == g && states[i] == SignalState::kGreen) {
            EXPECT_NE(net.connection(id).turn, Turn::kStraight) << node.name;
          }
        }
        if (std::binary_search(tied.begin(), tied.end(), g)) {
          EXPECT_EQ(states[i], SignalState::kGreen);
        }
      }
    }
    EXPECT_GT(green_phases, 0u);
  }
  EXPECT_EQ(signalised, 16u);
}

TEST(SumoPedestrianImport, RouterWaitsFromTheCrossingsOwnSignal) {
  ImportReport report;
  const Network net = import_sumo_network(kGrid, report);
  const PedestrianRouter router(net);
  const auto& ped = net.pedestrians();
  const NodeId b1 = net.find_node("B1");
  ASSERT_NE(b1, kNoId);
  for (CrosswalkId id = 0; id < ped.crosswalks().size(); ++id) {
    const Crosswalk& c = ped.crosswalks()[id];
    if (c.node != b1) continue;
    // B1's plan: 37 + 5 + 3 + 37 + 5 + 3 = 90 s, each crossing green in one 37 s phase:
    // red 53 s, wait 53^2 / (2 * 90).
    EXPECT_NEAR(router.crossing_wait(id), 53.0 * 53.0 / 180.0, 1e-9);
    const WalkRoute route = router.route(c.from_vertex, c.to_vertex);
    EXPECT_NEAR(route.time, c.length / 1.34 + 53.0 * 53.0 / 180.0, 1e-9);
  }
}

TEST(SumoPedestrianImport, NetWithoutSidewalksGetsADerivedLayer) {
  ImportReport report;
  const Network net = import_sumo_network(kScenarioData + "/jinan_3x4_sumo/jinan.net.xml", report);
  const auto& ped = net.pedestrians();
  EXPECT_EQ(ped.sidewalks().size(), net.links().size());
  EXPECT_EQ(ped.crosswalks().size(), 48u);
  expect_connected(net);
  EXPECT_EQ(joined(report.approximated).find("pedestrian layer from the file"), std::string::npos);
}

TEST(CityFlowPedestrianLayer, JinanAndHangzhouGetDerivedLayers) {
  struct Case {
    std::string file;
    std::size_t crosswalks;
  };
  for (const Case& c : {Case{kScenarioData + "/jinan_3x4/roadnet_3_4.json", 48u},
                        Case{kScenarioData + "/hangzhou_4x4/roadnet_4_4.json", 64u}}) {
    ImportReport report;
    const Network net = import_cityflow_roadnet(c.file, report);
    const auto& ped = net.pedestrians();
    EXPECT_EQ(ped.sidewalks().size(), net.links().size()) << c.file;
    EXPECT_EQ(ped.crosswalks().size(), c.crosswalks) << c.file;
    EXPECT_EQ(ped.walking_areas().size(), c.crosswalks) << c.file;
    expect_connected(net);
    expect_safe_ties_by_stage(net);
  }
}

}  // namespace
}  // namespace citytwin

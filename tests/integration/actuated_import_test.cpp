// SUMO's actuated traffic lights imported and run as actuated control, on netgenerate's 3x3 grid
// with `--tls.default-type actuated` (tests/data/sumo/actuated): every junction gets an
// ActuatedController; with light demand on one approach (300 veh/h west to east along the
// middle row) the junctions cycle far faster and trips are quicker than when the same programs
// run fixed time (the file with type="static": 42 s greens, 90 s cycle), as in SUMO 1.15; and
// the run is bit-identical for 1, 2 and 8 threads.
//
// SUMO 1.15 on the same files (2,100 s, tripinfo): mean trip duration 68.9 s actuated, 99.6 s
// static; at B1 the greens last 5.0 s (north-south, no demand) and 5.7 s (west-east) on average,
// 109 cycles by t = 1,800 s against 21 with the static program.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <numeric>
#include <sstream>
#include <string>

#include "agents/families.hpp"
#include "agents/signals/actuated_controller.hpp"
#include "agents/signals/traffic_signals.hpp"
#include "agents/traffic/traffic_system.hpp"
#include "integration/determinism_harness.hpp"
#include "sim/io/importers.hpp"
#include "sim/view/inspection.hpp"
#include "support/scratch_dir.hpp"

namespace citytwin {
namespace {

namespace fs = std::filesystem;

const fs::path kData = fs::path(CITYTWIN_TEST_DATA_DIR) / "sumo" / "actuated";
constexpr double kDuration = 2100.0;  // s: demand for 1,800 s, then time to clear

// The scenario on `net` with the one-approach demand, signals from the network.
Scenario scenario_on(const fs::path& dir, const fs::path& net) {
  const fs::path yaml = dir / (net.stem().string() + ".yaml");
  std::ofstream(yaml) << "name: actuated_grid\n"
                         "simulation:\n  step: 1 s\n  duration: 2100 s\n  seed: 1\n"
                         "network:\n  format: sumo\n  file: "
                      << net.string() << "\ndemand:\n  files: ["
                      << (kData / "one_approach.rou.xml").string()
                      << "]\nsignals:\n  control: from_network\n"
                         "outputs:\n  directory: "
                      << (dir / "out").string() << "\n";
  return load_scenario(yaml);
}

// The same network with every tlLogic fixed time (type="static"), written into `dir`.
fs::path static_copy(const fs::path& dir) {
  std::ifstream in(kData / "grid3_actuated.net.xml");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (std::size_t at = 0; (at = text.find("type=\"actuated\"", at)) != std::string::npos;) {
    text.replace(at, 15, "type=\"static\"");
  }
  const fs::path out = dir / "grid3_static.net.xml";
  std::ofstream(out) << text;
  return out;
}

const TrafficSignals& signals_of(const World& world) {
  return dynamic_cast<const TrafficSignals&>(*world.find_system("signals"));
}
const TrafficSystem& traffic_of(const World& world) {
  return dynamic_cast<const TrafficSystem&>(*world.find_system("traffic"));
}

struct Outcome {
  double mean_duration = 0.0;  // s, SUMO's tripinfo duration
  std::size_t trips = 0;
  std::uint64_t b1_phase_starts = 0;  // 0 unless actuated
};

Outcome run(const Scenario& scenario) {
  auto world = build_world(scenario, WorldOverrides{.threads = 2});
  for (int s = 0; s < static_cast<int>(kDuration); ++s) world->step();
  Outcome out;
  const auto& trips = traffic_of(*world).trips();
  out.trips = trips.size();
  for (const TripRecord& t : trips) out.mean_duration += t.duration() / trips.size();
  const auto* b1 = dynamic_cast<const ActuatedController*>(
      signals_of(*world).controller(world->network().find_node("B1")));
  if (b1 != nullptr) out.b1_phase_starts = b1->phase_starts();
  return out;
}

TEST(ActuatedImport, SumoActuatedProgramsBecomeActuatedControllers) {
  ImportReport report;
  const Network net = import_sumo_network(kData / "grid3_actuated.net.xml", report);
  const auto line = std::find_if(report.approximated.begin(), report.approximated.end(),
                                 [](const std::string& s) {
                                   return s.find("gap-based actuated control") != std::string::npos;
                                 });
  EXPECT_NE(line, report.approximated.end());
  std::size_t actuated = 0;
  for (const SignalProgram& p : net.signal_programs()) {
    actuated += p.actuated;
    EXPECT_DOUBLE_EQ(p.actuation.max_gap, 3.0);
    const auto phases =
        net.program_phases(static_cast<SignalProgramId>(&p - net.signal_programs().data()));
    ASSERT_EQ(phases.size(), 4u);
    EXPECT_DOUBLE_EQ(phases[0].min_duration, 5.0);
    EXPECT_DOUBLE_EQ(phases[0].max_duration, 50.0);
    EXPECT_DOUBLE_EQ(phases[1].min_duration, 3.0);  // yellow: no range, its duration
    EXPECT_DOUBLE_EQ(phases[1].max_duration, 3.0);
  }
  EXPECT_EQ(actuated, 9u);

  const testing::ScratchDir scratch;
  auto world = build_world(scenario_on(scratch.path(), kData / "grid3_actuated.net.xml"),
                           WorldOverrides{.threads = 1});
  const TrafficSignals& signals = signals_of(*world);
  for (const char* name : {"A0", "A1", "A2", "B0", "B1", "B2", "C0", "C1", "C2"}) {
    const NodeId node = world->network().find_node(name);
    ASSERT_NE(node, kNoId) << name;
    ASSERT_NE(signals.controller(node), nullptr) << name;
    EXPECT_EQ(signals.controller(node)->kind(), "actuated") << name;
    EXPECT_TRUE(signals.runs_network_program(node)) << name;
  }
  Inspection inspection;
  signals.describe(InspectTarget::node(world->network().find_node("B1")), inspection);
  ASSERT_FALSE(inspection.rows.empty());
  EXPECT_EQ(inspection.rows[0].value.rfind("actuated", 0), 0u) << inspection.rows[0].value;
}

// Light demand on one approach: the actuated junction runs about five cycles for the static
// program's one (SUMO: 109 against 21 by 1,800 s), and trips take at least 15 s less on average
// (SUMO: 30.6 s less). Tolerances: cycles at least 3x, and the mean within 20 s of SUMO's.
TEST(ActuatedImport, LightDemandOnOneApproachGivesShorterCyclesAndTrips) {
  const testing::ScratchDir scratch;
  const Outcome actuated = run(scenario_on(scratch.path(), kData / "grid3_actuated.net.xml"));
  const Outcome fixed = run(scenario_on(scratch.path(), static_copy(scratch.path())));
  std::ostringstream facts;
  facts << "actuated: " << actuated.trips << " trips, mean duration " << actuated.mean_duration
        << " s, B1 phase starts " << actuated.b1_phase_starts << "; fixed time: " << fixed.trips
        << " trips, mean duration " << fixed.mean_duration << " s";
  std::printf("%s\n", facts.str().c_str());
  EXPECT_EQ(actuated.trips, 150u) << facts.str();
  EXPECT_EQ(fixed.trips, 150u) << facts.str();
  // Cycles of the static program in 2,100 s: 2100 / 90 = 23.3; four phases per cycle.
  EXPECT_GT(actuated.b1_phase_starts / 4.0, 3.0 * kDuration / 90.0) << facts.str();
  EXPECT_LT(actuated.mean_duration, fixed.mean_duration - 15.0) << facts.str();
  EXPECT_NEAR(actuated.mean_duration, 68.9, 20.0) << facts.str();
}

TEST(ActuatedImport, HashTrailIsIdenticalFor1_2_8Threads) {
  const testing::ScratchDir scratch;
  const Scenario scenario = scenario_on(scratch.path(), kData / "grid3_actuated.net.xml");
  testing::expect_same_trail_on_1_2_8_threads(testing::scenario_worlds(scenario), 600, 20);
}

}  // namespace
}  // namespace citytwin

// Teleports (TrafficConfig::teleport_after, SUMO's time-to-teleport): a vehicle that stands first
// on its lane longer than the limit leaves the network and re-enters further along its route; its
// trip completes, counts the teleport and lasts the wait. Off, nobody teleports. Results do not
// depend on the thread count. The scenario key is checked like any other.
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>

#include "agents/contracts/junction_blockers.hpp"
#include "agents/families.hpp"
#include "agents/traffic/traffic_section.hpp"
#include "agents/traffic_fixtures.hpp"
#include "sim/step/step_context.hpp"

namespace citytwin {
namespace {

using testing::SingleApproach;

// Holds one movement for ever (a crosswalk that never clears): its queue can only get out by
// teleporting.
class Holder final : public System {
 public:
  explicit Holder(ConnectionId movement) : movement_(movement) {}
  std::string_view name() const override { return "holder"; }
  void connect(Resources& r) override {
    blockers_ = r.obtain<JunctionBlockers>(JunctionBlockers::kName, std::size_t{0});
  }
  void declare(SystemDeclaration& d) const override { d.in(Phase::kDecide, {}, {blockers_}); }
  void run(Phase, StepContext& context) override {
    if (held_) return;
    context.write(blockers_).hold(movement_);
    held_ = true;
  }
  void hash_state(StateHasher&) const override {}

 private:
  ConnectionId movement_;
  bool held_ = false;
  Resource<JunctionBlockers> blockers_;
};

FixedTimePlanSpec always_green() {
  FixedTimePlanSpec plan;
  plan.cycle = 600.0;
  plan.amber = 0.0;
  plan.all_red = 0.0;
  return plan;
}

// One approach (1.5 km) into a 300 m exit through a movement held for ever, green throughout.
struct HeldApproach {
  explicit HeldApproach(double teleport_after) : net(1500.0, 300.0, 1, 0) {
    world = std::make_unique<World>(testing::test_world_config(1.0, 2),
                                    std::make_shared<const Network>(net.network));
    world->emplace_system<TrafficSignals>(world->shared_network(), always_green());
    TrafficConfig config;
    config.teleport_after = teleport_after;
    traffic = &world->emplace_system<TrafficSystem>(world->shared_network(), testing::car_types(),
                                                    testing::car_type_names(),
                                                    std::vector<Departure>{}, config);
    world->emplace_system<Holder>(net.network.lane(net.approach_lane).first_connection);
    world->start();
  }
  // Vehicles standing in a queue at the held line, front first.
  void queue(int vehicles) {
    const double spacing = traffic->type(0).length + 2.5;
    for (int k = 0; k < vehicles; ++k) {
      ASSERT_TRUE(traffic->place_vehicle(net.approach, net.exit, net.approach_lane,
                                         net.approach_length - 1.0 - k * spacing, 0.0, 0));
    }
  }
  void run_until(double t) {
    while (world->clock().now() < t - 1e-9) {
      world->step();
      ASSERT_EQ(traffic->inserted(),
                traffic->arrived() + traffic->vehicles().size() + traffic->in_transit())
          << "t = " << world->clock().now();
      ASSERT_GE(traffic->min_gap(), 0.0) << "t = " << world->clock().now();
    }
  }
  SingleApproach net;
  std::unique_ptr<World> world;
  TrafficSystem* traffic = nullptr;
};

TEST(Teleport, OffAVehicleHeldForEverStaysAndNothingTeleports) {
  HeldApproach a(0.0);
  a.queue(3);
  a.run_until(900.0);
  EXPECT_EQ(a.traffic->teleported(), 0u);
  EXPECT_EQ(a.traffic->arrived(), 0u);
  EXPECT_EQ(a.traffic->vehicles().size(), 3u);
}

TEST(Teleport, AVehicleHeldLongerThanTheLimitReentersAheadAndCompletesItsTrip) {
  HeldApproach a(120.0);
  a.queue(1);
  a.run_until(120.0);
  EXPECT_EQ(a.traffic->teleported(), 0u);  // halted since the first step: not over 120 s yet
  a.run_until(200.0);
  ASSERT_EQ(a.traffic->teleported(), 1u);
  // Room on the exit: it was not let go (a yield, in SUMO's words), and drove on from there.
  EXPECT_EQ(a.traffic->teleports().yield, 1u);
  ASSERT_EQ(a.traffic->trips().size(), 1u);
  const TripRecord& trip = a.traffic->trips()[0];
  EXPECT_EQ(trip.teleports, 1u);
  // 120 s of waiting, then the 300 m exit from a standing start: under a minute more.
  EXPECT_GT(trip.duration(), 121.0);
  EXPECT_LT(trip.duration(), 121.0 + 60.0);
  // Distance: the approach and the junction path it skipped, then the exit.
  EXPECT_GT(trip.distance, 300.0);
  EXPECT_EQ(a.traffic->in_transit(), 0u);
}

TEST(Teleport, AQueueBehindAHeldLineLeavesOneAtATimeAsEachBecomesFirst) {
  HeldApproach a(60.0);
  a.queue(4);
  a.run_until(600.0);
  // All halted from the start: each is over the limit by the time it is first, as in SUMO.
  EXPECT_EQ(a.traffic->teleported(), 4u);
  EXPECT_EQ(a.traffic->arrived(), 4u);
  for (const TripRecord& trip : a.traffic->trips()) {
    EXPECT_EQ(trip.teleports, 1u);
    EXPECT_GT(trip.duration(), 61.0);
  }
}

// A loaded 5x5 grid (queues spill back over whole blocks) with a short limit, so teleports
// happen, and gridlocks looked for and resolved; the same run on 1, 2 and 8 threads.
struct GridRun {
  std::uint64_t hash = 0;
  std::uint64_t teleported = 0;
  std::uint64_t arrived = 0;
  std::uint64_t gridlocks = 0;
  TeleportCounts counts;
};

GridRun loaded_grid_with_teleports(unsigned threads) {
  TrafficConfig config;
  config.teleport_after = 45.0;
  config.gridlock_after = 30.0;
  config.gridlock_teleport = true;
  auto w = testing::make_traffic_world(generate_grid(testing::small_grid(5)),
                                       testing::random_demand(7200.0), testing::urban_plan(),
                                       1200.0, 1.0, threads, 7, config);
  const TrafficSystem& traffic = *w->traffic;
  while (w->now() < 1200.0) {
    w->world->step();
    EXPECT_EQ(traffic.inserted(),
              traffic.arrived() + traffic.vehicles().size() + traffic.in_transit());
  }
  EXPECT_GE(traffic.min_gap(), 0.0);
  EXPECT_EQ(traffic.gridlocks_resolved(), traffic.gridlocks_detected());  // none lasts a look
  return {w->world->state_hash(), traffic.teleported(), traffic.arrived(),
          traffic.gridlocks_detected(), traffic.teleports()};
}

TEST(Teleport, ALoadedGridTeleportsAndResolvesGridlocksTheSameWayOnOneTwoAndEightThreads) {
  const GridRun one = loaded_grid_with_teleports(1);
  std::cout << "[ measured ] loaded 5x5 grid, teleport_after 45 s: " << one.teleported
            << " teleports (jam " << one.counts.jam << ", yield " << one.counts.yield
            << ", wrong lane " << one.counts.wrong_lane << "), " << one.gridlocks
            << " gridlocks (gridlock_after 30 s, teleport), " << one.arrived << " arrived\n";
  EXPECT_GT(one.teleported, 0u);
  for (const unsigned threads : {2u, 8u}) {
    const GridRun other = loaded_grid_with_teleports(threads);
    EXPECT_EQ(other.hash, one.hash) << threads << " threads";
    EXPECT_EQ(other.teleported, one.teleported) << threads << " threads";
    EXPECT_EQ(other.arrived, one.arrived) << threads << " threads";
    EXPECT_EQ(other.gridlocks, one.gridlocks) << threads << " threads";
  }
}

// The Nanshan district with SUMO's 300 s and gridlocks resolved after 2 min, as `citytwin run`
// builds it: teleports, the same on 1, 2 and 8 threads. It no longer gridlocks (since drivers
// stuck in the wrong lane of its short lanes may change there, and its lights run actuated):
// gridlock_test.cpp makes gridlocks on purpose.
TEST(Teleport, ShenzhenNanshanWithTeleportsIsTheSameOnOneTwoAndEightThreads) {
  Scenario scenario = load_scenario(
      std::filesystem::path(CITYTWIN_SOURCE_DIR) / "scenarios" / "shenzhen_nanshan.yaml",
      LoadOptions{"teleport_300s"});
  TrafficSpec& spec = scenario.sections.edit<TrafficSpec>(kTrafficSectionKey);
  ASSERT_EQ(spec.teleport_after, 300.0);
  spec.gridlock_after = 120.0;
  spec.gridlock_resolution = TrafficSpec::GridlockResolution::kTeleport;
  struct Result {
    std::uint64_t hash, teleported, gridlocks, arrived;
  };
  auto run = [&](unsigned threads) {
    auto world = build_world(scenario, WorldOverrides{.threads = threads});
    for (int step = 0; step < 1800; ++step) world->step();
    const auto& traffic = dynamic_cast<const TrafficSystem&>(*world->find_system("traffic"));
    return Result{world->state_hash(), traffic.teleported(), traffic.gridlocks_detected(),
                  traffic.arrived()};
  };
  const Result one = run(1);
  std::cout << "[ measured ] shenzhen_nanshan, 1800 s, teleport_after 300 s, gridlocks after "
               "2 min resolved: "
            << one.teleported << " teleports, " << one.gridlocks << " gridlocks, " << one.arrived
            << " arrived\n";
  EXPECT_GT(one.teleported, 0u);
  for (const unsigned threads : {2u, 8u}) {
    const Result other = run(threads);
    EXPECT_EQ(other.hash, one.hash) << threads << " threads";
    EXPECT_EQ(other.teleported, one.teleported) << threads << " threads";
    EXPECT_EQ(other.gridlocks, one.gridlocks) << threads << " threads";
  }
}

// The scenario key: a duration, 0 s (off) to 24 h, at least a step when on; errors located.
Scenario load_with(const std::string& name, const std::string& traffic_section) {
  return load_scenario_from_string(
      "name: teleport_test\n"
      "simulation: {step: 1 s, duration: 10 min}\n"
      "traffic:\n" +
          traffic_section,
      "/tmp/" + name);
}

TEST(Teleport, TheScenarioKeyReadsADurationAndLocatesBadValues) {
  const Scenario on = load_with("on.yaml", "  teleport_after: 5 min\n");
  EXPECT_DOUBLE_EQ(on.sections.get_or_default<TrafficSpec>(kTrafficSectionKey).teleport_after,
                   300.0);
  const Scenario off = load_with("off.yaml", "  teleport_after: 0 s\n");
  EXPECT_EQ(off.sections.get_or_default<TrafficSpec>(kTrafficSectionKey).teleport_after, 0.0);

  struct Bad {
    const char* file;
    const char* section;
    const char* expected;  // after "PATH:"
  };
  const Bad cases[] = {
      {"negative.yaml", "  teleport_after: -5 s\n",
       "4:19: error: traffic.teleport_after: duration must be between 0 s (off) and 24 h, found "
       "'-5 s'"},
      {"no_unit.yaml", "  teleport_after: 300\n",
       "4:19: error: traffic.teleport_after: expected a duration with a unit, e.g. '90 s', found "
       "'300' (no unit)"},
      {"sub_step.yaml", "  teleport_after: 0.5 s\n",
       "4:19: error: traffic.teleport_after: time (0.5 s) is shorter than one step (1 s)"},
      {"misspelt.yaml", "  teleport_afer: 300 s\n",
       "4:3: error: traffic: unknown key 'teleport_afer' (did you mean 'teleport_after'?)"},
  };
  const TrafficSpec gridlock =
      load_with("gridlock.yaml", "  gridlock_after: 2 min\n  gridlock_resolution: teleport\n")
          .sections.get_or_default<TrafficSpec>(kTrafficSectionKey);
  EXPECT_DOUBLE_EQ(gridlock.gridlock_after, 120.0);
  EXPECT_EQ(gridlock.gridlock_resolution, TrafficSpec::GridlockResolution::kTeleport);
  try {
    load_with("resolution.yaml", "  gridlock_resolution: teleprt\n");
    ADD_FAILURE() << "resolution.yaml loaded without error";
  } catch (const ScenarioError& error) {
    const std::string what = error.what();
    EXPECT_EQ(what.rfind("/tmp/resolution.yaml:4:24: error: traffic.gridlock_resolution: ", 0), 0u)
        << what;
    EXPECT_NE(what.find("did you mean 'teleport'"), std::string::npos) << what;
  }
  for (const Bad& bad : cases) {
    const std::string path = std::string("/tmp/") + bad.file;
    try {
      load_with(bad.file, bad.section);
      ADD_FAILURE() << bad.file << " loaded without error";
    } catch (const ScenarioError& error) {
      EXPECT_EQ(std::string(error.what()), path + ":" + bad.expected) << bad.file;
    }
  }
}

}  // namespace
}  // namespace citytwin

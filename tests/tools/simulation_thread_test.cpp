// The viewer's simulation thread: deterministic results whatever the pacing, pause/step/stop,
// commands applied between steps, and a UI-side reader that only touches the snapshot buffer
// (the TSan preset runs these with the reader and the simulation on different threads).
#include "tools/viewer/simulation_thread.hpp"
#include "tools/viewer/run_setup.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "agents/families.hpp"
#include "agents/signals/traffic_signals.hpp"

namespace citytwin {
namespace {

using namespace std::chrono_literals;
using viewer::SimulationThread;

const Scenario& grid_default() {
  static const Scenario scenario =
      load_scenario(std::string(CITYTWIN_SOURCE_DIR) + "/scenarios/grid_default.yaml");
  return scenario;
}

std::unique_ptr<World> viewer_world(unsigned threads) {
  WorldOverrides overrides;
  overrides.threads = threads;
  overrides.publish_every = 1;
  return build_world(grid_default(), overrides);
}

std::uint64_t plain_hash_after(std::int64_t steps, unsigned threads) {
  WorldOverrides overrides;
  overrides.threads = threads;
  auto world = build_world(grid_default(), overrides);
  for (std::int64_t i = 0; i < steps; ++i) world->step();
  return world->state_hash();
}

TEST(SimulationThread, RequestedStepsGiveThePlainWorldsState) {
  SimulationThread sim(viewer_world(2), 3600.0);
  EXPECT_EQ(sim.latest().step, 0);  // the initial state is published before the thread starts
  sim.start(/*paused=*/true, 1.0);
  sim.request_steps(40);
  sim.request_steps(20);
  ASSERT_TRUE(sim.wait_until_idle(60s));
  const auto status = sim.status();
  EXPECT_TRUE(status.paused);
  EXPECT_EQ(status.steps, 60);
  EXPECT_EQ(sim.latest().step, 60);
  sim.stop();
  EXPECT_EQ(sim.world().clock().step(), 60);
  EXPECT_EQ(sim.world().state_hash(), plain_hash_after(60, 1));
}

TEST(SimulationThread, MaxSpeedRunPausesExactlyAtPauseAtWhileTheUiReads) {
  SimulationThread sim(viewer_world(2), 3600.0);
  sim.pause_at(150.0);
  sim.start(/*paused=*/false, 0.0);
  // The UI side: read snapshots while the simulation runs; steps never go backwards and each
  // view is whole (one position per agent id).
  std::int64_t last_step = 0;
  const auto give_up = std::chrono::steady_clock::now() + 60s;
  for (;;) {
    bool fresh = false;
    const WorldView& view = sim.latest(&fresh);
    ASSERT_GE(view.step, last_step);
    last_step = view.step;
    ASSERT_EQ(view.x.size(), view.agent_count());
    ASSERT_EQ(view.speed.size(), view.agent_count());
    const auto status = sim.status();
    if (status.paused && view.step == 150) break;
    ASSERT_LT(std::chrono::steady_clock::now(), give_up) << "never paused at 150 s";
    std::this_thread::yield();
  }
  EXPECT_EQ(sim.latest().time, 150.0);
  sim.stop();
  EXPECT_EQ(sim.world().state_hash(), plain_hash_after(150, 1));
}

TEST(SimulationThread, SpeedMultiplierPacesSimulatedTime) {
  SimulationThread sim(viewer_world(1), 3600.0);
  const auto start = std::chrono::steady_clock::now();
  sim.start(/*paused=*/false, 20.0);  // 20 simulated seconds (steps) per wall second
  std::this_thread::sleep_for(500ms);
  sim.set_paused(true);
  ASSERT_TRUE(sim.wait_until_idle(10s));
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const auto steps = sim.status().steps;
  EXPECT_GE(steps, 5) << "far too slow for x20";
  EXPECT_LE(steps, static_cast<std::int64_t>(20.0 * wall) + 2) << "ran ahead of x20";
  sim.stop();
}

TEST(SimulationThread, CommandsApplyBetweenSteps) {
  SimulationThread sim(viewer_world(1), 3600.0);
  sim.start(/*paused=*/true, 1.0);
  sim.request_steps(5);
  ASSERT_TRUE(sim.wait_until_idle(30s));
  sim.push(Command{"cycle 60 s", [](World& world) {
                     auto* signals = dynamic_cast<TrafficSignals*>(world.find_system("signals"));
                     ASSERT_NE(signals, nullptr);
                     FixedTimePlanSpec plan = signals->plan();
                     plan.cycle = 60.0;
                     signals->set_plan(plan);
                   }});
  sim.request_steps(1);
  ASSERT_TRUE(sim.wait_until_idle(30s));
  sim.stop();
  const auto* signals = dynamic_cast<const TrafficSignals*>(sim.world().find_system("signals"));
  EXPECT_EQ(signals->plan().cycle, 60.0);
  EXPECT_EQ(sim.world().clock().step(), 6);
}

TEST(SimulationThread, StopsAtTheEndAndTakesKpiSamples) {
  SimulationThread sim(viewer_world(1), 30.0);
  sim.start(/*paused=*/false, 0.0);
  const auto give_up = std::chrono::steady_clock::now() + 60s;
  while (!sim.status().finished) {
    ASSERT_LT(std::chrono::steady_clock::now(), give_up);
    std::this_thread::sleep_for(1ms);
  }
  ASSERT_TRUE(sim.wait_until_idle(10s));
  EXPECT_TRUE(sim.status().paused);
  EXPECT_EQ(sim.status().steps, 30);
  const auto samples = sim.take_kpi_samples();
  ASSERT_EQ(samples.size(), 7u);  // t = 0, 5, ..., 30
  EXPECT_EQ(samples.front().time, 0.0);
  EXPECT_EQ(samples.back().time, 30.0);
  EXPECT_EQ(samples.back().values.size(), sim.kpi_names().size());
  EXPECT_TRUE(sim.take_kpi_samples().empty());
  sim.stop();
}

TEST(SimulationThread, InspectingWhilePausedRepublishesTheSameStepWithTheDescription) {
  SimulationThread sim(viewer_world(1), 3600.0);
  sim.start(/*paused=*/true, 1.0);
  sim.request_steps(30);
  ASSERT_TRUE(sim.wait_until_idle(30s));
  const NodeId junction = sim.latest().step == 30 ? 0 : kNoId;
  ASSERT_EQ(junction, 0u);
  sim.inspect(InspectTarget::node(5));
  const auto give_up = std::chrono::steady_clock::now() + 30s;
  bool fresh = false;
  while (!fresh) {
    sim.latest(&fresh);
    ASSERT_LT(std::chrono::steady_clock::now(), give_up) << "the inspection was never published";
    std::this_thread::sleep_for(1ms);
  }
  const WorldView& view = sim.latest();
  EXPECT_EQ(view.step, 30);  // no step was taken for it
  EXPECT_EQ(view.inspection.target, InspectTarget::node(5));
  EXPECT_FALSE(view.inspection.title.empty());
  EXPECT_TRUE(sim.status().paused);
  sim.stop();
  EXPECT_EQ(sim.world().state_hash(), plain_hash_after(30, 1));
}

TEST(SimulationThread, BaselineStepsInLockStepAndCommandsChangeOnlyTheWorld) {
  // Same scenario, same seed: common random numbers make A and B identical until B is changed.
  SimulationThread sim(viewer_world(1), 3600.0, viewer_world(2));
  ASSERT_TRUE(sim.has_baseline());
  sim.start(/*paused=*/true, 1.0);
  sim.request_steps(60);
  ASSERT_TRUE(sim.wait_until_idle(60s));
  auto samples = sim.take_kpi_samples();
  ASSERT_EQ(samples.size(), 13u);  // t = 0, 5, ..., 60
  for (const auto& sample : samples) {
    ASSERT_EQ(sample.baseline_values.size(), sample.values.size());
    EXPECT_EQ(sample.baseline_values, sample.values) << "at " << sample.time;
  }
  EXPECT_EQ(sim.latest_baseline().step, 60);

  const auto knobs = [&] {
    sim.stop();  // the world may be read again
    auto all = sim.world().knobs();
    sim.start(/*paused=*/true, 1.0);
    return all;
  }();
  const auto cycle = std::find_if(knobs.begin(), knobs.end(),
                                  [](const KnobSpec& k) { return k.label == "stage-plan cycle"; });
  ASSERT_NE(cycle, knobs.end());
  sim.push(knob_command(*cycle, 60.0));
  sim.request_steps(240);
  ASSERT_TRUE(sim.wait_until_idle(60s));
  samples = sim.take_kpi_samples();
  ASSERT_FALSE(samples.empty());
  EXPECT_NE(samples.back().baseline_values, samples.back().values) << "B did not change";
  sim.stop();
  EXPECT_EQ(sim.world().clock().step(), 300);
  EXPECT_EQ(sim.baseline()->clock().step(), 300);
  EXPECT_EQ(sim.baseline()->state_hash(), plain_hash_after(300, 1));
  EXPECT_NE(sim.world().state_hash(), plain_hash_after(300, 1));
}

TEST(SimulationThread, RefusesABaselineThatDoesNotMatchTheWorld) {
  auto late = viewer_world(1);
  late->step();
  EXPECT_THROW(SimulationThread(viewer_world(1), 10.0, std::move(late)), std::invalid_argument);
  EXPECT_THROW(SimulationThread(viewer_world(1), 10.0, build_world(grid_default())),
               std::invalid_argument);
}

// Seek by re-run: a fresh run replaying the commands applied before a step reaches the states
// the first run had.
TEST(RunSetup, ReRunReplayingTheAppliedCommandsReachesTheSameStates) {
  const viewer::RunSetup setup(grid_default(), WorldOverrides{1, std::nullopt, 0});
  auto first = setup.launch();
  const auto knobs = first->world().knobs();
  const auto cycle = std::find_if(knobs.begin(), knobs.end(),
                                  [](const KnobSpec& k) { return k.label == "stage-plan cycle"; });
  ASSERT_NE(cycle, knobs.end());
  first->start(/*paused=*/true, 1.0);
  first->request_steps(50);
  ASSERT_TRUE(first->wait_until_idle(60s));
  first->push(knob_command(*cycle, 60.0));
  first->request_steps(50);
  ASSERT_TRUE(first->wait_until_idle(60s));
  first->stop();
  const std::uint64_t at_100 = first->world().state_hash();
  const auto applied = first->applied_commands();
  ASSERT_EQ(applied.size(), 1u);
  EXPECT_EQ(applied[0].step, 50);

  auto rerun = setup.launch(viewer::commands_before(applied, 80));
  rerun->pause_at(80.0);
  rerun->start(/*paused=*/false, 0.0);
  ASSERT_TRUE(rerun->wait_until_idle(60s));
  EXPECT_EQ(rerun->latest().step, 80);
  rerun->request_steps(20);
  ASSERT_TRUE(rerun->wait_until_idle(60s));
  rerun->stop();
  EXPECT_EQ(rerun->world().state_hash(), at_100);
  EXPECT_EQ(rerun->applied_commands().size(), 1u);  // replayed, and logged again

  // Seeking to before the command drops it: the run is the plain one.
  EXPECT_TRUE(viewer::commands_before(applied, 50).empty());
  auto early = setup.launch(viewer::commands_before(applied, 40));
  early->start(/*paused=*/true, 1.0);
  early->request_steps(100);
  ASSERT_TRUE(early->wait_until_idle(60s));
  early->stop();
  EXPECT_EQ(early->world().state_hash(), plain_hash_after(100, 1));
}

TEST(RunSetup, BaselineSharesTheResolvedSeed) {
  Scenario with_seed = grid_default();
  with_seed.simulation.seed = 77;
  const viewer::RunSetup setup(with_seed, WorldOverrides{1, std::nullopt, 0}, grid_default());
  EXPECT_EQ(setup.seed(), 77u);
  auto sim = setup.launch();
  ASSERT_TRUE(sim->has_baseline());
  EXPECT_EQ(sim->world().config().seed, 77u);
  EXPECT_EQ(sim->baseline()->config().seed, 77u);
}

TEST(SimulationThread, RefusesAWorldThatDoesNotPublishEveryStep) {
  auto world = build_world(grid_default());
  EXPECT_THROW(SimulationThread(std::move(world), 10.0), std::invalid_argument);
}

}  // namespace
}  // namespace citytwin

#include <gtest/gtest.h>

#include <cmath>

#include "agents/families.hpp"
#include "integration/determinism_harness.hpp"
#include "sim/core/state_hasher.hpp"
#include "sim/output/timeseries.hpp"
#include "sim/step/step_context.hpp"

namespace citytwin {
namespace {

// A synthetic parallel system that exercises everything determinism depends on: per-agent random
// draws, parallel writes to own slots, reads of neighbours' previous state, and a floating-point
// reduction. If the kernel leaked scheduling into results, its hash would differ by thread count.
class RandomWalkers final : public System {
 public:
  explicit RandomWalkers(std::size_t count) : position_(count, 0.0), next_(count, 0.0) {}
  std::string_view name() const override { return "walkers"; }
  void declare(SystemDeclaration& d) const override {
    // Its state is its own (no shared resource): only the phases it runs in.
    d.in(Phase::kDecide).in(Phase::kAct).in(Phase::kExchange).kpi("walker_energy");
  }
  void run(Phase phase, StepContext& ctx) override {
    const std::size_t n = position_.size();
    if (phase == Phase::kDecide) {
      ctx.executor().parallel_for(n, 97, [&](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) {
          auto rng = ctx.rng(RngStream::kTest, static_cast<std::uint32_t>(i));
          const double neighbour = position_[(i + 1) % n];
          next_[i] = 0.9 * position_[i] + 0.1 * neighbour + rng.normal();
        }
      });
    } else if (phase == Phase::kAct) {
      ctx.executor().parallel_for(n, 97, [&](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) position_[i] = next_[i];
      });
    } else if (phase == Phase::kExchange) {
      energy_ = ctx.executor().deterministic_reduce(
          n, 128, 0.0,
          [&](std::size_t b, std::size_t e) {
            double s = 0;
            for (std::size_t i = b; i < e; ++i) s += position_[i] * position_[i];
            return s;
          },
          [](double a, double b) { return a + b; });
    }
  }
  void hash_state(StateHasher& h) const override {
    h.add(std::span<const double>(position_));
    h.add(energy_);
  }
  void report_kpis(KpiRow& row) const override { row.set("walker_energy", energy_); }

 private:
  std::vector<double> position_;
  std::vector<double> next_;
  double energy_ = 0.0;
};

std::unique_ptr<World> walkers_on_default_grid(unsigned threads) {
  auto scenario =
      load_scenario(std::filesystem::path(CITYTWIN_SOURCE_DIR) / "scenarios" / "grid_default.yaml");
  WorldConfig config;
  config.seed = 2024;
  config.threads = threads;
  config.record_interval = 10;
  auto world = std::make_unique<World>(config, build_network(scenario));
  world->emplace_system<RandomWalkers>(20000);
  world->start();
  return world;
}

TEST(Determinism, SyntheticParallelSystemIsBitIdenticalFor1_2_8Threads) {
  const auto one = testing::hash_trail(walkers_on_default_grid, 1, 300, 50);
  ASSERT_EQ(one.size(), 6u);
  EXPECT_EQ(one, testing::hash_trail(walkers_on_default_grid, 2, 300, 50));
  EXPECT_EQ(one, testing::hash_trail(walkers_on_default_grid, 8, 300, 50));
  EXPECT_EQ(one, testing::hash_trail(walkers_on_default_grid, 1, 300, 50));  // repeated run
}

TEST(Determinism, SeedChangesTheTrail) {
  const auto a = testing::hash_trail(walkers_on_default_grid, 2, 50, 50);
  WorldConfig config;
  config.seed = 2025;
  config.threads = 2;
  auto scenario =
      load_scenario(std::filesystem::path(CITYTWIN_SOURCE_DIR) / "scenarios" / "grid_default.yaml");
  World world(config, build_network(scenario));
  world.emplace_system<RandomWalkers>(20000);
  world.start();
  for (int i = 0; i < 50; ++i) world.step();
  EXPECT_NE(a.front(), world.state_hash());
}

TEST(Determinism, DefaultScenarioIsBitIdenticalFor1_2_8Threads) {
  const auto scenario =
      load_scenario(std::filesystem::path(CITYTWIN_SOURCE_DIR) / "scenarios" / "grid_default.yaml");
  auto make = [&](unsigned threads) {
    WorldOverrides o;
    o.threads = threads;
    return build_world(scenario, o);
  };
  const auto one = testing::hash_trail(make, 1, 600, 100);
  EXPECT_EQ(one, testing::hash_trail(make, 2, 600, 100));
  EXPECT_EQ(one, testing::hash_trail(make, 8, 600, 100));
}

TEST(World, RecordsKpiRowsAtTheScenarioInterval) {
  auto world = walkers_on_default_grid(2);
  for (int i = 0; i < 35; ++i) world->step();
  const auto& series = world->timeseries();
  ASSERT_EQ(series.row_count(), 3u);  // every 10 s
  EXPECT_EQ(series.time(2), 30.0);
  EXPECT_GT(series.value(2, series.column_index("walker_energy")), 0.0);
}

TEST(World, CommandsApplyBetweenStepsInOrder) {
  auto world = walkers_on_default_grid(1);
  std::vector<std::int64_t> applied_at;
  world->commands().push({"first", [&](World& w) { applied_at.push_back(w.clock().step()); }});
  world->commands().push({"second", [&](World& w) { applied_at.push_back(-w.clock().step()); }});
  world->step();
  world->step();
  EXPECT_EQ(applied_at, (std::vector<std::int64_t>{0, 0}));
}

TEST(World, PublishesSnapshotsToTheTripleBuffer) {
  const auto scenario =
      load_scenario(std::filesystem::path(CITYTWIN_SOURCE_DIR) / "scenarios" / "grid_default.yaml");
  WorldOverrides o;
  o.threads = 1;
  o.publish_every = 5;
  auto world = build_world(scenario, o);
  for (int i = 0; i < 4; ++i) world->step();
  EXPECT_FALSE(world->views().update());
  world->step();
  ASSERT_TRUE(world->views().update());
  const WorldView& view = world->views().front();
  EXPECT_EQ(view.step, 5);
  EXPECT_EQ(view.signal_state.size(), world->network().signal_groups().size());
  EXPECT_NE(std::count(view.signal_state.begin(), view.signal_state.end(), SignalState::kGreen), 0);
}

}  // namespace
}  // namespace citytwin

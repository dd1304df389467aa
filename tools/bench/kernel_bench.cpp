// Micro-benchmarks of the kernel's hot pieces: counter-based random draws, the deterministic
// reduction, and the fixed cost of one pipeline step. Figures go to BENCHMARKS.md.
#include <benchmark/benchmark.h>

#include <vector>

#include "agents/signals/traffic_signals.hpp"
#include "sim/core/rng.hpp"
#include "sim/network/grid_generator.hpp"
#include "sim/step/world.hpp"

namespace citytwin {
namespace {

// One fresh generator per (agent, step) and one uniform draw: the pattern agents use.
void BM_RngFreshGeneratorPerAgent(benchmark::State& state) {
  std::uint32_t agent = 0;
  for (auto _ : state) {
    CounterRng rng(42, RngStream::kTest, agent++, 17);
    benchmark::DoNotOptimize(rng.uniform());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RngFreshGeneratorPerAgent);

void BM_RngSequentialUniform(benchmark::State& state) {
  CounterRng rng(42, RngStream::kTest, 0, 0);
  for (auto _ : state) benchmark::DoNotOptimize(rng.uniform());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RngSequentialUniform);

void BM_DeterministicReduce(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto threads = static_cast<unsigned>(state.range(1));
  std::vector<double> values(n, 1.25);
  Executor executor(threads);
  for (auto _ : state) {
    executor.execute([&] {
      benchmark::DoNotOptimize(executor.deterministic_reduce(
          n, 4096, 0.0,
          [&](std::size_t b, std::size_t e) {
            double s = 0;
            for (std::size_t i = b; i < e; ++i) s += values[i];
            return s;
          },
          [](double a, double b) { return a + b; }));
    });
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}
BENCHMARK(BM_DeterministicReduce)->Args({1 << 20, 1})->Args({1 << 20, 2});

// A 10x10 signalised grid with fixed-time signals: the kernel's per-step overhead (phases,
// arena entry, KPI bookkeeping) plus 400 signal groups.
void BM_StepFixedTimeGrid(benchmark::State& state) {
  GridSpec grid;
  grid.rows = 10;
  grid.cols = 10;
  grid.lanes = 3;
  WorldConfig config;
  config.threads = static_cast<unsigned>(state.range(0));
  World world(config, std::make_shared<const Network>(generate_grid(grid)));
  world.emplace_system<TrafficSignals>(world.shared_network(), FixedTimePlanSpec{});
  world.start();
  for (auto _ : state) world.step();
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_StepFixedTimeGrid)->Arg(1)->Arg(2);

}  // namespace
}  // namespace citytwin

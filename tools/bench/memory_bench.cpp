// The machine's memory hierarchy as the traffic step sees it: one sequential pass that reads one
// array and writes another of the same size, as the step's sweeps and its repack do. Run over
// working sets from 1 MiB to 256 MiB it shows where the last-level cache ends on this machine
// (lscpu's figure can be the host's, not the share a VM gets), which is where the cost per
// vehicle-step of `citytwin bench` stops being flat. Figures go to BENCHMARKS.md.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

namespace citytwin {
namespace {

// Arg: MiB of each of the two arrays. Bytes processed count what the loop reads and writes
// (2 x the array); the memory system also reads each written line first (write-allocate), so
// the traffic it carries is about 1.5x that figure.
void BM_StreamReadWrite(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0)) * (1u << 20) / sizeof(std::uint64_t);
  std::vector<std::uint64_t> source(n, 1);
  std::vector<std::uint64_t> target(n, 2);
  std::uint64_t round = 0;
  for (auto _ : state) {
    ++round;
    for (std::size_t i = 0; i < n; ++i) target[i] = source[i] + round;
    benchmark::DoNotOptimize(target.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(2 * n * sizeof(std::uint64_t)));
}
BENCHMARK(BM_StreamReadWrite)->RangeMultiplier(2)->Range(1, 256)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace citytwin

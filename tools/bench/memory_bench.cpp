// The machine's memory hierarchy as the traffic step sees it: one sequential pass that reads one
// array and writes another of the same size, as the step's sweeps and its repack do. Run over
// working sets from 1 MiB to 256 MiB it shows where the last-level cache ends on this machine
// (lscpu's figure can be the host's, not the share a VM gets), which is where the cost per
// vehicle-step of `citytwin bench` stops being flat. Figures go to BENCHMARKS.md.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <utility>
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

// The other half of the hierarchy: dependent random reads, one per cache line, as the step makes
// into network- and route-sized tables (a lane's downstream track ends, a route's next link, a
// vehicle's trip tally). A pointer chase through a random cycle over the whole working set, so
// neither the prefetchers nor out-of-order execution can hide the latency. Arg: MiB of the table;
// the time per iteration is the latency of one read. Where it jumps is the cache size that a table
// read at random must fit in to stay cheap; it can sit well below the streaming cliff above.
void BM_RandomReadLatency(benchmark::State& state) {
  constexpr std::size_t kLineWords = 64 / sizeof(std::uint64_t);
  const auto lines = static_cast<std::size_t>(state.range(0)) * (1u << 20) / 64;
  // A random cyclic order of the lines (Sattolo's shuffle gives a single cycle), with a fixed
  // xorshift seed so every run chases the same cycle.
  std::vector<std::uint32_t> order(lines);
  for (std::size_t i = 0; i < lines; ++i) order[i] = static_cast<std::uint32_t>(i);
  std::uint64_t x = 0x9E3779B97F4A7C15ull;
  for (std::size_t i = lines - 1; i > 0; --i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    std::swap(order[i], order[x % i]);
  }
  std::vector<std::uint64_t> table(lines * kLineWords, 0);
  for (std::size_t i = 0; i < lines; ++i) {
    table[order[i] * kLineWords] = order[(i + 1) % lines] * kLineWords;
  }
  std::uint64_t at = 0;
  for (std::size_t i = 0; i < lines; ++i) at = table[at];  // warm: every line touched once
  for (auto _ : state) {
    at = table[at];
    benchmark::DoNotOptimize(at);
  }
}
BENCHMARK(BM_RandomReadLatency)->RangeMultiplier(2)->Range(1, 256);

}  // namespace
}  // namespace citytwin

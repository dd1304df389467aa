#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace citytwin::cli {

struct BenchOptions {
  std::vector<std::string> sizes = {"1k", "10k", "100k", "1M"};  // vehicle counts
  unsigned threads = 0;                                          // 0 = all hardware threads
  std::int64_t steps = 100;                                      // timed steps per size
  std::int64_t warmup_steps = 20;  // untimed steps after placement (settles the start speeds)
  std::uint64_t seed = 42;
  std::optional<std::filesystem::path> json;  // also write the results here
  // --render: time the city view instead of the engine (bench_render.hpp).
  bool render = false;
  unsigned frames = 30;  // timed frames per camera
  bool lod = true;       // false: always sprites (what the level of detail saves)
  bool window = false;   // with --render: in a real window with the dashboards (needs a display)
  std::string overlay;   // with --render: also draw this published field, e.g. "congestion"
};

// "2500", "10k", "1M" → 2500, 10'000, 1'000'000 (k = 10³, M = 10⁶; case-insensitive). nullopt for
// anything else, zero, or more than 100M.
std::optional<std::size_t> parse_vehicle_count(std::string_view text);

// Every --sizes entry as a vehicle count; on the first bad one prints the error and returns
// nullopt (the caller exits 2).
std::optional<std::vector<std::size_t>> parse_bench_sizes(const std::vector<std::string>& sizes);

// The q-quantile (0..1, nearest rank) of `values` (copied: the caller's order is kept); 0 if empty.
double percentile(std::vector<double> values, double q);

// `citytwin bench`: for each size, a grid warm-started with that many vehicles (see
// bench_warm_start.hpp), warm-up steps, then timed steps; prints one table row per size (vehicle
// updates per second, ns per vehicle-step per phase, peak RSS, bytes per vehicle). Returns the
// process exit code.
int bench_command(const BenchOptions& options);

}  // namespace citytwin::cli

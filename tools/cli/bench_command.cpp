#include "tools/cli/bench_command.hpp"

#include <malloc.h>
#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <exception>
#include <nlohmann/json.hpp>

#include "agents/traffic/traffic_system.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/step/phase.hpp"
#include "tools/cli/bench_warm_start.hpp"
#include "tools/cli/exit_codes.hpp"

namespace citytwin::cli {
namespace {

constexpr std::size_t kMaxBenchVehicles = 100'000'000;
// Phases the traffic engine does work in; sense and publish are empty for it and go to "other".
constexpr std::array<Phase, 3> kReportedPhases = {Phase::kDecide, Phase::kAct, Phase::kExchange};

struct SizeResult {
  std::string label;
  WarmWorld facts;  // world already released; the counters stay
  unsigned threads = 0;
  std::size_t vehicles_at_start = 0;  // of the timed window
  std::size_t vehicles_at_end = 0;
  std::int64_t steps = 0;
  double wall_seconds = 0.0;
  std::uint64_t vehicle_updates = 0;
  // Missed-turn re-routes in the timed window: serial work (routes are shared), so a scenario
  // where many drivers get stuck in the wrong lane shows it here before it shows in the profile.
  std::uint64_t reroutes = 0;
  std::array<double, kPhaseCount> phase_seconds{};
  std::size_t peak_rss_bytes = 0;

  double updates_per_second() const {
    return wall_seconds > 0.0 ? static_cast<double>(vehicle_updates) / wall_seconds : 0.0;
  }
  double ns_per_vehicle_step(double seconds) const {
    return vehicle_updates ? seconds * 1e9 / static_cast<double>(vehicle_updates) : 0.0;
  }
  double other_seconds() const {
    double phases = 0.0;
    for (Phase p : kReportedPhases) phases += phase_seconds[static_cast<std::size_t>(p)];
    return wall_seconds - phases;
  }
  // RSS growth from the empty world to the populated one, per vehicle: hot slots, scratch, cold
  // per-vehicle tables and routes, all of it.
  double bytes_per_vehicle() const {
    if (facts.placed == 0 || facts.rss_placed_bytes < facts.rss_empty_bytes) return 0.0;
    return static_cast<double>(facts.rss_placed_bytes - facts.rss_empty_bytes) /
           static_cast<double>(facts.placed);
  }
};

std::size_t peak_rss_bytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<std::size_t>(usage.ru_maxrss) * 1024;  // Linux reports KiB
}

SizeResult measure(const std::string& label, std::size_t vehicles, const BenchOptions& options) {
  WarmStartSpec spec;
  spec.vehicles = vehicles;
  spec.threads = options.threads;
  spec.seed = options.seed;
  WarmWorld warm = build_warm_world(spec);
  World& world = *warm.world;
  const TrafficSystem& traffic = *warm.traffic;
  for (std::int64_t i = 0; i < options.warmup_steps; ++i) world.step();

  SizeResult result;
  result.label = label;
  result.threads = world.threads();
  result.steps = options.steps;
  result.vehicles_at_start = traffic.vehicles().size();
  const std::uint64_t updates_before = traffic.vehicle_updates();
  const std::uint64_t reroutes_before = traffic.reroutes();
  world.set_phase_observer([&result](Phase phase, double seconds) {
    result.phase_seconds[static_cast<std::size_t>(phase)] += seconds;
  });
  const auto start = std::chrono::steady_clock::now();
  for (std::int64_t i = 0; i < options.steps; ++i) world.step();
  result.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  world.set_phase_observer({});
  result.vehicle_updates = traffic.vehicle_updates() - updates_before;
  result.reroutes = traffic.reroutes() - reroutes_before;
  result.vehicles_at_end = traffic.vehicles().size();
  result.peak_rss_bytes = peak_rss_bytes();

  warm.world.reset();
  warm.traffic = nullptr;
  result.facts = std::move(warm);
  // Give freed pages back so the next size's RSS delta starts from a clean baseline.
  malloc_trim(0);
  return result;
}

void print_header() {
  std::printf("%-6s %-6s %7s %9s %7s %6s %8s %9s %8s %8s %8s %8s %8s %9s %7s %7s %9s\n", "size",
              "grid", "lanes", "vehicles", "threads", "steps", "wall_s", "Mupd/s", "ns_total",
              "ns_decid", "ns_act", "ns_exch", "ns_other", "peakRSS_M", "B/veh", "setup_s",
              "reroutes");
}

void print_row(const SizeResult& r) {
  const std::string grid =
      std::to_string(r.facts.grid_side) + "x" + std::to_string(r.facts.grid_side);
  const auto phase_ns = [&r](Phase p) {
    return r.ns_per_vehicle_step(r.phase_seconds[static_cast<std::size_t>(p)]);
  };
  std::printf(
      "%-6s %-6s %7zu %9zu %7u %6lld %8.3f %9.2f %8.1f %8.1f %8.1f %8.1f %8.1f %9.0f %7.0f %7.1f "
      "%9llu\n",
      r.label.c_str(), grid.c_str(), r.facts.lane_count, r.vehicles_at_start, r.threads,
      static_cast<long long>(r.steps), r.wall_seconds, r.updates_per_second() / 1e6,
      r.ns_per_vehicle_step(r.wall_seconds), phase_ns(Phase::kDecide), phase_ns(Phase::kAct),
      phase_ns(Phase::kExchange), r.ns_per_vehicle_step(r.other_seconds()),
      static_cast<double>(r.peak_rss_bytes) / (1024.0 * 1024.0), r.bytes_per_vehicle(),
      r.facts.setup_seconds, static_cast<unsigned long long>(r.reroutes));
  std::fflush(stdout);
}

nlohmann::json to_json(const SizeResult& r) {
  nlohmann::json phases = nlohmann::json::object();
  for (Phase p : kAllPhases) {
    const double seconds = r.phase_seconds[static_cast<std::size_t>(p)];
    phases[std::string(phase_name(p))] = {{"seconds", seconds},
                                          {"ns_per_vehicle_step", r.ns_per_vehicle_step(seconds)}};
  }
  return {{"size", r.label},
          {"grid_side", r.facts.grid_side},
          {"lanes", r.facts.lane_count},
          {"vehicles_placed", r.facts.placed},
          {"vehicles_at_start", r.vehicles_at_start},
          {"vehicles_at_end", r.vehicles_at_end},
          {"placement_steps", r.facts.placement_steps},
          {"setup_seconds", r.facts.setup_seconds},
          {"threads", r.threads},
          {"steps", r.steps},
          {"wall_seconds", r.wall_seconds},
          {"vehicle_updates", r.vehicle_updates},
          {"missed_turn_reroutes", r.reroutes},
          {"vehicle_updates_per_second", r.updates_per_second()},
          {"ns_per_vehicle_step", r.ns_per_vehicle_step(r.wall_seconds)},
          {"phases", phases},
          {"peak_rss_bytes", r.peak_rss_bytes},
          {"rss_empty_world_bytes", r.facts.rss_empty_bytes},
          {"rss_populated_bytes", r.facts.rss_placed_bytes},
          {"bytes_per_vehicle", r.bytes_per_vehicle()}};
}

}  // namespace

std::optional<std::size_t> parse_vehicle_count(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::size_t multiplier = 1;
  const char suffix = static_cast<char>(std::tolower(static_cast<unsigned char>(text.back())));
  if (suffix == 'k' || suffix == 'm') {
    multiplier = suffix == 'k' ? 1'000 : 1'000'000;
    text.remove_suffix(1);
  }
  if (text.empty() || text.size() > 9) return std::nullopt;
  std::size_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::size_t>(c - '0');
  }
  value *= multiplier;
  if (value == 0 || value > kMaxBenchVehicles) return std::nullopt;
  return value;
}

std::optional<std::vector<std::size_t>> parse_bench_sizes(const std::vector<std::string>& sizes) {
  std::vector<std::size_t> counts;
  for (const auto& size : sizes) {
    const auto count = parse_vehicle_count(size);
    if (!count) {
      std::fprintf(stderr,
                   "citytwin bench: error: --sizes: '%s' is not a vehicle count such as 10k or 1M "
                   "(1 to 100M)\n",
                   size.c_str());
      return std::nullopt;
    }
    counts.push_back(*count);
  }
  return counts;
}

double percentile(std::vector<double> values, double q) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  const auto i = static_cast<std::size_t>(q * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(i, values.size() - 1)];
}

int bench_command(const BenchOptions& options) {
  const auto parsed = parse_bench_sizes(options.sizes);
  if (!parsed) return kExitBadInput;
  const std::vector<std::size_t>& counts = *parsed;
  if (options.steps <= 0 || options.warmup_steps < 0) {
    std::fprintf(stderr, "citytwin bench: error: --steps must be positive\n");
    return kExitBadInput;
  }
  try {
    print_header();
    nlohmann::json rows = nlohmann::json::array();
    for (std::size_t i = 0; i < counts.size(); ++i) {
      const SizeResult result = measure(options.sizes[i], counts[i], options);
      print_row(result);
      rows.push_back(to_json(result));
    }
    if (options.json) {
      const nlohmann::json report = {
          {"warmup_steps", options.warmup_steps}, {"seed", options.seed}, {"results", rows}};
      write_file_atomically(*options.json, report.dump(2) + "\n");
      std::printf("json: %s\n", options.json->string().c_str());
    }
  } catch (const OutputError& e) {
    std::fprintf(stderr, "citytwin bench: error: %s\n", e.what());
    return kExitInternalError;
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "citytwin bench: error: %s\n", e.what());
    return kExitBadInput;
  }
  return kExitOk;
}

}  // namespace citytwin::cli

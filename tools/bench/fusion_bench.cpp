// What temporal blocking could buy on this machine, measured before building it.
//
// The traffic step sweeps the hot vehicle columns three times (lane-change screening, the drive
// pass, the repack that copies every vehicle into the other buffer). At 1M vehicles those columns
// (~38 B per vehicle, twice) no longer fit the last-level cache, so each sweep streams them from
// memory; at 100k they stay in cache. A fused step would copy a cache-sized block, then screen and
// drive it while it is still in cache, before moving to the next block.
//
// This benchmark runs both schedules over the same synthetic columns (the traffic step's column
// set and widths, 12-vehicle lanes, an IDM evaluation per vehicle and pass, `work` extra IDM
// evaluations per vehicle in the drive pass to bring the compute nearer the real step's), on one
// thread. The gap between "separate" and "fused" at 1M against 100k bounds what fusing the real
// passes can gain. Figures go to BENCHMARKS.md.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace citytwin {
namespace {

constexpr std::size_t kLane = 12;            // vehicles per lane (the bench grids' density)
constexpr std::size_t kBlock = 341 * kLane;  // vehicles per fused block: ~310 KB, both buffers

struct Columns {
  std::vector<std::uint32_t> id, track, route, next_conn;
  std::vector<double> position, speed;
  std::vector<std::uint16_t> route_pos, lane_mask;
  std::vector<std::uint8_t> type, flags;

  explicit Columns(std::size_t n)
      : id(n),
        track(n),
        route(n),
        next_conn(n),
        position(n),
        speed(n),
        route_pos(n),
        lane_mask(n),
        type(n),
        flags(n) {
    for (std::size_t i = 0; i < n; ++i) {
      id[i] = static_cast<std::uint32_t>(i);
      track[i] = static_cast<std::uint32_t>(i / kLane);
      position[i] = 300.0 - 8.0 * static_cast<double>(i % kLane);  // front to back
      speed[i] = 8.0 + static_cast<double>(i % 5);
      route_pos[i] = static_cast<std::uint16_t>(i % 40);
      lane_mask[i] = 3;
      next_conn[i] = static_cast<std::uint32_t>(i % 7);
    }
  }
};

// IDM acceleration with the default car (v0 13.89, T 1.5 s, a 1.0, b 1.5, s0 2, delta 4).
inline double idm(double v, double gap, double leader_speed) {
  const double ratio = v / 13.89;
  const double s_star = 2.0 + std::max(0.0, v * 1.5 + v * (v - leader_speed) * 0.4082);
  const double r2 = ratio * ratio;
  const double interaction = s_star / std::max(gap, 0.1);
  return 1.0 * (1.0 - r2 * r2 - interaction * interaction);
}

void copy_range(const Columns& from, Columns& to, std::size_t b, std::size_t e) {
  auto copy = [&](const auto& src, auto& dst) {
    std::copy(src.begin() + static_cast<std::ptrdiff_t>(b),
              src.begin() + static_cast<std::ptrdiff_t>(e),
              dst.begin() + static_cast<std::ptrdiff_t>(b));
  };
  copy(from.id, to.id);
  copy(from.track, to.track);
  copy(from.position, to.position);
  copy(from.speed, to.speed);
  copy(from.route, to.route);
  copy(from.route_pos, to.route_pos);
  copy(from.next_conn, to.next_conn);
  copy(from.lane_mask, to.lane_mask);
  copy(from.type, to.type);
  copy(from.flags, to.flags);
}

// Lane-change screening: reads what the real screening reads, flags some vehicles.
void screen_range(Columns& c, std::size_t b, std::size_t e) {
  for (std::size_t i = b; i < e; ++i) {
    const bool front = i % kLane == 0;
    const double gap = front ? 100.0 : c.position[i - 1] - 5.0 - c.position[i];
    const double a = idm(c.speed[i], gap, front ? c.speed[i] : c.speed[i - 1]);
    const bool wants = a < -0.5 && (c.lane_mask[i] & 1u) != 0 && c.next_conn[i] != 0xFFFFFFFFu;
    c.flags[i] = static_cast<std::uint8_t>((c.flags[i] & ~8u) | (wants ? 8u : 0u) | c.type[i]);
  }
}

// Drive pass: accelerations of a lane first (leaders at their start-of-step place), then motion.
void drive_range(Columns& c, std::size_t b, std::size_t e, int work) {
  double accel[kLane];
  for (std::size_t lane = b; lane < e; lane += kLane) {
    const std::size_t end = std::min(e, lane + kLane);
    for (std::size_t i = lane; i < end; ++i) {
      const bool front = i == lane;
      const double gap =
          front ? 300.0 - c.position[i] + 50.0 : c.position[i - 1] - 5.0 - c.position[i];
      const double leader_speed = front ? 0.0 : c.speed[i - 1];
      double a = idm(c.speed[i], gap, leader_speed);
      for (int k = 0; k < work; ++k) {
        a = std::min(a, idm(c.speed[i], gap + 1.0 + k, leader_speed));
      }
      accel[i - lane] = a + 1e-9 * static_cast<double>(c.route[i] + c.route_pos[i] + c.id[i]);
    }
    for (std::size_t i = lane; i < end; ++i) {
      const double v = std::max(0.0, c.speed[i] + accel[i - lane]);
      const double p = c.position[i] + v;
      // Keep the synthetic lane in place: a vehicle that would leave wraps to the lane start.
      c.position[i] = p > 300.0 ? p - 300.0 : p;
      c.speed[i] = std::min(v, 13.89);
      c.flags[i] = static_cast<std::uint8_t>(c.flags[i] ^ (v < 0.1 ? 1u : 0u));
    }
  }
}

// Copy, screen and drive `block` vehicles at a time. With one block of all vehicles that is the
// engine's schedule (each sweep over everything); with kBlock, the fused one. Args: vehicles,
// extra IDM evaluations per vehicle in the drive pass. One thread: what one core gets out of its
// share of the memory system (the real step scales 2.0x on two).
void run_step_passes(benchmark::State& state, std::size_t block) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto work = static_cast<int>(state.range(1));
  Columns a(n), b(n);
  Columns* from = &a;
  Columns* to = &b;
  for (auto _ : state) {
    for (std::size_t first = 0; first < n; first += block) {
      const std::size_t end = std::min(n, first + block);
      copy_range(*from, *to, first, end);
      screen_range(*to, first, end);
      drive_range(*to, first, end, work);
    }
    std::swap(from, to);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}

void BM_StepPassesSeparate(benchmark::State& state) {
  run_step_passes(state, static_cast<std::size_t>(state.range(0)));
}
void BM_StepPassesFused(benchmark::State& state) {
  run_step_passes(state, kBlock);
}

void step_pass_args(benchmark::internal::Benchmark* b) {
  for (const std::int64_t vehicles : {24 * 4092, 244 * 4092}) {  // whole blocks: ~100k, ~1M
    for (const std::int64_t work : {0, 3}) b->Args({vehicles, work});
  }
}
BENCHMARK(BM_StepPassesSeparate)
    ->Apply(step_pass_args)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_StepPassesFused)->Apply(step_pass_args)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace citytwin

// Micro-benchmarks of the traffic engine's hot paths: the IDM car-following law over arrays, one
// whole traffic step on a warm-started grid, and the lane repack that restores per-track order
// after transfers. Figures go to BENCHMARKS.md.
#include <benchmark/benchmark.h>

#include <limits>
#include <vector>

#include "agents/contracts/junction_blockers.hpp"
#include "agents/contracts/road_vehicles.hpp"
#include "agents/contracts/speed_advice.hpp"
#include "agents/families.hpp"
#include "agents/traffic/idm.hpp"
#include "agents/traffic/traffic_system.hpp"
#include "agents/traffic/vehicle_lanes.hpp"
#include "sim/core/rng.hpp"
#include "sim/family/family_registry.hpp"
#include "sim/step/executor.hpp"
#include "sim/step/step_context.hpp"
#include "tools/cli/bench_warm_start.hpp"

namespace citytwin {
namespace {

// Car-following inputs for n vehicles in a platoon-like spread: speeds 0–15 m/s, gaps 2–60 m, with
// one in 16 free (no leader), as in a dense urban lane.
struct FollowingInputs {
  std::vector<double> speed, gap, leader_speed, accel;
  explicit FollowingInputs(std::size_t n) : speed(n), gap(n), leader_speed(n), accel(n) {
    CounterRng rng(42, RngStream::kTest, 0, 0);
    for (std::size_t i = 0; i < n; ++i) {
      speed[i] = rng.uniform(0.0, 15.0);
      leader_speed[i] = rng.uniform(0.0, 15.0);
      gap[i] = i % 16 == 0 ? std::numeric_limits<double>::infinity() : rng.uniform(2.0, 60.0);
    }
  }
};

void BM_IdmAccelerationArray(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  FollowingInputs in(n);
  const IdmParams params = default_vehicle_type(VehicleClass::kCar).idm;
  const double v0 = 13.89;
  for (auto _ : state) {
    for (std::size_t i = 0; i < n; ++i) {
      in.accel[i] = idm_acceleration(params, in.speed[i], v0, in.gap[i], in.leader_speed[i]);
    }
    benchmark::DoNotOptimize(in.accel.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}
BENCHMARK(BM_IdmAccelerationArray)->Arg(4096)->Arg(1 << 20);

// One full World::step (signals + traffic: lane changes, car-following, motion, transfers, KPIs)
// on the same warm-started grid `citytwin bench` uses. Args: vehicles, threads.
void BM_TrafficStepWarmGrid(benchmark::State& state) {
  cli::WarmStartSpec spec;
  spec.vehicles = static_cast<std::size_t>(state.range(0));
  spec.threads = static_cast<unsigned>(state.range(1));
  cli::WarmWorld warm = cli::build_warm_world(spec);
  for (int i = 0; i < 20; ++i) warm.world->step();  // settle the start speeds
  const std::uint64_t updates_before = warm.traffic->vehicle_updates();
  for (auto _ : state) warm.world->step();
  const auto updates = static_cast<std::int64_t>(warm.traffic->vehicle_updates() - updates_before);
  state.SetItemsProcessed(updates);  // items/s = vehicle updates per second
  state.counters["vehicles"] = static_cast<double>(warm.traffic->vehicles().size());
}
BENCHMARK(BM_TrafficStepWarmGrid)
    ->Args({10'000, 1})
    ->Args({10'000, 2})
    ->Args({100'000, 1})
    ->Args({100'000, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// What traffic's seams cost when they are in use, beside the plain step above: an advisor that
// sends every vehicle a speed cap every step (as GLOSA for a fleet with full penetration would;
// the cap is above every desired speed, so the motion stays the plain one and only the path's
// cost shows), and a hold on one movement of the network, which makes every front vehicle's
// junction check look the movement up (holding many would change the traffic, not the check).
class SeamLoad final : public System {
 public:
  SeamLoad(bool caps, bool holds) : caps_(caps), holds_(holds) {}
  std::string_view name() const override { return "seam_load"; }
  void connect(Resources& r) override {
    vehicles_ = r.obtain<RoadVehicles>(RoadVehicles::kName);
    advice_ = r.obtain<SpeedAdvice>(SpeedAdvice::kName);
    blockers_ = r.obtain<JunctionBlockers>(JunctionBlockers::kName, std::size_t{0});
  }
  void declare(SystemDeclaration& d) const override {
    d.in(Phase::kDecide, {vehicles_}, {advice_, blockers_}, {"traffic"});
  }
  void run(Phase, StepContext& context) override {
    const RoadVehicles& vehicles = context.read(vehicles_);
    SpeedAdvice& advice = context.write(advice_);
    JunctionBlockers& blockers = context.write(blockers_);
    if (holds_ && !held_) {
      blockers.hold(blockers.holds.size() - 1);
      held_ = true;
    }
    if (!caps_) return;
    const auto caps = advice.open(vehicles.size(), vehicles.generation);
    context.executor().parallel_for(vehicles.size(), 4096, [&](std::size_t b, std::size_t e) {
      for (std::size_t row = b; row < e; ++row) SpeedAdvice::limit(caps, row, 100.0);
    });
  }
  void hash_state(StateHasher&) const override {}

 private:
  bool caps_;
  bool holds_;
  bool held_ = false;
  Resource<RoadVehicles> vehicles_;
  Resource<SpeedAdvice> advice_;
  Resource<JunctionBlockers> blockers_;
};

// Args: vehicles, threads, seams (0 none, 1 caps, 2 holds, 3 both).
void BM_TrafficStepWithSeams(benchmark::State& state) {
  const auto seams = state.range(2);
  FamilyRegistry families;
  register_builtin_families(families);
  FamilyRegistration load;
  load.name = "seam_load";
  load.build = [seams](const Scenario&, FamilyBuildContext& context) {
    context.world.emplace_system<SeamLoad>((seams & 1) != 0, (seams & 2) != 0);
  };
  families.add(std::move(load));
  cli::WarmStartSpec spec;
  spec.vehicles = static_cast<std::size_t>(state.range(0));
  spec.threads = static_cast<unsigned>(state.range(1));
  spec.families = &families;
  cli::WarmWorld warm = cli::build_warm_world(spec);
  for (int i = 0; i < 20; ++i) warm.world->step();
  const std::uint64_t updates_before = warm.traffic->vehicle_updates();
  const std::uint64_t caps_before = warm.traffic->speed_caps_applied();
  for (auto _ : state) warm.world->step();
  state.SetItemsProcessed(
      static_cast<std::int64_t>(warm.traffic->vehicle_updates() - updates_before));
  state.counters["caps_per_step"] =
      static_cast<double>(warm.traffic->speed_caps_applied() - caps_before) /
      static_cast<double>(state.iterations());
}
BENCHMARK(BM_TrafficStepWithSeams)
    ->Args({100'000, 2, 0})
    ->Args({100'000, 2, 1})
    ->Args({100'000, 2, 2})
    ->Args({100'000, 2, 3})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// VehicleLanes::repack with a given share of vehicles changing track each call (a lane change or
// a transfer to the next lane). Args: vehicles, movers per 1000, threads. 100k vehicles on 7,500
// tracks is the 100k warm grid's density.
void BM_RepackWithMovers(benchmark::State& state) {
  const auto n = static_cast<std::uint32_t>(state.range(0));
  const auto movers_per_mille = static_cast<std::uint32_t>(state.range(1));
  Executor executor(static_cast<unsigned>(state.range(2)));
  const std::uint32_t tracks = std::max<std::uint32_t>(1, n / 13);
  VehicleLanes lanes(tracks);
  VehicleSlots& inserts = lanes.pending_inserts();
  inserts.resize(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    inserts.id[i] = i;
    inserts.track[i] = i % tracks;
    inserts.position[i] = 280.0 - 20.0 * static_cast<double>(i / tracks);
    inserts.type[i] = 0;
    inserts.flags[i] = 0;
  }
  executor.execute([&] { lanes.repack(executor); });

  const std::uint32_t stride = movers_per_mille ? 1000 / movers_per_mille : 0;
  std::uint32_t phase = 0;
  for (auto _ : state) {
    // Marking the movers is O(movers), small next to the O(n) repack it feeds.
    if (stride) {
      VehicleSlots& slots = lanes.slots();
      for (std::uint32_t i = phase % stride; i < n; i += stride) {
        slots.track[i] = (slots.track[i] + 1) % tracks;
        slots.flags[i] |= kMoved;
      }
      ++phase;
    }
    executor.execute([&] { lanes.repack(executor); });
    benchmark::DoNotOptimize(lanes.slots().id.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}
BENCHMARK(BM_RepackWithMovers)
    ->Args({100'000, 0, 1})
    ->Args({100'000, 20, 1})
    ->Args({100'000, 20, 2})
    ->Args({1'000'000, 20, 1})
    ->Args({1'000'000, 20, 2})
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();

}  // namespace
}  // namespace citytwin

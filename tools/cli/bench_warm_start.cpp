#include "tools/cli/bench_warm_start.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <vector>

#include "agents/families.hpp"
#include "agents/traffic/idm.hpp"
#include "agents/traffic/traffic_rng_streams.hpp"
#include "agents/traffic/traffic_system.hpp"
#include "sim/core/rng.hpp"
#include "sim/scenario/schema.hpp"

namespace citytwin::cli {
namespace {

constexpr double kSpeedLimit = 13.89;  // m/s, 50 km/h as in scenarios/grid_default.yaml
constexpr std::uint8_t kCarType = 0;   // build_world registers the vehicle classes in enum order
// place_vehicle checks each new vehicle against every pending (not yet inserted) one, so placing
// N vehicles in one go costs O(N²). Stepping once per batch inserts the pending ones and keeps the
// cost O(N · batch); a batch of ~8k balances that scan against the cost of the extra steps at 1M.
constexpr std::size_t kPlacementBatch = 8192;
// Each origin link sends its vehicles to one of this many random exits: enough variety for lane
// changes and turns, while route computations stay O(links), not O(vehicles).
constexpr std::uint32_t kDestinationsPerOrigin = 2;

Scenario grid_scenario(const WarmStartSpec& spec, std::uint32_t side) {
  Scenario scenario;
  scenario.name = "bench_grid";
  scenario.network.format = NetworkFormat::kGrid;
  GridSpec& grid = scenario.network.grid;
  grid.rows = side;
  grid.cols = side;
  grid.spacing = spec.spacing_m;
  grid.attach_length = spec.spacing_m;
  grid.lanes = spec.lanes_per_direction;
  grid.speed_limit = kSpeedLimit;
  grid.signalised = true;
  scenario.simulation.seed = spec.seed;
  scenario.simulation.duration = 1e9;  // no demand: the schedule is empty whatever the duration
  scenario.outputs.interval = 0.0;     // no KPI rows: they would be timed with the step
  return scenario;
}

// Slots along a lane, front first: front bumper at length - (k + 0.5) * slot_spacing, never
// closer to the lane start than one vehicle length (place_vehicle's rule).
std::uint32_t slots_on_lane(double lane_length, double slot_spacing, double vehicle_length) {
  const double usable = (lane_length - vehicle_length) / slot_spacing - 0.5;
  return usable < 0.0 ? 0u : static_cast<std::uint32_t>(std::floor(usable)) + 1u;
}

bool leads_to_boundary(const Network& network, LinkId link) {
  return network.node(network.link(link).to).control == NodeControl::kBoundary;
}

// Lanes of exit links get no vehicles: those would leave within a minute and the count would
// sink during the benchmark instead of staying near the target.
std::uint32_t slots_on_lane(const Network& network, const Lane& lane, double slot_spacing,
                            double vehicle_length) {
  if (leads_to_boundary(network, lane.link)) return 0;
  return slots_on_lane(lane.length, slot_spacing, vehicle_length);
}

std::size_t slot_capacity(const Network& network, double slot_spacing, double vehicle_length) {
  std::size_t capacity = 0;
  for (const Lane& lane : network.lanes()) {
    capacity += slots_on_lane(network, lane, slot_spacing, vehicle_length);
  }
  return capacity;
}

// Smallest square grid whose slots hold the vehicles with 5 % to spare (some placements fail
// when a vehicle placed earlier drove into the spot during a placement step).
std::uint32_t choose_grid_side(const WarmStartSpec& spec, double slot_spacing,
                               double vehicle_length) {
  // About 4 side² links of ~280 m, each lanes_per_direction lanes: a first guess, then verified.
  const double per_junction =
      4.0 * spec.lanes_per_direction * std::max(1.0, (spec.spacing_m - 20.0) / slot_spacing);
  auto side = static_cast<std::uint32_t>(
      std::max(2.0, std::floor(std::sqrt(static_cast<double>(spec.vehicles) / per_junction))));
  const auto needed =
      static_cast<std::size_t>(std::ceil(static_cast<double>(spec.vehicles) * 1.05));
  for (;; ++side) {
    if (side > 1000) throw std::invalid_argument("bench: too many vehicles for a generated grid");
    const auto network = build_network(grid_scenario(spec, side));
    if (slot_capacity(*network, slot_spacing, vehicle_length) >= needed) return side;
  }
}

std::vector<LinkId> exit_links(const Network& network) {
  std::vector<LinkId> exits;
  for (LinkId l = 0; l < network.links().size(); ++l) {
    if (leads_to_boundary(network, l)) exits.push_back(l);
  }
  return exits;
}

class Placer {
 public:
  Placer(const WarmStartSpec& spec, World& world, TrafficSystem& traffic, double slot_spacing)
      : spec_(spec),
        world_(world),
        traffic_(traffic),
        network_(world.network()),
        exits_(exit_links(network_)),
        slot_spacing_(slot_spacing) {
    const VehicleType& car = traffic.type(kCarType);
    const double gap = slot_spacing - car.length;
    // Start at the equilibrium speed of the slot spacing, so the warm-up needs no shock wave to
    // settle; speeds differ per lane only through its speed limit.
    for (const Lane& lane : network_.lanes()) {
      const double v0 = std::min(car.idm.desired_speed, lane.speed_limit);
      start_speed_.push_back(idm_equilibrium_speed(car.idm, gap, v0));
      slots_.push_back(slots_on_lane(network_, lane, slot_spacing, car.length));
    }
    max_slots_ = slots_.empty() ? 0 : *std::max_element(slots_.begin(), slots_.end());
  }

  // Walks the slots front row first (slot 0 of every lane, then slot 1, ...), so vehicles placed
  // earlier drive away from the rows still to fill. `keep_fraction` < 1 thins the slots evenly.
  void place_pass(double keep_fraction) {
    std::size_t candidate = 0;
    double kept_so_far = 0.0;
    for (std::uint32_t k = 0; k < max_slots_ && placed_ < spec_.vehicles; ++k) {
      for (LaneId lane = 0; lane < slots_.size() && placed_ < spec_.vehicles; ++lane) {
        if (k >= slots_[lane]) continue;
        ++candidate;
        const double keep_until = static_cast<double>(candidate) * keep_fraction;
        if (std::floor(keep_until) <= kept_so_far) continue;
        kept_so_far = std::floor(keep_until);
        if (try_place(lane, k, candidate)) flush_batch_if_full();
      }
    }
  }

  // Steps once so the last pending vehicles join their lanes.
  void finish() {
    if (pending_ > 0) step();
  }

  std::size_t placed() const { return placed_; }
  std::uint64_t steps() const { return steps_; }

 private:
  bool try_place(LaneId lane, std::uint32_t slot, std::size_t candidate) {
    const LinkId origin = network_.lane(lane).link;
    const double position = network_.lane(lane).length - (slot + 0.5) * slot_spacing_;
    CounterRng vehicle_rng(spec_.seed, kDemandStream, static_cast<std::uint32_t>(candidate), 0);
    const std::uint32_t first_choice = vehicle_rng.below(kDestinationsPerOrigin);
    for (std::uint32_t attempt = 0; attempt < kDestinationsPerOrigin; ++attempt) {
      const LinkId destination =
          destination_for(origin, (first_choice + attempt) % kDestinationsPerOrigin);
      if (traffic_.place_vehicle(origin, destination, lane, position, start_speed_[lane], kCarType,
                                 world_.clock().now())) {
        ++placed_;
        ++pending_;
        return true;
      }
    }
    return false;
  }

  // One of the origin's kDestinationsPerOrigin exits (origins are never exit links).
  LinkId destination_for(LinkId origin, std::uint32_t choice) const {
    if (exits_.empty()) return origin;
    CounterRng link_rng(spec_.seed, kRoutingStream, origin, choice);
    return exits_[link_rng.below(static_cast<std::uint32_t>(exits_.size()))];
  }

  void flush_batch_if_full() {
    if (pending_ >= kPlacementBatch) step();
  }

  void step() {
    world_.step();
    ++steps_;
    pending_ = 0;
  }

  const WarmStartSpec& spec_;
  World& world_;
  TrafficSystem& traffic_;
  const Network& network_;
  std::vector<LinkId> exits_;
  double slot_spacing_;
  std::vector<double> start_speed_;   // per lane, m/s
  std::vector<std::uint32_t> slots_;  // per lane
  std::uint32_t max_slots_ = 0;
  std::size_t placed_ = 0;
  std::size_t pending_ = 0;
  std::uint64_t steps_ = 0;
};

}  // namespace

std::size_t current_rss_bytes() {
  std::FILE* statm = std::fopen("/proc/self/statm", "r");
  if (!statm) return 0;
  unsigned long total_pages = 0;
  unsigned long resident_pages = 0;
  const int read = std::fscanf(statm, "%lu %lu", &total_pages, &resident_pages);
  std::fclose(statm);
  if (read != 2) return 0;
  return static_cast<std::size_t>(resident_pages) * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

WarmWorld build_warm_world(const WarmStartSpec& spec) {
  if (spec.vehicles == 0) throw std::invalid_argument("bench: the vehicle count must be positive");
  if (!(spec.fraction_of_jam_density > 0.0 && spec.fraction_of_jam_density < 1.0)) {
    throw std::invalid_argument("bench: the fraction of jam density must be in (0, 1)");
  }
  const auto start = std::chrono::steady_clock::now();
  const VehicleType car = default_vehicle_type(VehicleClass::kCar);
  const double jam_spacing = car.length + car.idm.min_gap;
  const double slot_spacing = jam_spacing / spec.fraction_of_jam_density;

  WarmWorld warm;
  warm.grid_side = choose_grid_side(spec, slot_spacing, car.length);
  WorldOverrides overrides;
  overrides.threads = spec.threads;
  overrides.seed = spec.seed;
  warm.world =
      build_world(grid_scenario(spec, warm.grid_side),
                  spec.families != nullptr ? *spec.families : builtin_families(), overrides);
  warm.traffic = static_cast<TrafficSystem*>(warm.world->find_system("traffic"));
  if (!warm.traffic) throw std::logic_error("bench: the world has no traffic system");
  warm.lane_count = warm.world->network().lanes().size();
  warm.rss_empty_bytes = current_rss_bytes();

  Placer placer(spec, *warm.world, *warm.traffic, slot_spacing);
  const double capacity =
      static_cast<double>(slot_capacity(warm.world->network(), slot_spacing, car.length));
  placer.place_pass(std::min(1.0, static_cast<double>(spec.vehicles) / capacity));
  // Thinning rounds down and some spots are taken by then: a second pass over every slot tops up.
  if (placer.placed() < spec.vehicles) placer.place_pass(1.0);
  placer.finish();

  warm.placed = placer.placed();
  warm.placement_steps = placer.steps();
  warm.rss_placed_bytes = current_rss_bytes();
  warm.setup_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return warm;
}

}  // namespace citytwin::cli

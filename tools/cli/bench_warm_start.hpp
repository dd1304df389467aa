#pragma once
// Builds a benchmark world already holding a target number of vehicles: a generated signalised grid
// just big enough that the vehicles fill its lanes at a fixed fraction of jam density, with every
// vehicle placed directly on a lane (TrafficSystem::place_vehicle) and routed to a random exit.
// Deterministic: the same (vehicles, seed) give the same world whatever the thread count.
#include <cstddef>
#include <cstdint>
#include <memory>

#include "sim/step/world.hpp"

namespace citytwin {
class TrafficSystem;
class FamilyRegistry;
}  // namespace citytwin

namespace citytwin::cli {

struct WarmStartSpec {
  std::size_t vehicles = 10'000;
  unsigned threads = 0;  // 0 = all hardware threads
  std::uint64_t seed = 42;
  std::uint32_t lanes_per_direction = 3;
  double spacing_m = 300.0;
  // Vehicles per metre of lane as a fraction of jam density (1 / (length + s0)): 0.35 is dense
  // urban traffic that still moves, so every vehicle does real car-following work.
  double fraction_of_jam_density = 0.35;
  // The families whose builders make the world (null: the built-in ones); a benchmark adds a
  // family of its own to time what it costs beside traffic.
  const FamilyRegistry* families = nullptr;
};

struct WarmWorld {
  std::unique_ptr<World> world;
  TrafficSystem* traffic = nullptr;
  std::uint32_t grid_side = 0;  // rows = cols
  std::size_t lane_count = 0;
  std::size_t placed = 0;             // vehicles place_vehicle accepted
  std::uint64_t placement_steps = 0;  // steps taken while placing (see build_warm_world)
  double setup_seconds = 0.0;         // wall time of network, routes and placement
  std::size_t rss_empty_bytes = 0;    // resident set after building the empty world
  std::size_t rss_placed_bytes = 0;   // resident set with every vehicle in the network
};

// The world starts with no demand, so the count only falls as vehicles reach their exits; routes
// go across the grid, so few arrive within a benchmark window of a few hundred steps.
WarmWorld build_warm_world(const WarmStartSpec& spec);

// Resident set size of this process now, bytes (from /proc/self/statm; 0 if unreadable).
std::size_t current_rss_bytes();

}  // namespace citytwin::cli

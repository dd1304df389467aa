#pragma once
#include <cstdint>

namespace citytwin {

// What a random draw is for. Each purpose has its own stream, so adding draws for one purpose never
// shifts the numbers another purpose sees (common random numbers across what-if variants).
enum class RngStream : std::uint32_t {
  kDemand = 1,      // insertion headways, OD sampling
  kRouting = 2,     // route choice ties, re-routing
  kLaneChange = 3,  // MOBIL noise, driver imperfection
  kDriver = 4,      // per-vehicle parameter spread
  kSignals = 5,     // actuated controller noise
  kV2I = 6,         // equipment draws, message loss
  kRobots = 7,      // orders, dispatch
  kSensors = 8,     // sensor noise, failures
  kRadio = 9,       // channel loss, collisions
  kTest = 1000,     // reserved for tests
};

// Counter-based generator (Philox4x32-10, Random123): the numbers are a pure function of
// (seed, stream, agent, step, draw index). Nothing is carried between steps or threads, so a draw
// never depends on which thread asked or in which order agents were visited.
class CounterRng {
 public:
  CounterRng(std::uint64_t seed, RngStream stream, std::uint32_t agent, std::uint64_t step);

  std::uint32_t next_u32();
  std::uint64_t next_u64();
  // Uniform in [0, 1), 53 bits of precision.
  double uniform();
  // Uniform in [lo, hi).
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  // Uniform integer in [0, n), n > 0, without modulo bias.
  std::uint32_t below(std::uint32_t n);
  // Exponential with the given rate (> 0), by inversion.
  double exponential(double rate);
  // Standard normal, Box-Muller on two uniforms.
  double normal();
  bool bernoulli(double p) { return uniform() < p; }

 private:
  void refill();

  std::uint32_t key_[2];
  std::uint32_t counter_[4];
  std::uint32_t block_[4];
  unsigned used_ = 4;  // words of block_ already handed out
};

}  // namespace citytwin

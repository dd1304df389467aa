#pragma once
#include <cstdint>
#include <string_view>

#include "sim/core/name_hash.hpp"

namespace citytwin {

// What a random draw is for. Each purpose has its own stream, so adding draws for one purpose never
// shifts the numbers another purpose sees (common random numbers across what-if variants).
// The kernel names no family's streams: a family derives each of its own from a name with
// rng_stream("robots.orders") (below), or keeps a fixed id it has always used (traffic's ids 1-4,
// agents/traffic/traffic_rng_streams.hpp, so results stay bit-identical).
enum class RngStream : std::uint32_t {
  kTest = 1000,  // reserved for tests and benchmarks
};

// The stream of a named purpose ("family.purpose"): FNV-1a (32 bits) of the name with the top bit
// set, so it never meets the fixed ids below 2^31. A pure function of the bytes of the name:
// the same in every run, build and platform (tests/sim/rng_test.cpp pins a value). Two names
// colliding would share numbers, so a family checks its own names differ (a test per family).
constexpr RngStream rng_stream(std::string_view name) {
  return static_cast<RngStream>(fnv1a32(name) | 0x80000000u);
}

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

#pragma once
// Determinism harness: build a world, step it, and record the state hash at fixed intervals.
// Tests compare the hash trails for different thread counts and repeated runs; later systems only
// need a world factory to be covered.
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "agents/families.hpp"
#include "sim/step/world.hpp"

namespace citytwin::testing {

using WorldFactory = std::function<std::unique_ptr<World>(unsigned threads)>;

// Hash after every `every` steps, `steps` steps in all.
inline std::vector<std::uint64_t> hash_trail(const WorldFactory& make, unsigned threads,
                                             std::int64_t steps, std::int64_t every) {
  auto world = make(threads);
  std::vector<std::uint64_t> trail;
  for (std::int64_t s = 1; s <= steps; ++s) {
    world->step();
    if (s % every == 0) trail.push_back(world->state_hash());
  }
  return trail;
}

// Worlds built the way `citytwin run` builds them.
inline WorldFactory scenario_worlds(const Scenario& scenario) {
  return [&scenario](unsigned threads) {
    return build_world(scenario, WorldOverrides{.threads = threads});
  };
}

// The trail on one thread changes over the run, and 2 and 8 threads give the very same one.
inline void expect_same_trail_on_1_2_8_threads(const WorldFactory& make, std::int64_t steps,
                                               std::int64_t every) {
  const auto one = hash_trail(make, 1, steps, every);
  EXPECT_NE(one.front(), one.back());
  EXPECT_EQ(hash_trail(make, 2, steps, every), one);
  EXPECT_EQ(hash_trail(make, 8, steps, every), one);
}

}  // namespace citytwin::testing

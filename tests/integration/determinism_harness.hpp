#pragma once
// Determinism harness: build a world, step it, and record the state hash at fixed intervals.
// Tests compare the hash trails for different thread counts and repeated runs; later systems only
// need a world factory to be covered.
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

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

}  // namespace citytwin::testing

#pragma once
#include <cstdint>

#include "sim/core/clock.hpp"
#include "sim/core/rng.hpp"
#include "sim/step/executor.hpp"

namespace citytwin {

class Network;

// What a system sees while it runs a phase: time, the (immutable) network, the executor for its
// parallel kernels, and random streams keyed by this step.
class StepContext {
 public:
  StepContext(const Clock& clock, const Network& network, Executor& executor, std::uint64_t seed)
      : clock_(clock), network_(network), executor_(executor), seed_(seed) {}

  const Clock& clock() const { return clock_; }
  const Network& network() const { return network_; }
  Executor& executor() const { return executor_; }
  std::uint64_t seed() const { return seed_; }

  // The random stream of one agent for one purpose at this step.
  CounterRng rng(RngStream stream, std::uint32_t agent) const {
    return CounterRng(seed_, stream, agent, static_cast<std::uint64_t>(clock_.step()));
  }

 private:
  const Clock& clock_;
  const Network& network_;
  Executor& executor_;
  std::uint64_t seed_;
};

}  // namespace citytwin

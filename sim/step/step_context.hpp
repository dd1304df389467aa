#pragma once
#include <algorithm>
#include <cstdint>
#include <string>

#include "sim/core/clock.hpp"
#include "sim/core/rng.hpp"
#include "sim/step/executor.hpp"
#include "sim/step/phase.hpp"
#include "sim/step/resources.hpp"
#include "sim/step/system.hpp"

namespace citytwin {

class Network;

// What a system sees while it runs a phase: time, the (immutable) network, the executor for its
// parallel kernels, random streams keyed by this step, and exactly the resources it declared for
// this phase: read() for those it reads or writes, write() for those it writes. Asking for any
// other is a ResourceError (a bug in the system, caught on its first step), so the pipeline's
// conflict check always covers what systems really touch.
class StepContext {
 public:
  StepContext(const Clock& clock, const Network& network, Executor& executor, std::uint64_t seed,
              Resources& resources)
      : clock_(clock), network_(network), executor_(executor), seed_(seed), resources_(resources) {}

  const Clock& clock() const { return clock_; }
  const Network& network() const { return network_; }
  Executor& executor() const { return executor_; }
  std::uint64_t seed() const { return seed_; }

  // The random stream of one agent for one purpose at this step.
  CounterRng rng(RngStream stream, std::uint32_t agent) const {
    return CounterRng(seed_, stream, agent, static_cast<std::uint64_t>(clock_.step()));
  }

  template <class T>
  const T& read(Resource<T> resource) const {
    if (!declared(access_ != nullptr ? access_->reads : kNone, resource) &&
        !declared(access_ != nullptr ? access_->writes : kNone, resource)) {
      undeclared("reads", resource);
    }
    return static_cast<const Resources&>(resources_).get(resource);
  }
  template <class T>
  T& write(Resource<T> resource) const {
    if (!declared(access_ != nullptr ? access_->writes : kNone, resource)) {
      undeclared("writes", resource);
    }
    return resources_.get(resource);
  }

  // Whether any system reads `resource` (a writer may skip filling what nobody reads).
  bool has_readers(ResourceId resource) const { return resources_.has_readers(resource); }

  // Which system runs now and what it declared for this phase (World sets it before each run).
  void enter(const System& system, const PhaseAccess* access) {
    system_ = &system;
    access_ = access;
  }

 private:
  static inline const std::vector<ResourceId> kNone{};
  static bool declared(const std::vector<ResourceId>& ids, ResourceId id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  }
  [[noreturn]] void undeclared(const char* verb, ResourceId id) const {
    throw ResourceError(
        "system '" + std::string(system_ != nullptr ? system_->name() : "?") + "' " + verb + " '" +
        (id.index < resources_.size() ? resources_.name(id) : std::string("?")) + "' in phase '" +
        std::string(access_ != nullptr ? phase_name(access_->phase) : "?") +
        "' without declaring it");
  }

  const Clock& clock_;
  const Network& network_;
  Executor& executor_;
  std::uint64_t seed_;
  Resources& resources_;
  const System* system_ = nullptr;
  const PhaseAccess* access_ = nullptr;
};

}  // namespace citytwin

#pragma once
#include <array>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/step/system.hpp"

namespace citytwin {

class PipelineConflict : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The per-phase running order of a set of systems, checked when it is built.
//
// Within one phase, systems could in principle run side by side, so the pipeline refuses
//  - two systems writing the same resource in one phase (whose write would win is undefined), and
//  - a system reading a resource that another system writes in the same phase, unless the reader
//    declares it runs after the writer (then the order is explicit and fixed).
// Order inside a phase is registration order, adjusted only by `runs_after`; cycles are refused.
// Resources are the World's objects (typed handles in the declarations); `resources` names them in
// the messages.
class Pipeline {
 public:
  // One system's run in a phase, with what it declared there.
  struct Run {
    System* system = nullptr;
    PhaseAccess access;
  };

  // Throws PipelineConflict with a message naming the phase, systems and resource.
  static Pipeline build(const std::vector<System*>& systems, const Resources& resources);

  const std::vector<System*>& order(Phase phase) const {
    return order_[static_cast<std::size_t>(phase)];
  }
  const std::vector<Run>& runs(Phase phase) const { return runs_[static_cast<std::size_t>(phase)]; }

 private:
  std::array<std::vector<System*>, kPhaseCount> order_;
  std::array<std::vector<Run>, kPhaseCount> runs_;
};

}  // namespace citytwin

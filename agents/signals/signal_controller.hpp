#pragma once
#include <span>
#include <string_view>

#include "agents/contracts/lane_observations.hpp"
#include "sim/network/signal_state.hpp"

namespace citytwin {

class StateHasher;
struct Inspection;

// The timing limits a signal engineer sets for a junction, which every controller keeps whatever
// it decides: a green lasts at least `min_green` and (where a controller extends greens) at most
// `max_green`; every green ends in `amber`, then `all_red` before a conflicting green; a
// pedestrian phase ends with `pedestrian_clearance` of flashing don't-walk.
struct PhaseTimings {
  double min_green = 5.0;             // s
  double max_green = 60.0;            // s
  double amber = 3.0;                 // s
  double all_red = 0.0;               // s
  double pedestrian_clearance = 0.0;  // s
};

// What a controller may look at while it decides, read-only, for this step.
struct ControllerInputs {
  double now = 0.0;           // s
  double step_seconds = 1.0;  // s
  // Per-lane observations (ground truth or what sensors delivered); null unless the controller
  // needs them (SignalController::needs_observations).
  const LaneObservations* lanes = nullptr;
};

// One signalised junction's controller: fixed-time now; actuated, max-pressure and priority
// control implement the same interface. Controllers of different junctions decide in parallel,
// so a controller touches only its own state.
class SignalController {
 public:
  virtual ~SignalController() = default;

  // "fixed time", "actuated"... (inspector, reports).
  virtual std::string_view kind() const = 0;
  // Whether decide reads ControllerInputs::lanes (the signal system then declares the read).
  virtual bool needs_observations() const { return false; }
  // The indication of each of the junction's signal groups for this step, in
  // Node::signal_groups order.
  virtual void decide(const ControllerInputs& inputs, std::span<SignalState> groups) = 0;
  // Its plan and state, for the inspector.
  virtual void describe(Inspection& inspection) const = 0;
  // Every bit of its state that decides later indications (determinism tests).
  virtual void hash_state(StateHasher& hasher) const = 0;
};

}  // namespace citytwin

#pragma once
#include "sim/network/network.hpp"
#include "sim/view/world_view.hpp"

namespace citytwin {

// What vehicles (and later robots at crossings, GLOSA advisors) read from signal control: the
// indication of each signal group this step. Every controller (fixed-time now; actuated,
// max-pressure and priority later) implements it, so road users never depend on a controller kind.
class SignalStates {
 public:
  virtual ~SignalStates() = default;
  virtual SignalState state(SignalGroupId group) const = 0;
};

}  // namespace citytwin

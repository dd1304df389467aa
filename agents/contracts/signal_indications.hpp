#pragma once
#include <cstddef>
#include <string_view>
#include <vector>

#include "sim/network/signal_state.hpp"

namespace citytwin {

// What signal control shows each signal group this step (indexed by SignalGroupId). Written by
// the signal controllers in decide; read by everyone who obeys or reports signals: vehicles in
// act, and later robots at crosswalks and roadside units building SPaT. With no controller in a
// world the signals stay dark (kOff) and vehicles cross as at an unsignalised junction.
struct SignalIndications {
  static constexpr std::string_view kName = "signal indications";

  explicit SignalIndications(std::size_t groups) : state(groups, SignalState::kOff) {}
  std::vector<SignalState> state;
};

}  // namespace citytwin

#pragma once
#include <cstdint>
#include <string_view>

namespace citytwin {

// Signal indication of a signal group, as shown to drivers.
enum class SignalState : std::uint8_t { kRed, kAmber, kGreen, kRedAmber, kOff };

constexpr std::string_view signal_state_name(SignalState state) {
  switch (state) {
    case SignalState::kRed:
      return "red";
    case SignalState::kAmber:
      return "amber";
    case SignalState::kGreen:
      return "green";
    case SignalState::kRedAmber:
      return "red-amber";
    case SignalState::kOff:
      return "off";
  }
  return "unknown";
}

}  // namespace citytwin

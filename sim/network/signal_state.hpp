#pragma once
#include <cstdint>

namespace citytwin {

// Signal indication of a signal group, as shown to drivers.
enum class SignalState : std::uint8_t { kRed, kAmber, kGreen, kRedAmber, kOff };

}  // namespace citytwin

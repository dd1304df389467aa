#pragma once
#include <cstdint>

namespace citytwin {

// What an agent is, for drawing and filtering. Stable values: they are written to outputs.
enum class AgentKind : std::uint8_t {
  kCar,
  kBus,
  kTruck,
  kShuttle,
  kRobot,
  kSensor,
  kRoadsideUnit,
  kGateway,
};

}  // namespace citytwin

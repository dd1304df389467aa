#pragma once
#include <cstdint>

#include "sim/view/agent_kind.hpp"

namespace citytwin {

// Health of a fixed device as the view shows it (sensors by health; RSUs and gateways too).
enum class SiteHealth : std::uint8_t { kOk, kDegraded, kFailed, kUnknown };

// A fixed device in the snapshot: a roadside unit, a gateway or a sensor, drawn as an icon with
// its radio range as a circle. Systems that own such devices (V2I, sensor networks) append them
// at publish time; the view draws whatever is there.
struct InfrastructureSite {
  AgentKind kind = AgentKind::kSensor;  // kRoadsideUnit, kGateway or kSensor
  std::uint32_t id = 0;
  float x = 0.0f;  // m
  float y = 0.0f;
  float range = 0.0f;  // m: radio range drawn as a circle; 0 = none
  SiteHealth health = SiteHealth::kOk;
};

// What a delivery robot is doing, in WorldView::agent_state for AgentKind::kRobot.
enum class RobotState : std::uint8_t { kIdle, kToPickup, kLoaded, kCharging };

}  // namespace citytwin

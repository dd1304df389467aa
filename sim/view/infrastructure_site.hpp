#pragma once
#include <cstdint>

#include "sim/view/agent_kind.hpp"

namespace citytwin {

// Health of a fixed device as the view shows it (sensors by health; RSUs and gateways too).
enum class SiteHealth : std::uint8_t { kOk, kDegraded, kFailed, kUnknown };

// A fixed device in the snapshot (a roadside unit, a gateway, a sensor...), drawn as its kind's
// icon (AgentKindStyle::glyph) with its radio range as a circle. Systems that own such devices
// (V2I, sensor networks) append them at publish time; the view draws whatever is there.
struct InfrastructureSite {
  AgentKind kind{};  // declared by the owning system with its style
  std::uint32_t id = 0;
  float x = 0.0f;  // m
  float y = 0.0f;
  float range = 0.0f;  // m: radio range drawn as a circle; 0 = none
  SiteHealth health = SiteHealth::kOk;
};

}  // namespace citytwin

#pragma once
// The kinds traffic puts in snapshots: one per vehicle class, named as the class ("car", "bus",
// "truck", "shuttle"), drawn as footprints coloured by speed.
#include <array>
#include <vector>

#include "agents/traffic/vehicle_type.hpp"
#include "sim/view/agent_kind_style.hpp"

namespace citytwin {

inline constexpr std::array<AgentKind, kVehicleClassCount> kVehicleAgentKinds = {
    agent_kind(vehicle_class_name(VehicleClass::kCar)),
    agent_kind(vehicle_class_name(VehicleClass::kBus)),
    agent_kind(vehicle_class_name(VehicleClass::kTruck)),
    agent_kind(vehicle_class_name(VehicleClass::kShuttle))};

constexpr AgentKind vehicle_agent_kind(VehicleClass c) {
  return kVehicleAgentKinds[static_cast<std::size_t>(c)];
}

bool is_vehicle_agent_kind(AgentKind kind);

// Their styles, in class order (TrafficSystem declares them).
std::vector<AgentKindStyle> vehicle_agent_kind_styles();

}  // namespace citytwin

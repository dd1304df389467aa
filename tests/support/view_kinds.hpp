#pragma once
// Agent kinds for views built by hand in tests: traffic's vehicle classes as traffic declares
// them, and a robot and three devices as a robot or sensor family might declare theirs. The kernel
// and the renderer know none of these names: the styles are all they see.
#include <memory>
#include <vector>

#include "agents/traffic/vehicle_agent_kinds.hpp"
#include "sim/view/world_view.hpp"

namespace citytwin::test_kinds {

inline constexpr AgentKind kCar = vehicle_agent_kind(VehicleClass::kCar);
inline constexpr AgentKind kBus = vehicle_agent_kind(VehicleClass::kBus);
inline constexpr AgentKind kTruck = vehicle_agent_kind(VehicleClass::kTruck);
inline constexpr AgentKind kRobot = agent_kind("test.robot");
inline constexpr AgentKind kSensor = agent_kind("test.sensor");
inline constexpr AgentKind kRoadsideUnit = agent_kind("test.rsu");
inline constexpr AgentKind kGateway = agent_kind("test.gateway");

// The robot's states, in agent_state order, and their colours.
inline constexpr Rgba8 kRobotIdle{170, 190, 210};
inline constexpr Rgba8 kRobotToPickup{80, 170, 255};
inline constexpr Rgba8 kRobotLoaded{255, 120, 200};
inline constexpr Rgba8 kRobotCharging{250, 240, 90};
inline constexpr Rgba8 kSensorColour{60, 210, 200};
inline constexpr Rgba8 kRoadsideUnitColour{60, 140, 255};
inline constexpr Rgba8 kGatewayColour{190, 110, 255};

inline AgentKindStyle device_style(const char* name, AgentGlyph glyph, Rgba8 colour) {
  AgentKindStyle style;
  style.name = name;
  style.glyph = glyph;
  style.colouring = AgentColouring::kFixed;
  style.colour = colour;
  return style;
}

inline std::vector<AgentKindStyle> test_kind_styles() {
  std::vector<AgentKindStyle> styles = vehicle_agent_kind_styles();
  AgentKindStyle robot;
  robot.name = "test.robot";
  robot.length = 0.8f;
  robot.width = 0.6f;
  robot.colouring = AgentColouring::kByState;
  robot.states = {{"idle", kRobotIdle},
                  {"to pickup", kRobotToPickup},
                  {"loaded", kRobotLoaded},
                  {"charging", kRobotCharging}};
  styles.push_back(robot);
  styles.push_back(device_style("test.sensor", AgentGlyph::kSmallSquare, kSensorColour));
  styles.push_back(device_style("test.rsu", AgentGlyph::kSquare, kRoadsideUnitColour));
  styles.push_back(device_style("test.gateway", AgentGlyph::kDiamond, kGatewayColour));
  return styles;
}

inline std::shared_ptr<const AgentKindTable> test_agent_kinds() {
  auto table = std::make_shared<AgentKindTable>();
  for (AgentKindStyle& style : test_kind_styles()) table->add(std::move(style));
  return table;
}

}  // namespace citytwin::test_kinds

#include "render/agents/agent_instances.hpp"

#include <limits>

namespace citytwin::render {

Footprint footprint(AgentKind kind) {
  switch (kind) {
    case AgentKind::kCar:
      return {4.5f, 1.8f};
    case AgentKind::kBus:
      return {12.0f, 2.5f};
    case AgentKind::kTruck:
      return {8.0f, 2.5f};
    case AgentKind::kShuttle:
      return {6.0f, 2.2f};
    case AgentKind::kRobot:
      return {0.8f, 0.6f};
    case AgentKind::kSensor:
    case AgentKind::kRoadsideUnit:
    case AgentKind::kGateway:
      break;
  }
  return {};
}

Rgba8 robot_colour(RobotState state) {
  switch (state) {
    case RobotState::kToPickup:
      return palette::kRobot;
    case RobotState::kLoaded:
      return palette::kRobotLoaded;
    case RobotState::kCharging:
      return palette::kRobotCharging;
    case RobotState::kIdle:
      break;
  }
  return palette::kRobotIdle;
}

void append_agent_instances(const WorldView& view, const AgentStyle& style,
                            std::vector<QuadInstance>& out) {
  const double inf = std::numeric_limits<double>::infinity();
  append_agent_instances(view, style, WorldBox{{-inf, -inf}, {inf, inf}}, out);
}

void append_agent_instances(const WorldView& view, const AgentStyle& style, const WorldBox& visible,
                            std::vector<QuadInstance>& out) {
  const std::size_t n = view.agent_count();
  for (std::size_t i = 0; i < n; ++i) {
    if (!visible.contains(view.x[i], view.y[i])) continue;
    const Footprint size = footprint(view.agent_kind[i]);
    if (size.length <= 0.0f) continue;
    const Rgba8 colour = view.agent_kind[i] == AgentKind::kRobot
                             ? robot_colour(static_cast<RobotState>(view.agent_state[i]))
                             : speed_colour(view.speed[i], style.reference_speed);
    out.push_back(
        {view.x[i], view.y[i], view.heading[i], size.length * 0.5f, size.width * 0.5f, colour});
  }
}

}  // namespace citytwin::render

#pragma once
#include <vector>

#include "render/agents/quad_instance.hpp"
#include "render/camera.hpp"
#include "sim/view/world_view.hpp"

namespace citytwin::render {

struct AgentStyle {
  // Speed at which a vehicle is drawn fully green (50 km/h).
  float reference_speed = 13.89f;
};

// Footprint of an agent kind in metres (length, width); {0, 0} for kinds not drawn as vehicles.
struct Footprint {
  float length = 0.0f;
  float width = 0.0f;
};
Footprint footprint(AgentKind kind);

// A delivery robot by what it does: idle, on its way to a pickup, loaded, charging.
Rgba8 robot_colour(RobotState state);

// Appends one QuadInstance per moving agent of the snapshot (cars, buses, trucks, shuttles,
// robots), in snapshot order: centre and heading from the view, size by kind, vehicles coloured by
// speed (red stopped -> green at reference speed), robots in their own colour. Static
// infrastructure kinds (sensors, roadside units, gateways) are left to their own layer.
void append_agent_instances(const WorldView& view, const AgentStyle& style,
                            std::vector<QuadInstance>& out);
// The same for the agents whose centre lies in `visible` only: zoomed in on a big city, most
// agents are off screen, and each sprite costs lavapipe six vertices even when clipped. Grow the
// box by half the longest footprint (and the minimum sprite size) so no edge sprite is lost.
void append_agent_instances(const WorldView& view, const AgentStyle& style, const WorldBox& visible,
                            std::vector<QuadInstance>& out);

// Half the length of the longest footprint (a bus), metres.
inline constexpr float kLongestHalfFootprint = 6.0f;

}  // namespace citytwin::render

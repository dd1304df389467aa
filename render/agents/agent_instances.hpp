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

// The colour of one agent of kind `style`: by speed (red stopped -> green at the reference speed),
// by state, or fixed, as the kind says.
Rgba8 agent_colour(const AgentKindStyle& style, float speed, std::uint8_t state,
                   const AgentStyle& view_style);

// Appends one QuadInstance per moving agent of the snapshot (the kinds drawn as footprints:
// vehicles, robots), in snapshot order: centre and heading from the view, size and colouring from
// the kind's style (WorldView::agent_kinds). Kinds drawn as icons (sensors, roadside units,
// gateways) are left to their own layer.
void append_agent_instances(const WorldView& view, const AgentStyle& style,
                            std::vector<QuadInstance>& out);
// The same for the agents whose centre lies in `visible` only: zoomed in on a big city, most
// agents are off screen, and each sprite costs lavapipe six vertices even when clipped. Grow the
// box by half the longest footprint (and the minimum sprite size) so no edge sprite is lost.
void append_agent_instances(const WorldView& view, const AgentStyle& style, const WorldBox& visible,
                            std::vector<QuadInstance>& out);

}  // namespace citytwin::render

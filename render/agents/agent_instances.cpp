#include "render/agents/agent_instances.hpp"

#include <limits>

#include "render/agents/kind_styles.hpp"

namespace citytwin::render {

Rgba8 agent_colour(const AgentKindStyle& style, float speed, std::uint8_t state,
                   const AgentStyle& view_style) {
  return style.colouring == AgentColouring::kBySpeed
             ? speed_colour(speed, view_style.reference_speed)
             : style.state_colour(state);
}

void append_agent_instances(const WorldView& view, const AgentStyle& style,
                            std::vector<QuadInstance>& out) {
  const double inf = std::numeric_limits<double>::infinity();
  append_agent_instances(view, style, WorldBox{{-inf, -inf}, {inf, inf}}, out);
}

void append_agent_instances(const WorldView& view, const AgentStyle& style, const WorldBox& visible,
                            std::vector<QuadInstance>& out) {
  const std::size_t n = view.agent_count();
  KindStyles styles(view);
  for (std::size_t i = 0; i < n; ++i) {
    if (!visible.contains(view.x[i], view.y[i])) continue;
    const AgentKindStyle& kind = styles(view.agent_kind[i]);
    if (kind.glyph != AgentGlyph::kFootprint || !(kind.length > 0.0f)) continue;
    const Rgba8 colour = agent_colour(kind, view.speed[i], view.agent_state[i], style);
    out.push_back(
        {view.x[i], view.y[i], view.heading[i], kind.length * 0.5f, kind.width * 0.5f, colour});
  }
}

}  // namespace citytwin::render

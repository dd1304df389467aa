#include "render/agents/agent_detail.hpp"

namespace citytwin::render {

bool detail_depends_on_count(double pixels_per_metre, const DetailRule& rule) {
  const double car_pixels = rule.car_length_m * pixels_per_metre;
  return car_pixels >= rule.min_sprite_pixels && car_pixels < rule.crowd_sprite_pixels;
}

AgentDetail choose_agent_detail(double pixels_per_metre, std::size_t agents_in_view,
                                const DetailRule& rule) {
  if (agents_in_view <= rule.few_agents) return AgentDetail::kSprites;
  const double car_pixels = rule.car_length_m * pixels_per_metre;
  if (car_pixels < rule.min_sprite_pixels) return AgentDetail::kDensity;
  if (car_pixels < rule.crowd_sprite_pixels && agents_in_view > rule.crowd_agents) {
    return AgentDetail::kDensity;
  }
  return AgentDetail::kSprites;
}

}  // namespace citytwin::render

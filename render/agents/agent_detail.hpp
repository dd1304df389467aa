#pragma once
#include <cstddef>
#include <cstdint>

namespace citytwin::render {

// Level of detail of the agent layer: one sprite per agent, or agent density in screen cells.
enum class AgentDetail : std::uint8_t { kSprites, kDensity };

// When sprites stop being worth drawing. A car (4.5 m) is the yardstick: a sprite shorter than a
// couple of pixels shows neither heading nor size, only that something is there, which density
// cells show better and far cheaper. lavapipe rasterises on the CPU and is bound by triangle
// setup, so with many agents in view the switch comes earlier (at a zoom where sprites would
// still be readable one by one but are too many to read as a whole anyway).
struct DetailRule {
  // At most this many agents: sprites at any zoom. They keep a minimum size on screen, so a few
  // thousand moving dots still read as traffic (a whole real deployment at once) and cost little.
  std::size_t few_agents = 5'000;
  double car_length_m = 4.5;
  double min_sprite_pixels = 1.5;     // below: density whatever the count
  std::size_t crowd_agents = 20'000;  // above this many agents in view ...
  double crowd_sprite_pixels = 6.0;   // ... density while a car is shorter than this
};

// Few agents (`agents_in_view` <= few_agents): kSprites. Otherwise the zoom decides when it can:
// kDensity below min_sprite_pixels, kSprites at or above crowd_sprite_pixels; in between,
// whether the agents in view exceed crowd_agents. (The renderer asks first with all agents, so
// a big city zoomed out goes straight to density without a pass over its sprites.)
bool detail_depends_on_count(double pixels_per_metre, const DetailRule& rule = {});

// Pure: the same zoom and count always give the same answer; unit-tested without Vulkan.
AgentDetail choose_agent_detail(double pixels_per_metre, std::size_t agents_in_view,
                                const DetailRule& rule = {});

}  // namespace citytwin::render

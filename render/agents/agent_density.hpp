#pragma once
#include <cstdint>
#include <vector>

#include "render/agents/agent_instances.hpp"
#include "render/agents/quad_instance.hpp"
#include "render/camera.hpp"
#include "sim/view/world_view.hpp"

namespace citytwin::render {

// The zoomed-out agent layer: the agents drawn as vehicles are counted into square cells of
// kCellPixels on screen, and each non-empty cell becomes one quad. Cells are aligned to the world
// (multiples of the cell size from the origin), so panning moves the cells with the city instead
// of re-binning agents into different cells every frame.
//
// Colour: the mean speed of the cell's agents on the vehicles' own speed ramp, so colours keep
// their meaning when zooming out; opacity: how full the cell is, from faint (one vehicle) to solid
// (a stopped queue along the cell's width, one lane), so density reads as weight.
//
// Counters are kept between frames (sized to the target, reset with a fill), so steady state
// allocates nothing.
class DensityCells {
 public:
  static constexpr double kCellPixels = 4.0;
  static constexpr double kJamSpacing = 7.0;        // m per stopped car (length + gap)
  static constexpr std::uint8_t kFaintAlpha = 110;  // one vehicle in a cell

  // Appends one QuadInstance per non-empty visible cell, rows bottom to top, west to east.
  // Returns the number of agents binned.
  std::size_t append(const WorldView& view, const Camera& camera, const AgentStyle& style,
                     std::vector<QuadInstance>& out);

 private:
  std::vector<std::uint32_t> count_;
  std::vector<float> speed_sum_;
};

}  // namespace citytwin::render

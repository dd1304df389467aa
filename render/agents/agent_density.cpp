#include "render/agents/agent_density.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "render/agents/kind_styles.hpp"

namespace citytwin::render {

std::size_t DensityCells::append(const WorldView& view, const Camera& camera,
                                 const AgentStyle& style, std::vector<QuadInstance>& out) {
  const double cell = kCellPixels / camera.pixels_per_metre;  // metres
  const double inv_cell = 1.0 / cell;
  const WorldBox box = visible_box(camera);
  // One cell of slack on each side: the picture's edges rarely fall on cell boundaries.
  const double first_x = std::floor(box.min.x * inv_cell);
  const double first_y = std::floor(box.min.y * inv_cell);
  const auto nx = static_cast<std::size_t>(std::ceil(camera.width / kCellPixels)) + 2;
  const auto ny = static_cast<std::size_t>(std::ceil(camera.height / kCellPixels)) + 2;
  count_.assign(nx * ny, 0);  // keeps capacity
  speed_sum_.assign(nx * ny, 0.0f);

  // Moving agents only (footprints); the lookup keeps its last answer: this loop runs over a
  // million agents a frame at 1M, in runs of one kind.
  KindStyles styles(view);

  std::size_t binned = 0;
  const std::size_t n = view.agent_count();
  const float* xs = view.x.data();
  const float* ys = view.y.data();
  const AgentKind* kinds = view.agent_kind.data();
  const double nx_d = static_cast<double>(nx);
  const double ny_d = static_cast<double>(ny);
  for (std::size_t i = 0; i < n; ++i) {
    const double fx = xs[i] * inv_cell - first_x;
    const double fy = ys[i] * inv_cell - first_y;
    if (!(fx >= 0.0 && fy >= 0.0 && fx < nx_d && fy < ny_d)) continue;
    if (styles(kinds[i]).glyph != AgentGlyph::kFootprint) continue;  // devices: own layer
    const std::size_t c = static_cast<std::size_t>(fy) * nx + static_cast<std::size_t>(fx);
    ++count_[c];
    speed_sum_[c] += view.speed[i];
    ++binned;
  }

  const float half = static_cast<float>(cell * 0.5);
  const double full = std::max(1.0, cell / kJamSpacing);
  for (std::size_t iy = 0; iy < ny; ++iy) {
    for (std::size_t ix = 0; ix < nx; ++ix) {
      const std::size_t c = iy * nx + ix;
      const std::uint32_t k = count_[c];
      if (k == 0) continue;
      Rgba8 colour = speed_colour(speed_sum_[c] / static_cast<float>(k), style.reference_speed);
      const double fill = std::min(1.0, k / full);
      colour.a = static_cast<std::uint8_t>(std::lround(kFaintAlpha + (255 - kFaintAlpha) * fill));
      out.push_back({static_cast<float>((first_x + ix + 0.5) * cell),
                     static_cast<float>((first_y + iy + 0.5) * cell), 0.0f, half, half, colour});
    }
  }
  return binned;
}

}  // namespace citytwin::render

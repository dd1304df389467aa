#pragma once
#include <vector>

#include "render/agents/quad_instance.hpp"
#include "sim/view/world_view.hpp"

namespace citytwin::render {

struct SiteStyle {
  double icon_pixels = 8.0;     // icons keep their size on screen at any zoom
  double ring_pixels = 1.5;     // width of a range circle's line
  unsigned ring_segments = 48;  // quads per range circle
};

// Colour of a site: its kind's colour (`kind`: the site's style) while it is well; a failed,
// degraded or unknown device shows its health instead, whatever its kind.
Rgba8 site_colour(const InfrastructureSite& site, const AgentKindStyle& kind);

// One icon quad per site, shaped by its kind's glyph (square, diamond, small square), and,
// when `ranges`, a circle of thin quads at each site's radio range, appended to `out` (rings
// first, so icons draw on top). Sizes are in pixels at `pixels_per_metre`.
void append_site_instances(const WorldView& view, double pixels_per_metre, bool ranges,
                           const SiteStyle& style, std::vector<QuadInstance>& out);

}  // namespace citytwin::render

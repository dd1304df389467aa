#include "render/agents/infrastructure_icons.hpp"

#include <cmath>
#include <numbers>

#include "render/agents/kind_styles.hpp"

namespace citytwin::render {

Rgba8 site_colour(const InfrastructureSite& site, const AgentKindStyle& kind) {
  switch (site.health) {
    case SiteHealth::kFailed:
      return palette::kSiteFailed;
    case SiteHealth::kDegraded:
      return palette::kSiteDegraded;
    case SiteHealth::kUnknown:
      return palette::kSiteUnknown;
    case SiteHealth::kOk:
      break;
  }
  return kind.colour;
}

void append_site_instances(const WorldView& view, double pixels_per_metre, bool ranges,
                           const SiteStyle& style, std::vector<QuadInstance>& out) {
  const double metres_per_pixel = 1.0 / pixels_per_metre;
  KindStyles styles(view);
  if (ranges) {
    const double pi = std::numbers::pi;
    const auto half_line = static_cast<float>(0.5 * style.ring_pixels * metres_per_pixel);
    for (const InfrastructureSite& site : view.sites) {
      if (!(site.range > 0.0f)) continue;
      const Rgba8 colour = site_colour(site, styles(site.kind));
      // Each segment is a chord of the circle, laid along its tangent.
      const double step = 2.0 * pi / style.ring_segments;
      const auto half_chord = static_cast<float>(site.range * std::sin(0.5 * step));
      for (unsigned k = 0; k < style.ring_segments; ++k) {
        const double angle = (k + 0.5) * step;
        const double r = site.range * std::cos(0.5 * step);
        out.push_back({static_cast<float>(site.x + r * std::cos(angle)),
                       static_cast<float>(site.y + r * std::sin(angle)),
                       static_cast<float>(angle + 0.5 * pi), half_chord, half_line, colour});
      }
    }
  }
  const auto half_icon = static_cast<float>(0.5 * style.icon_pixels * metres_per_pixel);
  for (const InfrastructureSite& site : view.sites) {
    const AgentKindStyle& kind = styles(site.kind);
    const float heading =
        kind.glyph == AgentGlyph::kDiamond ? 0.25f * std::numbers::pi_v<float> : 0.0f;
    const float size = kind.glyph == AgentGlyph::kSmallSquare ? 0.7f * half_icon : half_icon;
    out.push_back({site.x, site.y, heading, size, size, site_colour(site, kind)});
  }
}

}  // namespace citytwin::render

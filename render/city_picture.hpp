#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "render/camera.hpp"
#include "render/dashboards/dashboards.hpp"
#include "render/dashboards/headless_dashboards.hpp"
#include "render/headless_renderer.hpp"
#include "sim/network/network.hpp"
#include "sim/view/world_view.hpp"

namespace citytwin::render {

struct PictureOptions {
  HeadlessOptions headless;
  bool kpi_panel = true;        // false: the bare city
  DashboardContent dashboards;  // what the KPI panel plots, and the families' panels
};

// A headless picture of the city view as the window shows it: the city from a WorldView snapshot
// and, on top, the KPI panel with its plots. What `citytwin render` and `run --frames` draw.
class CityPicture {
 public:
  // Throws RenderError (no Vulkan device, size beyond the device's limits, ...).
  CityPicture(const Network& network, const PictureOptions& options);

  // RGBA8 pixels, rows top to bottom; valid until the next draw().
  const std::vector<std::uint8_t>& draw(const WorldView& view, const Camera& camera,
                                        const KpiHistory& history);

  HeadlessRenderer& renderer() { return renderer_; }
  const HeadlessRenderer& renderer() const { return renderer_; }
  // Where the KPI panel was drawn by the last draw(); nullopt without the panel.
  std::optional<PanelRect> kpi_panel() const;
  // Where the family panel titled `title` was drawn by the last draw(); nullopt if it was not.
  std::optional<PanelRect> panel(std::string_view title) const;

 private:
  HeadlessRenderer renderer_;                       // owns the Vulkan context: declared first
  std::unique_ptr<HeadlessDashboards> dashboards_;  // null with kpi_panel = false
};

}  // namespace citytwin::render

#pragma once
#include <vulkan/vulkan.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "render/dashboards/dashboards.hpp"
#include "sim/family/family_registry.hpp"
#include "sim/view/kpi_plot.hpp"
#include "sim/view/panel.hpp"
#include "sim/view/world_view.hpp"

struct ImGuiContext;

namespace citytwin::render {

class VulkanContext;

// Where a dashboard window ended up, in pixels from the picture's top left corner.
struct PanelRect {
  float x = 0.0f;
  float y = 0.0f;
  float width = 0.0f;
  float height = 0.0f;
};

// What a picture's dashboards show: the KPI plots and the families' panels (both registered by
// the families: FamilyRegistry::kpi_plots / panels).
struct DashboardContent {
  std::vector<KpiPlot> kpi_plots;
  std::vector<Panel> panels;
};
DashboardContent dashboards_of(const FamilyRegistry& families);

// The viewer's KPI panel (and the families' panels) drawn into a picture without a window: its own
// Dear ImGui context with the display size and frame time set by hand (no GLFW, no X, no input) and
// the Vulkan backend on the offscreen render pass. Pictures are deterministic: a fixed frame time,
// no mouse, no ini file, and the panel shows simulated values only (nothing measured on the wall
// clock). One per offscreen target; not copyable.
class HeadlessDashboards {
 public:
  // Throws RenderError.
  HeadlessDashboards(const VulkanContext& context, VkRenderPass render_pass, std::uint32_t width,
                     std::uint32_t height, DashboardContent content = {});
  ~HeadlessDashboards();
  HeadlessDashboards(const HeadlessDashboards&) = delete;
  HeadlessDashboards& operator=(const HeadlessDashboards&) = delete;

  // Lays the panels out for this snapshot and history (ImGui frames, not yet drawn).
  void layout(const WorldView& view, const KpiHistory& history);
  // Records the draw lists of the last layout() into the open render pass (TargetFrame::in_pass).
  void record(VkCommandBuffer cmd) const;
  // The KPI panel's place after the last layout(); nullopt before the first.
  std::optional<PanelRect> kpi_panel() const { return kpi_panel_; }
  // Where the family panel titled `title` was drawn by the last layout(); nullopt if it was not.
  std::optional<PanelRect> panel(std::string_view title) const;

  // ImGui measures a new auto-sized window in a hidden frame before it shows it: every layout
  // runs this many frames so that the first picture and the hundredth draw the same panel.
  static constexpr int kSettleFrames = 3;

 private:
  void release();

  VkDevice device_ = VK_NULL_HANDLE;
  VkDescriptorPool pool_ = VK_NULL_HANDLE;
  ImGuiContext* imgui_ = nullptr;
  bool vulkan_ready_ = false;
  std::optional<PanelRect> kpi_panel_;
  DashboardContent content_;
  std::vector<std::pair<std::string, PanelRect>> panel_rects_;
};

}  // namespace citytwin::render

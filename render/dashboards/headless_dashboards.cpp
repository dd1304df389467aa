#include "render/dashboards/headless_dashboards.hpp"

#include <backends/imgui_impl_vulkan.h>
#include <imgui.h>
#include <imgui_internal.h>  // ImGui::FindWindowByName: where the panel is, for callers and tests

#include "render/dashboards/imgui_vulkan_setup.hpp"
#include "render/vulkan/render_error.hpp"
#include "render/vulkan/vulkan_context.hpp"

namespace citytwin::render {
namespace {

// The backend keeps vertex buffers per "swapchain image"; offscreen frames are waited for one at
// a time, so the minimum it accepts is plenty.
constexpr std::uint32_t kBackendImages = 2;
constexpr float kFixedDeltaSeconds = 1.0f / 60.0f;

// Every ImGui call acts on the current context: make this object's current for a scope and put
// back whatever was current (a window's layer may live in the same process).
class CurrentContext {
 public:
  explicit CurrentContext(ImGuiContext* context) : previous_(ImGui::GetCurrentContext()) {
    ImGui::SetCurrentContext(context);
  }
  ~CurrentContext() { ImGui::SetCurrentContext(previous_); }
  CurrentContext(const CurrentContext&) = delete;
  CurrentContext& operator=(const CurrentContext&) = delete;

 private:
  ImGuiContext* previous_;
};

// Where the window titled `title` is, if the last frame drew it (current context).
std::optional<PanelRect> drawn_window(const char* title) {
  const ImGuiWindow* window = ImGui::FindWindowByName(title);
  if (window == nullptr || !window->WasActive) return std::nullopt;
  return PanelRect{window->Pos.x, window->Pos.y, window->Size.x, window->Size.y};
}

}  // namespace

DashboardContent dashboards_of(const FamilyRegistry& families) {
  return {families.kpi_plots(), families.panels()};
}

HeadlessDashboards::HeadlessDashboards(const VulkanContext& context, VkRenderPass render_pass,
                                       std::uint32_t width, std::uint32_t height,
                                       DashboardContent content)
    : device_(context.device()), content_(std::move(content)) {
  try {
    pool_ = create_imgui_descriptor_pool(device_);
    IMGUI_CHECKVERSION();
    imgui_ = ImGui::CreateContext();  // current only if none was: set it below
    CurrentContext current(imgui_);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // no window positions carried in from (or out to) a file
    io.LogFilename = nullptr;
    io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
    io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
    io.DeltaTime = kFixedDeltaSeconds;
    apply_citytwin_imgui_style();
    init_imgui_vulkan_backend(context, pool_, render_pass, kBackendImages, kBackendImages);
    vulkan_ready_ = true;
    upload_imgui_fonts(context);
  } catch (...) {
    release();
    throw;
  }
}

HeadlessDashboards::~HeadlessDashboards() {
  release();
}

void HeadlessDashboards::release() {
  if (device_ != VK_NULL_HANDLE) vkDeviceWaitIdle(device_);
  if (imgui_ != nullptr) {
    {
      CurrentContext current(imgui_);
      if (vulkan_ready_) ImGui_ImplVulkan_Shutdown();
    }
    ImGui::DestroyContext(imgui_);
  }
  vulkan_ready_ = false;
  imgui_ = nullptr;
  if (pool_ != VK_NULL_HANDLE) vkDestroyDescriptorPool(device_, pool_, nullptr);
  pool_ = VK_NULL_HANDLE;
}

void HeadlessDashboards::layout(const WorldView& view, const KpiHistory& history) {
  CurrentContext current(imgui_);
  for (int frame = 0; frame < kSettleFrames; ++frame) {
    ImGui::GetIO().DeltaTime = kFixedDeltaSeconds;
    ImGui_ImplVulkan_NewFrame();
    ImGui::NewFrame();
    // No `open` flags: no close buttons in a picture.
    ShowKpiPanel(nullptr, view, history, content_.kpi_plots);
    // A picture applies nothing: what a panel asks for is dropped.
    CommandQueue ignored;
    for (const Panel& panel : content_.panels) panel.show(nullptr, view, ignored);
    ImGui::Render();
  }
  kpi_panel_ = drawn_window("KPIs");
  panel_rects_.clear();
  for (const Panel& panel : content_.panels) {
    if (const auto rect = drawn_window(panel.title.c_str())) {
      panel_rects_.emplace_back(panel.title, *rect);
    }
  }
}

std::optional<PanelRect> HeadlessDashboards::panel(std::string_view title) const {
  for (const auto& [name, rect] : panel_rects_) {
    if (name == title) return rect;
  }
  return std::nullopt;
}

void HeadlessDashboards::record(VkCommandBuffer cmd) const {
  CurrentContext current(imgui_);
  ImDrawData* draw_data = ImGui::GetDrawData();
  if (draw_data != nullptr) ImGui_ImplVulkan_RenderDrawData(draw_data, cmd);
}

}  // namespace citytwin::render
